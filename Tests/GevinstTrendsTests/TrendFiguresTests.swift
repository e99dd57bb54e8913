import GevinstCore
import Foundation
import GevinstTrends
import Testing

/// `Fixtures/trend_expected.json`, written by `Fixtures/make_expected.py` from numpy and scipy.
struct ExpectedSeries: Decodable, Sendable, CustomTestStringConvertible {
    struct Test: Decodable, Sendable {
        let s: Int
        let var_s: Double
        let tau: Double
        let z: Double
        let p: Double
    }

    struct Chart: Decodable, Sendable {
        let centre: Double
        let average_moving_range: Double
        let upper: Double
        let lower: Double
        let outside: [Bool]
        let run: [Bool]
    }

    struct Figures: Decodable, Sendable {
        let n: Int
        let first_ordinal: Int?
        let last_ordinal: Int?
        let last_value: Double?
        let mean: Double?
        let median: Double?
        let stdev: Double?
        let min: Double?
        let max: Double?
        let change_prev: Double?
        let change_yoy: Double?
        let ols_slope: Double?
        let r_squared: Double?
        let sen_slope: Double?
        let mk: Test?
        let trend: String?
        let assessment: String
        let seasonal_sen_slope: Double?
        let seasonal_mk: Test?
        let target_gap: Double?
        let control_chart: Chart?
    }

    let name: String
    let frequency: String
    let ordinals: [Int]
    let values: [Double]
    let polarity: String
    let target: Double?
    let expected: Figures

    var testDescription: String { name }

    static func all() throws -> [ExpectedSeries] {
        struct Document: Decodable { let series: [ExpectedSeries] }
        return try JSONDecoder().decode(Document.self, from: fixtureData("trend_expected.json")).series
    }
}

@Suite struct TrendFiguresTests {
    @Test func fixtureCoversTheCases() throws {
        let all = try ExpectedSeries.all()
        #expect(all.count >= 50)
        #expect(Set(all.map(\.frequency)) == ["year", "quarter", "month"])
        #expect(all.contains { $0.expected.n < 3 })
        #expect(all.contains { $0.expected.seasonal_mk != nil })
        #expect(all.contains { $0.expected.r_squared == nil && $0.expected.n >= 3 })
    }

    @Test(arguments: try ExpectedSeries.all())
    func figuresMatchNumpyAndScipy(_ series: ExpectedSeries) throws {
        let frequency = try #require(PeriodKind(name: series.frequency))
        let polarity = try #require(Polarity(rawValue: series.polarity))
        var calculator = TrendCalculator()
        let figures = calculator.figures(of: TimeSeries(frequency: frequency, ordinals: series.ordinals,
                                                        values: series.values),
                                         polarity: polarity, target: series.target)
        let e = series.expected
        #expect(figures.count == e.n)
        #expect(figures.firstOrdinal == e.first_ordinal)
        #expect(figures.lastOrdinal == e.last_ordinal)
        expectClose(figures.lastValue, e.last_value, "last_value")
        expectClose(figures.mean, e.mean, "mean")
        expectClose(figures.median, e.median, "median")
        expectClose(figures.standardDeviation, e.stdev, "stdev")
        expectClose(figures.minimum, e.min, "min")
        expectClose(figures.maximum, e.max, "max")
        expectClose(figures.changeFromPrevious, e.change_prev, "change_prev")
        expectClose(figures.changeYearOnYear, e.change_yoy, "change_yoy")
        expectClose(figures.olsSlope, e.ols_slope, "ols_slope")
        expectClose(figures.rSquared, e.r_squared, "r_squared")
        expectClose(figures.senSlope, e.sen_slope, "sen_slope")
        expectTest(figures.mannKendall, e.mk, "mk")
        #expect(figures.trend?.rawValue == e.trend)
        #expect(figures.assessment.rawValue == e.assessment)
        expectClose(figures.seasonalSenSlope, e.seasonal_sen_slope, "seasonal_sen_slope")
        expectTest(figures.seasonalMannKendall, e.seasonal_mk, "seasonal_mk")
        expectClose(figures.targetGap, e.target_gap, "target_gap")
        #expect(!figures.exceedsPairwiseLimit)

        let chart = ControlChart(values: series.values)
        #expect((chart == nil) == (e.control_chart == nil))
        if let chart, let expected = e.control_chart {
            expectClose(chart.centreLine, expected.centre, "centre line")
            expectClose(chart.averageMovingRange, expected.average_moving_range, "average moving range")
            expectClose(chart.upperLimit, expected.upper, "upper limit")
            expectClose(chart.lowerLimit, expected.lower, "lower limit")
            #expect(chart.signals.map { $0.contains(.outsideLimits) } == expected.outside)
            #expect(chart.signals.map { $0.contains(.longRun) } == expected.run)
        }
    }

    private func expectTest(_ actual: MannKendall?, _ expected: ExpectedSeries.Test?, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect((actual == nil) == (expected == nil), "\(what) defined", sourceLocation: sourceLocation)
        guard let actual, let expected else { return }
        #expect(actual.s == expected.s, "\(what) S", sourceLocation: sourceLocation)
        expectClose(actual.varianceS, expected.var_s, "\(what) Var(S)", sourceLocation: sourceLocation)
        expectClose(actual.tau, expected.tau, "\(what) tau", sourceLocation: sourceLocation)
        expectClose(actual.z, expected.z, "\(what) Z", sourceLocation: sourceLocation)
        expectClose(actual.p, expected.p, "\(what) p", sourceLocation: sourceLocation)
    }

    @Test func oneCalculatorServesManySeries() throws {
        // Scratch reuse must not leak state: a long series, then a short one, gives the short one's figures.
        let all = try ExpectedSeries.all()
        let longest = try #require(all.max { $0.values.count < $1.values.count })
        let shortest = try #require(all.first { $0.values.count == 3 })
        var reused = TrendCalculator()
        for series in [longest, shortest] {
            let timeSeries = TimeSeries(frequency: PeriodKind(name: series.frequency)!,
                                        ordinals: series.ordinals, values: series.values)
            var fresh = TrendCalculator()
            #expect(reused.figures(of: timeSeries, polarity: .neutral)
                == fresh.figures(of: timeSeries, polarity: .neutral))
        }
    }

    @Test func pairwiseFiguresStopAtTheLimit() {
        var calculator = TrendCalculator()
        func figures(count n: Int) -> TrendFigures {
            calculator.figures(of: TimeSeries(frequency: .month, ordinals: Array(0 ..< n),
                                              values: (0 ..< n).map { Double($0 % 17) }),
                               polarity: .higherIsBetter)
        }
        let atLimit = figures(count: TrendCalculator.pairwiseLimit)
        #expect(!atLimit.exceedsPairwiseLimit)
        #expect(atLimit.senSlope != nil && atLimit.mannKendall != nil && atLimit.seasonalMannKendall != nil)
        let beyond = figures(count: TrendCalculator.pairwiseLimit + 1)
        #expect(beyond.exceedsPairwiseLimit)
        #expect(beyond.senSlope == nil && beyond.mannKendall == nil && beyond.trend == nil)
        #expect(beyond.seasonalSenSlope == nil && beyond.seasonalMannKendall == nil)
        #expect(beyond.assessment == .notApplicable)
        #expect(beyond.olsSlope != nil && beyond.median == 8)
    }

    @Test func trendAndAssessmentFollowPolarity() {
        let rising = TimeSeries(frequency: .year, ordinals: Array(2010 ..< 2020), values: (0 ..< 10).map(Double.init))
        var calculator = TrendCalculator()
        #expect(calculator.figures(of: rising, polarity: .higherIsBetter).assessment == .improving)
        #expect(calculator.figures(of: rising, polarity: .lowerIsBetter).assessment == .worsening)
        #expect(calculator.figures(of: rising, polarity: .neutral).assessment == .notApplicable)
        #expect(calculator.figures(of: rising, polarity: .neutral).trend == .increasing)
        let flat = TimeSeries(frequency: .year, ordinals: Array(2010 ..< 2020), values: [3, 1, 3, 1, 3, 1, 3, 1, 3, 1])
        #expect(calculator.figures(of: flat, polarity: .lowerIsBetter).assessment == .stable)
        let short = TimeSeries(frequency: .year, ordinals: [2010, 2011], values: [1, 2])
        #expect(calculator.figures(of: short, polarity: .lowerIsBetter).assessment == .notApplicable)
        #expect(calculator.figures(of: short, polarity: .lowerIsBetter).trend == nil)
    }
}
