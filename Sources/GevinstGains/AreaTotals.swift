import GevinstCore

/// One row of `gains_by_area`, without its key.
struct AreaRow {
    var quarter: Int
    var planned: Int64
    /// The sum of the known realised figures; nil when none is known.
    var realised: Int64?
    var cumulative: Cumulative
}

/// Sums of planned and known realised figures per (area, gain type) and quarter, over the
/// initiatives of each area and, under `Area.all`, over all initiatives.
struct AreaTotals {
    struct Key: Hashable {
        var area: String
        var gainType: GainType
    }

    private struct Sums {
        var planned = QuarterWindow<Int64>(empty: 0)
        var realised = QuarterWindow<Int64?>(empty: nil)

        mutating func add(_ rows: [QuarterRow]) {
            guard let first = rows.first?.quarter, let last = rows.last?.quarter else { return }
            planned.extend(to: first)
            planned.extend(to: last)
            for row in rows {
                planned[row.quarter] += row.planned
                if let realised = row.realised {
                    self.realised[row.quarter] = (self.realised[row.quarter] ?? 0) + realised
                }
            }
        }
    }

    private var sums: [Key: Sums] = [:]

    /// Adds one (initiative, gain type)'s rows to its area's totals and to the total of all areas.
    mutating func add(_ rows: [QuarterRow], area: String, gainType: GainType) {
        sums[Key(area: area, gainType: gainType), default: Sums()].add(rows)
        sums[Key(area: Area.all, gainType: gainType), default: Sums()].add(rows)
    }

    /// The rows of every (area, gain type) from its first to its last quarter, in table key order.
    func rows(_ assessment: Assessment) -> [(key: Key, rows: [AreaRow])] {
        let keys = sums.keys.sorted {
            $0.area.equalsInBinary($1.area)
                ? $0.gainType.rawValue.precedesInBinaryOrder($1.gainType.rawValue)
                : $0.area.precedesInBinaryOrder($1.area)
        }
        return keys.map { key in
            let window = sums[key]!
            let first = window.planned.first, planned = window.planned.values
            let realised = planned.indices.map { window.realised[first + $0] }
            let cumulative = assessment.cumulate(first: first, planned: planned, realised: realised)
            return (key, planned.indices.map {
                AreaRow(quarter: first + $0, planned: planned[$0], realised: realised[$0], cumulative: cumulative[$0])
            })
        }
    }
}
