import GRDB
import GevinstWarehouse
import GevinstCore

/// An initiative of the register and the area its gains are totalled under (empty without one).
struct RegisteredInitiative {
    var initiative: String
    var area: String

    /// The register in key order.
    static func readAll(_ db: Database) throws -> [RegisteredInitiative] {
        try Row.fetchAll(db, sql: "SELECT initiative, COALESCE(area, '') FROM initiatives ORDER BY initiative").map {
            RegisteredInitiative(initiative: $0[0], area: $0[1])
        }
    }
}

/// What the stage needs of an indicator in the catalogue.
struct IndicatorSettings {
    var polarity: Polarity
    var aggregation: Aggregation
    var frequency: PeriodKind
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

    /// Every link in key order of (initiative, gain type, indicator, org_unit).
    static func readAll(_ db: Database) throws -> [GainLink] {
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT l.initiative, l.indicator, l.org_unit, l.gain_type, l.baseline, l.factor, l.start,
                   s.id, st.polarity, st.aggregation, st.frequency, st.in_catalogue
            FROM gain_links AS l
            LEFT JOIN series AS s ON s.indicator = l.indicator AND s.org_unit = l.org_unit
            LEFT JOIN indicator_settings AS st ON st.indicator = l.indicator
            ORDER BY l.initiative, l.gain_type, l.indicator, l.org_unit
            """)
        var links: [GainLink] = []
        while let row = try cursor.next() {
            let key = GainsError.Link(initiative: row[0], indicator: row[1], orgUnit: row[2], gainType: row[3])
            guard let gainType = GainType(rawValue: key.gainType) else {
                throw GainsError(.data, "the gain type '\(key.gainType)' is not one of \(GainType.acceptedNames)", link: key)
            }
            var start: Int?
            if let code = row[6] as Int? {
                guard let period = Period(code: code), period.kind == .quarter else {
                    throw GainsError(.data, "the start \(code) is not a quarter", link: key)
                }
                start = period.ordinal
            }
            var settings: IndicatorSettings?
            if row[11] as Bool? == true {
                let polarity: String = row[8], aggregation: String = row[9], frequency: String = row[10]
                guard let p = Polarity(rawValue: polarity), let a = Aggregation(rawValue: aggregation),
                      let f = PeriodKind(name: frequency) else {
                    throw GainsError(.data, "the indicator has polarity '\(polarity)', aggregation '\(aggregation)' "
                                     + "and frequency '\(frequency)', which are not all known values", link: key)
                }
                settings = IndicatorSettings(polarity: p, aggregation: a, frequency: f)
            }
            let baseline: Double = row[4], factor: Double = row[5]
            guard baseline.isFinite, factor.isFinite else {
                throw GainsError(.data, "the baseline \(baseline) or factor \(factor) is not a finite number", link: key)
            }
            links.append(GainLink(initiative: key.initiative, indicator: key.indicator, orgUnit: key.orgUnit, gainType: gainType,
                                  baseline: baseline, factor: factor, start: start, settings: settings, seriesID: row[7]))
        }
        return links
    }
}

/// The quarter values of the series that usable links name, and the latest quarter holding any
/// measurement at all (for `as_of: auto`).
struct SeriesQuarters {
    /// Sorted quarter values by series id: months combined by the indicator's aggregation, a value
    /// stored at quarter level winning (SPEC §6, `PeriodLadder`).
    private(set) var bySeries: [Int64: [PeriodValue]] = [:]
    /// The latest quarter (ordinal) holding a measurement: a month counts in its quarter, a year in
    /// its fourth quarter.
    private(set) var latestQuarter: Int?

    /// Reads every measurement once, in key order, keeping the values of the series in `aggregations`.
    static func read(_ db: Database, aggregations: [Int64: Aggregation]) throws -> SeriesQuarters {
        var result = SeriesQuarters()
        let cursor = try RawStatement(db, sql: "SELECT series_id, period, value FROM measurements ORDER BY series_id, period")
        var current: (id: Int64, aggregation: Aggregation?)?
        var values: [PeriodValue] = []
        func finish() {
            guard let current, let aggregation = current.aggregation else { return }
            result.bySeries[current.id] = PeriodLadder.aggregate(values, to: .quarter, by: aggregation).series
            values.removeAll(keepingCapacity: true)
        }
        var latest = Int.min
        var order = MeasurementKeyOrder()
        while try cursor.step() {
            let id = cursor.int64(0), code = cursor.int(1)
            try order.check(series: id, period: code, db)
            guard let period = Period(code: code) else {
                throw GainsError(.data, "series \(id) has a measurement with the period code \(code), which is no period")
            }
            latest = max(latest, period.kind == .year ? 4 * period.year + 3 : period.containing(.quarter).ordinal)
            if current?.id != id {
                finish()
                current = (id, aggregations[id])
            }
            if current?.aggregation != nil { values.append(PeriodValue(period, cursor.double(2))) }
        }
        finish()
        result.latestQuarter = latest == Int.min ? nil : latest
        return result
    }
}

/// One row of `gain_plans` or `gains_reported`.
struct AmountRow {
    var initiative: String
    var gainType: GainType
    var period: Period
    /// Hundredths of the gain type's unit (øre for NOK).
    var amount: Int64
}

/// Reads `gain_plans` or `gains_reported` in key order, one row ahead, for the merge by initiative.
/// Consecutive rows of one initiative share its `String`.
struct AmountReader {
    private let cursor: RawStatement
    private let table: String
    private(set) var head: AmountRow?
    /// Whether the head row has the initiative of the row before it.
    private var headContinues = false

    init(_ db: Database, table: String, periodColumn: String) throws {
        cursor = try RawStatement(db, sql: """
            SELECT initiative, gain_type, \(periodColumn), amount FROM \(table) ORDER BY initiative, gain_type, \(periodColumn)
            """)
        self.table = table
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
        headContinues = head.map { cursor.text(0, equals: $0.initiative) } ?? false
        let initiative = headContinues ? head!.initiative : cursor.text(0)
        let code = cursor.int(2)
        guard let gainType = head.flatMap({ cursor.text(1, equals: $0.gainType.rawValue) ? $0.gainType : nil })
                ?? GainType.allCases.first(where: { cursor.text(1, equals: $0.rawValue) }) else {
            throw GainsError(.data, "\(table) has the gain type '\(cursor.text(1))', not one of \(GainType.acceptedNames)",
                             initiative: initiative)
        }
        guard let period = Period(code: code) else {
            throw GainsError(.data, "\(table) has the period code \(code), which is no period", initiative: initiative)
        }
        head = AmountRow(initiative: initiative, gainType: gainType, period: period, amount: cursor.int64(3))
    }
}
