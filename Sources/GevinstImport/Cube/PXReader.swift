import GevinstCore

/// Reads a PC-Axis (`.px`) file: the header's keywords in the default language, then the DATA
/// part streamed cell by cell in row-major order (STUB variables first, the first slowest).
/// The header is decoded as its `CODEPAGE` says (ISO-8859-1 when it says nothing), or as UTF-8
/// when every byte of it is valid UTF-8. Sparse files (`KEYS`) are refused.
final class PXReader {
    let cube: Cube
    private let input: CubeInput
    /// Quoted or bare symbols that mean "no value": dots, `:`, and the file's DATASYMBOLn/SUM.
    private let missingSymbols: Set<[UInt8]>
    /// DATASYMBOLNIL (`-` unless the file says otherwise): a true zero.
    private let nilSymbol: [UInt8]

    /// Reads the header up to `DATA=`; `file` is how errors name the file.
    init(path: String, file: String) throws(ImportError) {
        input = try CubeInput(path: path, file: file)
        let header = try PXHeader(input)
        cube = try header.cube()
        var symbols: Set<[UInt8]> = [Array(":".utf8)]
        for count in 1...6 { symbols.insert([UInt8](repeating: UInt8(ascii: "."), count: count)) }
        for keyword in ["DATASYMBOL1", "DATASYMBOL2", "DATASYMBOL3", "DATASYMBOL4", "DATASYMBOL5", "DATASYMBOL6", "DATASYMBOLSUM"] {
            if let symbol = header.text(keyword) { symbols.insert(Array(symbol.utf8)) }
        }
        nilSymbol = Array((header.text("DATASYMBOLNIL") ?? "-").utf8)
        symbols.remove(nilSymbol)
        missingSymbols = symbols
    }

    /// Calls `body` with every cell of DATA in order. Values are separated by spaces, tabs, line
    /// breaks or `;` (some writers end each row with one). Reads the file once: call it once.
    func forEachCell(_ body: (CubeCell) throws -> Void) throws {
        let cells = cube.cellCount
        var index = 0
        var token: [UInt8] = []
        token.reserveCapacity(32)
        while true {
            var byte = try input.peek()
            while let b = byte, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ";") {
                input.advance()
                byte = try input.peek()
            }
            guard let first = byte else { break }
            let (line, column) = (input.line, input.column)
            token.removeAll(keepingCapacity: true)
            var quoted = false
            if first == UInt8(ascii: "\"") {
                quoted = true
                input.advance()
                while true {
                    guard let b = try input.next() else { throw input.error("the file ends inside a quoted data value") }
                    if b == UInt8(ascii: "\"") { break }
                    if token.count < 64 { token.append(b) }
                }
            } else {
                while let b = try input.peek(), b != 0x20, b != 0x09, b != 0x0A, b != 0x0D, b != UInt8(ascii: ";"), b != UInt8(ascii: "\"") {
                    if token.count < 64 { token.append(b) }
                    input.advance()
                }
            }
            guard index < cells else {
                throw ImportError.cube(input.file, line: line, column: column,
                                       "DATA holds more than \(cells) cells, the product of the dimension sizes (\(sizes))")
            }
            try body(CubeCell(index: index, value: value(token, quoted: quoted), line: line, column: column))
            index += 1
        }
        guard index == cells else {
            throw ImportError.cube(input.file, line: input.line, column: input.column,
                                   "DATA holds \(index) cells, but the dimension sizes (\(sizes)) make \(cells)")
        }
    }

    private var sizes: String { cube.dimensions.map { String($0.categories.count) }.joined(separator: " × ") }

    private func value(_ token: [UInt8], quoted: Bool) -> CubeValue {
        if missingSymbols.contains(token) { return .missing }
        if token == nilSymbol { return .number(0) }
        let parsed = token.withUnsafeBufferPointer { NumberParser.parse(utf8: $0, mark: .point) }
        if case .success(let number) = parsed { return .number(number.double) }
        let text = String(decoding: token, as: UTF8.self)
        return .invalid(quoted ? "\"\(text)\"" : text)
    }
}

/// The keywords of a PX header that a cube needs, as raw bytes until the character set is known.
private struct PXHeader {
    struct Statement {
        let keyword: String
        let subkeys: [[UInt8]]
        let value: [UInt8]
        let line: Int, column: Int
    }

    let file: String
    /// The kept statements as read, by keyword.
    private var statements: [String: [Statement]] = [:]
    /// The same by keyword and decoded names (`VALUES(region)`), once the character set is known;
    /// the first of two equal keys wins.
    private var index: [String: Statement] = [:]
    private var validUTF8 = true
    private var sawNonASCII = false
    private var encoding = PXEncoding.utf8
    private var declared: String?

    /// Keywords read (the rest are skipped): what the cube and its cells need.
    private static let kept: Set<String> = [
        "CHARSET", "CODEPAGE", "LANGUAGE", "STUB", "HEADING", "VALUES", "CODES", "VARIABLECODE", "TIMEVAL",
        "CONTVARIABLE", "UNITS", "LAST-UPDATED", "TITLE", "VARIABLE-TYPE", "MAP", "DATASYMBOL1", "DATASYMBOL2",
        "DATASYMBOL3", "DATASYMBOL4", "DATASYMBOL5", "DATASYMBOL6", "DATASYMBOLSUM", "DATASYMBOLNIL",
    ]
    /// The most bytes one statement may hold: a header is metadata, never the data.
    static let maxStatementBytes = 16 << 20
    /// The most bytes all kept statements may hold together.
    static let maxHeaderBytes = 64 << 20

    /// Reads statements up to and including `DATA=`.
    init(_ input: CubeInput) throws(ImportError) {
        file = input.file
        // A UTF-8 byte-order mark.
        if try input.peek() == 0xEF {
            for expected: UInt8 in [0xEF, 0xBB, 0xBF] {
                guard try input.next() == expected else { throw input.error("not a PC-Axis file: it starts with bytes that are not text") }
            }
        }
        var kept = 0
        while true {
            guard let statement = try Self.statement(input, validUTF8: &validUTF8, sawNonASCII: &sawNonASCII) else {
                throw input.error("no DATA keyword: the file ends in its header")
            }
            if statement.keyword == "DATA" { break }
            if statement.keyword == "KEYS" {
                throw .cube(file, line: statement.line, column: statement.column,
                            "a sparse PX file (KEYS): gevinst reads only full tables; save the table without KEYS")
            }
            guard Self.kept.contains(statement.keyword) else { continue }
            kept += statement.value.count + statement.subkeys.reduce(0) { $0 + $1.count }
            guard kept <= Self.maxHeaderBytes else {
                throw .cube(file, line: statement.line, column: statement.column, "the header's variables and values hold more than 64 MiB")
            }
            statements[statement.keyword, default: []].append(statement)
        }
        declared = declaredText("CODEPAGE")
        if sawNonASCII, !validUTF8 {
            // Without CODEPAGE, CHARSET="ANSI" means Windows text; else ISO-8859-1.
            let name = declared ?? (declaredText("CHARSET")?.uppercased() == "ANSI" ? "windows-1252" : "iso-8859-1")
            guard let encoding = PXEncoding(name) else {
                throw .cube(file, "CODEPAGE '\(name)' is not supported (iso-8859-1, iso-8859-15, windows-1252 or utf-8)")
            }
            guard encoding != .utf8 else { throw .cube(file, "the file declares CODEPAGE '\(name)' but its text is not valid UTF-8") }
            self.encoding = encoding
        }
        for (keyword, list) in statements {
            for statement in list {
                let key = Self.key(keyword, statement.subkeys.map { decode($0) })
                if index[key] == nil { index[key] = statement }
            }
        }
    }

    /// A keyword without names, read as ISO-8859-1 before the character set is known.
    private func declaredText(_ keyword: String) -> String? {
        statements[keyword]?.first { $0.subkeys.isEmpty }.map { items($0, as: .iso88591).joined(separator: ",") }
    }

    private static func key(_ keyword: String, _ subkeys: [String]) -> String {
        ([keyword] + subkeys).joined(separator: "\u{1F}")
    }

    /// Reads one `KEYWORD[lang]("sub",…)=value;` statement; nil at the end of the file. A keyword
    /// in another language than the default is returned under the keyword `""`. DATA stops at `=`.
    private static func statement(_ input: CubeInput, validUTF8: inout Bool, sawNonASCII: inout Bool) throws(ImportError) -> Statement? {
        while let byte = try input.peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { input.advance() }
        guard try input.peek() != nil else { return nil }
        let (line, column) = (input.line, input.column)
        var name: [UInt8] = []
        while let byte = try input.peek(), Self.isNameByte(byte) {
            guard name.count < 64 else { throw input.error("a keyword longer than 64 characters") }
            name.append(byte)
            input.advance()
        }
        guard !name.isEmpty else { throw input.error("expected a keyword") }
        var otherLanguage = false
        if try input.peek() == UInt8(ascii: "[") {
            otherLanguage = true
            while let byte = try input.next(), byte != UInt8(ascii: "]") {
                guard byte != UInt8(ascii: "=") && byte != UInt8(ascii: ";") else { throw input.error("a language code without ']'") }
            }
        }
        var subkeys: [[UInt8]] = []
        if try input.peek() == UInt8(ascii: "(") {
            input.advance()
            while true {
                while let byte = try input.peek(), byte == 0x20 || byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D { input.advance() }
                guard let byte = try input.next() else { throw input.error("the file ends in a keyword") }
                if byte == UInt8(ascii: ")") { break }
                guard byte == UInt8(ascii: "\"") else { throw input.error("expected a quoted name in the keyword's parentheses") }
                var subkey: [UInt8] = []
                while let byte = try input.next(), byte != UInt8(ascii: "\"") {
                    guard subkey.count < 4096 else { throw input.error("a name longer than 4096 bytes in a keyword") }
                    subkey.append(byte)
                }
                check(subkey, &validUTF8, &sawNonASCII)
                subkeys.append(subkey)
            }
        }
        guard try input.next() == UInt8(ascii: "=") else {
            throw ImportError.cube(input.file, line: line, column: column, "expected '=' after the keyword \(String(decoding: name, as: UTF8.self))")
        }
        let keyword = String(decoding: name, as: UTF8.self).uppercased()
        if keyword == "DATA", !otherLanguage { return Statement(keyword: keyword, subkeys: [], value: [], line: line, column: column) }
        var value: [UInt8] = []
        var inQuotes = false
        while true {
            guard let byte = try input.next() else {
                throw ImportError.cube(input.file, line: line, column: column, "the statement \(keyword) has no ';' before the end of the file")
            }
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == UInt8(ascii: ";"), !inQuotes { break }
            value.append(byte)
            guard value.count <= maxStatementBytes else {
                throw ImportError.cube(input.file, line: line, column: column, "the statement \(keyword) is longer than 16 MiB")
            }
        }
        check(value, &validUTF8, &sawNonASCII)
        return Statement(keyword: otherLanguage ? "" : keyword, subkeys: subkeys, value: value, line: line, column: column)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= 48 && byte <= 57)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    private static func check(_ bytes: [UInt8], _ validUTF8: inout Bool, _ sawNonASCII: inout Bool) {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return }
        sawNonASCII = true
        if validUTF8, String(validating: bytes, as: UTF8.self) == nil { validUTF8 = false }
    }

    // MARK: Values

    private func decode(_ bytes: [UInt8], as encoding: PXEncoding? = nil) -> String { (encoding ?? self.encoding).decode(bytes) }

    /// The statement of `keyword` whose parenthesised names are `subkeys` (decoded).
    private func statement(_ keyword: String, _ subkeys: [String] = []) -> Statement? {
        index[Self.key(keyword, subkeys)]
    }

    /// A keyword's value as a list: quoted strings separated by commas, adjacent strings joined
    /// (a long text continued on the next line), bare words as they stand.
    private func items(_ statement: Statement, as encoding: PXEncoding? = nil) -> [String] {
        var items: [String] = []
        var current: [UInt8] = []
        var hasItem = false
        var i = 0
        let bytes = statement.value
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                let end = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "\"")) ?? bytes.count
                current += bytes[(i + 1)..<end]
                hasItem = true
                i = end + 1
            } else if byte == UInt8(ascii: ",") {
                items.append(decode(current, as: encoding))
                current = []
                hasItem = false
                i += 1
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                i += 1
            } else {
                current.append(byte)
                hasItem = true
                i += 1
            }
        }
        if hasItem || !items.isEmpty { items.append(decode(current, as: encoding)) }
        return items
    }

    /// The value of a keyword without names in parentheses, as one text.
    func text(_ keyword: String) -> String? {
        statement(keyword).map { items($0).joined(separator: ",") }
    }

    private func list(_ keyword: String, _ subkeys: [String] = []) -> [String]? {
        statement(keyword, subkeys).map { items($0) }
    }

    private func error(_ statement: Statement?, _ cause: String) -> ImportError {
        .cube(file, line: statement?.line, column: statement?.column, cause)
    }

    // MARK: The cube

    func cube() throws(ImportError) -> Cube {
        let stub = list("STUB") ?? [], heading = list("HEADING") ?? []
        let names = stub + heading
        guard !names.isEmpty else { throw error(nil, "no STUB or HEADING: the file names no variables") }
        guard Set(names).count == names.count else { throw error(statement("STUB"), "STUB and HEADING name a variable twice") }
        let contents = text("CONTVARIABLE")
        var dimensions: [CubeDimension] = []
        var cells = 1
        for name in names {
            guard let values = list("VALUES", [name]) else { throw error(nil, "no VALUES for the variable '\(name)'") }
            guard !values.isEmpty else { throw error(statement("VALUES", [name]), "VALUES for '\(name)' is empty") }
            let codes = list("CODES", [name]) ?? values
            guard codes.count == values.count else {
                throw error(statement("CODES", [name]), "'\(name)' has \(values.count) VALUES but \(codes.count) CODES")
            }
            let (product, overflow) = cells.multipliedReportingOverflow(by: values.count)
            guard !overflow, product < 2_147_483_648 else { throw error(nil, "the cube has more than 2^31 cells") }
            cells = product
            var scale: String?
            var times: [String]?
            if let timeval = statement("TIMEVAL", [name]) {
                (scale, times) = try timeList(timeval, name: name)
                guard times!.count == values.count else {
                    throw error(timeval, "TIMEVAL for '\(name)' lists \(times!.count) periods but VALUES has \(values.count)")
                }
            }
            let type = text("VARIABLE-TYPE", [name])?.uppercased()
            let role: CubeRole? = times != nil ? .time : name == contents ? .metric
                : (type == "G" || statement("MAP", [name]) != nil) ? .geo : type == "T" ? .time : nil
            let commonUnit = role == .metric ? text("UNITS") : nil
            let categories = values.indices.map { i in
                CubeCategory(code: codes[i], label: values[i],
                             unit: role == .metric ? text("UNITS", [values[i]]) ?? commonUnit : nil, time: times?[i])
            }
            dimensions.append(CubeDimension(id: name, code: text("VARIABLECODE", [name]), label: name, role: role,
                                            categories: categories, timeScale: scale))
        }
        let stamps = (statements["LAST-UPDATED"] ?? []).map { items($0).joined() }
        return Cube(format: .px, label: text("TITLE"), updated: stamps.max().map(Self.isoStamp), dimensions: dimensions,
                    utf8InsteadOf: sawNonASCII && validUTF8 && PXEncoding(declared ?? "iso-8859-1") != .utf8 ? declared ?? "iso-8859-1" : nil)
    }

    /// A keyword's value with names in parentheses, as one text.
    private func text(_ keyword: String, _ subkeys: [String]) -> String? {
        statement(keyword, subkeys).map { items($0).joined(separator: ",") }
    }

    /// `TLIST(A1),"2021","2022"` or `TLIST(A1, "2021"-"2024")`: the unit and each period's text.
    private func timeList(_ statement: Statement, name: String) throws(ImportError) -> (String, [String]) {
        let text = decode(statement.value).filter { !$0.isWhitespace }
        guard text.uppercased().hasPrefix("TLIST("), let close = text.firstIndex(of: ")") else {
            throw error(statement, "TIMEVAL for '\(name)' is not TLIST(…)")
        }
        let inside = text[text.index(text.startIndex, offsetBy: 6)..<close]
        let parts = inside.split(separator: ",", maxSplits: 1)
        let scale = String(parts.first ?? "").uppercased()
        if parts.count == 2 {
            // A range: "2021"-"2024".
            let ends = parts[1].split(separator: "-").map { $0.trimmingCharacters(in: "\"") }
            guard ends.count == 2, let first = CubePeriod.parse(ends[0], scale: scale), let last = CubePeriod.parse(ends[1], scale: scale),
                  first.kind == last.kind, first <= last, last.ordinal - first.ordinal < 100_000 else {
                throw error(statement, "TIMEVAL for '\(name)' has a range gevinst cannot read: \(parts[1])")
            }
            return (scale, (first.ordinal...last.ordinal).map { Period(kind: first.kind, ordinal: $0).description })
        }
        let rest = text[text.index(after: close)...]
        let list = rest.split(separator: ",").map { $0.trimmingCharacters(in: "\"") }
        return (scale, list)
    }

    /// `20230615 08:00` → `2023-06-15T08:00` (PX writes dates as CCYYMMDD hh:mm).
    private static func isoStamp(_ text: String) -> String {
        let chars = Array(text)
        guard chars.count >= 8, chars[0..<8].allSatisfy(\.isNumber) else { return text }
        var stamp = String(chars[0..<4]) + "-" + String(chars[4..<6]) + "-" + String(chars[6..<8])
        let time = String(chars[8...]).trimmingSpaces
        if !time.isEmpty { stamp += "T" + time }
        return stamp
    }
}

private extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}

/// The character sets a PX header may be in.
enum PXEncoding: Equatable {
    case utf8, iso88591, iso885915, windows1252

    /// From a CODEPAGE value; nil when gevinst does not know it.
    init?(_ name: String) {
        switch name.lowercased().filter({ $0 != "-" && $0 != "_" && $0 != " " }) {
        case "utf8": self = .utf8
        case "iso88591", "latin1", "l1": self = .iso88591
        case "iso885915", "latin9": self = .iso885915
        case "windows1252", "cp1252": self = .windows1252
        default: return nil
        }
    }

    func decode(_ bytes: [UInt8]) -> String {
        if self == .utf8 || !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(scalar(byte))!) }
        return String(scalars)
    }

    private func scalar(_ byte: UInt8) -> UInt32 {
        switch self {
        case .iso885915:
            return Self.latin9[byte] ?? UInt32(byte)
        case .windows1252 where byte >= 0x80 && byte < 0xA0:
            return Self.windows1252High[Int(byte - 0x80)]
        default:
            return UInt32(byte)
        }
    }

    /// Where ISO-8859-15 differs from ISO-8859-1.
    private static let latin9: [UInt8: UInt32] = [0xA4: 0x20AC, 0xA6: 0x160, 0xA8: 0x161, 0xB4: 0x17D, 0xB8: 0x17E, 0xBC: 0x152, 0xBD: 0x153, 0xBE: 0x178]
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]
}
