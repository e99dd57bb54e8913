import GevinstCore

/// RFC 4180 output: CRLF line ends, fields quoted when they hold the delimiter, a quote or a
/// line break. `standard` writes `,` and `.` in UTF-8 without BOM; `excel-no` writes `;`, a
/// decimal comma and a BOM, which Norwegian Excel opens right on a double-click. A text field
/// that a spreadsheet would run as a formula gets a leading `'` (see `appendField`).
struct CSVFormat {
    let delimiter: UInt8
    let mark: UInt8
    let byteOrderMark: Bool

    private static let quote: UInt8 = 0x22, lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    init(_ style: CSVStyle) {
        switch style {
        case .standard:
            (delimiter, mark, byteOrderMark) = (UInt8(ascii: ","), UInt8(ascii: "."), false)
        case .excelNorwegian:
            (delimiter, mark, byteOrderMark) = (UInt8(ascii: ";"), UInt8(ascii: ","), true)
        }
    }

    func appendHeader(_ names: [String], to out: inout [UInt8]) {
        if byteOrderMark { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        appendRow(names.map(Cell.text), to: &out)
    }

    func appendRow(_ cells: [Cell], to out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(delimiter) }
            switch cell {
            case .null: break
            case .text(let text): appendField(text, to: &out)
            case .integer(let value): PlainNumber.appendInteger(value, to: &out)
            case .hundredths(let value): PlainNumber.appendHundredths(value, mark: mark, to: &out)
            case .number(let value): PlainNumber.append(value, mark: mark, significantDigits: PlainNumber.statisticDigits, to: &out)
            }
        }
        endRow(&out)
    }

    func endRow(_ out: inout [UInt8]) {
        out.append(CSVFormat.carriageReturn)
        out.append(CSVFormat.lineFeed)
    }

    func appendField(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendField($0, to: &out) }
    }

    /// The first bytes that make a spreadsheet read a cell as a formula: `=`, `+`, `-`, `@`, tab, CR.
    private static let formulaStarts: [UInt8] = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]
    private static let apostrophe = UInt8(ascii: "'")

    /// A text field, quoted (with quotes doubled) when it holds the delimiter, a quote or a line break,
    /// and with a leading `'` when it begins like a formula, so that a spreadsheet shows it as text.
    func appendField(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let delimiter = self.delimiter
        let needsQuotes = bytes.contains { (byte: UInt8) -> Bool in
            byte == delimiter || byte == CSVFormat.quote || byte == CSVFormat.lineFeed || byte == CSVFormat.carriageReturn
        }
        let formula = bytes.first.map(CSVFormat.formulaStarts.contains) ?? false
        guard needsQuotes else {
            if formula { out.append(CSVFormat.apostrophe) }
            out.append(contentsOf: bytes)
            return
        }
        out.append(CSVFormat.quote)
        if formula { out.append(CSVFormat.apostrophe) }
        for byte in bytes {
            if byte == CSVFormat.quote { out.append(byte) }
            out.append(byte)
        }
        out.append(CSVFormat.quote)
    }

    /// A number already printed with a decimal point, with this format's decimal mark.
    func appendNumber(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        guard mark != UInt8(ascii: ".") else {
            out.append(contentsOf: bytes)
            return
        }
        for byte in bytes { out.append(byte == UInt8(ascii: ".") ? mark : byte) }
    }
}
