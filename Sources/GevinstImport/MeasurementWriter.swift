import GRDB
import GevinstCore
import GevinstWarehouse

/// Upserts measurements of one file (SPEC §5): keyed by (indicator, org_unit, period); a second
/// row with the same key in the same file collapses when the value is equal and is rejected when
/// it differs; a newer file's value replaces an older one, which a trigger keeps in history.
/// Checks each period against the indicator's frequency and registers unknown indicators.
struct MeasurementWriter {
    let db: Database
    let fileID: Int64
    let source: String
    let file: String
    private var seriesIDs: [SeriesKey: Int64] = [:]
    /// Effective frequency of every indicator known before this file, and of those it registered.
    private var frequencies: [String: PeriodKind]
    /// Indicators no catalogue lists, with the coarsest period kind seen for them.
    private var registered: [String: PeriodKind]
    /// Registered indicators that this file names.
    private var registeredHere: Set<String> = []
    private let upsert: RawStatement
    private let lookup: Statement
    /// The last series written: consecutive rows mostly share it.
    private var lastSeries: (key: SeriesKey, id: Int64)?
    /// The last indicator checked and its frequency: a row of it at that kind or finer needs no check.
    private var lastIndicator: (name: String, frequency: PeriodKind)?
    private(set) var collapsed = 0

    private struct SeriesKey: Hashable {
        var indicator: String
        var orgUnit: String
    }

    init(db: Database, fileID: Int64, source: String, file: String) throws {
        self.db = db
        self.fileID = fileID
        self.source = source
        self.file = file
        var frequencies: [String: PeriodKind] = [:]
        var registered: [String: PeriodKind] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT s.indicator, s.frequency, s.in_catalogue, d.origin
            FROM indicator_settings AS s LEFT JOIN indicator_defaults AS d ON d.indicator = s.indicator
            """) {
            let frequency = PeriodKind(name: row[1] as String) ?? .quarter
            if !(row[2] as Bool), row[3] as String? == "measurements" {
                registered[row[0]] = frequency
            }
            frequencies[row[0]] = frequency
        }
        self.frequencies = frequencies
        self.registered = registered
        upsert = try RawStatement(db, sql: """
            INSERT INTO measurements (series_id, period, value, file_id) VALUES (?, ?, ?, ?)
            ON CONFLICT(series_id, period) DO UPDATE SET value = excluded.value, file_id = excluded.file_id
            WHERE measurements.file_id <> excluded.file_id
            """)
        lookup = try db.makeStatement(sql: "SELECT value FROM measurements WHERE series_id = ? AND period = ?")
    }

    /// Declares the defaults of indicators a SAF-T source feeds: sum, monthly. A catalogue entry's
    /// own values win through the `indicator_settings` view.
    mutating func declareLedgerIndicator(_ indicator: String) throws {
        try db.execute(sql: """
            INSERT INTO indicator_defaults (indicator, aggregation, frequency, origin) VALUES (?, 'sum', 'month', 'saft')
            ON CONFLICT(indicator) DO UPDATE SET aggregation = 'sum', frequency = 'month', origin = 'saft'
            """, arguments: [indicator])
        registered[indicator] = nil
        frequencies[indicator] = try String.fetchOne(db, sql: "SELECT frequency FROM indicator_settings WHERE indicator = ?",
                                                     arguments: [indicator]).flatMap { PeriodKind(name: $0) } ?? .month
    }

    /// Stores one measurement; returns a problem when the row must be rejected.
    mutating func write(_ row: MeasurementRow) throws -> RowProblem? {
        if let last = lastIndicator, last.name == row.indicator, row.period.kind <= last.frequency {
            // The common case: the same indicator as the row before, at a fine enough period.
        } else if let problem = checkFrequency(row) {
            return problem
        }
        let seriesID = try series(row.indicator, row.orgUnit)
        try upsert.bind(1, seriesID)
        try upsert.bind(2, Int64(row.period.code))
        try upsert.bind(3, row.value)
        try upsert.bind(4, fileID)
        try upsert.run()
        if db.changesCount == 0 {
            // Same key earlier in this file.
            lookup.setUncheckedArguments([seriesID, row.period.code])
            let earlier = try Double.fetchOne(lookup) ?? .nan
            if earlier == row.value {
                collapsed += 1
                return nil
            }
            return RowProblem(field: "value", reason: "\(row.indicator) \(row.orgUnit) \(row.period) appears earlier in this file with another value (\(earlier))")
        }
        return nil
    }

    /// Checks a row's period against its indicator's frequency, registering indicators no
    /// catalogue lists (their frequency is the coarsest period kind seen).
    private mutating func checkFrequency(_ row: MeasurementRow) -> RowProblem? {
        defer { lastIndicator = frequencies[row.indicator].map { (row.indicator, $0) } }
        if let frequency = frequencies[row.indicator] {
            if row.period.kind > frequency {
                if let seen = registered[row.indicator] {
                    // An indicator this import registered takes the coarsest period kind seen.
                    registered[row.indicator] = max(seen, row.period.kind)
                    frequencies[row.indicator] = max(seen, row.period.kind)
                } else {
                    return RowProblem(field: "period", reason: "\(row.period) is a \(row.period.kind.name), coarser than the \(frequency.name)ly frequency of \(row.indicator)")
                }
            }
        } else {
            registered[row.indicator] = row.period.kind
            frequencies[row.indicator] = row.period.kind
        }
        if registered[row.indicator] != nil, !registeredHere.contains(row.indicator) { registeredHere.insert(row.indicator) }
        return nil
    }

    private mutating func series(_ indicator: String, _ orgUnit: String) throws -> Int64 {
        if let last = lastSeries, last.key.indicator == indicator, last.key.orgUnit == orgUnit { return last.id }
        let key = SeriesKey(indicator: indicator, orgUnit: orgUnit)
        if let id = seriesIDs[key] {
            lastSeries = (key, id)
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO series (indicator, org_unit) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .execute(arguments: [indicator, orgUnit])
        let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM series WHERE indicator = ? AND org_unit = ?"),
                                    arguments: [indicator, orgUnit])!
        seriesIDs[key] = id
        lastSeries = (key, id)
        return id
    }

    /// Registers the indicators this file named that no catalogue lists, and returns a finding
    /// for each.
    func finish() throws -> [Finding] {
        var findings: [Finding] = []
        for indicator in registeredHere.sorted() {
            let frequency = registered[indicator]!
            try db.execute(sql: """
                INSERT INTO indicator_defaults (indicator, aggregation, frequency, origin) VALUES (?, 'mean', ?, 'measurements')
                ON CONFLICT(indicator) DO UPDATE SET frequency = CASE
                    WHEN origin = 'measurements' AND (CASE excluded.frequency WHEN 'year' THEN 2 WHEN 'quarter' THEN 1 ELSE 0 END)
                       > (CASE frequency WHEN 'year' THEN 2 WHEN 'quarter' THEN 1 ELSE 0 END)
                    THEN excluded.frequency ELSE frequency END
                """, arguments: [indicator, frequency.name])
            findings.append(Finding(.indicatorRegistered, source: source, file: file, indicator: indicator,
                                    details: ["frequency": frequency.name]))
        }
        return findings
    }
}
