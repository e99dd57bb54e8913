/// Reads the bytes of an XML file before libxml2 does and refuses the start tags libxml2 would
/// take quadratic time or fail cryptically on: libxml2 2.9 checks each attribute of a tag against
/// all earlier ones and looks each prefix up among all namespace declarations in scope, and stops
/// on a long attribute value with "Huge input lookup" or "AttValue length too long".
///
/// A byte-level state machine over the file's code units (UTF-8 and the other ASCII-compatible
/// encodings as bytes, UTF-16 and UCS-4 by their byte-order mark or first `<`), carried across
/// chunks. It knows just enough XML to tell attributes from text: start and end tags, quoted
/// values, comments, CDATA sections, processing instructions and the document type declaration
/// with its internal subset. Linear in the file, constant memory apart from a count per open
/// element.
struct XMLPrefilter {
    /// Attributes (namespace declarations included) one start tag may have.
    static let maximumAttributes = 1_000

    struct Limits {
        /// Attributes (namespace declarations included) of one start tag.
        var attributes = XMLPrefilter.maximumAttributes
        /// Bytes, as written in the file, of one attribute value: the limit of a field's value.
        var valueBytes = RecordMatcher.maximumValueBytes
        /// Namespace declarations in scope at once (their prefixes are looked up one by one).
        var namespaces = 100
    }

    private let limits: Limits

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Where and why a file is refused. `line` and `column` (characters) are those of the start
    /// tag's `<`, counted as libxml2 counts them (lines by line feeds).
    struct Refusal: Equatable {
        var line: Int
        var column: Int
        var reason: String
    }

    private enum State: UInt8 {
        case text, markup, bang, commentOpen, comment, cdataOpen, cdata, processingInstruction
        case endTag, startTag, value, doctype, doctypeMarkup, doctypeBang
    }

    private enum Encoding { case unknown, bytes, utf16LE, utf16BE, ucs4LE, ucs4BE }

    private var encoding = Encoding.unknown
    /// The first bytes, until the encoding is known.
    private var head: [UInt8] = []
    /// The bytes of a code unit not yet complete at the end of a chunk.
    private var partial: UInt32 = 0
    private var partialBytes = 0

    private var state = State.text
    /// Where a comment or processing instruction returns to (text or the internal subset).
    private var returnState = State.text
    /// Comment: dashes just seen; CDATA: `]` just seen, or the characters of `[CDATA[` matched;
    /// processing instruction: 1 after a `?`.
    private var run = 0

    private var line = 1
    private var column = 0
    private var tagLine = 1
    private var tagColumn = 1

    // The start tag being read.
    private var attributes = 0
    private var namespacesHere = 0
    private var quote: UInt32 = 0
    private var valueBytes = 0
    /// True where the next name character begins an attribute name.
    private var nameStart = false
    /// How much of `xmlns` the attribute name matched (5: `xmlns`, 6: `xmlns:`), -1 when it cannot.
    private var xmlnsMatch = -1
    private var slashBeforeClose = false

    /// Namespace declarations of each open element, and their sum.
    private var namespaceStack: [Int32] = []
    private var namespacesInScope = 0

    // The document type declaration: brackets open, and the quote inside a declaration.
    private var doctypeBrackets = 0
    private var doctypeQuote: UInt32 = 0

    /// Where in the chunk of the last `scan` that returned a refusal the refusal fell: the offset
    /// of the byte it was decided on (the last byte of its code unit; at the earliest the file's
    /// fourth byte, on which the encoding is decided). The same byte of the file for any chunking.
    private(set) var refusedAt = 0

    /// Scans the next chunk of the file, and an empty chunk at its end; a refusal stops the file
    /// (later chunks must not be given).
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Refusal? {
        var rest = bytes
        var skipped = 0
        if encoding == .unknown {
            let take = min(4 - head.count, bytes.count)
            head += bytes.prefix(take)
            rest = UnsafeRawBufferPointer(rebasing: bytes[take...])
            skipped = take
            if head.count < 4 && !bytes.isEmpty { return nil }
            encoding = Self.detect(head)
            // The encoding is decided on the fourth byte, and nothing is refused before it.
            if encoding == .unknown {
                refusedAt = max(0, take - 1)
                return Refusal(line: 1, column: 1, reason: "the file is EBCDIC-encoded XML, which gevinst does not read")
            }
            // libxml2 does not count a byte-order mark as a column.
            if head.starts(with: [0xEF, 0xBB, 0xBF]) || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
                || head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
                column = -1
            }
            let pending = head
            head = []
            if let refusal = pending.withUnsafeBytes({ feed($0) }) {
                refusedAt = max(0, take - 1, refusedAt - (pending.count - take))
                return refusal
            }
        }
        guard let refusal = feed(rest) else { return nil }
        refusedAt += skipped
        return refusal
    }

    private static func detect(_ b: [UInt8]) -> Encoding {
        guard b.count == 4 else { return .bytes }
        switch (b[0], b[1], b[2], b[3]) {
        case (0x00, 0x00, 0xFE, 0xFF), (0x00, 0x00, 0x00, 0x3C): return .ucs4BE
        case (0xFF, 0xFE, 0x00, 0x00), (0x3C, 0x00, 0x00, 0x00): return .ucs4LE
        case (0xFE, 0xFF, _, _), (0x00, 0x3C, 0x00, _): return .utf16BE
        case (0xFF, 0xFE, _, _), (0x3C, 0x00, _, 0x00): return .utf16LE
        case (0x4C, 0x6F, 0xA7, 0x94): return .unknown
        default: return .bytes
        }
    }

    private mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Refusal? {
        let size: Int
        let bigEndian: Bool
        switch encoding {
        case .bytes, .unknown:
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte & 0xC0 != 0x80 { column += 1 }   // a UTF-8 continuation byte is no new character
                // Plain text between tags needs no state machine, nor does most of a tag: an end tag's
                // name, a value's bytes below the limit, and a name's bytes after its first that
                // cannot start `xmlns`.
                switch state {
                case .text where byte != 0x3C && byte != 0x0A, .endTag where byte != 0x3E && byte != 0x0A:
                    continue
                case .value where UInt32(byte) != quote && byte != 0x0A && valueBytes < limits.valueBytes:
                    valueBytes += 1
                    continue
                case .startTag where xmlnsMatch < 0 && !nameStart && Self.isPlainNameByte(byte):
                    slashBeforeClose = false
                    continue
                default:
                    break
                }
                if let refusal = step(UInt32(byte), bytes: 1) {
                    refusedAt = index
                    return refusal
                }
            }
            return nil
        case .utf16LE: (size, bigEndian) = (2, false)
        case .utf16BE: (size, bigEndian) = (2, true)
        case .ucs4LE: (size, bigEndian) = (4, false)
        case .ucs4BE: (size, bigEndian) = (4, true)
        }
        for (index, byte) in bytes.enumerated() {
            partial = bigEndian ? partial << 8 | UInt32(byte) : partial | UInt32(byte) << (8 * UInt32(partialBytes))
            partialBytes += 1
            guard partialBytes == size else { continue }
            let unit = partial
            partial = 0
            partialBytes = 0
            if !(size == 2 && (0xDC00...0xDFFF).contains(unit)) { column += 1 }   // a low surrogate ends a character
            if let refusal = step(unit, bytes: size) {
                refusedAt = index
                return refusal
            }
        }
        return nil
    }

    private static let lf: UInt32 = 0x0A, lt: UInt32 = 0x3C, gt: UInt32 = 0x3E, slash: UInt32 = 0x2F
    private static let bang: UInt32 = 0x21, question: UInt32 = 0x3F, dash: UInt32 = 0x2D, equals: UInt32 = 0x3D
    private static let openBracket: UInt32 = 0x5B, closeBracket: UInt32 = 0x5D, colon: UInt32 = 0x3A
    /// `CDATA[` and `xmlns`, a byte a character, the first in the lowest byte: integer constants,
    /// where arrays would be lazy globals that every byte of a start tag looks up (`swift_once`).
    private static let cdataOpening: (bytes: UInt64, count: Int) = (0x5B_41_54_41_44_43, 6)
    private static let xmlns: (bytes: UInt64, count: Int) = (0x73_6E_6C_6D_78, 5)

    private static func character(_ index: Int, of word: (bytes: UInt64, count: Int)) -> UInt32 {
        UInt32(truncatingIfNeeded: word.bytes >> UInt64(8 * index)) & 0xFF
    }

    /// Neither space, quote, `=`, `>` nor `/`: a byte `startTag` only passes over inside a name.
    private static func isPlainNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27, 0x3D, 0x3E, 0x2F: false
        default: true
        }
    }

    private static func isSpace(_ unit: UInt32) -> Bool { unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D }
    private static func isQuote(_ unit: UInt32) -> Bool { unit == 0x22 || unit == 0x27 }

    /// One code unit; `column` already counts it.
    private mutating func step(_ unit: UInt32, bytes: Int) -> Refusal? {
        defer {
            if unit == Self.lf {
                line += 1
                column = 0
            }
        }
        switch state {
        case .text:
            if unit == Self.lt {
                state = .markup
                tagLine = line
                tagColumn = column
            }
        case .markup:
            if unit == Self.bang { state = .bang }
            else if unit == Self.question { enter(.processingInstruction, returning: .text) }
            else if unit == Self.slash { state = .endTag }
            else {
                state = .startTag
                attributes = 0
                namespacesHere = 0
                nameStart = false
                xmlnsMatch = -1
                slashBeforeClose = false
                return startTag(unit)
            }
        case .bang:
            if unit == Self.dash { enter(.commentOpen, returning: .text) }
            else if unit == Self.openBracket { state = .cdataOpen; run = 0 }
            else { state = .doctype; doctypeBrackets = 0; doctypeQuote = 0 }
        case .commentOpen:
            // `<!-` must go on with `-`; anything else is not well-formed, and libxml2 says so.
            state = unit == Self.dash ? .comment : returnState
            run = 0
        case .comment:
            if unit == Self.dash { run = min(run + 1, 2) }
            else if unit == Self.gt && run == 2 { state = returnState }
            else { run = 0 }
        case .cdataOpen:
            if run < Self.cdataOpening.count, unit == Self.character(run, of: Self.cdataOpening) {
                run += 1
                if run == Self.cdataOpening.count { state = .cdata; run = 0 }
            } else {
                state = .text   // not well-formed: libxml2 stops there
            }
        case .cdata:
            if unit == Self.closeBracket { run = min(run + 1, 2) }
            else if unit == Self.gt && run == 2 { state = .text }
            else { run = 0 }
        case .processingInstruction:
            if unit == Self.gt && run == 1 { state = returnState }
            run = unit == Self.question ? 1 : 0
        case .endTag:
            if unit == Self.gt {
                state = .text
                if let open = namespaceStack.popLast() { namespacesInScope -= Int(open) }
            }
        case .startTag:
            return startTag(unit)
        case .value:
            if unit == quote {
                state = .startTag
                nameStart = true
            } else {
                valueBytes += bytes
                if valueBytes > limits.valueBytes {
                    return Refusal(line: tagLine, column: tagColumn,
                                   reason: "an attribute value in this start tag is longer than \(limits.valueBytes) bytes, the limit of a field value")
                }
            }
        case .doctype:
            if doctypeQuote != 0 {
                if unit == doctypeQuote { doctypeQuote = 0 }
            } else if Self.isQuote(unit) {
                doctypeQuote = unit
            } else if unit == Self.openBracket {
                doctypeBrackets += 1
            } else if unit == Self.closeBracket {
                doctypeBrackets = max(0, doctypeBrackets - 1)
            } else if unit == Self.lt && doctypeBrackets > 0 {
                state = .doctypeMarkup
            } else if unit == Self.gt && doctypeBrackets == 0 {
                state = .text
            }
        case .doctypeMarkup:
            if unit == Self.bang { state = .doctypeBang }
            else if unit == Self.question { enter(.processingInstruction, returning: .doctype) }
            else { state = .doctype; return step(unit, bytes: bytes) }
        case .doctypeBang:
            if unit == Self.dash { enter(.commentOpen, returning: .doctype) }
            else { state = .doctype; return step(unit, bytes: bytes) }
        }
        return nil
    }

    private mutating func enter(_ next: State, returning: State) {
        state = next
        returnState = returning
        run = 0
    }

    /// A code unit inside a start tag, outside quotes.
    private mutating func startTag(_ unit: UInt32) -> Refusal? {
        if Self.isQuote(unit) {
            state = .value
            quote = unit
            valueBytes = 0
            slashBeforeClose = false
        } else if unit == Self.equals {
            attributes += 1
            if attributes > limits.attributes {
                return quadratic("this start tag has more than \(limits.attributes) attributes, the limit of one tag")
            }
            if xmlnsMatch >= Self.xmlns.count {
                namespacesHere += 1
                if namespacesInScope + namespacesHere > limits.namespaces {
                    return quadratic("more than \(limits.namespaces) namespace declarations are in scope at this start tag, the limit")
                }
            }
            xmlnsMatch = -1
            slashBeforeClose = false
        } else if unit == Self.gt {
            state = .text
            if slashBeforeClose {
                // `<a/>`: its namespace declarations end with it.
            } else {
                namespaceStack.append(Int32(namespacesHere))
                namespacesInScope += namespacesHere
            }
        } else if Self.isSpace(unit) {
            nameStart = true
        } else {
            slashBeforeClose = unit == Self.slash
            if nameStart {
                nameStart = false
                xmlnsMatch = 0
            }
            if xmlnsMatch >= 0 && xmlnsMatch < Self.xmlns.count {
                xmlnsMatch = unit == Self.character(xmlnsMatch, of: Self.xmlns) ? xmlnsMatch + 1 : -1
            } else if xmlnsMatch == Self.xmlns.count {
                xmlnsMatch = unit == Self.colon ? xmlnsMatch + 1 : -1
            }
        }
        return nil
    }

    /// A refusal of what libxml2 would read in quadratic time.
    private func quadratic(_ reason: String) -> Refusal {
        Refusal(line: tagLine, column: tagColumn,
                reason: reason + " (libxml2 would take time quadratic in their number)")
    }
}
