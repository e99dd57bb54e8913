import GevinstCore
import GevinstTrends
import Testing

@Suite struct ControlChartTests {
    @Test func pointAboveTheUpperLimit() throws {
        // Mean 86/6; moving ranges 2, 1, 2, 3, 20 average 5.6; upper limit 86/6 + 2.66 · 5.6 ≈ 29.23.
        let chart = try #require(ControlChart(values: [10, 12, 11, 13, 10, 30]))
        #expect(abs(chart.centreLine - 86.0 / 6) < 1e-12)
        #expect(abs(chart.averageMovingRange - 5.6) < 1e-12)
        #expect(abs(chart.upperLimit - (86.0 / 6 + 14.896)) < 1e-12)
        #expect(abs(chart.lowerLimit - (86.0 / 6 - 14.896)) < 1e-12)
        #expect(chart.signals == [[], [], [], [], [], .outsideLimits])
    }

    @Test func sevenOnOneSideIsARunSixIsNot() throws {
        // Mean 66/14 ≈ 4.71: seven points below, six above, one below. Limits ≈ 0.62 and 8.81.
        let chart = try #require(ControlChart(values: [2, 3, 2, 3, 2, 3, 2, 7, 8, 7, 8, 7, 8, 4]))
        #expect(abs(chart.averageMovingRange - 20.0 / 13) < 1e-12)
        #expect(chart.signals == Array(repeating: .longRun, count: 7) + Array(repeating: [], count: 7))
    }

    @Test func aPointOnTheCentreLineBreaksARun() throws {
        // Mean exactly 5: four below, one on the line, three below, then seven above. Limits ≈ 1.96 and 8.04.
        let chart = try #require(ControlChart(values: [3, 4, 3, 4, 5, 3, 4, 3, 6, 7, 6, 7, 6, 7, 7]))
        #expect(chart.centreLine == 5)
        #expect(abs(chart.averageMovingRange - 16.0 / 14) < 1e-12)
        #expect(chart.signals == Array(repeating: [], count: 8) + Array(repeating: .longRun, count: 7))
    }

    @Test func aRunCanAlsoBeOutsideTheLimits() throws {
        // Mean 67/13 ≈ 5.15, average moving range 9/12: limits ≈ 3.16 and 7.15 leave every point outside.
        let chart = try #require(ControlChart(values: [1, 1, 1, 1, 1, 1, 1, 10, 10, 10, 10, 10, 10]))
        #expect(chart.signals == Array(repeating: [.longRun, .outsideLimits], count: 7)
            + Array(repeating: .outsideLimits, count: 6))
    }

    @Test func constantAndShortSeries() throws {
        let constant = try #require(ControlChart(values: Array(repeating: 2.5, count: 9)))
        #expect(constant.centreLine == 2.5 && constant.upperLimit == 2.5 && constant.lowerLimit == 2.5)
        #expect(constant.signals == Array(repeating: [], count: 9))
        #expect(ControlChart(values: [1]) == nil)
        #expect(ControlChart(values: []) == nil)
        let two = try #require(ControlChart(values: [1, 3]))
        #expect(two.centreLine == 2 && two.averageMovingRange == 2 && two.signals == [[], []])
    }
}
