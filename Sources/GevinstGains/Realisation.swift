import GevinstCore

/// Values over consecutive quarters (by ordinal), growing at either end as quarters arrive.
struct QuarterWindow<Value> {
    let empty: Value
    private(set) var first = 0
    private(set) var values: [Value] = []

    init(empty: Value) { self.empty = empty }

    var isEmpty: Bool { values.isEmpty }
    /// The last quarter held; only meaningful when not empty.
    var last: Int { first + values.count - 1 }

    /// The quarters held, nil when empty.
    var quarters: ClosedRange<Int>? { values.isEmpty ? nil : first...last }

    /// The value at `quarter`; `empty` outside the window. Setting a value widens the window.
    subscript(quarter: Int) -> Value {
        get { quarter >= first && quarter <= last ? values[quarter - first] : empty }
        set {
            extend(to: quarter)
            values[quarter - first] = newValue
        }
    }

    /// Widens the window so that it holds `quarter`.
    mutating func extend(to quarter: Int) {
        if values.isEmpty {
            first = quarter
            values = [empty]
        } else if quarter < first {
            values.insert(contentsOf: repeatElement(empty, count: first - quarter), at: 0)
            first = quarter
        } else if quarter > last {
            values.append(contentsOf: repeatElement(empty, count: quarter - last))
        }
    }
}

/// Where a quarter's realised figure came from (`realised_source`).
enum RealisedSource {
    case reported, derived, none

    /// The word the warehouse stores.
    var name: StaticString {
        switch self {
        case .reported: "reported"
        case .derived: "derived"
        case .none: "none"
        }
    }
}

/// The cumulative figures of one quarter; everything but `cumPlanned` is empty after as_of.
struct Cumulative: Equatable {
    var cumPlanned: Int64
    var cumRealised: Int64?
    var deviation: Int64?
    var rate: Double?
    var status: GainStatus
}

/// One row of `gains_quarterly`, without its key.
struct QuarterRow: Equatable {
    var quarter: Int
    var planned: Int64
    var realised: Int64?
    var source: RealisedSource
    var derived: Int64?
    var reported: Int64?
    var cumulative: Cumulative
}

/// One row of `gains_yearly`, without its key. `realisedToDate` is nil for a quality level not
/// known yet; `forecast` is nil for every quality level.
struct YearRow: Equatable {
    var year: Int
    var planned: Int64
    var plannedToDate: Int64
    var realisedToDate: Int64?
    var rate: Double?
    var forecast: Int64?
}

extension GainType {
    /// Whether the gain is a level (`quality`: an indicator's improvement at a moment, which adds
    /// up neither over quarters nor across initiatives) rather than a flow (an amount per quarter).
    var isLevel: Bool { self == .quality }
}

/// The rules of SPEC §7 that turn quarterly planned and realised figures into cumulative figures,
/// traffic lights and yearly forecasts. Quarters are ordinals (`4 × year + quarter − 1`).
struct Assessment {
    /// The last quarter assessed; nil when there is nothing to assess yet.
    let asOf: Int?
    let thresholds: Thresholds

    /// Whether a quarter is at or before as_of; later quarters are `future`.
    func isAssessed(_ quarter: Int) -> Bool {
        guard let asOf else { return false }
        return quarter <= asOf
    }

    /// `green` at or above the green threshold, `yellow` at or above the yellow one, `red` below;
    /// `none` without a rate.
    func status(rate: Double?) -> GainStatus {
        guard let rate else { return .none }
        if rate >= thresholds.green { return .green }
        return rate >= thresholds.yellow ? .yellow : .red
    }

    /// The quarter rows of one (initiative, gain type) from `first` to `last`; `planned` is nil in
    /// a quarter without plan rows. Finance's reported figure wins over the derived one; both are
    /// ignored after as_of. A level's cumulative figures are its latest levels, a flow's its sums.
    func quarterRows(first: Int, last: Int, planned: QuarterWindow<Int64?>, reported: QuarterWindow<Int64?>,
                     derived: QuarterWindow<Int64?>, level: Bool) -> [QuarterRow] {
        let quarters = Array(first...last)
        let plannedValues = quarters.map { planned[$0] }
        let reportedValues = quarters.map { isAssessed($0) ? reported[$0] : nil }
        let derivedValues = quarters.map { isAssessed($0) ? derived[$0] : nil }
        let realised = quarters.indices.map { reportedValues[$0] ?? derivedValues[$0] }
        let cumulative = level ? cumulateLevels(first: first, planned: plannedValues, realised: realised)
            : cumulate(first: first, planned: plannedValues.map { $0 ?? 0 }, realised: realised)
        return quarters.indices.map { i in
            let source: RealisedSource = reportedValues[i] != nil ? .reported : derivedValues[i] != nil ? .derived : .none
            return QuarterRow(quarter: quarters[i], planned: plannedValues[i] ?? 0, realised: realised[i], source: source,
                              derived: derivedValues[i], reported: reportedValues[i], cumulative: cumulative[i])
        }
    }

    /// Cumulative figures of consecutive quarters from `first`; a nil realised figure is unknown
    /// and counts as 0.
    func cumulate(first: Int, planned: [Int64], realised: [Int64?]) -> [Cumulative] {
        var cumPlanned: Int64 = 0, cumRealised: Int64 = 0
        return planned.indices.map { i in
            cumPlanned += planned[i]
            guard isAssessed(first + i) else { return future(cumPlanned) }
            cumRealised += realised[i] ?? 0
            return assessed(cumPlanned, cumRealised)
        }
    }

    /// Cumulative figures of a level from `first`: the planned level of the latest quarter with a
    /// plan row (nil `planned`: none; 0 before the first) against the latest known realised level.
    func cumulateLevels(first: Int, planned: [Int64?], realised: [Int64?]) -> [Cumulative] {
        var level: Int64 = 0, realisedLevel: Int64?
        return planned.indices.map { i in
            if let planned = planned[i] { level = planned }
            guard isAssessed(first + i) else { return future(level) }
            if let realised = realised[i] { realisedLevel = realised }
            return assessed(level, realisedLevel)
        }
    }

    /// One row for every year the quarter rows touch. Nil when a forecast does not fit 64 bits.
    func yearRows(_ rows: [QuarterRow], level: Bool) -> [YearRow]? {
        guard let firstQuarter = rows.first?.quarter, let lastQuarter = rows.last?.quarter else { return [] }
        var result: [YearRow] = []
        for year in (firstQuarter / 4)...(lastQuarter / 4) {
            let inYear = rows[(max(firstQuarter, 4 * year) - firstQuarter)...(min(lastQuarter, 4 * year + 3) - firstQuarter)]
            if level {
                result.append(levelYear(year, inYear))
                continue
            }
            var planned: Int64 = 0, plannedToDate: Int64 = 0, realisedToDate: Int64 = 0
            for row in inYear {
                planned += row.planned
                if isAssessed(row.quarter) {
                    plannedToDate += row.planned
                    realisedToDate += row.realised ?? 0
                }
            }
            // forecast = realised_ytd + (planned − planned_ytd) × (rate_ytd, or 1 without one)
            let remaining = planned - plannedToDate
            guard let expected = plannedToDate == 0 ? remaining : roundedProduct(remaining, realisedToDate, dividedBy: plannedToDate)
            else { return nil }
            let (forecast, overflow) = realisedToDate.addingReportingOverflow(expected)
            guard !overflow else { return nil }
            result.append(YearRow(year: year, planned: planned, plannedToDate: plannedToDate, realisedToDate: realisedToDate,
                                  rate: plannedToDate > 0 ? Double(realisedToDate) / Double(plannedToDate) : nil,
                                  forecast: forecast))
        }
        return result
    }

    /// A level's year: planned is the level at the year's last row, the figures to date the levels
    /// at its last row at or before as_of (carried over from an earlier year); no forecast.
    private func levelYear(_ year: Int, _ rows: ArraySlice<QuarterRow>) -> YearRow {
        var plannedToDate: Int64 = 0, realisedToDate: Int64? = isAssessed(4 * year) ? nil : 0
        if let toDate = rows.last(where: { isAssessed($0.quarter) })?.cumulative {
            (plannedToDate, realisedToDate) = (toDate.cumPlanned, toDate.cumRealised)
        }
        let rate = plannedToDate > 0 ? realisedToDate.map { Double($0) / Double(plannedToDate) } : nil
        return YearRow(year: year, planned: rows.last!.cumulative.cumPlanned, plannedToDate: plannedToDate,
                       realisedToDate: realisedToDate, rate: rate, forecast: nil)
    }

    private func future(_ cumPlanned: Int64) -> Cumulative {
        Cumulative(cumPlanned: cumPlanned, cumRealised: nil, deviation: nil, rate: nil, status: .future)
    }

    /// A rate only against a positive plan; against a negative one (planned costs) green when the
    /// costs are no higher than planned, red otherwise. Without a realised figure, status `none`.
    private func assessed(_ cumPlanned: Int64, _ cumRealised: Int64?) -> Cumulative {
        guard let cumRealised else {
            return Cumulative(cumPlanned: cumPlanned, cumRealised: nil, deviation: nil, rate: nil, status: .none)
        }
        let deviation = cumRealised - cumPlanned
        let rate = cumPlanned > 0 ? Double(cumRealised) / Double(cumPlanned) : nil
        return Cumulative(cumPlanned: cumPlanned, cumRealised: cumRealised, deviation: deviation, rate: rate,
                          status: cumPlanned < 0 ? (deviation >= 0 ? .green : .red) : status(rate: rate))
    }
}
