import Foundation
import GevinstCore

/// Maps a CSV file's records to canonical rows (SPEC §4–§5): header matching (case-insensitive,
/// spaces and byte-order mark ignored), `columns:`, `constants:`, `code_prefix:`, long and wide
/// layouts, and `decimal: auto` from the first 64 KiB.
final class CSVRows: MappedRowReader {
    private let path: String
    private let relativePath: String
    private let source: Source
    private let options: CSVReader.Options
    private let fields: [String]
    /// For each canonical field: the column index it comes from, or nil (constant or absent).
    private let columnOfField: [Int?]
    /// Wide layout: the period columns and their periods' header text.
    private let periodColumns: [(index: Int, header: String)]
    private let headerCount: Int
    let dialect: FileDialect

    /// What a newcomer most likely got wrong when the header has a single field: the wrong delimiter,
    /// when the field holds another mark as often as the next record does (so a title's commas do not
    /// count), or else a title line above the header, as statistics bank exports (SSB's KOSTRA
    /// tables) have, when a later record splits into fields: that record's line is named.
    static func headerHint(_ sample: CSVSample) -> String {
        guard let header = sample.records.first, header.fields.count == 1, let field = header.fields.first else { return "" }
        let next = sample.records.dropFirst().first?.fields.joined(separator: String(UnicodeScalar(sample.delimiter)))
        let marks: [(Character, String, String)] = [(";", "';'", "\";\""), ("\t", "tab", "tab"), (",", "','", "\",\""), ("|", "'|'", "\"|\"")]
        let count = { (text: String, mark: Character) in text.reduce(0) { $0 + ($1 == mark ? 1 : 0) } }
        if let (_, name, value) = marks.first(where: { mark in
            count(field, mark.0) > 0 && (next.map { count($0, mark.0) == count(field, mark.0) } ?? true)
        }) {
            return "; the file looks \(name)-separated: set delimiter: \(value) (or leave delimiter out to detect it)"
        }
        if let line = likelyHeaderLine(sample.records.map { ($0.line, $0.fields) }) {
            return "; line \(header.line) looks like a title, as in a statistics bank export: if the header is on line \(line), set header_row: \(line)"
        }
        return ""
    }

    /// The line of the first record with several fields, when the header read has one field only
    /// (a title line above the real header, as statistics bank exports have); nil otherwise.
    static func likelyHeaderLine(_ records: [(line: Int, fields: [String])]) -> Int? {
        guard records.first?.fields.count == 1 else { return nil }
        return records.dropFirst().first { $0.fields.count > 1 }?.line
    }

    init(path: String, relativePath: String, source: Source, encoding: CSVEncoding) throws(ImportError) {
        self.path = path
        self.relativePath = relativePath
        self.source = source
        fields = source.kind.fields
        options = CSVReader.Options(encoding: encoding, delimiter: source.csv.delimiter, headerRow: source.csv.headerRow)
        let sample: CSVSample
        do { sample = try CSVReader.sample(path: path, options: options) } catch { throw CSVRows.importError(error, relativePath: relativePath) }
        guard let header = sample.records.first else {
            throw ImportError(source: source.id, file: relativePath, line: source.csv.headerRow, cause: "the file has no header row", category: .data)
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
                throw ImportError(source: source.id, file: relativePath, line: header.line,
                                  cause: "missing required column \(looked); the header has: \(header.fields.joined(separator: ", ").excerpt)"
                                      + CSVRows.headerHint(sample),
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
                    throw ImportError(source: source.id, file: relativePath, line: header.line,
                                      cause: "column '\(name.excerpt)' is neither mapped in 'columns:' nor a period; a wide file's other columns must be periods such as 2024 or 2024K1",
                                      category: .data)
                }
                periodColumns.append((index, text))
            }
            guard !periodColumns.isEmpty else {
                throw ImportError(source: source.id, file: relativePath, line: header.line, cause: "layout: wide, but no column header is a period", category: .data)
            }
        }
        self.periodColumns = periodColumns
        let mark: DecimalMark
        var evidence: (text: String, line: Int)?
        switch source.decimal {
        case .comma: mark = .comma
        case .point: mark = .point
        case .auto:
            let kindFields = source.kind.fields
            let numericColumns = wide ? periodColumns.map(\.0)
                : source.kind.numericFields.compactMap { field in kindFields.firstIndex(of: field).flatMap { columnOfField[$0] } }
            var vote = DecimalMarkVote()
            for record in sample.records.dropFirst() {
                for index in numericColumns where index < record.fields.count { vote.observe(record.fields[index].trimmingSpaces, line: record.line) }
            }
            if vote.decided == nil, !vote.isMixed, !sample.complete {
                // The start did not decide: the whole file does (a second read).
                vote = try CSVRows.vote(path: path, relativePath: relativePath, options: options, columns: numericColumns)
            } else if let decided = vote.decided, !sample.complete {
                // The import checks the rest of the file against the value that decided.
                evidence = decided == .comma ? vote.firstComma : vote.firstPoint
            }
            if vote.isMixed { throw ImportError.mixedDecimalMarks(vote, source: source.id, relativePath: relativePath) }
            mark = vote.decide(delimiter: sample.delimiter)
        }
        dialect = FileDialect(encoding: sample.encoding.rawValue, delimiter: CSVRows.delimiterName(sample.delimiter), decimalMark: mark,
                              decimalEvidence: evidence)
    }

    /// The decimal marks of the numeric columns of the whole file.
    private static func vote(path: String, relativePath: String, options: CSVReader.Options, columns: [Int]) throws(ImportError) -> DecimalMarkVote {
        var vote = DecimalMarkVote()
        do {
            let reader = try CSVReader(path: path, options: options)
            guard try reader.next() != nil else { return vote }
            while let record = try reader.next(), !vote.isMixed {
                for index in columns where index < record.count {
                    let bytes = trimmedSpaces(record[index])
                    if DecimalMarkVote.mark(utf8: bytes) != nil { vote.observe(String(decoding: bytes, as: UTF8.self), line: record.line) }
                }
            }
        } catch {
            throw importError(error, relativePath: relativePath)
        }
        return vote
    }

    func forEachRow(_ body: (MappedRow) throws -> Void) throws {
        let reader = try open()
        do {
            guard try reader.next() != nil else { return }   // the header
            let mapping = RowMapping(self, delimiter: reader.delimiter)
            var values = [String?](repeating: nil, count: fields.count)
            while let record = try reader.next() {
                try mapping.rows(of: record, values: &values, body)
            }
        } catch let error as CSVError {
            throw CSVRows.importError(error, relativePath: relativePath)
        }
    }

    private func open() throws(ImportError) -> CSVReader {
        do { return try CSVReader(path: path, options: options) } catch { throw CSVRows.importError(error, relativePath: relativePath) }
    }

    /// How a record becomes mapped rows: the general path, which every row can take.
    private struct RowMapping {
        let fields: [String]
        let columnOfField: [Int?]
        let periodColumns: [(index: Int, header: String)]
        let headerCount: Int
        let periodIndex: Int?
        let valueIndex: Int?
        let separator: String
        let prefixed: [Bool]
        let constants: [String?]

        init(_ rows: CSVRows, delimiter: UInt8) {
            fields = rows.fields
            columnOfField = rows.columnOfField
            periodColumns = rows.periodColumns
            headerCount = rows.headerCount
            periodIndex = fields.firstIndex(of: "period")
            valueIndex = fields.firstIndex(of: rows.source.kind == .measurements ? "value" : "amount")
            separator = String(UnicodeScalar(delimiter))
            prefixed = fields.map { rows.source.csv.codePrefix.contains($0) }
            constants = fields.map { rows.source.constants[$0] }
        }

        /// The record as the reject table shows it: its fields joined by the delimiter.
        func text(_ record: CSVRecordView) -> String {
            (0..<record.count).map { record.string($0) }.joined(separator: separator)
        }

        /// Fills `values` from a record with the right field count; in a wide file the period and
        /// value are filled per period column by `cell`.
        func fill(_ values: inout [String?], from record: CSVRecordView) {
            for i in 0..<fields.count {
                if let column = columnOfField[i] {
                    values[i] = CSVRows.value(record[column], codePrefix: prefixed[i])
                } else {
                    values[i] = constants[i]
                }
            }
        }

        /// The mapped rows of a record: one (long) or one per period column (wide), or one with a
        /// problem when the field count is wrong. `values` is scratch space of `fields.count`.
        func rows(of record: CSVRecordView, values: inout [String?], _ body: (MappedRow) throws -> Void) throws {
            let text = { self.text(record) }
            guard record.count == headerCount else {
                try body(MappedRow(line: record.line, column: nil, values: [], text: text, problem: RowProblem(
                    .fieldCount, field: nil, reason: "the row has \(record.count) fields, the header has \(headerCount)")))
                return
            }
            if let field = fieldHoldingNUL(record) {
                try body(MappedRow(line: record.line, column: nil, values: [], text: text, problem: RowProblem(
                    .nulByte, field: field, reason: "holds a NUL byte (U+0000), which is not text")))
                return
            }
            fill(&values, from: record)
            if periodColumns.isEmpty {
                try body(MappedRow(line: record.line, column: nil, values: values, text: text))
            } else {
                for column in periodColumns.indices {
                    try cell(column, of: record, values: &values, body)
                }
            }
        }

        /// The first mapped field (or, in a wide file, period column) whose value holds a NUL.
        func fieldHoldingNUL(_ record: CSVRecordView) -> String? {
            for i in 0..<fields.count {
                if let column = columnOfField[i], CSVRows.bytes(record[column], codePrefix: prefixed[i]).contains(0) { return fields[i] }
            }
            for (index, header) in periodColumns where record[index].contains(0) { return header }
            return nil
        }

        /// The mapped row of one period column of a wide record; `values` holds the record's values.
        func cell(_ column: Int, of record: CSVRecordView, values: inout [String?], _ body: (MappedRow) throws -> Void) throws {
            let (index, header) = periodColumns[column]
            values[periodIndex!] = header
            values[valueIndex!] = CSVRows.value(record[index], codePrefix: false)
            try body(MappedRow(line: record.line, column: nil, values: values, text: { self.text(record) }))
        }
    }

    /// Reads a measurements file straight from the field bytes: `measurement` gets each row whose
    /// fields settle it — a measurement, or nil for a missing number — with its line and text
    /// (call it only when needed); every other row (a wrong field count, a missing indicator, a bad
    /// period or number) goes to `other` as `forEachRow` would map it, so that its reject is the
    /// general path's. Indicator and org unit strings are made once per change, not per row.
    func forEachMeasurement(_ interpreter: RowInterpreter,
                            measurement: (_ row: MeasurementRow?, _ line: Int, _ text: () -> String) throws -> Void,
                            other: (MappedRow) throws -> Void) throws {
        precondition(source.kind == .measurements)
        let missing = interpreter.missing, mark = interpreter.mark, checkMarks = interpreter.evidence != nil
        let reader = try open()
        do {
            guard try reader.next() != nil else { return }   // the header
            let mapping = RowMapping(self, delimiter: reader.delimiter)
            var values = [String?](repeating: nil, count: fields.count)
            guard let plan = MeasurementPlan(self, missing: missing, mark: mark) else {
                while let record = try reader.next() { try mapping.rows(of: record, values: &values, other) }
                return
            }
            var indicators = InternedText(), orgUnits = InternedText()
            let wide = !periodColumns.isEmpty
            var cells: [WideCell] = []
            cells.reserveCapacity(periodColumns.count)
            while let record = try reader.next() {
                guard record.count == headerCount else {
                    try mapping.rows(of: record, values: &values, other)
                    continue
                }
                // Settled in the general path's order: indicator, period, value; then org unit.
                let indicator: String
                switch plan.indicator {
                case .column(let index, let prefixed):
                    let bytes = CSVRows.bytes(record[index], codePrefix: prefixed)
                    guard !bytes.isEmpty, !bytes.contains(0) else {
                        try mapping.rows(of: record, values: &values, other)
                        continue
                    }
                    indicator = indicators.string(bytes)
                case .constant(let text):
                    indicator = text
                }
                let orgUnit: String
                switch plan.orgUnit {
                case .column(let index, let prefixed):
                    let bytes = CSVRows.bytes(record[index], codePrefix: prefixed)
                    guard !bytes.contains(0) else {
                        try mapping.rows(of: record, values: &values, other)
                        continue
                    }
                    orgUnit = bytes.isEmpty ? OrgUnit.total : orgUnits.string(bytes)
                case .constant(let text):
                    orgUnit = text
                }
                if wide {
                    // Every cell is read before any is passed on: a NUL in one (which no number
                    // parses) makes the whole record one reject, as in the general path.
                    cells.removeAll(keepingCapacity: true)
                    var unsettled = false
                    for column in periodColumns.indices {
                        let bytes = trimmedSpaces(record[periodColumns[column].index])
                        if missing.contains(utf8: bytes) {
                            cells.append(.missing)
                        } else if checkMarks, interpreter.showsOtherMark(utf8: bytes) {
                            cells.append(.unsettled)
                            unsettled = true
                        } else if case .success(let number) = NumberParser.parse(utf8: bytes, mark: mark) {
                            cells.append(.value(number.double))
                        } else {
                            cells.append(.unsettled)
                            unsettled = true
                        }
                    }
                    if unsettled, mapping.fieldHoldingNUL(record) != nil {
                        try mapping.rows(of: record, values: &values, other)
                        continue
                    }
                    var filled = false
                    for column in periodColumns.indices {
                        let value: Double?
                        switch cells[column] {
                        case .value(let number): value = number
                        case .missing: value = nil
                        case .unsettled:
                            if !filled { mapping.fill(&values, from: record) }
                            filled = true
                            try mapping.cell(column, of: record, values: &values, other)
                            continue
                        }
                        try measurement(value.map { MeasurementRow(indicator: indicator, orgUnit: orgUnit, period: plan.periods[column], value: $0) },
                                        record.line) { mapping.text(record) }
                    }
                    continue
                }
                let period: Period
                switch plan.period {
                case .column(let index, let prefixed):
                    let bytes = CSVRows.bytes(record[index], codePrefix: prefixed)
                    guard let parsed = Period(utf8: bytes) else {
                        try mapping.rows(of: record, values: &values, other)
                        continue
                    }
                    period = parsed
                case .constant:
                    period = plan.constantPeriod!
                }
                var value: Double?
                switch plan.value {
                case .column(let index, let prefixed):
                    let bytes = CSVRows.bytes(record[index], codePrefix: prefixed)
                    if !missing.contains(utf8: bytes) {
                        guard !checkMarks || !interpreter.showsOtherMark(utf8: bytes),
                              case .success(let number) = NumberParser.parse(utf8: bytes, mark: mark) else {
                            try mapping.rows(of: record, values: &values, other)
                            continue
                        }
                        value = number.double
                    }
                case .constant:
                    value = plan.constantValue
                }
                try measurement(value.map { MeasurementRow(indicator: indicator, orgUnit: orgUnit, period: period, value: $0) },
                                record.line) { mapping.text(record) }
            }
        } catch let error as CSVError {
            throw CSVRows.importError(error, relativePath: relativePath)
        }
    }

    /// A wide record's period cell on the byte-level path: a number, a missing-value token, or
    /// text only the general path can judge.
    private enum WideCell {
        case value(Double)
        case missing
        case unsettled
    }

    /// Where each measurement field comes from, for the byte-level path; nil when a constant would
    /// make every row take the general path (a missing or unreadable constant).
    private struct MeasurementPlan {
        enum Origin {
            case column(Int, prefixed: Bool)
            case constant(String)
        }

        var indicator, orgUnit, period, value: Origin
        var constantPeriod: Period?
        var constantValue: Double?
        /// Wide layout: the period of each period column.
        var periods: [Period]

        init?(_ rows: CSVRows, missing: MissingTokens, mark: DecimalMark) {
            // Missing-value tokens count in the value only; keys and periods are text.
            func origin(_ field: String) -> Origin? {
                let i = rows.fields.firstIndex(of: field)!
                if let column = rows.columnOfField[i] { return .column(column, prefixed: rows.source.csv.codePrefix.contains(field)) }
                return rows.source.constants[field].map(Origin.constant)
            }
            guard let indicator = origin("indicator") else { return nil }
            if case .constant(let text) = indicator, text.isEmpty { return nil }
            self.indicator = indicator
            switch origin("org_unit") {
            case .constant(let text) where text.isEmpty: orgUnit = .constant(OrgUnit.total)
            case nil: orgUnit = .constant(OrgUnit.total)
            case let some?: orgUnit = some
            }
            periods = []
            if !rows.periodColumns.isEmpty {
                for (_, header) in rows.periodColumns {
                    guard let period = Period(header) else { return nil }
                    periods.append(period)
                }
                // Unused in a wide file.
                period = .constant("")
                value = .constant("")
                return
            }
            guard let period = origin("period"), let value = origin("value") else { return nil }
            self.period = period
            self.value = value
            if case .constant(let text) = period {
                guard let parsed = Period(text) else { return nil }
                constantPeriod = parsed
            }
            if case .constant(let text) = value, !missing.contains(text) {
                guard case .success(let number) = NumberParser.parse(text, mark: mark) else { return nil }
                constantValue = number.double
            }
        }
    }

    /// The last text made from bytes, to reuse while the bytes repeat (consecutive rows mostly share
    /// their indicator and org unit).
    private struct InternedText {
        private var bytes: [UInt8] = []
        private var text = ""

        mutating func string(_ new: UnsafeBufferPointer<UInt8>) -> String {
            if new.count == bytes.count,
               new.isEmpty || bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, new.baseAddress!, new.count) == 0 }) {
                return text
            }
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: new)
            text = String(decoding: new, as: UTF8.self)
            return text
        }
    }

    /// A field's bytes, trimmed of spaces and no-break spaces, and cut at the first space when
    /// the field is in `code_prefix`.
    static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, codePrefix: Bool) -> UnsafeBufferPointer<UInt8> {
        var trimmed = trimmedSpaces(bytes)
        if codePrefix, let space = trimmed.firstIndex(of: UInt8(ascii: " ")) {
            trimmed = UnsafeBufferPointer(rebasing: trimmed[..<space])
        }
        return trimmed
    }

    /// A field's text, trimmed of spaces and no-break spaces, and cut at its first space when
    /// the field is in `code_prefix`.
    static func value(_ bytes: UnsafeBufferPointer<UInt8>, codePrefix: Bool) -> String {
        String(decoding: CSVRows.bytes(bytes, codePrefix: codePrefix), as: UTF8.self)
    }

    static func normalizedHeader(_ text: String) -> String {
        text.trimmingCharacters(in: ["\u{FEFF}"]).trimmingSpaces.folding(options: [.caseInsensitive], locale: nil)
    }

    static func delimiterName(_ byte: UInt8) -> String {
        byte == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(byte))
    }

    static func importError(_ error: CSVError, relativePath: String) -> ImportError {
        let category: FailureCategory = switch error {
        case .notFound, .isDirectory: .inputMissing
        case .io: .io
        default: .data
        }
        return ImportError(source: nil, file: relativePath, line: error.line, cause: error.cause, category: category)
    }
}
