import Crypto
import Foundation
import GRDBSQLite
import GevinstCore

/// A read-only connection to the SQLite warehouse holding one read transaction, so that every table
/// publish reads comes from the same committed state while other runs go on writing. Reads only:
/// publish never changes the warehouse.
final class WarehouseSnapshot: @unchecked Sendable {
    private let handle: OpaquePointer
    let path: String

    init(path: String) throws(PublishError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw PublishError(path, "the warehouse does not exist yet; run `gevinst run` first", category: .inputMissing)
        }
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(code)"
            sqlite3_close(connection)
            throw PublishError(path, "cannot open the warehouse: \(message)", category: .io)
        }
        handle = connection
        sqlite3_busy_timeout(handle, 30_000)
        // A deferred transaction: its first read fixes the snapshot that every later read sees.
        try execute("BEGIN")
    }

    deinit {
        sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
        sqlite3_close(handle)
    }

    private func execute(_ sql: String) throws(PublishError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw failure(code, sql: sql) }
    }

    private func failure(_ code: Int32, sql: String) -> PublishError {
        PublishError(path, "cannot read the warehouse (\(String(cString: sqlite3_errmsg(handle)))) in: \(sql.prefix(80))", category: .io)
    }

    /// The digest of a table's slice and its row count, from the values as stored: a type tag and
    /// the value's bytes per column (what the published rows are made from, without formatting them),
    /// after the published columns, so that a change in what publish writes changes it too.
    func digest(_ table: PublishedTable, runID: Int64?) throws(PublishError) -> (digest: String, rows: Int) {
        let statement = try prepare(table, runID: runID)
        defer { sqlite3_finalize(statement) }
        var hash = SHA256()
        var buffer: [UInt8] = Array("gevinst publish 2 \(table.name) \(table.targets.joined(separator: " "))\n".utf8)
        var rows = 0
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw failure(step, sql: table.select) }
            for column in 0..<Int32(table.columns.count) {
                let type = sqlite3_column_type(statement, column)
                buffer.append(UInt8(truncatingIfNeeded: type))
                switch type {
                case SQLITE_INTEGER: withUnsafeBytes(of: sqlite3_column_int64(statement, column).littleEndian) { buffer.append(contentsOf: $0) }
                case SQLITE_FLOAT: withUnsafeBytes(of: sqlite3_column_double(statement, column).bitPattern.littleEndian) { buffer.append(contentsOf: $0) }
                case SQLITE_NULL: break
                default:
                    let start = sqlite3_column_blob(statement, column)
                    let count = Int(sqlite3_column_bytes(statement, column))
                    withUnsafeBytes(of: UInt32(count).littleEndian) { buffer.append(contentsOf: $0) }
                    if let start { buffer.append(contentsOf: UnsafeRawBufferPointer(start: start, count: count)) }
                }
            }
            rows += 1
            if buffer.count >= 1 << 16 {
                hash.update(data: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        hash.update(data: buffer)
        return (hash.finalize().map { String(format: "%02x", $0) }.joined(), rows)
    }

    /// `table`'s SELECT, prepared, with the publishing run bound where it asks for it.
    private func prepare(_ table: PublishedTable, runID: Int64?) throws(PublishError) -> OpaquePointer {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, table.select, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw failure(code, sql: table.select) }
        if sqlite3_bind_parameter_count(statement) > 0 {
            if let runID { sqlite3_bind_int64(statement, 1, runID) } else { sqlite3_bind_null(statement, 1) }
        }
        return statement
    }

    /// Streams a table's rows as PostgreSQL COPY text (tab-separated, `\N` for NULL, each row
    /// beginning with the municipality) in chunks of about `chunkSize` bytes.
    func copyText(_ table: PublishedTable, municipality: String, runID: Int64?, chunkSize: Int = 1 << 18,
                  _ consume: ([UInt8]) async throws -> Void) async throws -> Int {
        let statement = try prepare(table, runID: runID)
        defer { sqlite3_finalize(statement) }
        var prefix: [UInt8] = []
        CopyText.appendText(Array(municipality.utf8)[...], to: &prefix)
        prefix.append(UInt8(ascii: "\t"))
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunkSize + 4096)
        var rows = 0
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw failure(step, sql: table.select) }
            buffer.append(contentsOf: prefix)
            for (index, column) in table.columns.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: "\t")) }
                CopyText.append(statement, Int32(index), column.kind, to: &buffer)
            }
            buffer.append(UInt8(ascii: "\n"))
            rows += 1
            if buffer.count >= chunkSize {
                try await consume(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { try await consume(buffer) }
        return rows
    }
}

/// PostgreSQL's COPY text format: fields separated by tabs, `\N` for NULL, and backslash, tab,
/// line feed and carriage return escaped in text.
enum CopyText {
    /// One warehouse value as its COPY field, or two fields for a period (text and code).
    static func append(_ statement: OpaquePointer, _ column: Int32, _ kind: ColumnKind, to buffer: inout [UInt8]) {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else {
            buffer.append(contentsOf: (kind == .period ? "\\N\t\\N" : "\\N").utf8)
            return
        }
        switch kind {
        case .text:
            let start = sqlite3_column_text(statement, column)
            let bytes = UnsafeBufferPointer(start: start, count: start == nil ? 0 : Int(sqlite3_column_bytes(statement, column)))
            appendText(bytes, to: &buffer)
        case .integer:
            appendInteger(sqlite3_column_int64(statement, column), to: &buffer)
        case .real:
            appendReal(sqlite3_column_double(statement, column), to: &buffer)
        case .amount:
            appendAmount(sqlite3_column_int64(statement, column), to: &buffer)
        case .period:
            let code = sqlite3_column_int64(statement, column)
            buffer.append(contentsOf: (Period(code: Int(code))?.description ?? String(code)).utf8)
            buffer.append(UInt8(ascii: "\t"))
            appendInteger(code, to: &buffer)
        case .boolean:
            buffer.append(sqlite3_column_int64(statement, column) != 0 ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        }
    }

    static func appendText<Bytes: Collection<UInt8>>(_ bytes: Bytes, to buffer: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
            case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
            case 0: break  // PostgreSQL text cannot hold NUL
            default: buffer.append(byte)
            }
        }
    }

    static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimum: 1, to: &buffer)
    }

    /// Hundredths as a decimal with two places: -12345 → `-123.45`.
    static func appendAmount(_ hundredths: Int64, to buffer: inout [UInt8]) {
        if hundredths < 0 { buffer.append(UInt8(ascii: "-")) }
        let magnitude = hundredths.magnitude
        appendDigits(magnitude / 100, minimum: 1, to: &buffer)
        buffer.append(UInt8(ascii: "."))
        appendDigits(magnitude % 100, minimum: 2, to: &buffer)
    }

    /// The shortest text that reads back as the same double; PostgreSQL's words for the non-finite.
    static func appendReal(_ value: Double, to buffer: inout [UInt8]) {
        if value.isNaN { buffer.append(contentsOf: "NaN".utf8); return }
        if value.isInfinite { buffer.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8); return }
        buffer.append(contentsOf: value.description.utf8)
    }

    private static func appendDigits(_ value: UInt64, minimum: Int, to buffer: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count < minimum
            buffer.append(contentsOf: raw[(20 - count)...])
        }
    }
}
