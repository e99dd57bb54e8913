#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GevinstCore

/// Streams a KOSTRA accounting file (48-character records, ISO-8859-1, fields by position as in
/// Statistics Norway's kostra-kontrollprogram) line by line, in chunks, with flat memory and no
/// String per line.
///
/// Each non-empty line becomes a record or a reject (wrong length, an amount that is no integer, a
/// kontoklasse the form does not allow). The file fails as a whole when it is empty, XML, holds a
/// byte that is no ISO-8859-1 text, names an unknown form, or mixes identities.
struct KOSTRAReader {
    static let recordLength = 48
    /// Bytes 1–22: skjema, year, quarter, region, orgnr.
    static let identityLength = 22

    let path: String
    /// How errors name the file (relative to the pipeline's root).
    let displayPath: String
    let chunkSize: Int

    init(path: String, displayPath: String? = nil, chunkSize: Int = 256 * 1024) {
        precondition(chunkSize > 0)
        self.path = path
        self.displayPath = displayPath ?? path
        self.chunkSize = chunkSize
    }

    /// One line's outcome.
    enum Line {
        /// The file's identity, once, when its first record is met (before that record).
        case identity(KOSTRAIdentity)
        case record(KOSTRARecord)
        case reject(KOSTRAReject)
    }

    /// Reads the file, handing every record and reject to `visit` in file order, and returns the
    /// file's identity and counts. When it throws, what `visit` saw must be dropped.
    func read(_ visit: (Line) throws(KOSTRAError) -> Void) throws(KOSTRAError) -> KOSTRAFileSummary {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw code == ENOENT ? .notFound(file: displayPath) : .io(file: displayPath, code: code)
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .io(file: displayPath, code: errno) }
        guard status.st_mode & 0o170000 != 0o040000 else { throw .isDirectory(file: displayPath) }

        let capacity = max(chunkSize, Self.headLength)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var scanner = KOSTRALineScanner(file: displayPath)
        defer { scanner.deallocate() }

        // The head is read whole first, so that an XML document is told apart whatever the chunk size.
        var count = 0
        while count < Self.headLength {
            let result = readRetrying(fd, buffer + count, Self.headLength - count)
            guard result >= 0 else { throw .io(file: displayPath, code: Int32(-result)) }
            if result == 0 { break }
            count += result
        }
        if Self.startsLikeXML(UnsafeBufferPointer(start: buffer, count: count)) { throw .xml(file: displayPath) }
        while count > 0 {
            try scanner.feed(UnsafeBufferPointer(start: buffer, count: count), visit)
            count = readRetrying(fd, buffer, chunkSize)
            guard count >= 0 else { throw .io(file: displayPath, code: Int32(-count)) }
        }
        return try scanner.finish(visit)
    }

    private static let headLength = 512

    /// True when the first byte that is no space or line break (after a UTF-8 byte-order mark) is `<`.
    static func startsLikeXML(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < head.count, [0x20, 0x09, 0x0A, 0x0D].contains(head[index]) { index += 1 }
        return index < head.count && head[index] == UInt8(ascii: "<")
    }
}

/// The reader's state between chunks: the line being assembled, the file's identity, the counts.
private struct KOSTRALineScanner {
    let file: String
    /// The 1-based number of the line being read.
    private var line = 1
    /// The start of a line cut by a chunk boundary; only the first `carryCapacity` bytes are kept
    /// (a longer line is rejected for its length, which is counted whole).
    private let carry: UnsafeMutablePointer<UInt8>
    private var carryLength = 0
    /// The last byte appended to the carry, kept even when the line is longer than the carry.
    private var carryLast: UInt8 = 0
    private static let carryCapacity = 64
    private var identity: KOSTRAIdentity?
    /// The identity's 22 bytes as the first record wrote them.
    private let identityBytes: UnsafeMutablePointer<UInt8>
    /// Account classes the file's form allows, by byte.
    private var allowedClasses = [Bool](repeating: false, count: 256)
    private var lines = 0
    private var records = 0
    private var rejected = 0

    init(file: String) {
        self.file = file
        carry = .allocate(capacity: Self.carryCapacity)
        identityBytes = .allocate(capacity: KOSTRAReader.identityLength)
    }

    func deallocate() {
        carry.deallocate()
        identityBytes.deallocate()
    }

    /// Bytes that may appear in the file: line breaks and printable ISO-8859-1 (not C0, DEL or C1).
    private static let isText: [Bool] = (0..<256).map { byte in
        byte == 0x0A || byte == 0x0D || (0x20...0x7E).contains(byte) || byte >= 0xA0
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ visit: (KOSTRAReader.Line) throws(KOSTRAError) -> Void) throws(KOSTRAError) {
        try checkText(chunk)
        let base = chunk.baseAddress!
        var start = 0
        while start < chunk.count {
            guard let found = memchr(base + start, 0x0A, chunk.count - start) else {
                append(base + start, count: chunk.count - start)
                return
            }
            let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            if carryLength == 0 {
                try take(base + start, count: end - start, visit)
            } else {
                append(base + start, count: end - start)
                try take(carry, count: carryLength, visit)
                carryLength = 0
            }
            line += 1
            start = end + 1
        }
    }

    /// Takes the last line (which may lack its newline) and returns the summary.
    mutating func finish(_ visit: (KOSTRAReader.Line) throws(KOSTRAError) -> Void) throws(KOSTRAError) -> KOSTRAFileSummary {
        if carryLength > 0 {
            try take(carry, count: carryLength, visit)
            carryLength = 0
        }
        guard lines > 0 else { throw .empty(file: file) }
        guard let identity else { throw .noRecords(file: file, lines: lines) }
        return KOSTRAFileSummary(identity: identity, lines: lines, records: records, rejected: rejected)
    }

    private mutating func append(_ bytes: UnsafePointer<UInt8>, count: Int) {
        let room = max(0, Self.carryCapacity - carryLength)
        (carry + min(carryLength, Self.carryCapacity)).update(from: bytes, count: min(room, count))
        carryLength += count
        if count > 0 { carryLast = bytes[count - 1] }
    }

    /// Fails on the first byte of `chunk` that is no ISO-8859-1 text, naming its line and column.
    private func checkText(_ chunk: UnsafeBufferPointer<UInt8>) throws(KOSTRAError) {
        let bad = Self.isText.withUnsafeBufferPointer { isText in chunk.firstIndex { !isText[Int($0)] } }
        guard let bad else { return }
        var badLine = line
        var column = carryLength + bad + 1
        for index in 0..<bad where chunk[index] == 0x0A {
            badLine += 1
            column = bad - index
        }
        throw .notText(file: file, line: badLine, column: column, byte: chunk[bad])
    }

    /// One physical line without its LF; `total` may exceed the bytes kept for a cut line.
    private mutating func take(_ bytes: UnsafePointer<UInt8>, count total: Int,
                               _ visit: (KOSTRAReader.Line) throws(KOSTRAError) -> Void) throws(KOSTRAError) {
        let available = bytes == UnsafePointer(carry) ? min(total, Self.carryCapacity) : total
        let last = total == 0 ? 0 : total <= available ? bytes[total - 1] : carryLast
        let count = last == 0x0D ? total - 1 : total
        let kept = min(count, available)
        if count == kept, (0..<kept).allSatisfy({ bytes[$0] == 0x20 }) { return }
        lines += 1
        guard count == KOSTRAReader.recordLength else {
            return try reject(.length(count), bytes, kept, visit)
        }
        try checkIdentity(bytes, visit)
        let accountClass = bytes[31]
        guard allowedClasses[Int(accountClass)] else {
            return try reject(.accountClass(String(Unicode.Scalar(accountClass)), form: identity!.form.code), bytes, kept, visit)
        }
        guard let amount = Self.amount(bytes + 39) else {
            let text = latin1Text(UnsafeBufferPointer(start: bytes + 39, count: 9))
            return try reject(.amount(text), bytes, kept, visit)
        }
        records += 1
        try visit(.record(KOSTRARecord(line: line, accountClass: accountClass, function: KOSTRACode(bytes + 32, count: 4),
                                       art: KOSTRACode(bytes + 36, count: 3), amount: amount)))
    }

    private mutating func reject(_ reason: KOSTRARejectReason, _ bytes: UnsafePointer<UInt8>, _ kept: Int,
                                 _ visit: (KOSTRAReader.Line) throws(KOSTRAError) -> Void) throws(KOSTRAError) {
        rejected += 1
        let text = latin1Text(UnsafeBufferPointer(start: bytes, count: min(kept, Self.carryCapacity)))
        try visit(.reject(KOSTRAReject(line: line, reason: reason, text: text)))
    }

    /// The first record sets the identity; every later one must repeat its 22 bytes.
    private mutating func checkIdentity(_ bytes: UnsafePointer<UInt8>,
                                        _ visit: (KOSTRAReader.Line) throws(KOSTRAError) -> Void) throws(KOSTRAError) {
        let length = KOSTRAReader.identityLength
        if identity != nil {
            guard memcmp(bytes, identityBytes, length) != 0 else { return }
            throw .mixedIdentity(file: file, line: line,
                                 expected: Self.identityText(UnsafePointer(identityBytes)), found: Self.identityText(bytes))
        }
        let identity = try parseIdentity(bytes)
        identityBytes.update(from: bytes, count: length)
        for accountClass in identity.form.accountClasses { allowedClasses[Int(accountClass.code)] = true }
        self.identity = identity
        try visit(.identity(identity))
    }

    private func parseIdentity(_ bytes: UnsafePointer<UInt8>) throws(KOSTRAError) -> KOSTRAIdentity {
        func text(_ from: Int, _ count: Int) -> String { latin1Text(UnsafeBufferPointer(start: bytes + from, count: count)) }
        func digits(_ from: Int, _ count: Int) -> Bool { (from..<(from + count)).allSatisfy { (0x30...0x39).contains(bytes[$0]) } }
        guard let form = KOSTRAForm.named(UnsafeBufferPointer(start: bytes, count: 2)) else {
            throw .unknownForm(file: file, line: line, form: text(0, 2))
        }
        guard digits(2, 4), let year = Int(text(2, 4)) else {
            throw .invalidIdentity(file: file, line: line, reason: "year '\(text(2, 4))' in positions 3–6 is not four digits")
        }
        let quarter: Int?
        switch bytes[6] {
        case 0x20: quarter = nil
        case 0x31...0x34: quarter = Int(bytes[6] - 0x30)
        default:
            throw .invalidIdentity(file: file, line: line, reason: "quarter '\(text(6, 1))' in position 7 is neither blank nor 1–4")
        }
        guard digits(7, 6) else {
            throw .invalidIdentity(file: file, line: line, reason: "region '\(text(7, 6))' in positions 8–13 is not six digits")
        }
        let orgnr = text(13, 9).trimmingSpaces
        return KOSTRAIdentity(form: form, year: year, quarter: quarter, region: text(7, 6), orgnr: orgnr)
    }

    private static func identityText(_ bytes: UnsafePointer<UInt8>) -> String {
        latin1Text(UnsafeBufferPointer(start: bytes, count: KOSTRAReader.identityLength)).trimmingSpaces
    }

    /// Positions 40–48 as `^ *-?[0-9]+$`, or nil.
    private static func amount(_ bytes: UnsafePointer<UInt8>) -> Int64? {
        var index = 0
        while index < 9, bytes[index] == 0x20 { index += 1 }
        let negative = index < 9 && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < 9 else { return nil }
        var value: Int64 = 0
        while index < 9 {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }
}

/// `read(2)`, retried on EINTR: the byte count, 0 at the end of the file, or minus `errno`.
private func readRetrying(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    while true {
        let result = read(fd, buffer, count)
        if result >= 0 { return result }
        if errno != EINTR { return -Int(errno) }
    }
}
