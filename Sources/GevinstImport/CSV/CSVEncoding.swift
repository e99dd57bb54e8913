/// The text encoding of a CSV file (SPEC §5). The raw values are the pipeline file's spellings.
enum CSVEncoding: String, Sendable, CaseIterable {
    /// A UTF-8 or UTF-16 byte-order mark, else valid UTF-8, else Windows-1252.
    case auto
    case utf8 = "utf-8"
    /// Byte order from the byte-order mark; little-endian without one.
    case utf16 = "utf-16"
    /// The WHATWG table: 0x80–0x9F are `€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ`; 0x81, 0x8D, 0x8F, 0x90 and 0x9D map
    /// to the C1 controls of the same value.
    case windows1252 = "windows-1252"
    /// Every byte is the code point of the same value.
    case iso88591 = "iso-8859-1"
}

/// A byte-order mark at the start of a file.
enum ByteOrderMark: Sendable, Equatable {
    case utf8, utf16LittleEndian, utf16BigEndian, utf32LittleEndian, utf32BigEndian

    /// Recognises the mark at the start of `head` (the first four bytes of a file, fewer for a shorter
    /// file). UTF-32 little-endian is tested before UTF-16 little-endian, whose mark is its prefix.
    init?(head: [UInt8]) {
        let b = head.prefix(4)
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { self = .utf8 }
        else if b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { self = .utf32LittleEndian }
        else if b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { self = .utf32BigEndian }
        else if b.starts(with: [0xFF, 0xFE]) { self = .utf16LittleEndian }
        else if b.starts(with: [0xFE, 0xFF]) { self = .utf16BigEndian }
        else { return nil }
    }

    /// Its length in bytes.
    var length: Int {
        switch self {
        case .utf8: 3
        case .utf16LittleEndian, .utf16BigEndian: 2
        case .utf32LittleEndian, .utf32BigEndian: 4
        }
    }

    /// The encoding the mark announces; nil for UTF-32, which gevinst refuses.
    var encoding: CSVEncoding? {
        switch self {
        case .utf8: .utf8
        case .utf16LittleEndian, .utf16BigEndian: .utf16
        case .utf32LittleEndian, .utf32BigEndian: nil
        }
    }
}

/// Decides `encoding: auto` while the importer reads a file for its digest anyway: feed it every
/// chunk in order, then ask `resolve(_:path:)`. Sequences split across chunks are handled.
///
/// ```swift
/// var sniffer = EncodingSniffer()
/// for chunk in chunks { digest.update(chunk); chunk.withUnsafeBytes { sniffer.feed($0) } }
/// let encoding = try sniffer.resolve(source.encoding, path: path)
/// ```
struct EncodingSniffer: Sendable {
    /// The first (up to) four bytes of the file.
    private var head: [UInt8] = []
    /// The start of a UTF-8 sequence that the last chunk cut off.
    private var tail: [UInt8] = []
    private var invalid = false

    init() {}

    /// Takes the next chunk of the file.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        var bytes = chunk.bindMemory(to: UInt8.self)[...]
        if head.count < 4 { head += bytes.prefix(4 - head.count) }
        guard !invalid else { return }
        if !tail.isEmpty {
            let joined = tail + bytes.prefix(4 - tail.count)
            let (complete, isInvalid) = joined.withUnsafeBufferPointer { validateUTF8($0.baseAddress!, count: $0.count) }
            if isInvalid { invalid = true; return }
            if complete == 0 { tail = joined; return }
            bytes = bytes.dropFirst(complete - tail.count)
            tail = []
        }
        guard let start = UnsafeBufferPointer(rebasing: bytes).baseAddress else { return }
        let (complete, isInvalid) = validateUTF8(start, count: bytes.count)
        if isInvalid { invalid = true; return }
        tail = Array(bytes.dropFirst(complete))
    }

    /// The byte-order mark at the start of the bytes fed so far.
    var byteOrderMark: ByteOrderMark? {
        ByteOrderMark(head: head)
    }

    /// Whether all bytes fed so far are valid UTF-8 (a sequence cut off by the last chunk is not).
    var isValidUTF8: Bool { !invalid && tail.isEmpty }

    /// Whether the bytes fed so far hold invalid UTF-8 (whatever follows).
    var hasInvalidUTF8: Bool { invalid }

    /// The encoding to read the file with: the one its byte-order mark announces (a mark always wins
    /// over the declared encoding), else `declared`, where `auto` becomes UTF-8 for valid UTF-8 and
    /// Windows-1252 otherwise. Throws `unsupportedEncoding` for a UTF-32 mark; `path` names the file.
    func resolve(_ declared: CSVEncoding, path: String) throws(CSVError) -> CSVEncoding {
        if let mark = byteOrderMark {
            guard let encoding = mark.encoding else { throw .unsupportedEncoding(path: path, byteOrderMark: mark) }
            return encoding
        }
        if declared != .auto { return declared }
        return isValidUTF8 ? .utf8 : .windows1252
    }

    /// Resolves `declared` for the file at `path`, reading the whole file only when `auto` has to
    /// check UTF-8 validity (for `gevinst inspect`; the importer feeds its digest chunks instead).
    static func resolve(_ declared: CSVEncoding, path: String) throws(CSVError) -> CSVEncoding {
        try CSVInput(path: path, encoding: declared).encoding
    }
}

/// Checks UTF-8 from `start`: returns the length of the prefix made of complete, valid sequences,
/// and whether the bytes after it are invalid (`false` means they are a valid but unfinished
/// sequence cut by the end of the buffer, at most three bytes). Rejects overlong forms, surrogates
/// and code points above U+10FFFF.
func validateUTF8(_ start: UnsafePointer<UInt8>, count: Int) -> (complete: Int, invalid: Bool) {
    let raw = UnsafeRawPointer(start)
    var i = 0
    while i < count {
        while i + 16 <= count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            i += 16
        }
        guard i < count else { break }
        let lead = start[i]
        if lead < 0x80 { i += 1; continue }
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return (i, true)
        }
        guard i + 1 < count else { return (i, false) }
        let second = start[i + 1]
        guard second >= low && second <= high else { return (i, true) }
        for k in 2..<length {
            guard i + k < count else { return (i, false) }
            guard start[i + k] & 0xC0 == 0x80 else { return (i, true) }
        }
        i += length
    }
    return (count, false)
}
