import GRDB
import GevinstCore

/// RFC 4180 output: CRLF line ends, fields quoted when they hold the delimiter, a quote or a
/// line break. `standard` writes `,` and `.` in UTF-8 without BOM; `excel-no` writes `;`, a
/// decimal comma and a BOM, which Norwegian Excel opens right on a double-click.
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
            case .number(let value): PlainNumber.append(value, mark: mark, to: &out)
            }
        }
        out.append(CSVFormat.carriageReturn)
        out.append(CSVFormat.lineFeed)
    }

    func appendField(_ text: String, to out: inout [UInt8]) {
        let delimiter = self.delimiter
        let needsQuotes = text.utf8.contains { (byte: UInt8) -> Bool in
            byte == delimiter || byte == CSVFormat.quote || byte == CSVFormat.lineFeed || byte == CSVFormat.carriageReturn
        }
        guard needsQuotes else {
            out.append(contentsOf: text.utf8)
            return
        }
        out.append(CSVFormat.quote)
        for byte in text.utf8 {
            if byte == CSVFormat.quote { out.append(byte) }
            out.append(byte)
        }
        out.append(CSVFormat.quote)
    }

    /// Streams one warehouse table into `file`.
    func write(_ table: TableExport, from db: Database, to file: OutputFile) throws {
        appendHeader(table.columns.map(\.name), to: &file.buffer)
        try table.forEachRow(db) { cells in
            appendRow(cells, to: &file.buffer)
            file.flushIfFull()
        }
    }

    /// `findings.csv`: the columns of SPEC §7, the message in the report's language.
    func write(_ findings: [Finding], messages: FindingMessages, to file: OutputFile) {
        appendHeader(FindingMessages.columns, to: &file.buffer)
        for finding in findings {
            appendRow(messages.cells(finding), to: &file.buffer)
            file.flushIfFull()
        }
    }
}
