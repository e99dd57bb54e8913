import Crypto
import Foundation
import GRDBSQLite
import GevinstCore

/// A read-only connection to the SQLite warehouse holding one read transaction, so that every table
/// publish reads comes from the same committed state while other runs go on writing. Reads only:
/// publish never changes the warehouse. Two tasks may read at once (the publishing one and the one
/// that feeds the second PostgreSQL connection): each call into SQLite holds `lock`, a chunk of
/// rows at a time, as the connection is opened without SQLite's own mutex.
final class WarehouseSnapshot: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()
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

    /// The digest of a table's slice (`SliceDigest`) and its row count.
    func digest(_ table: PublishedTable, runID: Int64?) throws(PublishError) -> (digest: String, rows: Int) {
        let statement = try prepare(table, runID: runID)
        defer { finalize(statement) }
        var digest = SliceDigest(table)
        var rows = 0
        let columns = Int32(table.columns.count)
        var done = false
        while !done {
            // The rows under the lock; the hashing, outside it, leaves SQLite to the other reader.
            do {
                lock.lock()
                defer { lock.unlock() }
                while digest.pending < 1 << 16 {
                    let step = sqlite3_step(statement)
                    if step == SQLITE_DONE {
                        done = true
                        break
                    }
                    guard step == SQLITE_ROW else { throw failure(step, sql: table.select) }
                    for column in 0..<columns { digest.add(sqlite3_column_value(statement, column)) }
                    rows += 1
                }
            }
            digest.update()
        }
        return (digest.finalize(), rows)
    }

    /// The rows of `table`'s slice, counted cheaply (`PublishedTable.count`); nil where there is no
    /// such count.
    func count(_ table: PublishedTable) throws(PublishError) -> Int? {
        guard let sql = table.count else { return nil }
        lock.lock()
        defer { lock.unlock() }
        var statement: OpaquePointer?
        var code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        guard code == SQLITE_OK, let statement else { throw failure(code, sql: sql) }
        code = sqlite3_step(statement)
        guard code == SQLITE_ROW else { throw failure(code, sql: sql) }
        return Int(sqlite3_column_int64(statement, 0))
    }

    /// `table`'s SELECT, prepared, with the publishing run bound where it asks for it.
    private func prepare(_ table: PublishedTable, runID: Int64?) throws(PublishError) -> OpaquePointer {
        lock.lock()
        defer { lock.unlock() }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, table.select, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw failure(code, sql: table.select) }
        if sqlite3_bind_parameter_count(statement) > 0 {
            if let runID { sqlite3_bind_int64(statement, 1, runID) } else { sqlite3_bind_null(statement, 1) }
        }
        return statement
    }

    private func finalize(_ statement: OpaquePointer) {
        lock.lock()
        defer { lock.unlock() }
        sqlite3_finalize(statement)
    }

    /// Streams a table's rows as PostgreSQL COPY text (tab-separated, `\N` for NULL, each row
    /// beginning with the municipality) in chunks of about `chunkSize` bytes; each chunk is valid
    /// only during the call to `consume`. Stops between chunks when the task is cancelled. Returns
    /// the rows, and when `digesting`, the slice's digest, taken on the way.
    func copyText(_ table: PublishedTable, municipality: String, runID: Int64?, digesting: Bool, chunkSize: Int = 1 << 18,
                  _ consume: (UnsafeRawBufferPointer) async throws -> Void) async throws -> (rows: Int, digest: String?) {
        let statement = try prepare(table, runID: runID)
        defer { finalize(statement) }
        var prefix = ByteWriter(capacity: 64)
        Array(municipality.utf8).withUnsafeBytes { CopyText.appendText($0, to: &prefix) }
        prefix.append(UInt8(ascii: "\t"))
        var buffer = ByteWriter(capacity: chunkSize + 4096)
        let kinds = table.columns.map(\.kind)
        var digest = SliceDigest(table)
        var rows = 0
        var done = false
        while !done {
            done = try fill(&buffer, upTo: chunkSize, from: statement, of: table, kinds: kinds, prefix: prefix.bytes,
                            digest: &digest, digesting: digesting, rows: &rows)
            if digesting { digest.update() }
            if buffer.count > 0 { try await consume(buffer.bytes) }
            buffer.removeAll()
            try Task.checkCancellation()
        }
        return (rows, digesting ? digest.finalize() : nil)
    }

    /// Appends the statement's next rows as COPY text until `buffer` holds `size` bytes, their
    /// values to `digest` when `digesting`; true when the rows have ended.
    private func fill(_ buffer: inout ByteWriter, upTo size: Int, from statement: OpaquePointer, of table: PublishedTable,
                      kinds: [ColumnKind], prefix: UnsafeRawBufferPointer, digest: inout SliceDigest, digesting: Bool,
                      rows: inout Int) throws(PublishError) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while buffer.count < size {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { return true }
            guard step == SQLITE_ROW else { throw failure(step, sql: table.select) }
            buffer.append(prefix)
            for (index, kind) in kinds.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: "\t")) }
                let value = sqlite3_column_value(statement, Int32(index))
                if digesting { digest.add(value) }
                CopyText.append(value, kind, to: &buffer)
            }
            buffer.append(UInt8(ascii: "\n"))
            rows += 1
        }
        return false
    }
}

/// The digest of a slice: SHA-256 of a line naming the table and its PostgreSQL columns, then of
/// each value as stored, a type tag and the value's bytes (what the published rows are made from,
/// without formatting them), so that a change in the rows or in what publish writes changes it.
struct SliceDigest: ~Copyable {
    private var hash = SHA256()
    private var buffer = ByteWriter(capacity: 1 << 17)

    init(_ table: PublishedTable) {
        buffer.append(Array("gevinst publish 2 \(table.name) \(table.targets.joined(separator: " "))\n".utf8))
    }

    /// The bytes added and not hashed yet.
    var pending: Int { buffer.count }

    /// One value, from `sqlite3_column_value`.
    mutating func add(_ value: OpaquePointer?) {
        let type = sqlite3_value_type(value)
        switch type {
        case SQLITE_INTEGER: buffer.appendTagged(UInt8(truncatingIfNeeded: type), UInt64(bitPattern: sqlite3_value_int64(value)))
        case SQLITE_FLOAT: buffer.appendTagged(UInt8(truncatingIfNeeded: type), sqlite3_value_double(value).bitPattern)
        case SQLITE_NULL: buffer.append(UInt8(truncatingIfNeeded: type))
        default:
            let start = sqlite3_value_blob(value)
            let count = Int(sqlite3_value_bytes(value))
            buffer.appendTagged(UInt8(truncatingIfNeeded: type), UInt32(truncatingIfNeeded: count))
            if let start { buffer.append(UnsafeRawBufferPointer(start: start, count: count)) }
        }
    }

    /// Hashes the values added so far (between chunks of rows, outside the warehouse's lock).
    mutating func update() {
        hash.update(bufferPointer: buffer.bytes)
        buffer.removeAll()
    }

    /// The digest in hex.
    consuming func finalize() -> String {
        update()
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// PostgreSQL's COPY text format: fields separated by tabs, `\N` for NULL, and backslash, tab,
/// line feed and carriage return escaped in text.
enum CopyText {
    /// One warehouse value (from `sqlite3_column_value`) as its COPY field, or two fields for a
    /// period (text and code).
    static func append(_ value: OpaquePointer?, _ kind: ColumnKind, to buffer: inout ByteWriter) {
        guard sqlite3_value_type(value) != SQLITE_NULL else {
            buffer.append(kind == .period ? nullPeriod : null)
            return
        }
        switch kind {
        case .text:
            // text before bytes, as SQLite asks: the length is then the UTF-8 text's.
            let start = sqlite3_value_text(value)
            appendText(UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : Int(sqlite3_value_bytes(value))), to: &buffer)
        case .integer:
            appendInteger(sqlite3_value_int64(value), to: &buffer)
        case .real:
            appendReal(sqlite3_value_double(value), to: &buffer)
        case .amount:
            appendAmount(sqlite3_value_int64(value), to: &buffer)
        case .period:
            let code = sqlite3_value_int64(value)
            appendPeriod(code, to: &buffer)
            buffer.append(UInt8(ascii: "\t"))
            appendInteger(code, to: &buffer)
        case .boolean:
            buffer.append(sqlite3_value_int64(value) != 0 ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        }
    }

    private static var null: UnsafeRawBufferPointer { UnsafeRawBufferPointer(staticString: "\\N") }
    private static var nullPeriod: UnsafeRawBufferPointer { UnsafeRawBufferPointer(staticString: "\\N\t\\N") }

    static func appendText(_ bytes: UnsafeRawBufferPointer, to buffer: inout ByteWriter) {
        // Most text needs no escape: then it is copied whole.
        guard bytes.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x0E && ($0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n")
                                        || $0 == UInt8(ascii: "\r") || $0 == 0) }) else {
            buffer.append(bytes)
            return
        }
        buffer.reserve(2 * bytes.count)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"), UInt8(ascii: "\\"))
            case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "\\"), UInt8(ascii: "t"))
            case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "\\"), UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "\\"), UInt8(ascii: "r"))
            case 0: break  // PostgreSQL text cannot hold NUL
            default: buffer.append(byte)
            }
        }
    }

    static func appendInteger(_ value: Int64, to buffer: inout ByteWriter) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        buffer.appendDigits(value.magnitude, minimum: 1)
    }

    /// Hundredths as a decimal with two places: -12345 → `-123.45`.
    static func appendAmount(_ hundredths: Int64, to buffer: inout ByteWriter) {
        if hundredths < 0 { buffer.append(UInt8(ascii: "-")) }
        let magnitude = hundredths.magnitude
        buffer.appendDigits(magnitude / 100, minimum: 1)
        buffer.append(UInt8(ascii: "."))
        buffer.appendDigits(magnitude % 100, minimum: 2)
    }

    /// A text that reads back as the same double; PostgreSQL's words for the non-finite. A value
    /// with at most six decimals is written as those decimals, `n / 10^places`: the division of two
    /// exact doubles rounds as parsing the decimal does, so equality proves the text reads back
    /// exactly. Below 10^13 the scaled value (at most 10^19) fits a UInt64. Other values take Swift's
    /// shortest text.
    static func appendReal(_ value: Double, to buffer: inout ByteWriter) {
        if value.isNaN { buffer.append(UnsafeRawBufferPointer(staticString: "NaN")); return }
        if value.isInfinite { buffer.append(UnsafeRawBufferPointer(staticString: value < 0 ? "-Infinity" : "Infinity")); return }
        let magnitude = value.magnitude
        if magnitude < 1e13 {
            var scale = 1.0
            for places in 0...6 {
                let scaled = (magnitude * scale).rounded()
                if scaled / scale == magnitude {
                    if value.sign == .minus { buffer.append(UInt8(ascii: "-")) }
                    let digits = UInt64(scaled)
                    guard places > 0 else { buffer.appendDigits(digits, minimum: 1); return }
                    let divisor = powersOfTen[places]
                    buffer.appendDigits(digits / divisor, minimum: 1)
                    buffer.append(UInt8(ascii: "."))
                    buffer.appendDigits(digits % divisor, minimum: places)
                    return
                }
                scale *= 10
            }
        }
        var text = value.description
        text.withUTF8 { buffer.append(UnsafeRawBufferPointer($0)) }
    }

    private static let powersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// A period code as the period's canonical text (`2024`, `2024K1`, `2024M03`), as `Period`
    /// prints it; a code that is no period as its number.
    static func appendPeriod(_ code: Int64, to buffer: inout ByteWriter) {
        guard let period = Period(code: Int(code)) else { appendInteger(code, to: &buffer); return }
        buffer.appendDigits(UInt64(period.year), minimum: 1)
        switch period.kind {
        case .year: break
        case .quarter: buffer.append(UInt8(ascii: "K"), UInt8(ascii: "0") + UInt8(period.indexInYear))
        case .month:
            buffer.append(UInt8(ascii: "M"))
            buffer.appendDigits(UInt64(period.indexInYear), minimum: 2)
        }
    }
}

/// A growing byte buffer written through a pointer: the row loops append a field with one capacity
/// check instead of an array's checks per byte.
struct ByteWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written, valid until the next change.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    mutating func removeAll() { count = 0 }

    /// Room for `extra` more bytes.
    mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(2 * capacity, count + extra))
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = max(2 * capacity, count + extra)
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ first: UInt8, _ second: UInt8) {
        reserve(2)
        base[count] = first
        base[count + 1] = second
        count += 2
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(base + count).copyMemory(from: start, byteCount: bytes.count)
        count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// A type tag and a little-endian integer, as the digest takes a value.
    mutating func appendTagged<Value: FixedWidthInteger>(_ tag: UInt8, _ value: Value) {
        reserve(1 + MemoryLayout<Value>.size)
        base[count] = tag
        UnsafeMutableRawPointer(base + count + 1).storeBytes(of: value.littleEndian, as: Value.self)
        count += 1 + MemoryLayout<Value>.size
    }

    /// `value` in decimal, zero-padded to at least `minimum` digits (at most 20).
    mutating func appendDigits(_ value: UInt64, minimum: Int) {
        var length = 1
        var limit: UInt64 = 10
        while length < 20 && value >= limit {
            length += 1
            limit = limit &* 10
        }
        length = max(length, minimum)
        reserve(length)
        var rest = value
        var position = count + length
        repeat {
            position -= 1
            base[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while position > count
        count += length
    }
}

extension UnsafeRawBufferPointer {
    /// The UTF-8 bytes of a string literal, which live as long as the program.
    init(staticString: StaticString) {
        self.init(start: staticString.utf8Start, count: staticString.utf8CodeUnitCount)
    }
}
