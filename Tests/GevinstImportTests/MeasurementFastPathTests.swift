import Foundation
import Testing
import GevinstCore
@testable import GevinstImport
import GevinstTestSupport

/// The CSV reader's byte-level measurement path must give what the general path (mapped rows
/// through `RowInterpreter.measurement`) gives, row for row and in the warehouse, on random files.
@Suite struct MeasurementFastPathTests {
    @Test func fastPathMatchesTheGeneralPathRowForRow() throws {
        let directory = try CSVTemporaryDirectory()
        var tally = (rows: 0, missing: 0, rejected: 0, byteLevel: 0, mixedMarks: 0)
        for seed in UInt64(0)..<300 {
            var random = SeededRandom(seed: seed)
            let file = RandomMeasurementFile(&random)
            let path = try directory.file("m\(seed).csv", file.text)
            let source = file.source(path: path)
            let sniffed = try InputFormats.sniff(path: path, relativePath: path, source: source)
            let reader: any MappedRowReader
            do {
                reader = try #require(sniffed.format as? any RowFormat).rowReader(for: sniffed)
            } catch let error as ImportError where file.decimal == .auto && error.cause.contains("both decimal marks") {
                // decimal: auto on a file with both marks fails it before any row, on either path.
                tally.mixedMarks += 1
                continue
            }
            let interpreter = RowInterpreter(kind: .measurements, mark: reader.dialect.decimalMark, missing: source.missing)
            var general: [Seen] = []
            try reader.forEachRow { general.append(Seen($0, interpreter)) }
            var fast: [Seen] = []
            try reader.forEachMeasurement(interpreter) { row, line, text in
                tally.byteLevel += 1
                fast.append(row.map { .row($0, line: line, text: text()) } ?? .missing(line: line))
            } other: { fast.append(Seen($0, interpreter)) }
            let common = min(fast.count, general.count)
            if let index = (0..<common).first(where: { fast[$0] != general[$0] }) ?? (fast.count == general.count ? nil : common) {
                Issue.record("seed \(seed), row \(index): fast \(fast.dropFirst(index).first.map { "\($0)" } ?? "none"), general \(general.dropFirst(index).first.map { "\($0)" } ?? "none")\n\(file.text)")
            }
            for seen in general {
                switch seen {
                case .row: tally.rows += 1
                case .missing: tally.missing += 1
                case .rejected: tally.rejected += 1
                }
            }
        }
        // The generator must exercise every outcome, and the fast path must settle most rows.
        #expect(tally.rows > 500 && tally.missing > 100 && tally.rejected > 500 && tally.byteLevel > 500 && tally.mixedMarks > 0, "\(tally)")
    }

    /// Regression: the byte-level path read a wide record's other cells and rejected the one with
    /// a NUL byte as a bad number; the general path rejects the whole record for the NUL.
    @Test func aNULInAWideCellRejectsTheWholeRecord() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("w.csv", "indicator;2024K1;2024K2\na;1;2\nb;3;x\u{0}y\n")
        var source = csvSource(.measurements, path: path)
        source.csv.layout = .wide
        let (counts, _) = try store.load(source, path: path)
        #expect(counts == FileCounts(read: 3, loaded: 2, missing: 0, collapsed: 0, rejected: 1))
        #expect(try store.rows("SELECT line, field, kind FROM rejects") == [["3", "\"2024K2\"", "\"nul_byte\""]])
    }

    /// The same through `FileImport` into two warehouses: same measurements, same rejects (with
    /// duplicates collapsed or rejected), same counts and findings.
    @Test func fastPathStoresWhatTheGeneralPathStores() throws {
        let directory = try CSVTemporaryDirectory()
        for seed in UInt64(1000)..<1080 {
            var random = SeededRandom(seed: seed)
            let file = RandomMeasurementFile(&random)
            let path = try directory.file("m\(seed).csv", file.text)
            let source = file.source(path: path)
            let fast = try ImportWarehouse(), general = try ImportWarehouse()
            let fastOutcome: (counts: FileCounts, findings: [Finding])
            do {
                fastOutcome = try fast.load(source, path: path)
            } catch let error as ImportError where file.decimal == .auto && error.cause.contains("both decimal marks") {
                #expect(throws: error) { try general.load(source, path: path, generalPath: true) }
                continue
            }
            let generalOutcome = try general.load(source, path: path, generalPath: true)
            #expect(fastOutcome.counts == generalOutcome.counts, "seed \(seed)")
            #expect(fastOutcome.findings == generalOutcome.findings, "seed \(seed)")
            #expect(try fast.measurements() == general.measurements(), "seed \(seed):\n\(file.text)")
            #expect(try fast.rejects() == general.rejects(), "seed \(seed):\n\(file.text)")
        }
    }
}

/// What a path made of one row, for comparing the two.
private enum Seen: Equatable {
    case row(MeasurementRow, line: Int, text: String)
    case missing(line: Int)
    case rejected(RowProblem, line: Int, text: String)

    init(_ row: MappedRow, _ interpreter: RowInterpreter) {
        if let problem = row.problem {
            self = .rejected(problem, line: row.line, text: row.text())
            return
        }
        switch interpreter.measurement(row) {
        case .row(let measurement): self = .row(measurement, line: row.line, text: row.text())
        case .missing: self = .missing(line: row.line)
        case .rejected(let problem): self = .rejected(problem, line: row.line, text: row.text())
        }
    }
}

/// A measurements CSV file with random settings and rows: numbers in every accepted form (and
/// some that are not), periods in every form, missing-value tokens, quoted fields, org units,
/// code prefixes, constants, duplicates, rows with the wrong field count or a NUL byte, long or
/// wide, either decimal mark.
private struct RandomMeasurementFile {
    var text = ""
    let delimiter: Character
    let decimal: DecimalSetting
    let wide: Bool
    let fields: [String: String]
    let constants: [String: String]
    let codePrefix: Set<String>
    let missing: MissingTokens

    func source(path: String) -> Source {
        Source(id: "m", kind: .measurements, format: .csv, path: path, fields: fields, constants: constants, missing: missing,
               decimal: decimal, csv: CSVOptions(delimiter: delimiter.asciiValue!, encoding: .utf8, layout: wide ? .wide : .long,
                                                 codePrefix: codePrefix))
    }

    init(_ random: inout SeededRandom) {
        delimiter = [";", ",", "\t"].randomElement(using: &random)!
        decimal = [.comma, .point, .auto].randomElement(using: &random)!
        wide = Int.random(in: 0..<4, using: &random) == 0
        let customMissing = Bool.random(using: &random)
        missing = customMissing ? MissingTokens(["-", "NA", "ikkje"]) : .defaults
        var fields: [String: String] = [:], constants: [String: String] = [:]
        var codePrefix: Set<String> = []
        for field in ["indicator", "org_unit", "period", "value"] where Int.random(in: 0..<4, using: &random) == 0 {
            codePrefix.insert(field)
        }
        // Where each field comes from: a column (under its own name or mapped), a constant, or nowhere.
        var columns: [(field: String, header: String)] = []
        for field in wide ? ["indicator", "org_unit"] : ["indicator", "org_unit", "period", "value"] {
            switch Int.random(in: 0..<10, using: &random) {
            case 0 where field != "value":
                constants[field] = Self.pick(field, &random)
            case 1 where field == "org_unit":
                break
            case 2, 3:
                let header = "Kol \(field.uppercased())"
                fields[field] = header
                columns.append((field, header))
            default:
                columns.append((field, field))
            }
        }
        if !wide, Bool.random(using: &random) { columns.append(("", "kommentar")) }
        columns.shuffle(using: &random)
        var headers = columns.map(\.header)
        let periodHeaders = ["2023", "2024K1", "2024K2", "2024M03", "2024-04", "2025"].shuffled(using: &random)
            .prefix(Int.random(in: 1...4, using: &random))
        if wide { headers += periodHeaders }
        self.fields = fields
        self.constants = constants
        self.codePrefix = codePrefix
        var lines = [headers.map { Self.quoted($0, delimiter: delimiter, &random) }.joined(separator: String(delimiter))]
        var previous: [String] = []
        for _ in 0..<Int.random(in: 0...40, using: &random) {
            var cells: [String]
            if !previous.isEmpty, Int.random(in: 0..<8, using: &random) == 0 {
                // A duplicate: the same row, or the same key with another value.
                cells = previous
                if Bool.random(using: &random), let index = columns.firstIndex(where: { $0.field == "value" }) {
                    cells[index] = Self.pick("value", &random)
                }
            } else {
                cells = columns.map { Self.pick($0.field.isEmpty ? "comment" : $0.field, &random) }
                if wide { cells += periodHeaders.map { _ in Self.pick("value", &random) } }
            }
            previous = cells
            var fieldsOut = cells.map { Self.quoted($0, delimiter: delimiter, &random) }
            switch Int.random(in: 0..<25, using: &random) {
            case 0: fieldsOut.append("ekstra")
            case 1: fieldsOut.removeLast()
            case 2: fieldsOut[Int.random(in: 0..<fieldsOut.count, using: &random)] = "a\u{0}b"
            default: break
            }
            lines.append(fieldsOut.joined(separator: String(delimiter)))
        }
        text = lines.joined(separator: Bool.random(using: &random) ? "\r\n" : "\n") + (Bool.random(using: &random) ? "\n" : "")
    }

    /// A random value of `field`, good or bad.
    static func pick(_ field: String, _ random: inout SeededRandom) -> String {
        switch field {
        case "indicator":
            return ["sjukefravaer", "sjukefravaer", "ventetid", "K12 Barnehage", " utgift ", "", "x", "NA", "-", "a;b", "a,b",
                    "sitat \"q\"", "æøå"].randomElement(using: &random)!
        case "org_unit":
            return ["0301 Oslo", "4699", "4699", "total", "", ".", "ikkje", "eining 2", "a;b", "Havbrekk, sentrum"]
                .randomElement(using: &random)!
        case "period":
            return ["2024", "2024K1", "2024k2", "2024M03", "2024-03", "2024-03-15", "15.03.2024", " 2024K3 ", "2024K3 tekst",
                    "2024K5", "2024M13", "202", "", ".", "x", "K1 2024", "2025K4"].randomElement(using: &random)!
        case "value":
            if Int.random(in: 0..<3, using: &random) == 0 {
                let whole = Int.random(in: -99_999...99_999, using: &random)
                let fraction = Int.random(in: 0...99, using: &random)
                return "\(whole)" + (Bool.random(using: &random) ? ",\(fraction)" : ".\(fraction)")
            }
            return ["12", "12,5", "12.5", "-3,25", "+4", "1 234,5", "1 234.5", "1.234,5", "1,234.5", "1\u{00A0}234", "0",
                    "-0", " 7 ", "1e3", "12,5 %", "abc", "", ".", "..", "x", "NA", "-", "ikkje", "−5", "(3)", "3,", ",5",
                    "1.234.567", "999999999999999999999"].randomElement(using: &random)!
        default:
            return ["", "merknad", "med \"sitat\"", "linje\nskift"].randomElement(using: &random)!
        }
    }

    /// `text` quoted when it must be (delimiter, quote, line break) and sometimes when it need not.
    static func quoted(_ text: String, delimiter: Character, _ random: inout SeededRandom) -> String {
        let must = text.contains(delimiter) || text.contains("\"") || text.contains("\n") || text.contains("\r")
        guard must || Int.random(in: 0..<5, using: &random) == 0 else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
