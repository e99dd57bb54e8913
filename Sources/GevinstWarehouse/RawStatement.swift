public import GRDB
import Foundation
import GRDBSQLite

/// A prepared statement driven through SQLite's C API, for the loops that read or write millions of
/// rows (measurements, gain tables): rows are read without a GRDB `Row` or a new `String` per row,
/// and values are bound without building argument arrays. A bound value stays until it is bound
/// again. Use it inside a transaction that GRDB opened.
public struct RawStatement {
    private let db: Database
    private let statement: Statement

    public init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    /// The SQLite statement, for a reader that takes the columns of the current row itself.
    public var sqliteStatement: OpaquePointer { statement.sqliteStatement }

    // MARK: Reading

    /// Moves to the next row of a SELECT; false after the last one.
    public func step() throws -> Bool {
        let code = sqlite3_step(sqliteStatement)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw failure(code)
    }

    /// Ends a SELECT before its last row, so that it can be bound and stepped again.
    public func reset() { sqlite3_reset(sqliteStatement) }

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(sqliteStatement, column) }
    public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(sqliteStatement, column)) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(sqliteStatement, column) }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(sqliteStatement, column) == SQLITE_NULL }

    public func text(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }

    /// Whether the column holds exactly the UTF-8 bytes of `string` (SQLite's BINARY equality).
    public func text(_ column: Int32, equals string: String) -> Bool {
        let stored = bytes(column)
        var string = string
        return string.withUTF8 { own in
            own.count == stored.count && (own.isEmpty || memcmp(own.baseAddress!, stored.baseAddress!, own.count) == 0)
        }
    }

    private func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        // sqlite3_column_text before sqlite3_column_bytes, as SQLite asks.
        let start = sqlite3_column_text(sqliteStatement, column)
        return UnsafeBufferPointer(start: start, count: start == nil ? 0 : Int(sqlite3_column_bytes(sqliteStatement, column)))
    }

    // MARK: Writing

    public func bind(_ index: Int32, _ value: Int64?) throws {
        guard let value else { return try check(sqlite3_bind_null(sqliteStatement, index)) }
        try check(sqlite3_bind_int64(sqliteStatement, index, value))
    }

    /// Binds a number; an infinite or undefined one (a statistic that overflowed) is stored as NULL.
    public func bind(_ index: Int32, _ value: Double?) throws {
        guard let value, value.isFinite else { return try check(sqlite3_bind_null(sqliteStatement, index)) }
        try check(sqlite3_bind_double(sqliteStatement, index, value))
    }

    /// Binds a copy of the text.
    public func bind(_ index: Int32, _ text: String) throws {
        let code = text.withCString { sqlite3_bind_text(sqliteStatement, index, $0, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
        try check(code)
    }

    /// Binds a copy of the text, or NULL.
    public func bind(_ index: Int32, _ text: String?) throws {
        guard let text else { return try check(sqlite3_bind_null(sqliteStatement, index)) }
        try bind(index, text)
    }

    /// Binds a copy of UTF-8 bytes as text.
    public func bind(_ index: Int32, utf8 bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return try bind(index, "" as StaticString) }
        let start = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
        try check(sqlite3_bind_text(sqliteStatement, index, start, Int32(bytes.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self)))
    }

    /// Binds a constant text without copying it (SQLITE_STATIC).
    public func bind(_ index: Int32, _ text: StaticString) throws {
        let start = UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
        try check(sqlite3_bind_text(sqliteStatement, index, start, Int32(text.utf8CodeUnitCount), nil))
    }

    /// Runs a statement that returns no rows with the values bound now.
    public func run() throws {
        let code = sqlite3_step(sqliteStatement)
        sqlite3_reset(sqliteStatement)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) },
                      sql: statement.sql)
    }
}
