import GevinstCore

/// One step through a JSON document.
enum JSONEvent: Equatable {
    case objectStart, objectEnd, arrayStart, arrayEnd
    /// A member name; the tokenizer has consumed the `:` after it.
    case key(String)
    case string(String)
    /// A number in JSON's grammar; `JSONTokenizer.number` converts it.
    case number
    case bool(Bool)
    case null
    /// The end of the document (after the one top-level value).
    case end
}

/// A streaming JSON (RFC 8259) pull parser over a `CubeInput`: it checks the grammar and holds
/// only the open containers and the current token, so memory does not grow with the document.
/// Foundation's decoders hold the whole document (about 150 MB for a 12 MB JSON-stat file).
final class JSONTokenizer {
    let input: CubeInput
    /// Line and column where the last event's token starts.
    private(set) var line = 1
    private(set) var column = 1

    private enum Container { case object, array }
    private enum Expect { case value, firstValueOrEnd, key, firstKeyOrEnd, commaOrEnd, done }
    private var containers: [Container] = []
    private var expect = Expect.value
    private var text: [UInt8] = []
    private var numberText: [UInt8] = []

    /// Longest string and number accepted, and the deepest nesting: a hostile file must not make
    /// memory grow without bound.
    static let maxStringBytes = 1 << 20
    static let maxNumberBytes = 400
    static let maxDepth = 512

    init(input: CubeInput) {
        self.input = input
        text.reserveCapacity(256)
        numberText.reserveCapacity(32)
    }

    /// The nesting depth: 0 at the top level, 1 inside the top-level object, …
    var depth: Int { containers.count }

    /// An error at the start of the last token.
    func error(_ cause: String) -> ImportError { .cube(input.file, line: line, column: column, "invalid JSON: \(cause)") }

    private func errorHere(_ cause: String) -> ImportError { input.error("invalid JSON: \(cause)") }

    func next() throws(ImportError) -> JSONEvent {
        while true {
            try skipWhitespace()
            line = input.line
            column = input.column
            guard let byte = try input.peek() else {
                guard expect == .done else { throw errorHere("the file ends inside a value") }
                return .end
            }
            switch expect {
            case .done:
                throw errorHere("text after the end of the document")
            case .commaOrEnd:
                let inObject = containers.last == .object
                if byte == UInt8(ascii: ",") {
                    input.advance()
                    expect = inObject ? .key : .value
                    continue
                }
                if byte == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    input.advance()
                    return close()
                }
                throw errorHere(inObject ? "expected ',' or '}'" : "expected ',' or ']'")
            case .key, .firstKeyOrEnd:
                if byte == UInt8(ascii: "}"), expect == .firstKeyOrEnd {
                    input.advance()
                    return close()
                }
                guard byte == UInt8(ascii: "\"") else { throw errorHere("expected a member name in quotes") }
                input.advance()
                let key = try readString()
                try skipWhitespace()
                guard try input.peek() == UInt8(ascii: ":") else { throw errorHere("expected ':' after a member name") }
                input.advance()
                expect = .value
                return .key(key)
            case .value, .firstValueOrEnd:
                if byte == UInt8(ascii: "]"), expect == .firstValueOrEnd {
                    input.advance()
                    return close()
                }
                return try readValue(byte)
            }
        }
    }

    /// Skips the value that starts at the next event (after a key, or at an array element).
    func skipValue() throws(ImportError) {
        let event = try next()
        if event == .objectEnd || event == .arrayEnd || event == .end { throw error("expected a value") }
        try skipRest(of: event)
    }

    /// After an `.objectStart` or `.arrayStart` event, skips to the end of that container;
    /// after any other event, does nothing.
    func skipRest(of event: JSONEvent) throws(ImportError) {
        guard event == .objectStart || event == .arrayStart else { return }
        let target = depth - 1
        while depth > target { _ = try next() }
    }

    /// The number of the last `.number` event; nil when it is too large for a Double.
    func number() -> Double? {
        numberText.withUnsafeBufferPointer { bytes in
            if case .success(let parsed) = NumberParser.parse(utf8: bytes, mark: .point) { return parsed.double }
            return nil
        }
    }

    /// The last `.number` event's text, for messages.
    var numberDescription: String { String(decoding: numberText, as: UTF8.self) }

    private func close() -> JSONEvent {
        let closed = containers.removeLast()
        expect = containers.isEmpty ? .done : .commaOrEnd
        return closed == .object ? .objectEnd : .arrayEnd
    }

    private func afterScalar() {
        expect = containers.isEmpty ? .done : .commaOrEnd
    }

    private func open(_ container: Container) throws(ImportError) -> JSONEvent {
        guard containers.count < Self.maxDepth else { throw errorHere("nested deeper than \(Self.maxDepth) levels") }
        input.advance()
        containers.append(container)
        expect = container == .object ? .firstKeyOrEnd : .firstValueOrEnd
        return container == .object ? .objectStart : .arrayStart
    }

    private func readValue(_ byte: UInt8) throws(ImportError) -> JSONEvent {
        switch byte {
        case UInt8(ascii: "{"): return try open(.object)
        case UInt8(ascii: "["): return try open(.array)
        case UInt8(ascii: "\""):
            input.advance()
            let string = try readString()
            afterScalar()
            return .string(string)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try readNumber()
            afterScalar()
            return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let event = try readLiteral()
            afterScalar()
            return event
        default:
            throw errorHere("unexpected character '\(Self.printable(byte))'")
        }
    }

    private func skipWhitespace() throws(ImportError) {
        while let byte = try input.peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { input.advance() }
    }

    private func readLiteral() throws(ImportError) -> JSONEvent {
        var word: [UInt8] = []
        while let byte = try input.peek(), byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z"), word.count < 6 {
            word.append(byte)
            input.advance()
        }
        switch word {
        case Array("true".utf8): return .bool(true)
        case Array("false".utf8): return .bool(false)
        case Array("null".utf8): return .null
        default: throw error("'\(String(decoding: word, as: UTF8.self))' is not a JSON value")
        }
    }

    /// Reads a number in JSON's grammar into `numberText`.
    private func readNumber() throws(ImportError) {
        numberText.removeAll(keepingCapacity: true)
        func take() throws(ImportError) {
            guard numberText.count < Self.maxNumberBytes else { throw error("a number longer than \(Self.maxNumberBytes) characters") }
            numberText.append(try input.peek()!)
            input.advance()
        }
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 48 && $0 <= 57 } ?? false }
        func digits() throws(ImportError) {
            guard isDigit(try input.peek()) else { throw errorHere("a digit must follow") }
            while isDigit(try input.peek()) { try take() }
        }
        if try input.peek() == UInt8(ascii: "-") { try take() }
        if try input.peek() == UInt8(ascii: "0") {
            try take()
        } else {
            try digits()
        }
        if try input.peek() == UInt8(ascii: ".") {
            try take()
            try digits()
        }
        if let byte = try input.peek(), byte | 0x20 == UInt8(ascii: "e") {
            try take()
            if let sign = try input.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { try take() }
            try digits()
        }
    }

    /// Reads a string after its opening quote: escapes decoded, UTF-8 checked.
    private func readString() throws(ImportError) -> String {
        text.removeAll(keepingCapacity: true)
        var ascii = true
        while true {
            guard let byte = try input.next() else { throw errorHere("the file ends inside a string") }
            switch byte {
            case UInt8(ascii: "\""):
                if ascii { return String(decoding: text, as: UTF8.self) }
                guard let string = String(validating: text, as: UTF8.self) else { throw error("a string that is not valid UTF-8") }
                return string
            case UInt8(ascii: "\\"):
                try readEscape()
            case 0..<0x20:
                throw errorHere("a control character inside a string (write it as an escape)")
            default:
                if byte >= 0x80 { ascii = false }
                text.append(byte)
            }
            guard text.count <= Self.maxStringBytes else { throw error("a string longer than \(Self.maxStringBytes) bytes") }
        }
    }

    private func readEscape() throws(ImportError) {
        guard let byte = try input.next() else { throw errorHere("the file ends inside a string") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if scalar >= 0xD800, scalar < 0xDC00 {
                guard try input.next() == UInt8(ascii: "\\"), try input.next() == UInt8(ascii: "u") else {
                    throw errorHere("a \\u escape of a high surrogate without its low surrogate")
                }
                let low = try readHex4()
                guard low >= 0xDC00, low < 0xE000 else { throw errorHere("a \\u escape of a high surrogate without its low surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00, scalar < 0xE000 {
                throw errorHere("a \\u escape of a lone low surrogate")
            }
            text.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            throw errorHere("'\\\(Self.printable(byte))' is not a JSON escape")
        }
    }

    private func readHex4() throws(ImportError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try input.next() else { throw errorHere("the file ends inside a string") }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
            default: throw errorHere("a \\u escape needs four hexadecimal digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    private static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }
}
