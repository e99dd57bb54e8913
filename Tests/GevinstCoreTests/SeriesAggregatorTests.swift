import GevinstCore

import Testing

@Suite struct SeriesAggregatorTests {
    private func month(_ year: Int, _ month: Int) -> Int { 12 * year + month - 1 }
    private func quarter(_ year: Int, _ quarter: Int) -> Int { 4 * year + quarter - 1 }

    private func aggregate(_ stored: StoredValues, to frequency: PeriodKind,
                           by aggregation: Aggregation) -> (TimeSeries, [StoredValue]) {
        var aggregator = SeriesAggregator()
        var series = TimeSeries(frequency: .year)
        let coarser = aggregator.aggregate(stored, to: frequency, by: aggregation, into: &series)
        return (series, coarser)
    }

    /// 2024M01 1, M02 2, M03 3 (full K1), M05 10 (K2 partial), M10 5 (K4 partial); K3 has nothing.
    private var months2024: StoredValues {
        var stored = StoredValues()
        for (m, value) in [(1, 1.0), (2, 2.0), (3, 3.0), (5, 10.0), (10, 5.0)] {
            stored.append(.month, ordinal: month(2024, m), value: value)
        }
        return stored
    }

    @Test(arguments: [(Aggregation.sum, [6.0, 10, 5]), (.mean, [2, 10, 5]), (.last, [3, 10, 5])])
    func monthsMakeQuartersWithGapsKept(_ aggregation: Aggregation, _ expected: [Double]) {
        let (series, coarser) = aggregate(months2024, to: .quarter, by: aggregation)
        #expect(series == TimeSeries(frequency: .quarter, ordinals: [quarter(2024, 1), quarter(2024, 2), quarter(2024, 4)],
                                     values: expected))
        #expect(coarser.isEmpty)
    }

    @Test func aQuarterStoredDirectlyWins() {
        var stored = months2024
        stored.append(.quarter, ordinal: quarter(2024, 1), value: 100)
        stored.append(.quarter, ordinal: quarter(2024, 3), value: 7)
        let (series, _) = aggregate(stored, to: .quarter, by: .sum)
        #expect(series.ordinals == [1, 2, 3, 4].map { quarter(2024, $0) })
        #expect(series.values == [100, 10, 7, 5])
    }

    /// 2023: only M12 4. 2024: K1 1 and K2 2 stored as quarters. 2025: stored year 50 and M01 9.
    private var mixedLevels: StoredValues {
        var stored = StoredValues()
        stored.append(.month, ordinal: month(2023, 12), value: 4)
        stored.append(.quarter, ordinal: quarter(2024, 1), value: 1)
        stored.append(.quarter, ordinal: quarter(2024, 2), value: 2)
        stored.append(.year, ordinal: 2025, value: 50)
        stored.append(.month, ordinal: month(2025, 1), value: 9)
        return stored
    }

    @Test(arguments: [(Aggregation.sum, [4.0, 3, 50]), (.mean, [4, 1.5, 50]), (.last, [4, 2, 50])])
    func yearsAreBuiltStepByStep(_ aggregation: Aggregation, _ expected: [Double]) {
        let (series, coarser) = aggregate(mixedLevels, to: .year, by: aggregation)
        #expect(series == TimeSeries(frequency: .year, ordinals: [2023, 2024, 2025], values: expected))
        #expect(coarser.isEmpty)
    }

    @Test func yearlyMeanIsTheMeanOfQuarterMeans() {
        var stored = StoredValues()
        stored.append(.month, ordinal: month(2024, 1), value: 1)
        stored.append(.month, ordinal: month(2024, 2), value: 3)
        stored.append(.month, ordinal: month(2024, 4), value: 10)
        let (series, _) = aggregate(stored, to: .year, by: .mean)
        #expect(series.values == [6])  // K1 2, K2 10; the mean of the three months would be 14/3
    }

    @Test func coarserValuesAreLeftOutAndReturned() {
        let (monthly, leftOut) = aggregate(mixedLevels, to: .month, by: .sum)
        #expect(monthly == TimeSeries(frequency: .month, ordinals: [month(2023, 12), month(2025, 1)], values: [4, 9]))
        #expect(leftOut == [
            StoredValue(frequency: .quarter, ordinal: quarter(2024, 1), value: 1),
            StoredValue(frequency: .quarter, ordinal: quarter(2024, 2), value: 2),
            StoredValue(frequency: .year, ordinal: 2025, value: 50),
        ])
        let (quarterly, yearLeftOut) = aggregate(mixedLevels, to: .quarter, by: .sum)
        #expect(quarterly.ordinals == [quarter(2023, 4), quarter(2024, 1), quarter(2024, 2), quarter(2025, 1)])
        #expect(quarterly.values == [4, 1, 2, 9])
        #expect(yearLeftOut == [StoredValue(frequency: .year, ordinal: 2025, value: 50)])
    }

    @Test func buffersAreReusedAcrossSeries() {
        var stored = mixedLevels
        var aggregator = SeriesAggregator()
        var series = TimeSeries(frequency: .month)
        _ = aggregator.aggregate(stored, to: .year, by: .sum, into: &series)
        stored.removeAll()
        #expect(stored == StoredValues())
        stored.append(.quarter, ordinal: quarter(2020, 3), value: 8)
        #expect(aggregator.aggregate(stored, to: .year, by: .sum, into: &series).isEmpty)
        #expect(series == TimeSeries(frequency: .year, ordinals: [2020], values: [8]))
        stored.removeAll()
        #expect(aggregator.aggregate(stored, to: .quarter, by: .mean, into: &series).isEmpty)
        #expect(series == TimeSeries(frequency: .quarter))
    }
}
