public import GRDB

// Statements every table offers, so that no stage spells a statement for a whole table.
extension WarehouseTable {
    /// Empties the table (a stage replacing its output in its transaction).
    public static func deleteAll(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM \(name)")
    }

    /// The number of rows.
    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(name)") ?? 0
    }
}

extension WarehouseTable {
    /// Deletes the rows whose columns equal the values given.
    public static func delete(_ db: Database, where values: KeyValuePairs<Column, (any DatabaseValueConvertible)?>) throws {
        try db.execute(sql: "DELETE FROM \(name) WHERE \(conditions(values.map(\.key)))", arguments: StatementArguments(values.map(\.value)))
    }

    /// Sets columns of the rows whose columns equal the values of `where`.
    public static func update(_ db: Database, set values: KeyValuePairs<Column, (any DatabaseValueConvertible)?>,
                              where keys: KeyValuePairs<Column, (any DatabaseValueConvertible)?>) throws {
        try db.execute(sql: """
            UPDATE \(name) SET \(values.map { "\($0.key.quoted) = ?" }.joined(separator: ", ")) WHERE \(conditions(keys.map(\.key)))
            """, arguments: StatementArguments(values.map(\.value) + keys.map(\.value)))
    }

    /// `SELECT <expressions> FROM <table> ORDER BY <key>`, or `SELECT <expressions> <clause>` when
    /// a clause (its own `FROM …`) is given: for exports of some columns or expressions of them.
    public static func select(_ expressions: [String], clause: String? = nil) -> String {
        "SELECT \(expressions.joined(separator: ", ")) " + (clause ?? "FROM \(name) ORDER BY \(keyOrder)")
    }

    private static func conditions(_ columns: [Column]) -> String {
        columns.map { "\($0.quoted) = ?" }.joined(separator: " AND ")
    }
}
