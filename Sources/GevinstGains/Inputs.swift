import GRDB
import GevinstWarehouse
import GevinstCore

/// An initiative of the register and the area its gains are totalled under (empty without one).
struct RegisteredInitiative {
    var initiative: String
    var area: String

    /// The register in key order.
    static func readAll(_ db: Database) throws -> [RegisteredInitiative] {
        try InitiativesTable.areas(db).map { RegisteredInitiative(initiative: $0.initiative, area: $0.area) }
    }
}

/// Why a link yields no derived gain; it is left out with a finding.
enum LinkDefect {
    /// The indicator is not in the catalogue (`unknown_indicator`).
    case unknownIndicator
    /// A neutral indicator has no better direction (`link_refused`).
    case neutralIndicator
    /// A yearly indicator has no quarter values (`link_refused`).
    case yearlyIndicator
}

/// A row of `gain_links`, with its indicator's settings and series.
struct GainLink {
    var initiative: String
    var indicator: String
    var orgUnit: String
    var gainType: GainType
    var baseline: Double
    var factor: Double
    /// The link's own start quarter (ordinal), when it has one.
    var start: Int?
    /// Nil when the indicator is not in the catalogue.
    var settings: IndicatorSettings?
    /// The series of (indicator, org_unit), nil when nothing was ever measured for it.
    var seriesID: Int64?
    /// The first quarter the link counts from: its own start, else its initiative's first planned
    /// quarter; nil (from the first value on) when it has neither. Set when the initiative is computed.
    var effectiveStart: Int?

    var defect: LinkDefect? {
        guard let settings else { return .unknownIndicator }
        if settings.polarity == .neutral { return .neutralIndicator }
        return settings.frequency == .year ? .yearlyIndicator : nil
    }

    /// How much better the value is than the baseline, by the indicator's polarity.
    func improvement(_ value: Double) -> Double {
        settings?.polarity == .lowerIsBetter ? baseline - value : value - baseline
    }

    var key: GainsError.Link {
        GainsError.Link(initiative: initiative, indicator: indicator, orgUnit: orgUnit, gainType: gainType.rawValue)
    }

    /// Every link in key order of (initiative, gain type, indicator, org_unit). A link's series is
    /// the indicator's series for the same unit, whichever code of it the measurements use: under
    /// the link's code, else under the first code of `OrgUnitCodes.codes(ofUnitOf:)` that has one.
    static func readAll(_ db: Database) throws -> [GainLink] {
        typealias Link = GainLinksTable.Column
        typealias Setting = IndicatorSettingsView.Column
        let units = try OrgUnitCodes(db)
        let cursor = try GainLinksTable.withSeriesAndSettings(db)
        var links: [GainLink] = []
        while let row = try cursor.next() {
            let key = GainsError.Link(initiative: row[Link.initiative], indicator: row[Link.indicator], orgUnit: row[Link.orgUnit],
                                      gainType: row[Link.gainType])
            guard let gainType = GainType(rawValue: key.gainType) else {
                throw GainsError(.data, "the gain type '\(key.gainType)' is not one of \(GainType.acceptedNames)", link: key)
            }
            var start: Int?
            if let code = row[Link.start] as Int? {
                guard let period = Period(code: code), period.kind == .quarter else {
                    throw GainsError(.data, "the start \(code) is not a quarter", link: key)
                }
                start = period.ordinal
            }
            var settings: IndicatorSettings?
            if row[Setting.inCatalogue] as Bool? == true {
                let polarity: String = row[Setting.polarity], aggregation: String = row[Setting.aggregation]
                let frequency: String = row[Setting.frequency]
                guard let p = Polarity(rawValue: polarity), let a = Aggregation(rawValue: aggregation),
                      let f = PeriodKind(name: frequency) else {
                    throw GainsError(.data, "the indicator has polarity '\(polarity)', aggregation '\(aggregation)' "
                                     + "and frequency '\(frequency)', which are not all known values", link: key)
                }
                settings = IndicatorSettings(polarity: p, aggregation: a, frequency: f, target: nil)
            }
            let baseline: Double = row[Link.baseline], factor: Double = row[Link.factor]
            guard baseline.isFinite, factor.isFinite else {
                throw GainsError(.data, "the baseline \(baseline) or factor \(factor) is not a finite number", link: key)
            }
            var seriesID: Int64? = row[MeasurementsTable.Column.seriesID]
            for code in units.codes(ofUnitOf: key.orgUnit) where seriesID == nil && code != key.orgUnit {
                seriesID = try SeriesTable.id(indicator: key.indicator, orgUnit: code, db)
            }
            links.append(GainLink(initiative: key.initiative, indicator: key.indicator, orgUnit: key.orgUnit, gainType: gainType,
                                  baseline: baseline, factor: factor, start: start, settings: settings, seriesID: seriesID))
        }
        return links
    }
}

/// The quarter values of the series that usable links name.
struct SeriesQuarters {
    /// Every kept series' quarter values one after another, in series order then quarter order: two
    /// flat arrays (12 bytes a value) instead of an array of `PeriodValue` per series (24 bytes a
    /// value and an allocation per series), for the 20 000 linked series of a large municipality.
    private var ordinals: [Int32] = []
    private var values: [Double] = []
    /// Where each kept series' values are in `ordinals` and `values`.
    private var ranges: [Int64: Range<Int>] = [:]

    /// The sorted quarter values of a series: months combined by the indicator's aggregation, a
    /// value stored at quarter level winning (SPEC §6, `PeriodLadder`); nil when the series has no
    /// measurement or is not kept.
    func values(of id: Int64?) -> QuarterValues? {
        guard let id, let range = ranges[id] else { return nil }
        return QuarterValues(ordinals: ordinals, values: values, startIndex: range.lowerBound, endIndex: range.upperBound)
    }

    /// Reads the measurements of the series in `aggregations` and no others, a seek by series id
    /// each, in key order: without links nothing is read.
    static func read(_ db: Database, aggregations: [Int64: Aggregation]) throws -> SeriesQuarters {
        var result = SeriesQuarters()
        let cursor = try TableCursor<MeasurementsTable>.oneSeries(db)
        var values: [PeriodValue] = []
        var order = MeasurementKeyOrder()
        for (id, aggregation) in aggregations.sorted(by: { $0.key < $1.key }) {
            try cursor.restart(binding: id)
            values.removeAll(keepingCapacity: true)
            while try cursor.step() {
                values.append(PeriodValue(try cursor.period(series: id, &order, db), cursor.double(.value)))
            }
            guard !values.isEmpty else { continue }
            let start = result.values.count
            for value in PeriodLadder.aggregate(values, to: .quarter, by: aggregation).series {
                guard let ordinal = Int32(exactly: value.period.ordinal) else {
                    throw GainsError(.data, "series \(id) has a measurement for \(value.period), too far from year 0")
                }
                result.ordinals.append(ordinal)
                result.values.append(value.value)
            }
            result.ranges[id] = start..<result.values.count
        }
        return result
    }
}

/// One series' quarter values in `SeriesQuarters`' flat arrays, as `PeriodValue`s of quarters.
struct QuarterValues: RandomAccessCollection {
    fileprivate let ordinals: [Int32]
    fileprivate let values: [Double]
    let startIndex: Int
    let endIndex: Int

    /// A series without values.
    static let empty = QuarterValues(ordinals: [], values: [], startIndex: 0, endIndex: 0)

    subscript(position: Int) -> PeriodValue {
        PeriodValue(Period(kind: .quarter, ordinal: Int(ordinals[position])), values[position])
    }
}

/// Reads `gain_plans` or `gains_reported` in key order, one row ahead, for the merge by initiative.
/// Consecutive rows of one initiative share its `String`.
struct AmountReader<T: AmountTable> {
    private let cursor: TableCursor<T>
    /// The shared columns, looked up once rather than on every row.
    private let initiative = T.Column.initiative, gainType = T.Column.gainType, period = T.period, amount = T.Column.amount
    private(set) var head: AmountRow?
    /// Whether the head row has the initiative of the row before it.
    private var headContinues = false

    init(_ db: Database) throws {
        cursor = try TableCursor(db, "ORDER BY \(T.keyOrder)")
        try advance()
    }

    /// The rows of `initiative`, which must not sort after the current row.
    mutating func take(_ initiative: String) throws -> [AmountRow] {
        guard let first = head, first.initiative.equalsInBinary(initiative) else { return [] }
        var rows = [first]
        try advance()
        while let row = head, headContinues {
            rows.append(row)
            try advance()
        }
        return rows
    }

    private mutating func advance() throws {
        guard try cursor.step() else {
            head = nil
            return
        }
        headContinues = head.map { cursor.text(initiative, equals: $0.initiative) } ?? false
        let name = headContinues ? head!.initiative : cursor.text(initiative)
        let code = cursor.int(period)
        guard let type = head.flatMap({ cursor.text(gainType, equals: $0.gainType.rawValue) ? $0.gainType : nil })
                ?? GainType.allCases.first(where: { cursor.text(gainType, equals: $0.rawValue) }) else {
            throw GainsError(.data, "\(T.name) has the gain type '\(cursor.text(gainType))', not one of \(GainType.acceptedNames)",
                             initiative: name)
        }
        guard let parsed = Period(code: code) else {
            throw GainsError(.data, "\(T.name) has the period code \(code), which is no period", initiative: name)
        }
        head = AmountRow(initiative: name, gainType: type, period: parsed, amount: cursor.int64(amount))
    }
}

/// The names closest to a link's org unit or indicator that do have measurements, for a link
/// whose series has none (a misspelt `Heimeteneste` for `heimeteneste-nord`). The work is bounded.
enum NearbyNames {
    /// Links that get names; candidates compared; characters of each name compared.
    static let linkLimit = 20, candidateLimit = 10_000, lengthLimit = 64

    /// `closest_org_units` among the org units measured for the link's indicator, or, when it has
    /// none, `closest_indicators` among the measured indicators; nil when none comes close.
    static func closest(to link: GainLink, _ db: Database) throws -> (key: String, names: String)? {
        let orgUnits = try SeriesTable.measuredOrgUnits(indicator: link.indicator, limit: candidateLimit, db)
        if !orgUnits.isEmpty {
            return closest(link.orgUnit, orgUnits).map { ("closest_org_units", $0.joined(separator: ", ")) }
        }
        let indicators = try SeriesTable.measuredIndicators(limit: candidateLimit, db)
        return closest(link.indicator, indicators).map { ("closest_indicators", $0.joined(separator: ", ")) }
    }

    /// Up to three of `candidates` (distinct, in binary order) close to `name`, closest first:
    /// ignoring case, one is a prefix of the other, or at most a third of the name's characters
    /// (at least one) must change. Nil when none is close.
    static func closest(_ name: String, _ candidates: [String]) -> [String]? {
        func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.lowercased().unicodeScalars.prefix(lengthLimit)) }
        let wanted = scalars(name), limit = max(1, wanted.count / 3)
        var scored: [(score: Int, order: Int, name: String)] = []
        for (order, candidate) in candidates.enumerated() {
            let other = scalars(candidate)
            let score = other.starts(with: wanted) || wanted.starts(with: other) ? 0 : distance(wanted, other, limit: limit)
            if score <= limit { scored.append((score, order, candidate)) }
        }
        guard !scored.isEmpty else { return nil }
        return scored.sorted { ($0.score, $0.order) < ($1.score, $1.order) }.prefix(3).map(\.name)
    }

    /// Levenshtein distance; `limit + 1` at once when the lengths alone differ by more than `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        var row = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, y) in b.enumerated() {
                let next = min(row[j + 1] + 1, row[j] + 1, diagonal + (x == y ? 0 : 1))
                diagonal = row[j + 1]
                row[j + 1] = next
            }
        }
        return row[b.count]
    }
}
