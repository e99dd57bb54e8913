import GRDB
import GevinstCore

/// `report.json` (schema: `docs/report.schema.json`): run metadata, then every table of the
/// CSV files as an array of objects, one object a line, keys in a fixed order. Amounts are JSON
/// numbers with exactly two decimals; statistics are plain decimals; undefined figures are null.
struct JSONReport {
    let metadata: RunMetadata
    let settings: ReportSettings
    let findings: [Finding]
    let messages: FindingMessages

    func write(from db: Database, to file: OutputFile) throws {
        var out: [UInt8] = []
        out.append(contentsOf: "{\n".utf8)
        member("pipeline", .text(metadata.pipeline), &out)
        member("language", .text(settings.language.rawValue), &out)
        member("as_of", metadata.asOf.map { .text($0.description) } ?? .null, &out)
        member("run_id", metadata.runID.map(Cell.integer) ?? .null, &out)
        out.append(contentsOf: "  \"thresholds\": ".utf8)
        object([("green", .number(settings.thresholds.green)), ("yellow", .number(settings.thresholds.yellow))], &out)
        out.append(contentsOf: ",\n".utf8)
        array("stages", metadata.stages.map { stage in
            [("stage", .text(stage.stage)), ("run_id", .integer(stage.runID)),
             ("as_of", stage.asOf.map(Cell.text) ?? .null), ("finished_at", .text(stage.finishedAt))]
        }, &out)
        array("files", metadata.files.map { file in
            [("source", .text(file.source)), ("kind", .text(file.kind)), ("format", .text(file.format)),
             ("path", .text(file.path)), ("sha256", .text(file.sha256)), ("size", .integer(file.size)),
             ("imported_at", .text(file.importedAt)), ("run_id", .integer(file.runID)),
             ("rows_read", .integer(file.rowsRead)), ("rows_loaded", .integer(file.rowsLoaded)),
             ("rows_missing", .integer(file.rowsMissing)), ("rows_collapsed", .integer(file.rowsCollapsed)),
             ("rows_rejected", .integer(file.rowsRejected))]
        }, &out)
        file.buffer.append(contentsOf: out)

        for table in [TableExport.trends, .gains, .gainsByYear, .gainsByArea] {
            try stream(table, from: db, to: file)
            file.buffer.append(contentsOf: ",\n".utf8)
        }
        writeFindings(to: file)
        file.buffer.append(contentsOf: ",\n".utf8)
        try stream(.rejects, from: db, to: file)
        file.buffer.append(contentsOf: "\n}\n".utf8)
    }

    private func stream(_ table: TableExport, from db: Database, to file: OutputFile) throws {
        let names = table.columns.map(\.name)
        file.buffer.append(contentsOf: "  \"\(table.key)\": [".utf8)
        var first = true
        try table.forEachRow(db) { cells in
            file.buffer.append(contentsOf: (first ? "\n    " : ",\n    ").utf8)
            first = false
            object(zip(names, cells), &file.buffer)
            file.flushIfFull()
        }
        file.buffer.append(contentsOf: (first ? "]" : "\n  ]").utf8)
    }

    private func writeFindings(to file: OutputFile) {
        file.buffer.append(contentsOf: "  \"findings\": [".utf8)
        for (index, finding) in findings.enumerated() {
            file.buffer.append(contentsOf: (index == 0 ? "\n    " : ",\n    ").utf8)
            var members = Array(zip(FindingMessages.columns, messages.cells(finding)))
            members.removeLast()
            file.buffer.append(contentsOf: "{".utf8)
            for (name, cell) in members {
                JSONReport.appendString(name, &file.buffer)
                file.buffer.append(UInt8(ascii: ":"))
                JSONReport.append(cell, &file.buffer)
                file.buffer.append(UInt8(ascii: ","))
            }
            file.buffer.append(contentsOf: "\"details\":".utf8)
            object(finding.details.sorted { $0.key < $1.key }.map { ($0.key, Cell.text($0.value)) }, &file.buffer)
            file.buffer.append(contentsOf: ",\"message\":".utf8)
            JSONReport.appendString(messages.message(finding), &file.buffer)
            file.buffer.append(UInt8(ascii: "}"))
            file.flushIfFull()
        }
        file.buffer.append(contentsOf: (findings.isEmpty ? "]" : "\n  ]").utf8)
    }

    private func member(_ name: String, _ value: Cell, _ out: inout [UInt8]) {
        out.append(contentsOf: "  ".utf8)
        JSONReport.appendString(name, &out)
        out.append(contentsOf: ": ".utf8)
        JSONReport.append(value, &out)
        out.append(contentsOf: ",\n".utf8)
    }

    private func array(_ name: String, _ objects: [[(String, Cell)]], _ out: inout [UInt8]) {
        out.append(contentsOf: "  \"\(name)\": [".utf8)
        for (index, members) in objects.enumerated() {
            out.append(contentsOf: (index == 0 ? "\n    " : ",\n    ").utf8)
            object(members, &out)
        }
        out.append(contentsOf: (objects.isEmpty ? "],\n" : "\n  ],\n").utf8)
    }

    private func object(_ members: some Sequence<(String, Cell)>, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        var first = true
        for (name, cell) in members {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONReport.appendString(name, &out)
            out.append(UInt8(ascii: ":"))
            JSONReport.append(cell, &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func append(_ cell: Cell, _ out: inout [UInt8]) {
        switch cell {
        case .null: out.append(contentsOf: "null".utf8)
        case .text(let text): appendString(text, &out)
        case .integer(let value): PlainNumber.appendInteger(value, to: &out)
        case .hundredths(let value): PlainNumber.appendHundredths(value, to: &out)
        case .number(let value): PlainNumber.append(value, to: &out)
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t` or `\u00XX`.
    static func appendString(_ text: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
