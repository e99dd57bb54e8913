public import GRDB

extension MeasurementsTable {
    /// Removes the measurements the files `superseded` still hold (a new version did not store
    /// those keys, or `forget` removes the path) into `measurement_history`, `removedBy` naming the
    /// file that removed them (0 for `forget`), and their `file_series` pairs. A key another current
    /// file stored gets that file's value back: the latest one a newer import replaced. Returns the
    /// keys removed.
    @discardableResult
    public static func removeRows(storedBy superseded: [Int64], removedBy: Int64, _ db: Database) throws -> Int {
        guard !superseded.isEmpty else { return 0 }
        typealias History = MeasurementHistoryTable.Column
        typealias File = FilesTable.Column
        typealias Pair = FileSeriesTable.Column
        let ids = superseded.map(String.init).joined(separator: ", ")
        let (series, period, value, file) = (Column.seriesID.quoted, Column.period.quoted, Column.value.quoted, Column.fileID.quoted)
        let history = MeasurementHistoryTable.name
        // The rows of the files: their series' ranges of the table, through the files' pairs.
        let stored = """
            \(series) IN (SELECT \(Pair.seriesID.quoted) FROM \(FileSeriesTable.name) WHERE \(Pair.fileID.quoted) IN (\(ids)))
            AND \(file) IN (\(ids))
            """
        let historyBefore = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) FROM \(history)") ?? 0
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS superseded_keys (\(series) INTEGER, \(period) INTEGER, PRIMARY KEY (\(series), \(period))) WITHOUT ROWID
            """)
        try db.execute(sql: "DELETE FROM temp.superseded_keys")
        try db.execute(sql: "INSERT INTO temp.superseded_keys SELECT \(series), \(period) FROM \(name) WHERE \(stored)")
        let removed = db.changesCount
        if removed > 0 { try db.execute(sql: "DELETE FROM \(name) WHERE \(stored)") }
        try db.execute(sql: "DELETE FROM \(FileSeriesTable.name) WHERE \(Pair.fileID.quoted) IN (\(ids))")
        guard removed > 0 else { return 0 }
        try db.execute(sql: "UPDATE \(history) SET \(History.replacedByFileID.quoted) = ? WHERE rowid > ?", arguments: [removedBy, historyBefore])
        try db.execute(sql: """
            INSERT INTO \(name) (\(series), \(period), \(value), \(file))
            SELECT k.\(series), k.\(period), h.\(History.value.quoted), h.\(History.fileID.quoted)
            FROM temp.superseded_keys AS k JOIN \(history) AS h ON h.rowid = (
                SELECT MAX(o.rowid) FROM \(history) AS o
                JOIN \(FilesTable.name) AS f ON f.\(File.id.quoted) = o.\(History.fileID.quoted) AND f.\(File.current.quoted) = 1
                WHERE o.\(History.seriesID.quoted) = k.\(series) AND o.\(History.period.quoted) = k.\(period)
                AND o.\(History.fileID.quoted) NOT IN (\(ids)))
            """)
        // A value given back is its file's again: so is the pair.
        try db.execute(sql: """
            INSERT INTO \(FileSeriesTable.name) (\(Pair.fileID.quoted), \(Pair.seriesID.quoted))
            SELECT DISTINCT m.\(file), m.\(series) FROM temp.superseded_keys AS k
            JOIN \(name) AS m ON m.\(series) = k.\(series) AND m.\(period) = k.\(period)
            WHERE true ON CONFLICT DO NOTHING
            """)
        try db.execute(sql: "DELETE FROM temp.superseded_keys")
        return removed
    }
}

extension SeriesTable {
    /// Up to `limit` org units, in binary order, of the series of `indicator` that hold measurements.
    public static func measuredOrgUnits(indicator: String, limit: Int, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT s.\(Column.orgUnit.quoted) FROM \(name) AS s WHERE s.\(Column.indicator.quoted) = ? AND \(measured)
            ORDER BY s.\(Column.orgUnit.quoted) LIMIT ?
            """, arguments: [indicator, limit])
    }

    /// Up to `limit` indicators, in binary order, that some series with measurements has.
    public static func measuredIndicators(limit: Int, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT DISTINCT s.\(Column.indicator.quoted) FROM \(name) AS s WHERE \(measured) ORDER BY s.\(Column.indicator.quoted) LIMIT ?
            """, arguments: [limit])
    }

    /// The series `s` holds a measurement.
    private static var measured: String {
        typealias Measurement = MeasurementsTable.Column
        return "EXISTS (SELECT 1 FROM \(MeasurementsTable.name) AS m WHERE m.\(Measurement.seriesID.quoted) = s.\(Column.id.quoted))"
    }

    /// The id of the series of `indicator` for `orgUnit`; nil when there is none.
    public static func id(indicator: String, orgUnit: String, _ db: Database) throws -> Int64? {
        let statement = try db.cachedStatement(sql: "SELECT \(Column.id.quoted) FROM \(name) WHERE \(Column.indicator.quoted) = ? AND \(Column.orgUnit.quoted) = ?")
        return try Int64.fetchOne(statement, arguments: [indicator, orgUnit])
    }
}

extension IndicatorSettingsView {
    /// Every indicator's effective frequency (stored word), whether a catalogue lists it, and the
    /// origin of its defaults (nil without any).
    public static func frequencies(_ db: Database) throws -> [(indicator: String, frequency: String, inCatalogue: Bool, origin: String?)] {
        typealias Defaults = IndicatorDefaultsTable.Column
        return try Row.fetchAll(db, sql: """
            SELECT s.\(Column.indicator.quoted), s.\(Column.frequency.quoted), s.\(Column.inCatalogue.quoted), d.\(Defaults.origin.quoted)
            FROM \(name) AS s LEFT JOIN \(IndicatorDefaultsTable.name) AS d ON d.\(Defaults.indicator.quoted) = s.\(Column.indicator.quoted)
            """).map { ($0[0], $0[1], $0[2], $0[3]) }
    }

    /// The effective frequency (stored word) of `indicator`; nil when the warehouse does not know it.
    public static func frequency(of indicator: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT \(Column.frequency.quoted) FROM \(name) WHERE \(Column.indicator.quoted) = ?", arguments: [indicator])
    }
}

extension IndicatorDefaultsTable {
    /// Declares the defaults of an indicator an accounting source feeds: aggregation sum, `origin`
    /// the format, and `frequency` (stored word), which keeps the coarser of the stored and the new
    /// one while the origin stays the same.
    public static func declareSum(indicator: String, frequency: String, origin: String, _ db: Database) throws {
        let (aggregation, stored, from) = (Column.aggregation.quoted, Column.frequency.quoted, Column.origin.quoted)
        let rank = { (column: String) in "(CASE \(column) WHEN 'year' THEN 2 WHEN 'quarter' THEN 1 ELSE 0 END)" }
        try db.execute(sql: """
            \(insertSQL([.indicator, .aggregation, .frequency, .origin]))
            ON CONFLICT(\(keyOrder)) DO UPDATE SET \(aggregation) = excluded.\(aggregation), \(from) = excluded.\(from), \(stored) = CASE
                WHEN \(from) = excluded.\(from) AND \(rank(stored)) > \(rank("excluded.\(stored)")) THEN \(stored) ELSE excluded.\(stored) END
            """, arguments: [indicator, "sum", frequency, origin])
    }
}

extension MeasurementsTable {
    /// `INSERT INTO measurements … VALUES (?, ?, ?, <fileID>), … <upsert>` for `rows` rows, each
    /// binding series id, period and value; the file id is a constant of the statement (one bind
    /// fewer a row). A key the file `fileID` already holds keeps its value: the writer checks it.
    public static func upsertSQL(rows: Int, fileID: Int64) -> String {
        let columns = [Column.seriesID, .period, .value, .fileID].map(\.quoted).joined(separator: ", ")
        let row = "(?, ?, ?, \(fileID))"
        return "INSERT INTO \(name) (\(columns)) VALUES \(Array(repeating: row, count: rows).joined(separator: ", ")) "
            + upsert([.value, .fileID]) + " WHERE \(name).\(Column.fileID.quoted) <> excluded.\(Column.fileID.quoted)"
    }

    /// `SELECT value` of one key, binding series id and period (a writer's prepared lookup).
    public static let valueSQL =
        "SELECT \(Column.value.quoted) FROM \(name) WHERE \(Column.seriesID.quoted) = ? AND \(Column.period.quoted) = ?"

    /// The measurements `file` stored, each as (series id, period code, indicator, org unit).
    public static func keys(storedBy file: Int64, _ db: Database) throws
        -> [(seriesID: Int64, period: Int64, indicator: String, orgUnit: String)] {
        typealias Series = SeriesTable.Column
        typealias Pair = FileSeriesTable.Column
        return try Row.fetchAll(db, sql: """
            SELECT m.\(Column.seriesID.quoted), m.\(Column.period.quoted), s.\(Series.indicator.quoted), s.\(Series.orgUnit.quoted)
            FROM \(FileSeriesTable.name) AS p
            JOIN \(name) AS m ON m.\(Column.seriesID.quoted) = p.\(Pair.seriesID.quoted) AND m.\(Column.fileID.quoted) = p.\(Pair.fileID.quoted)
            JOIN \(SeriesTable.name) AS s ON s.\(Series.id.quoted) = m.\(Column.seriesID.quoted)
            WHERE p.\(Pair.fileID.quoted) = ?
            """, arguments: [file]).map { ($0[0], $0[1], $0[2], $0[3]) }
    }

    /// Stores one value of the series (indicator, org unit), creating the series if new, with the
    /// pair (file, series); a value the key held is replaced (and kept in history by the trigger).
    public static func upsert(indicator: String, orgUnit: String, period: Int, value: Double, file: Int64, _ db: Database) throws {
        typealias Series = SeriesTable.Column
        typealias Pair = FileSeriesTable.Column
        try SeriesTable.insert(db, [.indicator: indicator, .orgUnit: orgUnit], conflict: "ON CONFLICT DO NOTHING")
        let series = "FROM \(SeriesTable.name) WHERE \(Series.indicator.quoted) = ? AND \(Series.orgUnit.quoted) = ?"
        try db.execute(sql: """
            INSERT INTO \(name) (\([Column.seriesID, .period, .value, .fileID].map(\.quoted).joined(separator: ", ")))
            SELECT \(Series.id.quoted), ?, ?, ? \(series)
            \(upsert([.value, .fileID]))
            """, arguments: [period, value, file, indicator, orgUnit])
        try db.execute(sql: """
            INSERT INTO \(FileSeriesTable.name) (\(Pair.fileID.quoted), \(Pair.seriesID.quoted)) SELECT ?, \(Series.id.quoted) \(series)
            ON CONFLICT DO NOTHING
            """, arguments: [file, indicator, orgUnit])
    }
}

extension FileSeriesTable {
    /// `INSERT INTO file_series … VALUES (<fileID>, ?)`, binding a series id; a pair already
    /// recorded stays (a writer's prepared statement).
    public static func insertSQL(fileID: Int64) -> String {
        "INSERT INTO \(name) (\(Column.fileID.quoted), \(Column.seriesID.quoted)) VALUES (\(fileID), ?) ON CONFLICT DO NOTHING"
    }
}

extension SeriesTable {
    /// `SELECT id` of the series (indicator, org unit), binding both (a writer's prepared lookup).
    public static let idSQL =
        "SELECT \(Column.id.quoted) FROM \(name) WHERE \(Column.indicator.quoted) = ? AND \(Column.orgUnit.quoted) = ?"
}
