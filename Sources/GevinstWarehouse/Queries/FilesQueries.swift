public import GRDB

// The file records: versions of a path, the current files of a source, their counts.
extension FilesTable {
    /// The ids of the current versions of `path` in `source`, which a new version (or `forget`)
    /// is about to supersede.
    public static func currentVersions(source: String, path: String, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT \(Column.id.quoted) FROM \(name)
            WHERE \(Column.source.quoted) = ? AND \(Column.path.quoted) = ? AND \(Column.current.quoted) = 1
            """, arguments: [source, path])
    }

    /// Marks the files of `source` (at `path` only, when given) as no longer current.
    public static func retire(source: String, path: String? = nil, _ db: Database) throws {
        if let path {
            try update(db, set: [.current: 0], where: [.source: source, .path: path])
        } else {
            try update(db, set: [.current: 0], where: [.source: source])
        }
    }

    /// Whether `source` has a current file of this content.
    public static func isCurrent(source: String, sha256: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM \(name)
                           WHERE \(Column.source.quoted) = ? AND \(Column.sha256.quoted) = ? AND \(Column.current.quoted) = 1)
            """, arguments: [source, sha256]) ?? false
    }

    /// `(SELECT source FROM files WHERE id = <fileID>)`: the source of the file whose id the SQL
    /// expression `fileID` gives, for a clause that compares two rows' sources.
    public static func source(ofFile fileID: String) -> String {
        "(SELECT \(Column.source.quoted) FROM \(name) WHERE \(Column.id.quoted) = \(fileID))"
    }

    /// The current files of `source` as (path, SHA-256).
    public static func currentContents(source: String, _ db: Database) throws -> [(path: String, sha256: String)] {
        try Row.fetchAll(db, sql: """
            SELECT \(Column.path.quoted), \(Column.sha256.quoted) FROM \(name)
            WHERE \(Column.source.quoted) = ? AND \(Column.current.quoted) = 1
            """, arguments: [source]).map { ($0[Column.path], $0[Column.sha256]) }
    }

    /// Whether a current file of `source` holds data rows.
    public static func hasCurrentRows(source: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM \(name) WHERE \(Column.source.quoted) = ? AND \(Column.current.quoted) = 1
                           AND \(Column.rowsRead.quoted) > 0)
            """, arguments: [source]) ?? false
    }

    /// The rows a file read.
    public static func rowsRead(file: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT \(Column.rowsRead.quoted) FROM \(name) WHERE \(Column.id.quoted) = ?", arguments: [file]) ?? 0
    }

    /// Per source with current files: how many, and when the latest was imported.
    public static func currentBySource(_ db: Database) throws -> [(source: String, files: Int, lastImported: String)] {
        try Row.fetchAll(db, sql: """
            SELECT \(Column.source.quoted), COUNT(*), MAX(\(Column.importedAt.quoted)) FROM \(name)
            WHERE \(Column.current.quoted) = 1 GROUP BY \(Column.source.quoted) ORDER BY \(Column.source.quoted)
            """).map { ($0[0], $0[1], $0[2]) }
    }
}

extension RejectsTable {
    /// `FROM rejects AS r JOIN files …`: the current files' rejects (as `r`), in the order of `rejects.csv`.
    public static let currentClause: String = {
        typealias File = FilesTable.Column
        let order: [Column] = [.source, .file, .line, .column, .field, .reason, .text]
        return """
            FROM \(name) AS r JOIN \(FilesTable.name) AS f ON f.\(File.id.quoted) = r.\(Column.fileID.quoted)
            WHERE f.\(File.current.quoted) = 1
            ORDER BY \(order.map { "r.\($0.quoted)" }.joined(separator: ", "))
            """
    }()

    /// The number of the current files' rejects.
    public static func currentCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) \(currentClause)") ?? 0
    }

    /// The first `limit` of the current files' rejects, every column.
    public static func current(limit: Int, _ db: Database) throws -> [Row] {
        try Row.fetchAll(db, sql: "SELECT \(columnList("r")) \(currentClause) LIMIT ?", arguments: [limit])
    }
}

extension FindingsTable {
    /// The warning findings that are current (of compute stages, or of current files), and how
    /// many of them are `file_failed`.
    public static func currentWarnings(_ db: Database) throws -> (warnings: Int, failedFiles: Int) {
        typealias File = FilesTable.Column
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*), COALESCE(SUM(f.\(Column.kind.quoted) = 'file_failed'), 0)
            FROM \(name) AS f LEFT JOIN \(FilesTable.name) AS fi ON fi.\(File.id.quoted) = f.\(Column.fileID.quoted)
            WHERE (f.\(Column.fileID.quoted) IS NULL OR fi.\(File.current.quoted) = 1) AND f.\(Column.severity.quoted) = 'warning'
            """)
        return (row?[0] ?? 0, row?[1] ?? 0)
    }
}

extension RunsTable {
    /// Marks every run still `running` as `interrupted`: called holding the lock, when no run can be.
    public static func markInterrupted(_ db: Database) throws {
        try update(db, set: [.outcome: "interrupted"], where: [.outcome: "running"])
    }
}
