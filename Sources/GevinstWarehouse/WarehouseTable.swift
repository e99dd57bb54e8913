public import GRDB

/// A warehouse table as the stages see it: its name and its columns in schema order. Each table is
/// one type in `Tables/`; stages build their statements from it and bind and read values by column,
/// never by position. The schema itself is the frozen SQL of the migrations (`Schema`), which the
/// tests check these types against.
public protocol WarehouseTable {
    associatedtype Column: TableColumn
    /// The SQL name.
    static var name: String { get }
    /// The primary key, the order stages write and read the rows in.
    static var key: [Column] { get }
}

/// The columns of one table: an enum without payloads whose cases follow the schema's column order
/// and whose raw values are the SQL names.
public protocol TableColumn: RawRepresentable<String>, CaseIterable, Hashable, Sendable {}

extension TableColumn {
    /// The column's index among `allCases`: the case's tag, which for an enum without payloads is
    /// its declaration index (checked for every table by the tests). Costs nothing in a hot loop.
    @inlinable public var position: Int32 {
        precondition(MemoryLayout<Self>.size == 1, "a table's columns are a plain enum of 2 to 256 cases")
        return Int32(unsafeBitCast(self, to: UInt8.self))
    }

    /// The SQL name, quoted (some names, like `column`, are keywords).
    public var quoted: String { "\"\(rawValue)\"" }
}

extension WarehouseTable {
    /// Every column, comma-separated, optionally prefixed by a table alias: `g."initiative", …`.
    public static func columnList(_ alias: String? = nil) -> String {
        Column.allCases.map { column in alias.map { "\($0).\(column.quoted)" } ?? column.quoted }.joined(separator: ", ")
    }

    /// `ON CONFLICT(<key>) DO UPDATE SET c = excluded.c, …` for the columns given; `custom` holds the
    /// whole assignment of a column where it is not a copy (`amount = amount + excluded.amount`).
    public static func upsert(_ columns: [Column], custom: [Column: String] = [:]) -> String {
        let assignments = columns.map { custom[$0] ?? "\($0.quoted) = excluded.\($0.quoted)" }
        return "ON CONFLICT(\(keyOrder)) DO UPDATE SET \(assignments.joined(separator: ", "))"
    }

    /// The primary key as an `ORDER BY` list.
    public static var keyOrder: String { key.map(\.quoted).joined(separator: ", ") }

    /// `SELECT <every column> FROM <table> <clause>`: the columns come back at their `position`.
    public static func selectAll(_ clause: String = "") -> String {
        "SELECT \(columnList()) FROM \(name)" + (clause.isEmpty ? "" : " \(clause)")
    }
}

/// Inserts (or upserts) rows of one table through one statement a batch at a time,
/// `INSERT INTO t (…) SELECT * FROM (VALUES (…), (…), …) WHERE column1 IS NOT NULL [ON CONFLICT …]`,
/// binding each column through SQLite's C API. Within one statement SQLite keeps its cursor on the
/// table's last page, so rows appended in key order need no search from the root each (single-row
/// INSERTs cost about a quarter more), and applies an upsert row by row. The filter lets the last
/// batch leave its unused row slots empty by binding NULL to their first column, so the first
/// column bound must never be NULL.
public struct TableInsert<T: WarehouseTable> {
    private let insert: RawStatement
    private let batchSize: Int32
    private let columns: Int32
    /// By column tag: the column's parameter offset within a row.
    private let offsets: [Int32]
    private var used: Int32 = 0
    /// Rows written so far.
    public private(set) var count = 0

    /// `columns` (every column by default) are bound for each row; `conflict` is an upsert clause
    /// (`T.upsert(…)`); `batchSize` rows go in one statement. `keepsFailedBatch`: a row that breaks
    /// a constraint fails the statement without undoing the batch's earlier rows (`INSERT OR FAIL`),
    /// which spares SQLite the statement journal — a copy of every page the batch changes, written
    /// to a temporary file (`BENCHMARKS.md`); only for callers whose transaction rolls back on any error.
    public init(_ db: Database, columns: [T.Column] = Array(T.Column.allCases), conflict: String = "", batchSize: Int32 = 128,
                keepsFailedBatch: Bool = false) throws {
        self.batchSize = batchSize
        self.columns = Int32(columns.count)
        var offsets = Array(repeating: Int32(-1), count: T.Column.allCases.count)
        for (index, column) in columns.enumerated() { offsets[Int(column.position)] = Int32(index) }
        self.offsets = offsets
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        insert = try RawStatement(db, sql: """
            INSERT \(keepsFailedBatch ? "OR FAIL " : "")INTO \(T.name) (\(columns.map(\.quoted).joined(separator: ", ")))
            SELECT * FROM (VALUES \(Array(repeating: row, count: Int(batchSize)).joined(separator: ", ")))
            WHERE column1 IS NOT NULL \(conflict)
            """)
    }

    /// The slot of the next row, to bind every column of; a full batch is written first.
    public mutating func row() throws -> Slot {
        if used == batchSize { try run() }
        used += 1
        return Slot(statement: insert, first: (used - 1) * columns + 1, offsets: offsets)
    }

    /// Writes the rows bound so far.
    public mutating func finish() throws {
        guard used > 0 else { return }
        for slot in used..<batchSize { try insert.bind(slot * columns + 1, nil as Int64?) }
        try run()
    }

    private mutating func run() throws {
        try insert.run()
        count += Int(used)
        used = 0
    }

    /// One row's parameters. A value stays bound until it is bound again, so bind every column.
    /// Inlinable, so that a stage's hot loop binds through code specialised for its table.
    public struct Slot {
        @usableFromInline let statement: RawStatement
        @usableFromInline let first: Int32
        @usableFromInline let offsets: [Int32]

        init(statement: RawStatement, first: Int32, offsets: [Int32]) {
            self.statement = statement
            self.first = first
            self.offsets = offsets
        }

        @inlinable func index(_ column: T.Column) -> Int32 { first + offsets[Int(column.position)] }

        @inlinable public func bind(_ column: T.Column, _ value: Int64?) throws { try statement.bind(index(column), value) }
        @inlinable public func bind(_ column: T.Column, _ value: Int?) throws { try statement.bind(index(column), value.map(Int64.init)) }
        @inlinable public func bind(_ column: T.Column, _ value: Double?) throws { try statement.bind(index(column), value) }
        @inlinable public func bind(_ column: T.Column, _ value: String) throws { try statement.bind(index(column), value) }
        @inlinable public func bind(_ column: T.Column, _ value: String?) throws { try statement.bind(index(column), value) }
        @inlinable public func bind(_ column: T.Column, _ value: StaticString) throws { try statement.bind(index(column), value) }
        @inlinable public func bind(_ column: T.Column, utf8 bytes: UnsafeBufferPointer<UInt8>) throws {
            try statement.bind(index(column), utf8: bytes)
        }
    }
}

/// Reads rows of one table, every column, through SQLite's C API, by column.
public struct TableCursor<T: WarehouseTable> {
    @usableFromInline let select: RawStatement

    /// `SELECT <every column> FROM <table> <clause>`, e.g. `ORDER BY …`.
    public init(_ db: Database, _ clause: String = "") throws {
        select = try RawStatement(db, sql: T.selectAll(clause))
    }

    /// Moves to the next row; false after the last one.
    public func step() throws -> Bool { try select.step() }

    /// Runs the statement again from its first row, with `value` bound to its one parameter.
    public func restart(binding value: Int64) throws {
        select.reset()
        try select.bind(1, value)
    }

    @inlinable public func int64(_ column: T.Column) -> Int64 { select.int64(column.position) }
    @inlinable public func int(_ column: T.Column) -> Int { select.int(column.position) }
    @inlinable public func double(_ column: T.Column) -> Double { select.double(column.position) }
    @inlinable public func text(_ column: T.Column) -> String { select.text(column.position) }
    @inlinable public func text(_ column: T.Column, equals string: String) -> Bool { select.text(column.position, equals: string) }
    @inlinable public func isNull(_ column: T.Column) -> Bool { select.isNull(column.position) }
    @inlinable public func optionalInt64(_ column: T.Column) -> Int64? { isNull(column) ? nil : int64(column) }
    @inlinable public func optionalDouble(_ column: T.Column) -> Double? { isNull(column) ? nil : double(column) }
    @inlinable public func optionalText(_ column: T.Column) -> String? { isNull(column) ? nil : text(column) }
}

extension Row {
    /// The value of a table's column, found by its name, in rows GRDB fetched (joins, small reads);
    /// an optional `Value` reads NULL as nil.
    public subscript<Value: DatabaseValueConvertible>(_ column: some TableColumn) -> Value {
        self[column.rawValue]
    }
}

/// A register the import writes from files (`indicators`, `initiatives`, `gain_plans`,
/// `gains_reported`, `gain_links`): each row names the file that stored it.
public protocol RegisterTable: WarehouseTable where Column: RegisterColumn {}

/// The columns every register has. A table's enum cases are the witnesses, so generic code names
/// them at no cost (`T.Column.fileID`) and the compiler checks that every such table has them.
public protocol RegisterColumn: TableColumn {
    static var fileID: Self { get }
}

/// A register of gain amounts keyed by (initiative, gain type, period): `gain_plans` and
/// `gains_reported`, which the import writes and the gains stage reads the same way.
public protocol AmountTable: RegisterTable where Column: AmountColumn {
    /// `period` (a year or a quarter) in `gain_plans`, `quarter` in `gains_reported`.
    static var period: Column { get }
}

/// The columns named alike in both amount registers.
public protocol AmountColumn: RegisterColumn {
    static var initiative: Self { get }
    static var gainType: Self { get }
    /// Hundredths of the gain type's unit.
    static var amount: Self { get }
}

/// A table of cumulative gain figures per owner, gain type and quarter: `gains_quarterly` (owned by
/// an initiative) and `gains_by_area` (by an area), which the gains stage writes and the report
/// reads the same way.
public protocol CumulativeTable: WarehouseTable where Column: CumulativeColumn {
    /// `initiative` or `area`.
    static var owner: Column { get }
}

/// The columns named alike in both cumulative tables; the enum cases are the witnesses, as for
/// `RegisterColumn`.
public protocol CumulativeColumn: TableColumn {
    static var gainType: Self { get }
    static var quarter: Self { get }
    static var cumPlanned: Self { get }
    static var cumRealised: Self { get }
    static var deviation: Self { get }
    static var realisationRate: Self { get }
    static var status: Self { get }
}

extension WarehouseTable {
    /// `INSERT INTO <table> (<columns>) VALUES (?, …) <conflict>`: one row, for a statement prepared
    /// once and run per row.
    public static func insertSQL(_ columns: [Column], conflict: String = "") -> String {
        "INSERT INTO \(name) (\(columns.map(\.quoted).joined(separator: ", "))) "
            + "VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
            + (conflict.isEmpty ? "" : " \(conflict)")
    }

    /// Inserts one row of the columns named (the others take their defaults, an `id` the next
    /// rowid), through a cached statement: for small writes, not for hot loops. `conflict` is an upsert
    /// clause (`upsert(…)`).
    public static func insert(_ db: Database, _ values: KeyValuePairs<Column, (any DatabaseValueConvertible)?>,
                              conflict: String = "") throws {
        let statement = try db.cachedStatement(sql: insertSQL(values.map(\.key), conflict: conflict))
        try statement.execute(arguments: StatementArguments(values.map(\.value)))
    }
}
