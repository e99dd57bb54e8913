import GevinstCore

/// The parts of `report.json` (schema: `docs/report.schema.json`) besides the table rows: the
/// run metadata first, as objects with keys in a fixed order, then each table as
/// `{"columns": […], "rows": [[…], …]}`, one row a line. Amounts are JSON numbers with exactly
/// two decimals; statistics are plain decimals; undefined figures are null.
enum JSONReport {
    static let null = Array("null".utf8)

    /// `{` and the run metadata, up to the first table.
    static func head(_ metadata: RunMetadata, settings: ReportSettings) -> [UInt8] {
        var out: [UInt8] = []
        out.append(contentsOf: "{\n".utf8)
        member("pipeline", .text(metadata.pipeline), &out)
        member("title", .text(metadata.title), &out)
        member("language", .text(settings.language.rawValue), &out)
        member("as_of", metadata.asOf.map { .text($0.description) } ?? .null, &out)
        member("run_id", metadata.runID.map(Cell.integer) ?? .null, &out)
        out.append(contentsOf: "  \"thresholds\": ".utf8)
        object([("green", .number(settings.thresholds.green)), ("yellow", .number(settings.thresholds.yellow))], &out)
        out.append(contentsOf: ",\n".utf8)
        array("stages", metadata.stages.map { stage in
            [("stage", .text(stage.stage)), ("run_id", .integer(stage.runID)),
             ("as_of", stage.asOf.map { .text($0.description) } ?? .null), ("finished_at", .text(stage.finishedAt))]
        }, &out)
        array("files", metadata.files.map { file in
            [("source", .text(file.source)), ("kind", .text(file.kind)), ("format", .text(file.format)),
             ("path", .text(file.path)), ("sha256", .text(file.sha256)), ("size", .integer(file.size)),
             ("imported_at", .text(file.importedAt)), ("run_id", .integer(file.runID)),
             ("rows_read", .integer(file.rowsRead)), ("rows_loaded", .integer(file.rowsLoaded)),
             ("rows_missing", .integer(file.rowsMissing)), ("rows_collapsed", .integer(file.rowsCollapsed)),
             ("rows_rejected", .integer(file.rowsRejected)), ("published", file.published.map { .text($0) } ?? .null)]
        }, &out)
        return out
    }

    /// `  "annual_cycle": {…},`: where the as_of quarter stands in the årshjul of the budget and
    /// economy plan and what the cycle asks for now, in the report's language; null without as_of.
    static func annualCycle(_ asOf: Quarter?, _ text: Localization, _ out: inout [UInt8]) {
        out.append(contentsOf: "  \"annual_cycle\": ".utf8)
        if let asOf {
            let step = AnnualCycleStep(asOf)
            object([("step", .integer(Int64(step.rawValue))), ("name", .text(step.word)), ("label", .text(text[step.label])),
                    ("next_year", .integer(Int64(asOf.year + 1))), ("asks", .text(text.cycleAsk(asOf)))], &out)
        } else {
            out.append(contentsOf: null)
        }
        out.append(contentsOf: ",\n".utf8)
    }

    /// `  "key": {"columns": [...], "rows": [`; rows follow with `rowStart`.
    static func tableStart(_ key: String, columns: [String], _ out: inout [UInt8]) {
        out.append(contentsOf: "  ".utf8)
        appendString(key, &out)
        out.append(contentsOf: ": {\"columns\": [".utf8)
        for (index, name) in columns.enumerated() {
            if index > 0 { out.append(contentsOf: ", ".utf8) }
            appendString(name, &out)
        }
        out.append(contentsOf: "], \"rows\": [".utf8)
    }

    static func rowStart(first: Bool, _ out: inout [UInt8]) {
        out.append(contentsOf: (first ? "\n    [" : ",\n    [").utf8)
    }

    /// Closes a table; `last` closes the document too.
    static func tableEnd(empty: Bool, last: Bool, _ out: inout [UInt8]) {
        out.append(contentsOf: (empty ? "]}" : "\n  ]}").utf8)
        out.append(contentsOf: (last ? "\n}\n" : ",\n").utf8)
    }

    private static func member(_ name: String, _ value: Cell, _ out: inout [UInt8]) {
        out.append(contentsOf: "  ".utf8)
        appendString(name, &out)
        out.append(contentsOf: ": ".utf8)
        append(value, &out)
        out.append(contentsOf: ",\n".utf8)
    }

    private static func array(_ name: String, _ objects: [[(String, Cell)]], _ out: inout [UInt8]) {
        out.append(contentsOf: "  ".utf8)
        appendString(name, &out)
        out.append(contentsOf: ": [".utf8)
        for (index, members) in objects.enumerated() {
            out.append(contentsOf: (index == 0 ? "\n    " : ",\n    ").utf8)
            object(members, &out)
        }
        out.append(contentsOf: (objects.isEmpty ? "],\n" : "\n  ],\n").utf8)
    }

    /// `{"name":value,…}` in the order given.
    static func object(_ members: [(String, Cell)], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, (name, cell)) in members.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(name, &out)
            out.append(UInt8(ascii: ":"))
            append(cell, &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func append(_ cell: Cell, _ out: inout [UInt8]) {
        switch cell {
        case .null: out.append(contentsOf: null)
        case .text(let text): appendString(text, &out)
        case .integer(let value): PlainNumber.appendInteger(value, to: &out)
        case .hundredths(let value): PlainNumber.appendHundredths(value, to: &out)
        case .number(let value):
            if value.isFinite { PlainNumber.append(value, significantDigits: PlainNumber.statisticDigits, to: &out) } else { out.append(contentsOf: null) }
        }
    }

    static func appendString(_ text: String, _ out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString($0, &out) }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\r`, `\t` or `\u00XX`.
    static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        guard bytes.contains(where: { (byte: UInt8) -> Bool in byte < 0x20 || byte == 0x22 || byte == 0x5C }) else {
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
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
