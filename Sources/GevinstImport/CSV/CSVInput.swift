#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file that hands out its text as valid UTF-8, chunk by chunk: UTF-8 is validated, other
/// encodings are transcoded, a byte-order mark is dropped. Bytes that cannot be decoded end the
/// text; `errorOffset` then names their offset in the file.
final class CSVInput {
    let path: String
    /// The encoding the file is read with (never `auto`).
    let encoding: CSVEncoding
    /// The most bytes one `read(into:capacity:)` writes; callers offer at least this much room.
    let maxOutput: Int
    /// The file offset of the first byte that could not be decoded, once met.
    private(set) var errorOffset: Int?

    private enum Decoder { case utf8, utf16(bigEndian: Bool), singleByte(table: [UInt32]) }

    private let decoder: Decoder
    private let fd: Int32
    private let chunkSize: Int
    /// Raw bytes read but not yet decoded live in `raw[rawStart..<rawEnd]`.
    private let raw: UnsafeMutablePointer<UInt8>
    private var rawStart = 0
    private var rawEnd = 0
    /// Bytes read from the file so far.
    private var fileOffset = 0
    private var atEOF = false

    /// Opens `path` and settles its encoding: a byte-order mark wins, `auto` reads the file once to
    /// see whether it is valid UTF-8 and then starts again.
    init(path: String, encoding declared: CSVEncoding, chunkSize: Int = 256 * 1024) throws(CSVError) {
        precondition(chunkSize > 0)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw code == ENOENT ? .notFound(path: path) : .io(path: path, code: code)
        }
        let raw = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize + 8)
        let head: Int, encoding: CSVEncoding, mark: ByteOrderMark?
        do throws(CSVError) {
            (head, encoding, mark) = try Self.settleEncoding(fd: fd, path: path, head: raw, declared: declared,
                                                            chunkSize: chunkSize)
        } catch {
            close(fd)
            raw.deallocate()
            throw error
        }
        self.path = path
        self.fd = fd
        self.raw = raw
        self.chunkSize = chunkSize
        self.encoding = encoding
        switch encoding {
        case .utf16:
            // Without a mark, a NUL first byte means big-endian (ASCII text is the common case).
            decoder = .utf16(bigEndian: mark == .utf16BigEndian || (mark == nil && head >= 2 && raw[0] == 0 && raw[1] != 0))
            maxOutput = 2 * chunkSize + 16
        case .windows1252:
            decoder = .singleByte(table: Self.windows1252)
            maxOutput = 3 * chunkSize + 16
        case .iso88591:
            decoder = .singleByte(table: Self.iso88591)
            maxOutput = 3 * chunkSize + 16
        case .utf8, .auto:
            decoder = .utf8
            maxOutput = chunkSize + 16
        }
        rawStart = mark?.length ?? 0
        rawEnd = head
        fileOffset = head
    }

    deinit {
        close(fd)
        raw.deallocate()
    }

    /// Refuses a directory, reads the first four bytes into `head`, and resolves the encoding (for
    /// `auto` without a byte-order mark by reading on until the end or the first invalid UTF-8, and
    /// rewinding). Returns the number of
    /// bytes in `head`, the encoding, and the byte-order mark.
    private static func settleEncoding(fd: Int32, path: String, head: UnsafeMutablePointer<UInt8>,
                                       declared: CSVEncoding, chunkSize: Int)
        throws(CSVError) -> (Int, CSVEncoding, ByteOrderMark?) {
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .io(path: path, code: errno) }
        guard status.st_mode & 0o170000 != 0o040000 else { throw .isDirectory(path: path) }
        var count = 0
        while count < 4 {
            let result = readRetrying(fd, head + count, 4 - count)
            guard result >= 0 else { throw .io(path: path, code: Int32(-result)) }
            if result == 0 { break }
            count += result
        }
        var sniffer = EncodingSniffer()
        sniffer.feed(UnsafeRawBufferPointer(start: head, count: count))
        if declared == .auto, sniffer.byteOrderMark == nil, count == 4 {
            let size = max(chunkSize, 64 * 1024)
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
            defer { buffer.deallocate() }
            while !sniffer.isMixed {
                let result = readRetrying(fd, buffer, size)
                guard result >= 0 else { throw .io(path: path, code: Int32(-result)) }
                if result == 0 { break }
                sniffer.feed(UnsafeRawBufferPointer(start: buffer, count: result))
            }
            guard lseek(fd, 4, SEEK_SET) == 4 else { throw .io(path: path, code: errno) }
        }
        let mark = sniffer.byteOrderMark
        return (count, try sniffer.resolve(declared, path: path), mark)
    }

    /// The 1-based line of the byte at `offset` of the file at `path`, for an error message.
    static func line(ofOffset offset: Int, path: String) -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        let size = 64 * 1024
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { buffer.deallocate() }
        var line = 1, read = 0
        while read < offset {
            let result = readRetrying(fd, buffer, min(size, offset - read))
            guard result > 0 else { break }
            for i in 0..<result where buffer[i] == UInt8(ascii: "\n") { line += 1 }
            read += result
        }
        return line
    }

    /// Reads up to `count` bytes of the file into `buffer`; 0 at the end.
    private func readFile(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(CSVError) -> Int {
        let result = readRetrying(fd, buffer, count)
        guard result >= 0 else { throw .io(path: path, code: Int32(-result)) }
        if result == 0 { atEOF = true }
        fileOffset += result
        return result
    }

    /// Writes the next valid UTF-8 text to `destination` (room for at least `maxOutput` bytes) and
    /// returns its length; 0 at the end of the file or at bytes that cannot be decoded.
    func read(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws(CSVError) -> Int {
        precondition(capacity >= maxOutput)
        guard errorOffset == nil else { return 0 }
        switch decoder {
        case .utf8: return try readUTF8(into: destination)
        case .utf16(let bigEndian): return try readUTF16(into: destination, bigEndian: bigEndian)
        case .singleByte(let table): return try readSingleByte(into: destination, table: table)
        }
    }

    /// UTF-8 is read straight into `destination` and validated there; a sequence cut at the end of
    /// a read waits in `raw` for the next one.
    private func readUTF8(into destination: UnsafeMutablePointer<UInt8>) throws(CSVError) -> Int {
        while true {
            let startOffset = fileOffset - (rawEnd - rawStart)
            let pending = rawEnd - rawStart
            destination.update(from: raw + rawStart, count: pending)
            var count = pending
            var fresh = 0
            if !atEOF {
                fresh = try readFile(into: destination + count, count: chunkSize)
                count += fresh
            }
            rawStart = 0
            rawEnd = 0
            let (complete, invalid, _) = validateUTF8(destination, count: count)
            if invalid || (complete < count && atEOF) {
                errorOffset = startOffset + complete
                return complete
            }
            rawEnd = count - complete
            raw.update(from: destination + complete, count: rawEnd)
            if complete > 0 || atEOF { return complete }
        }
    }

    /// Refills `raw` behind any undecoded carry; false when nothing more can be read.
    private func refillRaw() throws(CSVError) -> Bool {
        guard !atEOF else { return false }
        let carry = rawEnd - rawStart
        raw.update(from: raw + rawStart, count: carry)
        rawStart = 0
        rawEnd = carry
        rawEnd += try readFile(into: raw + carry, count: chunkSize)
        return rawEnd > carry
    }

    private func readSingleByte(into destination: UnsafeMutablePointer<UInt8>, table: [UInt32]) throws(CSVError) -> Int {
        if rawStart == rawEnd, try !refillRaw() { return 0 }
        var count = 0
        table.withUnsafeBufferPointer { table in
            for i in rawStart..<rawEnd {
                let byte = raw[i]
                if byte < 0x80 {
                    destination[count] = byte
                    count += 1
                } else {
                    let entry = table[Int(byte)]
                    let length = Int(entry >> 24)
                    destination[count] = UInt8(truncatingIfNeeded: entry)
                    destination[count + 1] = UInt8(truncatingIfNeeded: entry >> 8)
                    destination[count + 2] = UInt8(truncatingIfNeeded: entry >> 16)
                    count += length
                }
            }
        }
        rawStart = rawEnd
        return count
    }

    private func readUTF16(into destination: UnsafeMutablePointer<UInt8>, bigEndian: Bool) throws(CSVError) -> Int {
        var count = 0
        while count == 0 {
            if rawEnd - rawStart < 4, try !refillRaw(), rawStart == rawEnd { return 0 }
            var i = rawStart
            func unit(_ at: Int) -> UInt32 {
                bigEndian ? UInt32(raw[at]) << 8 | UInt32(raw[at + 1]) : UInt32(raw[at + 1]) << 8 | UInt32(raw[at])
            }
            while i + 1 < rawEnd {
                let first = unit(i)
                var scalar = first
                var width = 2
                if first & 0xF800 == 0xD800 {
                    guard first < 0xDC00 else { break }
                    guard i + 3 < rawEnd else { break }
                    let second = unit(i + 2)
                    guard second & 0xFC00 == 0xDC00 else { break }
                    scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    width = 4
                }
                count += encodeUTF8(scalar, into: destination + count)
                i += width
            }
            rawStart = i
            let left = rawEnd - i
            let cutOff = left > 0 && (left < 2 || (left < 4 && unit(i) & 0xFC00 == 0xD800))
            if left > 0 && (!cutOff || atEOF) {
                // A lone surrogate, or a unit or pair cut off by the end of the file.
                errorOffset = fileOffset - left
                return count
            }
            if count == 0, atEOF { return 0 }
        }
        return count
    }

    // MARK: Tables

    /// Each Windows-1252 byte as UTF-8, packed by `packedUTF8` (only 0x80–0xFF are looked up).
    static let windows1252: [UInt32] = {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
        ]
        return (0..<256).map { packedUTF8($0 >= 0x80 && $0 < 0xA0 ? high[$0 - 0x80] : UInt32($0)) }
    }()

    /// Each ISO-8859-1 byte as UTF-8, packed the same way.
    static let iso88591: [UInt32] = (0..<256).map { packedUTF8(UInt32($0)) }

    /// A BMP scalar's UTF-8 bytes in the low three bytes (first byte lowest), its length in the top byte.
    private static func packedUTF8(_ scalar: UInt32) -> UInt32 {
        var bytes: UInt32 = 0
        let length = withUnsafeMutableBytes(of: &bytes) { encodeUTF8(scalar, into: $0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        return UInt32(littleEndian: bytes) | UInt32(length) << 24
    }
}

/// Writes `scalar` as UTF-8 and returns the byte count.
@inline(__always)
private func encodeUTF8(_ scalar: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
    switch scalar {
    case ..<0x80:
        out[0] = UInt8(scalar)
        return 1
    case ..<0x800:
        out[0] = UInt8(0xC0 | scalar >> 6)
        out[1] = UInt8(0x80 | scalar & 0x3F)
        return 2
    case ..<0x10000:
        out[0] = UInt8(0xE0 | scalar >> 12)
        out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
        out[2] = UInt8(0x80 | scalar & 0x3F)
        return 3
    default:
        out[0] = UInt8(0xF0 | scalar >> 18)
        out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
        out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
        out[3] = UInt8(0x80 | scalar & 0x3F)
        return 4
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
