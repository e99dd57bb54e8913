/// The values of one (indicator, org_unit) as stored in the warehouse, one `TimeSeries` per level.
///
/// Fill it while streaming the rows of one series — the levels may come interleaved, but within a
/// level the ordinals must increase (order the query by an ordinal per level) — then call
/// `SeriesAggregator.aggregate`. Call `removeAll()` before the next series to reuse the storage.
public struct StoredValues: Sendable, Equatable {
    public private(set) var months = TimeSeries(frequency: .month)
    public private(set) var quarters = TimeSeries(frequency: .quarter)
    public private(set) var years = TimeSeries(frequency: .year)

    public init() {}

    /// Adds a value stored directly at `frequency`.
    public mutating func append(_ frequency: PeriodKind, ordinal: Int, value: Double) {
        switch frequency {
        case .month: months.append(ordinal: ordinal, value: value)
        case .quarter: quarters.append(ordinal: ordinal, value: value)
        case .year: years.append(ordinal: ordinal, value: value)
        }
    }

    /// Empties all levels, keeping their storage.
    public mutating func removeAll() {
        months.removeAll(frequency: .month)
        quarters.removeAll(frequency: .quarter)
        years.removeAll(frequency: .year)
    }
}

/// A value stored at a level coarser than its series' frequency: not part of the series, to be
/// reported as a finding.
public struct StoredValue: Sendable, Equatable {
    public let frequency: PeriodKind
    public let ordinal: Int
    public let value: Double

    public init(frequency: PeriodKind, ordinal: Int, value: Double) {
        self.frequency = frequency
        self.ordinal = ordinal
        self.value = value
    }
}

/// Builds a series at its indicator's frequency from the values stored at every level (SPEC §6).
///
/// Steps up month → quarter → year. At each step the finer values of a period are aggregated
/// (partial periods as they are, so a quarter with one month is that month's aggregate), and a value
/// stored directly at the coarser level wins over the aggregate. `mean` is therefore a mean of means
/// when it steps twice. Periods without any value stay gaps. Holds scratch storage: reuse one
/// aggregator across series.
public struct SeriesAggregator: Sendable {
    private var fromBelow = TimeSeries(frequency: .quarter)

    public init() {}

    /// Writes the series at `frequency` into `series` (replacing its content) and returns the stored
    /// values coarser than `frequency`, which the series leaves out.
    public mutating func aggregate(_ stored: StoredValues, to frequency: PeriodKind, by aggregation: Aggregation,
                                   into series: inout TimeSeries) -> [StoredValue] {
        series.removeAll(frequency: .month)
        for (ordinal, value) in zip(stored.months.ordinals, stored.months.values) {
            series.append(ordinal: ordinal, value: value)
        }
        if frequency == .month {
            return Self.points(of: stored.quarters) + Self.points(of: stored.years)
        }
        Self.rollUp(series, to: .quarter, by: aggregation, into: &fromBelow)
        Self.merge(direct: stored.quarters, aggregated: fromBelow, into: &series)
        if frequency == .quarter {
            return Self.points(of: stored.years)
        }
        Self.rollUp(series, to: .year, by: aggregation, into: &fromBelow)
        Self.merge(direct: stored.years, aggregated: fromBelow, into: &series)
        return []
    }

    /// Aggregates each run of finer periods that fall in the same coarser period.
    private static func rollUp(_ finer: TimeSeries, to coarser: PeriodKind, by aggregation: Aggregation,
                               into result: inout TimeSeries) {
        result.removeAll(frequency: coarser)
        let ratio = finer.frequency.periodsPerYear / coarser.periodsPerYear
        let ordinals = finer.ordinals, values = finer.values
        var start = 0
        while start < ordinals.count {
            let period = ordinals[start] / ratio
            var end = start + 1
            var sum = values[start]
            while end < ordinals.count, ordinals[end] / ratio == period {
                sum += values[end]
                end += 1
            }
            let value = switch aggregation {
            case .sum: sum
            case .mean: sum / Double(end - start)
            case .last: values[end - 1]
            }
            result.append(ordinal: period, value: value)
            start = end
        }
    }

    /// The union of both series by ordinal; where both have a period, the directly stored value wins.
    private static func merge(direct: TimeSeries, aggregated: TimeSeries, into result: inout TimeSeries) {
        result.removeAll(frequency: direct.frequency)
        var d = 0, a = 0
        while d < direct.count || a < aggregated.count {
            let directOrdinal = d < direct.count ? direct.ordinals[d] : Int.max
            let aggregatedOrdinal = a < aggregated.count ? aggregated.ordinals[a] : Int.max
            if directOrdinal <= aggregatedOrdinal {
                result.append(ordinal: directOrdinal, value: direct.values[d])
                d += 1
                if directOrdinal == aggregatedOrdinal { a += 1 }
            } else {
                result.append(ordinal: aggregatedOrdinal, value: aggregated.values[a])
                a += 1
            }
        }
    }

    private static func points(of series: TimeSeries) -> [StoredValue] {
        zip(series.ordinals, series.values).map {
            StoredValue(frequency: series.frequency, ordinal: $0, value: $1)
        }
    }
}
