import Foundation
import GevinstCore

/// Maps a CSV file's records to canonical rows (SPEC §4–§5): header matching (case-insensitive,
/// spaces and byte-order mark ignored), `columns:`, `constants:`, `code_prefix:`, long and wide
/// layouts, and `decimal: auto` from the first 64 KiB.
final class CSVRows: MappedRowReader {
    private let path: String
    private let display: String
    private let source: Source
    private let options: CSVReader.Options
    private let fields: [String]
    /// For each canonical field: the column index it comes from, or nil (constant or absent).
    private let columnOfField: [Int?]
    /// Wide layout: the period columns and their periods' header text.
    private let periodColumns: [(index: Int, header: String)]
    private let headerCount: Int
    let dialect: FileDialect

    init(path: String, display: String, source: Source, encoding: CSVEncoding) throws(ImportError) {
        self.path = path
        self.display = display
        self.source = source
        fields = source.kind.fields
        options = CSVReader.Options(encoding: encoding, delimiter: source.csv.delimiter, headerRow: source.csv.headerRow)
        let sample: CSVSample
        do { sample = try CSVReader.sample(path: path, options: options) } catch { throw CSVRows.importError(error, display: display) }
        guard let header = sample.records.first else {
            throw ImportError(source: source.id, file: display, line: source.csv.headerRow, cause: "the file has no header row", category: .data)
        }
        headerCount = header.fields.count
        let normalized = header.fields.map(CSVRows.normalizedHeader)
        var columnOfField: [Int?] = []
        var used = Set<Int>()
        let wide = source.csv.layout == .wide
        let wideValueField = source.kind == .measurements ? "value" : "amount"
        for field in fields {
            if wide, field == "period" || field == wideValueField {
                columnOfField.append(nil)
                continue
            }
            let column = source.fields[field]
            let wanted = CSVRows.normalizedHeader(column ?? field)
            if let index = normalized.firstIndex(of: wanted) {
                columnOfField.append(index)
                used.insert(index)
            } else if column != nil || (source.kind.requiredFields.contains(field) && source.constants[field] == nil) {
                let looked = column.map { "'\($0)' (mapped to \(field))" } ?? "'\(field)'"
                throw ImportError(source: source.id, file: display, line: header.line,
                                  cause: "missing required column \(looked); the header has: \(header.fields.joined(separator: ", "))",
                                  category: .data)
            } else {
                columnOfField.append(nil)
            }
        }
        self.columnOfField = columnOfField
        var periodColumns: [(Int, String)] = []
        if wide {
            for (index, name) in header.fields.enumerated() where !used.contains(index) {
                let text = name.trimmingSpaces.trimmingCharacters(in: ["\u{FEFF}"])
                guard Period(text) != nil else {
                    throw ImportError(source: source.id, file: display, line: header.line,
                                      cause: "column '\(name)' is neither mapped in 'columns:' nor a period; a wide file's other columns must be periods such as 2024 or 2024K1",
                                      category: .data)
                }
                periodColumns.append((index, text))
            }
            guard !periodColumns.isEmpty else {
                throw ImportError(source: source.id, file: display, line: header.line, cause: "layout: wide, but no column header is a period", category: .data)
            }
        }
        self.periodColumns = periodColumns
        let mark: DecimalMark
        switch source.decimal {
        case .comma: mark = .comma
        case .point: mark = .point
        case .auto:
            var vote = DecimalMarkVote()
            let kindFields = source.kind.fields
            let numericColumns = wide ? periodColumns.map(\.0)
                : source.kind.numericFields.compactMap { field in kindFields.firstIndex(of: field).flatMap { columnOfField[$0] } }
            for record in sample.records.dropFirst() {
                for index in numericColumns where index < record.fields.count { vote.observe(record.fields[index]) }
            }
            mark = vote.decide(delimiter: sample.delimiter)
        }
        dialect = FileDialect(encoding: sample.encoding.rawValue, delimiter: CSVRows.delimiterName(sample.delimiter), decimalMark: mark)
    }

    func forEachRow(_ body: (MappedRow) throws -> Void) throws {
        let reader: CSVReader
        do { reader = try CSVReader(path: path, options: options) } catch { throw CSVRows.importError(error, display: display) }
        do {
            guard try reader.next() != nil else { return }   // the header
            var values = [String?](repeating: nil, count: fields.count)
            let periodIndex = fields.firstIndex(of: "period")
            let valueIndex = fields.firstIndex(of: source.kind == .measurements ? "value" : "amount")
            let separator = String(UnicodeScalar(reader.delimiter))
            let prefixed = fields.map { source.csv.codePrefix.contains($0) }
            let constants = fields.map { source.constants[$0] }
            while let record = try reader.next() {
                let text = { (0..<record.count).map { record.string($0) }.joined(separator: separator) }
                guard record.count == headerCount else {
                    try body(MappedRow(line: record.line, column: nil, values: [], text: text, problem: RowProblem(
                        field: nil, reason: "the row has \(record.count) fields, the header has \(headerCount)")))
                    continue
                }
                if let field = fieldHoldingNUL(record) {
                    try body(MappedRow(line: record.line, column: nil, values: [], text: text, problem: RowProblem(
                        field: field, reason: "holds a NUL byte (U+0000), which is not text")))
                    continue
                }
                for i in 0..<fields.count {
                    if let column = columnOfField[i] {
                        values[i] = CSVRows.value(record[column], codePrefix: prefixed[i])
                    } else {
                        values[i] = constants[i]
                    }
                }
                if periodColumns.isEmpty {
                    try body(MappedRow(line: record.line, column: nil, values: values, text: text))
                } else {
                    for (index, header) in periodColumns {
                        values[periodIndex!] = header
                        values[valueIndex!] = CSVRows.value(record[index], codePrefix: false)
                        try body(MappedRow(line: record.line, column: nil, values: values, text: text))
                    }
                }
            }
        } catch let error as CSVError {
            throw CSVRows.importError(error, display: display)
        }
    }

    /// The first mapped field (or, in a wide file, period column) whose bytes hold a NUL.
    private func fieldHoldingNUL(_ record: CSVRecordView) -> String? {
        for (i, column) in columnOfField.enumerated() where column.map({ record[$0].contains(0) }) == true { return fields[i] }
        for (index, header) in periodColumns where record[index].contains(0) { return header }
        return nil
    }

    /// A field's text, trimmed of spaces and no-break spaces, and cut at its first space when
    /// the field is in `code_prefix`.
    static func value(_ bytes: UnsafeBufferPointer<UInt8>, codePrefix: Bool) -> String {
        var trimmed = trimmedSpaces(bytes)
        if codePrefix, let space = trimmed.firstIndex(of: UInt8(ascii: " ")) {
            trimmed = UnsafeBufferPointer(rebasing: trimmed[..<space])
        }
        return String(decoding: trimmed, as: UTF8.self)
    }

    static func normalizedHeader(_ text: String) -> String {
        text.trimmingCharacters(in: ["\u{FEFF}"]).trimmingSpaces.folding(options: [.caseInsensitive], locale: nil)
    }

    static func delimiterName(_ byte: UInt8) -> String {
        byte == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(byte))
    }

    static func importError(_ error: CSVError, display: String) -> ImportError {
        let category: FailureCategory = switch error {
        case .notFound, .isDirectory: .inputMissing
        case .io: .io
        default: .data
        }
        return ImportError(source: nil, file: display, line: error.line, cause: error.cause, category: category)
    }
}
