/// Which character separates a number's decimals, as a source declares it with `decimal:`.
public enum DecimalSetting: String, Sendable, Hashable, Codable {
    case auto, comma, point
}

/// The decimal mark of one file, after `auto` has been decided.
public enum DecimalMark: String, Sendable, Hashable, Codable {
    case comma, point

    var byte: UInt8 { self == .comma ? UInt8(ascii: ",") : UInt8(ascii: ".") }
    var groupByte: UInt8 { self == .comma ? UInt8(ascii: ".") : UInt8(ascii: ",") }
}

/// A number read from text, kept both exactly (decimal significand and exponent, when it fits
/// 19 digits) and as the nearest `Double`.
public struct ParsedNumber: Sendable, Hashable {
    /// `value = significand × 10^exponent`, sign included; nil when the digits do not fit an Int64.
    public let significand: Int64?
    public let exponent: Int
    public let double: Double
}

/// Why a number could not be read.
public enum NumberError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case invalidCharacter(String)
    case badGrouping(String)
    case outOfRange(String)
    /// A finite number whose magnitude exceeds ``NumberParser/largest``.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .empty: "empty number"
        case .invalidCharacter(let t): "'\(t.excerpt)' is not a number"
        case .badGrouping(let t): "'\(t.excerpt)' has misplaced thousands separators: one to three digits, then groups of exactly three"
        case .outOfRange(let t): "'\(t.excerpt)' is out of range"
        case .tooLarge(let t): "'\(t.excerpt)' is larger than 10^15 in magnitude, more than any value gevinst stores"
        }
    }
}

/// Parses the number forms of SPEC §5 from UTF-8 bytes: `1234.5`, `1234,5`, `1 234,5` (space,
/// U+00A0 or U+202F between thousands), `1.234,5`, `1,234.5`, signs `+ - −`, exponents, and a
/// trailing `%`. Grouping separators must be followed by exactly three digits. A magnitude above
/// 10^15 is refused, so that sums, squares and chart scales of stored values stay finite.
public enum NumberParser {
    /// The largest magnitude a number may have.
    public static let largest = 1e15

    public static func parse(_ text: String, mark: DecimalMark) -> Result<ParsedNumber, NumberError> {
        var text = text
        return text.withUTF8 { parse(utf8: $0, mark: mark) }
    }

    /// `largest`: a larger limit for a number that is only compared, never stored (a file's control total).
    public static func parse(utf8 b: UnsafeBufferPointer<UInt8>, mark: DecimalMark, largest: Double = NumberParser.largest) -> Result<ParsedNumber, NumberError> {
        let n = b.count
        guard n > 0 else { return .failure(.empty) }
        func text() -> String { String(decoding: b, as: UTF8.self) }
        var i = 0
        var negative = false
        // Sign: + - or U+2212 (E2 88 92).
        if b[0] == UInt8(ascii: "+") { i = 1 }
        else if b[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        else if n >= 3, b[0] == 0xE2, b[1] == 0x88, b[2] == 0x92 { negative = true; i = 3 }

        // Trailing percent, optionally after a space or U+00A0.
        var end = n
        if end > i, b[end - 1] == UInt8(ascii: "%") {
            end -= 1
            if end > i, b[end - 1] == UInt8(ascii: " ") { end -= 1 }
            else if end - 1 > i, b[end - 2] == 0xC2, b[end - 1] == 0xA0 { end -= 2 }
        }

        var significand: UInt64 = 0
        var digitCount = 0          // significant digits kept in `significand`
        var overflow = false
        var exponent = 0
        var sawDigit = false
        var groupLength = 0         // digits since the last separator in the integer part
        var grouped = false

        @inline(__always) func addDigit(_ d: UInt64, fractional: Bool) {
            if significand == 0 && d == 0 {
                if fractional { exponent -= 1 }
                return
            }
            if digitCount < 19 {
                significand = significand * 10 + d
                digitCount += 1
                if fractional { exponent -= 1 }
            } else {
                overflow = true
                if !fractional { exponent += 1 }
            }
        }

        // Integer part with optional grouping.
        while i < end {
            let c = b[i]
            if c >= 48 && c <= 57 {
                addDigit(UInt64(c - 48), fractional: false)
                sawDigit = true
                groupLength += 1
                i += 1
                continue
            }
            var separatorLength = 0
            if c == UInt8(ascii: " ") || c == mark.groupByte { separatorLength = 1 }
            else if c == 0xC2, i + 1 < end, b[i + 1] == 0xA0 { separatorLength = 2 }
            else if c == 0xE2, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0xAF { separatorLength = 3 }
            guard separatorLength > 0 else { break }
            // A separator must follow 1–3 digits (first group) or exactly 3 (later groups).
            if grouped {
                guard groupLength == 3 else { return .failure(.badGrouping(text())) }
            } else {
                guard groupLength >= 1, groupLength <= 3 else { return .failure(.badGrouping(text())) }
                grouped = true
            }
            groupLength = 0
            i += separatorLength
            // Exactly three digits must follow.
            var k = 0
            while k < 3, i + k < end, b[i + k] >= 48, b[i + k] <= 57 { k += 1 }
            guard k == 3 else { return .failure(.badGrouping(text())) }
        }
        if grouped, groupLength != 3 { return .failure(.badGrouping(text())) }

        // Fraction.
        if i < end, b[i] == mark.byte {
            i += 1
            var fractionDigits = 0
            while i < end, b[i] >= 48, b[i] <= 57 {
                addDigit(UInt64(b[i] - 48), fractional: true)
                fractionDigits += 1
                i += 1
            }
            guard fractionDigits > 0 || sawDigit else { return .failure(.invalidCharacter(text())) }
            if fractionDigits > 0 { sawDigit = true } else { return .failure(.invalidCharacter(text())) }
        }
        guard sawDigit else { return .failure(n == 0 ? .empty : .invalidCharacter(text())) }

        // Exponent.
        if i < end, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < end, b[i] == UInt8(ascii: "+") { i += 1 }
            else if i < end, b[i] == UInt8(ascii: "-") { expNegative = true; i += 1 }
            else if i + 2 < end, b[i] == 0xE2, b[i + 1] == 0x88, b[i + 2] == 0x92 { expNegative = true; i += 3 }
            var e = 0
            var expDigits = 0
            while i < end, b[i] >= 48, b[i] <= 57 {
                if e < 100_000 { e = e * 10 + Int(b[i] - 48) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return .failure(.invalidCharacter(text())) }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return .failure(.invalidCharacter(text())) }

        let double: Double
        if !overflow, significand < (1 << 53), exponent >= -22, exponent <= 22 {
            // Clinger's fast path: both operands exact, one correctly rounded operation.
            let s = Double(significand)
            double = exponent < 0 ? s / powersOfTen[-exponent] : s * powersOfTen[exponent]
        } else {
            guard let parsed = Double("\(significand)e\(exponent)") else { return .failure(.outOfRange(text())) }
            double = parsed
        }
        guard double.isFinite else { return .failure(.outOfRange(text())) }
        guard double <= largest else { return .failure(.tooLarge(text())) }
        // 19 digits can exceed Int64 (9 223 372 036 854 775 807): then there is no exact form.
        let signed: Int64? = overflow ? nil : Int64(exactly: significand).map { negative ? -$0 : $0 }
        return .success(ParsedNumber(significand: signed, exponent: exponent, double: negative ? -double : double))
    }

    private static let powersOfTen: [Double] = (0...22).map { p in
        var v = 1.0
        for _ in 0..<p { v *= 10 }
        return v
    }
}

/// Decides `decimal: auto` for one file from the values it has seen (SPEC §5): comma if some
/// value has a comma between digits and none a point between digits, point in the opposite case,
/// otherwise comma for `;`-delimited files and point for the rest.
public struct DecimalMarkVote: Sendable {
    public private(set) var commaBetweenDigits = false
    public private(set) var pointBetweenDigits = false

    public init() {}

    public mutating func observe(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3 else { return }
        for i in 1..<(bytes.count - 1) where isDigit(bytes[i - 1]) && isDigit(bytes[i + 1]) {
            if bytes[i] == UInt8(ascii: ",") { commaBetweenDigits = true }
            if bytes[i] == UInt8(ascii: ".") { pointBetweenDigits = true }
        }
    }

    public func decide(delimiter: UInt8?) -> DecimalMark {
        if commaBetweenDigits && !pointBetweenDigits { return .comma }
        if pointBetweenDigits && !commaBetweenDigits { return .point }
        return delimiter == UInt8(ascii: ";") ? .comma : .point
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}

/// The tokens that mean "no value" (SPEC §5), compared case-insensitively after trimming.
public struct MissingTokens: Sendable, Hashable {
    public static let defaults = MissingTokens(["", ".", "..", "...", ":", "x", "NA"])
    private let tokens: Set<String>
    private let longest: Int
    /// The lowercased tokens that are ASCII, as bytes: an ASCII text lowercases to ASCII, so it can
    /// only equal one of these.
    private let asciiTokens: [[UInt8]]

    public init(_ tokens: [String]) {
        self.tokens = Set(tokens.map { $0.lowercased() })
        longest = tokens.map(\.utf8.count).max() ?? 0
        asciiTokens = self.tokens.map { Array($0.utf8) }.filter { $0.allSatisfy { $0 < 0x80 } }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    public func contains(_ text: String) -> Bool {
        guard text.utf8.count <= longest else { return false }
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ bytes in bytes.allSatisfy { $0 < 0x80 } ? contains(ascii: bytes) : nil }),
           let ascii {
            return ascii
        }
        return tokens.contains(text.lowercased())
    }

    /// `contains(_:)` on UTF-8 bytes, without making a string for an ASCII text (the common case).
    public func contains(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= longest else { return false }
        var ascii = true
        for byte in bytes where byte >= 0x80 { ascii = false }
        guard ascii else { return contains(String(decoding: bytes, as: UTF8.self)) }
        return contains(ascii: bytes)
    }

    /// Whether ASCII `bytes`, lowercased, are one of the tokens.
    private func contains(ascii bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        search: for token in asciiTokens where token.count == bytes.count {
            for index in 0..<bytes.count {
                let byte = bytes[index]
                let lower = byte &- 0x41 < 26 ? byte | 0x20 : byte   // A–Z to a–z, as lowercased() does for ASCII
                if lower != token[index] { continue search }
            }
            return true
        }
        return false
    }
}
