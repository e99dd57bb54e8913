import GRDB
import GRDBSQLite
import GevinstCore
import GevinstWarehouse

/// The CSV files and `report.json`, in one pass over the warehouse: each table row is read
/// once, straight from SQLite's columns, and printed into its CSV file and into report.json.
/// Nothing is held beyond one row and a 256 KiB buffer per file (and the human reports'
/// `FindingsDigest`).
struct MachineReport {
    /// Nil when the pipeline asks for no CSV files.
    let csv: CSVFormat?
    /// The CSV files' headers and words in the report's language; nil to keep the warehouse's.
    let terms: CSVTerms?
    let writesJSON: Bool
    let metadata: RunMetadata
    let settings: ReportSettings
    let messages: FindingMessages

    /// Writes the files and returns their names; every finding, read once, also goes to `findings`.
    /// Trend rows that `previous` holds are copied from it.
    func write(_ db: Database, previous: PreviousTrends?, to files: ReportFiles, findings: inout FindingsDigest) throws -> [String] {
        var written: [String] = []
        let json = writesJSON ? try files.open("report.json") : nil
        json?.buffer.append(contentsOf: JSONReport.head(metadata, settings: settings))
        // In the order of report.json; nil stands for the findings.
        let sections: [TableExport?] = [.trends, .gains, .gainsByYear, .gainsByArea, .budgetBalance, nil, .rejects, .initiatives, .actions]
        for (index, table) in sections.enumerated() {
            // A table of report.json only has no CSV file.
            let name = table?.file ?? "findings.csv"
            guard json != nil || !name.isEmpty else { continue }
            // The årshjul comes with the budget balance, as in the human reports.
            if let json, table?.key == TableExport.budgetBalance.key {
                JSONReport.annualCycle(metadata.asOf, Localization(settings.language), &json.buffer)
            }
            let file = csv == nil || name.isEmpty ? nil : try files.open(name)
            let rows = if let table {
                try stream(table, from: db, csv: file, json: json, previous: table.key == TableExport.trends.key ? previous : nil)
            } else {
                try writeFindings(db, csv: file, json: json, digest: &findings)
            }
            if let json { JSONReport.tableEnd(empty: rows == 0, last: index == sections.count - 1, &json.buffer) }
            if let file {
                try file.finish()
                written.append(name)
            }
        }
        if let json {
            try json.finish()
            written.append("report.json")
        }
        return written
    }

    /// Streams `table`'s rows into its CSV file and its part of report.json; returns the row count.
    /// Each row is built in local buffers and handed to the files whole. With `previous` (trends,
    /// whose export has `keys` and `row` statements) the keys and runs of every row are read in key
    /// order, a row computed no later than `previous.upTo` is copied from the previous files, and
    /// only the others are read and formatted.
    private func stream(_ table: TableExport, from db: Database, csv csvFile: OutputFile?, json: OutputFile?,
                        previous: PreviousTrends?) throws -> Int {
        let names = table.columns.map(\.name)
        if let csv, let csvFile { csv.appendHeader(names.map { terms?.header($0) ?? $0 }, to: &csvFile.buffer) }
        if let json { JSONReport.tableStart(table.key, columns: names, &json.buffer) }
        let kinds = table.columns.map(\.kind)
        let (writesCSV, writesJSON) = (csvFile != nil, json != nil)
        let format = csv ?? CSVFormat(.standard)
        let copying = previous != nil && json != nil && table.keys != nil
        let statement = try db.makeStatement(sql: copying ? table.keys! : table.sql)
        let lookup = copying ? try RawStatement(db, sql: table.row!) : nil
        let rows = try Row.fetchCursor(statement)
        var csvRow: [UInt8] = [], jsonRow: [UInt8] = [], number: [UInt8] = []
        csvRow.reserveCapacity(1024)
        jsonRow.reserveCapacity(1024)
        number.reserveCapacity(64)
        var periods: [Int64: [UInt8]] = [:]
        var count = 0
        var csvKey: [UInt8] = []
        while try rows.next() != nil {
            csvRow.removeAll(keepingCapacity: true)
            jsonRow.removeAll(keepingCapacity: true)
            var handle = statement.sqliteStatement
            if let previous, let json, let lookup {
                // `keys` selects the key, indicator and org_unit, then the run.
                let indicator = UnsafeBufferPointer(start: sqlite3_column_text(handle, 0), count: Int(sqlite3_column_bytes(handle, 0)))
                let orgUnit = UnsafeBufferPointer(start: sqlite3_column_text(handle, 1), count: Int(sqlite3_column_bytes(handle, 1)))
                if sqlite3_column_type(handle, 2) != SQLITE_NULL, sqlite3_column_int64(handle, 2) <= previous.upTo {
                    csvKey.removeAll(keepingCapacity: true)
                    if writesCSV {
                        format.appendField(indicator, to: &csvKey)
                        csvKey.append(format.delimiter)
                        format.appendField(orgUnit, to: &csvKey)
                        csvKey.append(format.delimiter)
                    }
                    try previous.copyRow(indicator: indicator, orgUnit: orgUnit, csvKey: writesCSV ? csvKey : nil, first: count == 0,
                                         json: &jsonRow, csv: &csvRow)
                    csvFile?.append(csvRow)
                    json.append(jsonRow)
                    count += 1
                    continue
                }
                lookup.reset()
                try lookup.bind(1, utf8: indicator)
                try lookup.bind(2, utf8: orgUnit)
                guard try lookup.step() else {
                    throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "the trend of a key just read is missing")
                }
                handle = lookup.sqliteStatement
            }
            JSONReport.rowStart(first: count == 0, &jsonRow)
            for (index, kind) in kinds.enumerated() {
                let i = Int32(index)
                if index > 0 {
                    csvRow.append(format.delimiter)
                    jsonRow.append(UInt8(ascii: ","))
                }
                let type = sqlite3_column_type(handle, i)
                guard type != SQLITE_NULL else {
                    jsonRow.append(contentsOf: JSONReport.null)
                    continue
                }
                number.removeAll(keepingCapacity: true)
                switch kind {
                case .text, .word:
                    let bytes = UnsafeBufferPointer(start: sqlite3_column_text(handle, i), count: Int(sqlite3_column_bytes(handle, i)))
                    if writesCSV {
                        if kind == .word, let terms {
                            format.appendField(terms.word(String(decoding: bytes, as: UTF8.self), column: names[index]), to: &csvRow)
                        } else {
                            format.appendField(bytes, to: &csvRow)
                        }
                    }
                    if writesJSON { JSONReport.appendString(bytes, &jsonRow) }
                    continue
                case .period:
                    let code = sqlite3_column_int64(handle, i)
                    let text: [UInt8]
                    if let cached = periods[code] {
                        text = cached
                    } else {
                        text = Array((Period(code: Int(code))?.description ?? String(code)).utf8)
                        periods[code] = text
                    }
                    csvRow.append(contentsOf: text)
                    jsonRow.append(UInt8(ascii: "\""))
                    jsonRow.append(contentsOf: text)
                    jsonRow.append(UInt8(ascii: "\""))
                    continue
                case .integer:
                    PlainNumber.appendInteger(sqlite3_column_int64(handle, i), to: &number)
                case .hundredths:
                    PlainNumber.appendHundredths(sqlite3_column_int64(handle, i), to: &number)
                case .number:
                    PlainNumber.append(sqlite3_column_double(handle, i), significantDigits: PlainNumber.statisticDigits, to: &number)
                    guard !number.isEmpty else {
                        jsonRow.append(contentsOf: JSONReport.null)
                        continue
                    }
                }
                format.appendNumber(number[...], to: &csvRow)
                jsonRow.append(contentsOf: number)
            }
            if let csvFile {
                format.endRow(&csvRow)
                csvFile.append(csvRow)
            }
            if let json {
                jsonRow.append(UInt8(ascii: "]"))
                json.append(jsonRow)
            }
            count += 1
        }
        return count
    }

    /// `findings.csv` (the columns of SPEC §7, the message in the report's language) and the
    /// findings in report.json, with their details, read one at a time; each also goes to `digest`.
    private func writeFindings(_ db: Database, csv csvFile: OutputFile?, json: OutputFile?, digest: inout FindingsDigest) throws -> Int {
        if let csv, let csvFile { csv.appendHeader(FindingMessages.columns.map { terms?.header($0) ?? $0 }, to: &csvFile.buffer) }
        if let json { JSONReport.tableStart("findings", columns: FindingMessages.columns + ["details"], &json.buffer) }
        var index = 0
        try SharedRecords.forEachCurrentFinding(db) { finding in
            defer { index += 1 }
            digest.add(finding)
            let cells = messages.cells(finding)
            if let csv, let csvFile {
                var row = cells
                if let terms {
                    row[0] = .text(terms.kind(finding.kind))
                    row[1] = .text(terms.severity(finding.severity))
                    if let gainType = finding.details["gain_type"] {
                        row[FindingMessages.gainTypeColumn] = .text(terms.word(gainType, column: "gain_type"))
                    }
                }
                csv.appendRow(row, to: &csvFile.buffer)
                csvFile.flushIfFull()
            }
            if let json {
                JSONReport.rowStart(first: index == 0, &json.buffer)
                for cell in cells {
                    JSONReport.append(cell, &json.buffer)
                    json.buffer.append(UInt8(ascii: ","))
                }
                JSONReport.object(finding.details.sorted { $0.key < $1.key }.map { ($0.key, Cell.text($0.value)) }, &json.buffer)
                json.buffer.append(UInt8(ascii: "]"))
                json.flushIfFull()
            }
        }
        return index
    }
}
