import GRDB

/// Versions of a file (SPEC §5): a file is its source and its path relative to root. The
/// measurements an earlier version stored and no current file holds any more leave
/// `measurements` for `measurement_history`, so that the warehouse holds what the current files say.
enum FileVersions {
    /// The ids of the current versions of `path` in `source`, which a new version is about to supersede.
    static func current(source: String, path: String, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM files WHERE source = ? AND path = ? AND current = 1", arguments: [source, path])
    }

    /// Removes the measurements the files `superseded` still hold (the new version did not store
    /// those keys) into history, `removedBy` naming the file that removed them (0 for `forget`).
    /// A key another current file stored gets that file's value back. Returns the keys removed.
    @discardableResult
    static func removeMeasurements(of superseded: [Int64], removedBy: Int64, _ db: Database) throws -> Int {
        guard !superseded.isEmpty else { return 0 }
        let ids = superseded.map(String.init).joined(separator: ", ")
        let historyBefore = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) FROM measurement_history") ?? 0
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS superseded_keys (series_id INTEGER, period INTEGER, PRIMARY KEY (series_id, period)) WITHOUT ROWID")
        try db.execute(sql: "DELETE FROM temp.superseded_keys")
        try db.execute(sql: "INSERT INTO temp.superseded_keys SELECT series_id, period FROM measurements WHERE file_id IN (\(ids))")
        let removed = db.changesCount
        guard removed > 0 else { return 0 }
        try db.execute(sql: "DELETE FROM measurements WHERE file_id IN (\(ids))")
        try db.execute(sql: "UPDATE measurement_history SET replaced_by_file_id = ? WHERE rowid > ?", arguments: [removedBy, historyBefore])
        // The value another current file stored for a removed key: the latest one a newer import replaced.
        try db.execute(sql: """
            INSERT INTO measurements (series_id, period, value, file_id)
            SELECT k.series_id, k.period, h.value, h.file_id
            FROM temp.superseded_keys AS k JOIN measurement_history AS h ON h.rowid = (
                SELECT MAX(o.rowid) FROM measurement_history AS o JOIN files AS f ON f.id = o.file_id AND f.current = 1
                WHERE o.series_id = k.series_id AND o.period = k.period AND o.file_id NOT IN (\(ids)))
            """)
        try db.execute(sql: "DELETE FROM temp.superseded_keys")
        return removed
    }
}
