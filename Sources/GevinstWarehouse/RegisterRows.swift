public import GRDB

extension RegisterTable {
    /// Removes the rows that the files `fileIDs` stored into `register_history`, `removedBy`
    /// naming the file whose import removed them (0 for `forget`). Returns the rows removed.
    @discardableResult
    public static func removeRows(storedBy fileIDs: [Int64], removedBy: Int64, _ db: Database) throws -> Int {
        guard !fileIDs.isEmpty else { return 0 }
        typealias History = RegisterHistoryTable.Column
        let files = fileIDs.map(String.init).joined(separator: ", ")
        let fields = Column.allCases.filter { $0 != .fileID }.map { "'\($0.rawValue)', \($0.quoted)" }.joined(separator: ", ")
        try db.execute(sql: """
            INSERT INTO \(RegisterHistoryTable.name) (\([History.register, .fields, .fileID, .replacedByFileID].map(\.quoted).joined(separator: ", ")))
            SELECT ?, json_object(\(fields)), \(Column.fileID.quoted), ? FROM \(name) WHERE \(Column.fileID.quoted) IN (\(files))
            """, arguments: [name, removedBy])
        try db.execute(sql: "DELETE FROM \(name) WHERE \(Column.fileID.quoted) IN (\(files))")
        return db.changesCount
    }

    /// Removes every row that files of `source` stored, without history: in mode `replace` the
    /// source's new files are the whole register.
    public static func deleteRows(ofSource source: String, _ db: Database) throws {
        typealias File = FilesTable.Column
        try db.execute(sql: """
            DELETE FROM \(name) WHERE \(Column.fileID.quoted) IN (SELECT \(File.id.quoted) FROM \(FilesTable.name) WHERE \(File.source.quoted) = ?)
            """, arguments: [source])
    }
}
