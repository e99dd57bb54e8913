/// One value of a series at one period.
public struct PeriodValue: Sendable, Hashable {
    public var period: Period
    public var value: Double

    public init(_ period: Period, _ value: Double) {
        self.period = period
        self.value = value
    }
}

/// Builds a series at an indicator's frequency from values in any order and at any level — a
/// convenience over `SeriesAggregator` (which holds the rule of SPEC §6) for callers that have a
/// handful of values rather than a sorted stream.
public enum PeriodLadder {
    /// The series at `frequency`, sorted by period, and the periods of values stored at a level
    /// coarser than `frequency` (left out; the caller reports them).
    public static func aggregate(_ values: [PeriodValue], to frequency: PeriodKind, by aggregation: Aggregation)
        -> (series: [PeriodValue], coarser: [Period]) {
        var stored = StoredValues()
        for value in values.sorted(by: { ($0.period.kind, $0.period.ordinal) < ($1.period.kind, $1.period.ordinal) }) {
            stored.append(value.period.kind, ordinal: value.period.ordinal, value: value.value)
        }
        var aggregator = SeriesAggregator()
        var series = TimeSeries(frequency: frequency)
        let coarser = aggregator.aggregate(stored, to: frequency, by: aggregation, into: &series)
        return (zip(series.ordinals, series.values).map { PeriodValue(Period(kind: frequency, ordinal: $0), $1) },
                coarser.map { Period(kind: $0.frequency, ordinal: $0.ordinal) }.sorted())
    }
}
