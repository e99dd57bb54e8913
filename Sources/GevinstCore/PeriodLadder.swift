/// One value of a series at one period.
public struct PeriodValue: Sendable, Hashable {
    public var period: Period
    public var value: Double

    public init(_ period: Period, _ value: Double) {
        self.period = period
        self.value = value
    }
}

/// Builds a series at an indicator's frequency from values stored at any level (SPEC §6):
/// months combine into quarters and quarters into years by the indicator's aggregation; at each
/// step a value stored directly at that level wins over one aggregated from below. Partial
/// periods are used as they are; gaps stay gaps.
public enum PeriodLadder {
    /// The series at `frequency`, sorted by period, and the periods of values stored at a level
    /// coarser than `frequency` (left out; the caller reports them).
    public static func aggregate(_ values: [PeriodValue], to frequency: PeriodKind, by aggregation: Aggregation)
        -> (series: [PeriodValue], coarser: [Period]) {
        var byKind: [PeriodKind: [PeriodValue]] = [:]
        var coarser: [Period] = []
        for value in values {
            if value.period.kind > frequency { coarser.append(value.period) } else { byKind[value.period.kind, default: []].append(value) }
        }
        var level = (byKind[.month] ?? []).sorted { $0.period.ordinal < $1.period.ordinal }
        var kind = PeriodKind.month
        while kind < frequency {
            let next = PeriodKind(rawValue: kind.rawValue + 1)!
            let combined = combine(level, into: next, by: aggregation)
            let direct = byKind[next] ?? []
            let directPeriods = Set(direct.map(\.period))
            level = (direct + combined.filter { !directPeriods.contains($0.period) }).sorted { $0.period.ordinal < $1.period.ordinal }
            kind = next
        }
        return (level, coarser.sorted())
    }

    /// Combines values sorted by period into the coarser kind.
    static func combine(_ sorted: [PeriodValue], into kind: PeriodKind, by aggregation: Aggregation) -> [PeriodValue] {
        var result: [PeriodValue] = []
        var index = 0
        while index < sorted.count {
            let target = sorted[index].period.containing(kind)
            var sum = 0.0, count = 0, last = 0.0
            while index < sorted.count, sorted[index].period.containing(kind) == target {
                sum += sorted[index].value
                last = sorted[index].value
                count += 1
                index += 1
            }
            switch aggregation {
            case .sum: result.append(PeriodValue(target, sum))
            case .mean: result.append(PeriodValue(target, sum / Double(count)))
            case .last: result.append(PeriodValue(target, last))
            }
        }
        return result
    }
}
