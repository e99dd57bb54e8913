import GevinstCore
import Testing
@testable import GevinstGains

@Suite struct QuarterWindowTests {
    @Test func growsAtEitherEndAndReadsEmptyOutside() {
        var window = QuarterWindow<Int64>(empty: 0)
        #expect(window.quarters == nil)
        window[10] += 5
        window[13] = 7
        window[8] += 1
        #expect(window.quarters == 8...13)
        #expect(window.values == [1, 0, 5, 0, 0, 7])
        #expect(window[7] == 0 && window[14] == 0)
    }
}

@Suite struct AssessmentTests {
    let q1 = Period.quarter(2025, 1).ordinal
    var assessment: Assessment { Assessment(asOf: q1 + 1, thresholds: Thresholds(green: 0.9, yellow: 0.7)) }

    func window<V>(_ empty: V, _ values: [Int: V]) -> QuarterWindow<V> {
        var window = QuarterWindow(empty: empty)
        for (quarter, value) in values { window[quarter] = value }
        return window
    }

    @Test func thresholdsAreInclusive() {
        #expect(assessment.status(rate: 0.9) == .green)
        #expect(assessment.status(rate: 0.8999) == .yellow)
        #expect(assessment.status(rate: 0.7) == .yellow)
        #expect(assessment.status(rate: 0.6999) == .red)
        #expect(assessment.status(rate: -1) == .red)
        #expect(assessment.status(rate: nil) == .none)
    }

    @Test func reportedWinsEvenWhenZeroAndNothingCountsAfterAsOf() {
        let rows = assessment.quarterRows(
            first: q1, last: q1 + 2,
            planned: window(nil, [q1: 100, q1 + 1: 100, q1 + 2: 100]),
            reported: window(nil, [q1: 0, q1 + 2: 500]),
            derived: window(nil, [q1: 90, q1 + 1: 95, q1 + 2: 100]), level: false)
        #expect(rows.map(\.realised) == [0, 95, nil])
        #expect(rows.map(\.source) == [.reported, .derived, .none])
        #expect(rows.map(\.derived) == [90, 95, nil])
        #expect(rows.map(\.reported) == [0, nil, nil])
        #expect(rows.map(\.cumulative) == [
            Cumulative(cumPlanned: 100, cumRealised: 0, deviation: -100, rate: 0, status: .red),
            Cumulative(cumPlanned: 200, cumRealised: 95, deviation: -105, rate: 0.475, status: .red),
            Cumulative(cumPlanned: 300, cumRealised: nil, deviation: nil, rate: nil, status: .future),
        ])
    }

    @Test func unknownRealisedCountsAsZeroAndZeroPlanHasNoRate() {
        let cumulative = assessment.cumulate(first: q1, planned: [0, 100], realised: [nil, 95])
        #expect(cumulative == [
            Cumulative(cumPlanned: 0, cumRealised: 0, deviation: 0, rate: nil, status: .none),
            Cumulative(cumPlanned: 100, cumRealised: 95, deviation: -5, rate: 0.95, status: .green),
        ])
    }

    /// A 3× cost overrun is red, never "green 300 %": no rate against a negative plan.
    @Test func negativePlansAreGreenOnlyWhenCostsStayWithinThePlan() {
        let cumulative = assessment.cumulate(first: q1, planned: [-100, 0], realised: [-300, 260])
        #expect(cumulative == [
            Cumulative(cumPlanned: -100, cumRealised: -300, deviation: -200, rate: nil, status: .red),
            Cumulative(cumPlanned: -100, cumRealised: -40, deviation: 60, rate: nil, status: .green),
        ])
    }

    /// Levels are not summed: the latest planned level (a quarter without plan row carries it, a
    /// plan of 0 sets 0) against the latest known realised level.
    @Test func levelsCompareTheLatestPlannedAndRealisedLevels() {
        let cumulative = assessment.cumulateLevels(first: q1 - 1, planned: [nil, 200, nil], realised: [nil, 150, nil])
        #expect(cumulative == [
            Cumulative(cumPlanned: 0, cumRealised: nil, deviation: nil, rate: nil, status: .none),
            Cumulative(cumPlanned: 200, cumRealised: 150, deviation: -50, rate: 0.75, status: .yellow),
            Cumulative(cumPlanned: 200, cumRealised: 150, deviation: -50, rate: 0.75, status: .yellow),
        ])
        let zero = assessment.cumulateLevels(first: q1, planned: [200, 0, 300], realised: [250, nil, nil])
        #expect(zero.map(\.status) == [.green, .none, .future])
        #expect(zero.map(\.cumPlanned) == [200, 0, 300])
    }

    @Test func levelYearsCarryTheLevelOverAndHaveNoForecast() throws {
        // 2024K4 … 2025K4 with as_of 2025K2; no plan row in 2025 before K4.
        let first = Period.quarter(2024, 4).ordinal
        let rows = assessment.quarterRows(first: first, last: first + 4, planned: window(nil, [first: 300, first + 4: 500]),
                                          reported: window(nil, [first: 240]), derived: window(nil, [first + 1: 330]), level: true)
        #expect(try #require(assessment.yearRows(rows, level: true)) == [
            YearRow(year: 2024, planned: 300, plannedToDate: 300, realisedToDate: 240, rate: 0.8, forecast: nil),
            YearRow(year: 2025, planned: 500, plannedToDate: 300, realisedToDate: 330, rate: 1.1, forecast: nil),
        ])
    }

    @Test func withoutAsOfEveryQuarterIsFuture() {
        let none = Assessment(asOf: nil, thresholds: .standard)
        #expect(none.cumulate(first: q1, planned: [100], realised: [100]).map(\.status) == [.future])
    }

    @Test func yearRowsForecastFromTheRateSoFar() throws {
        // 2024K4 … 2026K1, as_of 2025K2.
        let first = Period.quarter(2024, 4).ordinal
        let planned: [Int64] = [10, 100, 100, 101, 100, 7]
        let rows = assessment.quarterRows(first: first, last: first + 5,
                                          planned: window(nil, Dictionary(uniqueKeysWithValues: planned.enumerated().map { (first + $0, Optional($1)) })),
                                          reported: window(nil, [first: 4, first + 1: 50, first + 2: 75]),
                                          derived: window(nil, [:]), level: false)
        let years = try #require(assessment.yearRows(rows, level: false))
        #expect(years == [
            YearRow(year: 2024, planned: 10, plannedToDate: 10, realisedToDate: 4, rate: 0.4, forecast: 4),
            // 125 + 201 × 125/200 = 125 + 125.625 → 251
            YearRow(year: 2025, planned: 401, plannedToDate: 200, realisedToDate: 125, rate: 0.625, forecast: 251),
            // wholly after as_of: nothing to date, forecast = plan
            YearRow(year: 2026, planned: 7, plannedToDate: 0, realisedToDate: 0, rate: nil, forecast: 7),
        ])
    }

    @Test func forecastHalvesRoundAwayFromZero() throws {
        // realised 1 of planned 2 to date, 1 more planned: 1 + 1 × 0.5 = 1.5 → 2; negated → −2.
        let first = Period.quarter(2025, 1).ordinal
        for sign: Int64 in [1, -1] {
            let rows = assessment.quarterRows(first: first, last: first + 2,
                                              planned: window(nil, [first: 2 * sign, first + 2: sign]),
                                              reported: window(nil, [first: sign]), derived: window(nil, [:]), level: false)
            #expect(try #require(assessment.yearRows(rows, level: false)).first?.forecast == 2 * sign)
        }
    }
}

@Suite struct BinaryOrderTests {
    @Test func comparesUTF8BytesLikeSQLite() {
        let composed = "\u{E9}", decomposed = "e\u{301}"
        #expect(composed == decomposed)                     // Swift: canonically equal
        #expect(!composed.equalsInBinary(decomposed))       // SQLite: different keys
        #expect(decomposed.precedesInBinaryOrder(composed))
        #expect("Z".precedesInBinaryOrder("a"))
        #expect("a".precedesInBinaryOrder("ab"))
        #expect(GainType.inTableOrder == [.budget, .efficiency, .quality, .time])
        #expect(GainType.inTableOrder.map(\.tableIndex) == [0, 1, 2, 3])
    }

    @Test(arguments: GainType.allCases) func storedNamesAreTheRawValues(_ gainType: GainType) {
        #expect("\(gainType.storedName)" == gainType.rawValue)
    }
}
