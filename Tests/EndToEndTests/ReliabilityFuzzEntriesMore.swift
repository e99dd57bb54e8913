// The entry functions of the fuzz targets `saft`, `inspect` and `report` (see
// ReliabilityFuzzEntries.swift for the others and the rules they share).

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GevinstCore
@testable import GevinstImport
import GevinstRunner
import Logging

/// Reads the fuzz input as a stream of choices; past its end every choice is 0.
struct FuzzChoices {
    private let bytes: [UInt8]
    private var index = 0

    init(_ data: UnsafeRawBufferPointer) { bytes = Array(data) }

    var isAtEnd: Bool { index >= bytes.count }

    mutating func byte() -> UInt8 {
        defer { index += 1 }
        return index < bytes.count ? bytes[index] : 0
    }

    /// A number in `0..<count`.
    mutating func below(_ count: Int) -> Int { count <= 256 ? Int(byte()) % count : (Int(byte()) << 8 | Int(byte())) % count }

    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    /// Mostly one of `usual`, sometimes one of the odd texts, sometimes raw input bytes as text.
    mutating func text(_ usual: [String]) -> String {
        switch byte() % 8 {
        case 0: return pick(FuzzEntry.oddTexts)
        case 1:
            let count = below(24)
            return String(decoding: (0..<count).map { _ in byte() }.filter { $0 != 0 }, as: UTF8.self)
        default: return pick(usual)
        }
    }
}

extension FuzzEntry {
    /// Texts that have broken reports elsewhere: delimiters, quotes, line breaks, markup,
    /// spreadsheet formulas, bidirectional controls, combining marks, long text.
    static let oddTexts = [
        "", " ", "Heim \"A\"; sør", "a,b", "a\nb", "a\r\nb", "\t", "=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)",
        "+cmd", "-1", "<script>alert(1)</script>", "]]>", "&amp;", "|a|b|", "# tittel", "*kursiv*", "`kode`",
        "\u{202E}gnp.exe", "e\u{301}\u{301}\u{301}", "👩‍👩‍👧‍👦", "\u{FEFF}", "\\", "'", "{\"a\":1}",
        String(repeating: "Æøå ", count: 80), "1e308", "NaN", "-0", "..",
    ]

    // MARK: SAF-T

    static let saftAccounts = ["6700", "6799", "6800", "1070", "1080", "1075", "abc", ""]
    static let saftAmounts: [Int64] = [0, 1, 99, 100_00, 1_250_000_00, 999_999_999_999_999_99, Int64.max / 3, Int64.max, -5_00]

    /// A SAF-T file of crafted transactions from the choices (amounts, accounts, analyses, periods,
    /// one transaction with many lines), read by `SAFTReader`. Property: when it reads, every sum
    /// equals an independent sum over what was generated; otherwise the error names the file.
    static func saft(_ data: UnsafeRawBufferPointer, directory: String = "/tmp") {
        var choices = FuzzChoices(data)
        let path = scratchFile("saft.xml", directory: directory)
        defer { unlink(path) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<n1:AuditFile xmlns:n1=\"urn:StandardAuditFile-Taxation-Financial:NO\">\n"
        xml += "<n1:Header/><n1:GeneralLedgerEntries>"
        if choices.byte() % 2 == 0 { xml += "<n1:NumberOfEntries>\(choices.below(5))</n1:NumberOfEntries>" }
        xml += "<n1:Journal>\n"
        struct Key: Hashable { let indicator: String; let orgUnit: String; let month: Period }
        var expected: [Key: (amount: Int64, lines: Int)] = [:]
        var magnitude: Int64 = 0
        var generatedLines = 0
        let transactions = choices.below(5)
        for number in 0..<transactions {
            let period = choices.below(14)
            let month = choices.below(12) + 1
            let monthOfTransaction = (1...12).contains(period) ? Period.month(2024, period) : Period.month(2024, month)
            xml += "<n1:Transaction><n1:TransactionID>T\(number)</n1:TransactionID><n1:Period>\(period)</n1:Period>"
            xml += "<n1:PeriodYear>2024</n1:PeriodYear><n1:TransactionDate>2024-\(month < 10 ? "0" : "")\(month)-15</n1:TransactionDate>\n"
            // Mostly a few lines; sometimes many, each with its own analysis.
            let lines = choices.byte() % 16 == 0 ? 200 + choices.below(300) : choices.below(6)
            let wide = lines >= 200
            for line in 0..<lines {
                let account = wide ? "6700" : choices.pick(saftAccounts)
                var analyses: [(type: String, id: String)] = []
                if wide {
                    analyses = [("A", "u\(line)")]
                } else {
                    for _ in 0..<choices.below(3) {
                        analyses.append((choices.pick(["A", "B", ""]), choices.pick(["u1", "u2", "", "ø & <x>"])))
                    }
                }
                let debit = wide ? Int64(line) : choices.pick(saftAmounts)
                let credit = wide ? 0 : choices.pick(saftAmounts)
                magnitude = magnitude > Int64.max / 4 ? magnitude : magnitude + abs(debit) / 4 + abs(credit) / 4
                generatedLines += 1
                xml += "<n1:Line><n1:RecordID>\(line)</n1:RecordID><n1:AccountID>\(escaped(account))</n1:AccountID>"
                for analysis in analyses {
                    xml += "<n1:Analysis><n1:AnalysisType>\(escaped(analysis.type))</n1:AnalysisType><n1:AnalysisID>\(escaped(analysis.id))</n1:AnalysisID></n1:Analysis>"
                }
                xml += "<n1:DebitAmount><n1:Amount>\(Amount(hundredths: debit))</n1:Amount></n1:DebitAmount>"
                xml += "<n1:CreditAmount><n1:Amount>\(Amount(hundredths: credit))</n1:Amount></n1:CreditAmount></n1:Line>\n"
                let orgUnit = analyses.first { $0.type == "A" && !$0.id.isEmpty }?.id ?? "unassigned"
                for selection in saftOptions.indicators where selection.matches(account) {
                    let amount = selection.creditPositive ? credit &- debit : debit &- credit
                    let key = Key(indicator: selection.indicator, orgUnit: orgUnit, month: monthOfTransaction)
                    let sum = expected[key] ?? (0, 0)
                    expected[key] = (sum.amount &+ amount, sum.lines + 1)
                }
            }
            xml += "</n1:Transaction>\n"
        }
        xml += "</n1:Journal></n1:GeneralLedgerEntries></n1:AuditFile>\n"
        Array(xml.utf8).withUnsafeBytes { write($0, to: path) }
        do throws(XMLReadError) {
            let ledger = try SAFTReader(path: path, relativePath: "fuzz.xml", options: saftOptions).read()
            precondition(ledger.transactions == transactions && ledger.lines == generatedLines, "transactions or lines miscounted")
            guard magnitude < Int64.max / 8 else { return }   // sums near the limit may fail in any order
            let read = Dictionary(uniqueKeysWithValues: ledger.measurements.map {
                (Key(indicator: $0.indicator, orgUnit: $0.orgUnit, month: $0.month), ($0.amount.hundredths, $0.lines))
            })
            precondition(read.count == expected.count && expected.allSatisfy { entry in
                read[entry.key].map { $0.0 == entry.value.amount && $0.1 == entry.value.lines } == true
            }, "the SAF-T sums differ from the generated ones")
        } catch {
            check(error)
            precondition(magnitude >= Int64.max / 8 || error.description.contains("too many digits"), "a generated SAF-T file failed: \(error)")
        }
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    // MARK: inspect

    /// `gevinst inspect` on the bytes as a `.csv` and as a `.xml` file, with and without limits and
    /// a record name. Properties: an inspection gives text and JSON that parses; an error names
    /// the file.
    static func inspect(_ data: UnsafeRawBufferPointer, directory: String = "/tmp") {
        for suffix in ["csv", "xml"] {
            let path = scratchFile("inspect.\(suffix)", directory: directory)
            write(data, to: path)
            defer { unlink(path) }
            for (rows, record) in [(nil, nil), (3, nil), (nil, "R"), (1, "a")] as [(Int?, String?)] {
                do throws(ImportError) {
                    let inspection = try InputFormats.inspect(InspectRequest(path: path, rows: rows, record: record, headerRow: 1 + data.count % 2))
                    _ = inspection.text()
                    let json: String
                    do { json = try inspection.json() } catch { preconditionFailure("inspect --format json failed: \(error)") }
                    precondition((try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])) != nil, "inspect wrote JSON that does not parse")
                } catch {
                    precondition(error.file == path && !error.cause.isEmpty, "inspect error does not name the file: \(error)")
                    if let line = error.line { precondition(line >= 1, "inspect error at line \(line)") }
                }
            }
        }
    }

    // MARK: report

    static let quietLogger = Logger(label: "fuzz") { _ in SwiftLogNoOpLogHandler() }
    static let reportValues = ["0", "-0", "1000000000000000", "-1000000000000000", "999999999999999.9", "0.000000001",
                               "7.5", "-7.5", "123456789.123", "1e15", "100", "3", ""]

    /// A warehouse filled from generated registers, measurements and gains (odd texts, values up to
    /// ±10^15, empty tables), through import, trends and gains, then reported in every format, both
    /// CSV styles and all three languages. Properties: the run succeeds or fails only on data; every
    /// report file is written; report.json parses.
    static func report(_ data: UnsafeRawBufferPointer, directory: String = "/tmp") {
        var choices = FuzzChoices(data)
        let root = "\(directory)/gevinst-fuzz-report-\(getpid())"
        try? FileManager.default.removeItem(atPath: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try! FileManager.default.createDirectory(atPath: "\(root)/data", withIntermediateDirectories: true)

        func csv(_ name: String, _ header: [String], _ rows: [[String]]) {
            let quoted = ([header] + rows).map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ";") }
            Array((quoted.joined(separator: "\n") + "\n").utf8).withUnsafeBytes { write($0, to: "\(root)/data/\(name)") }
        }
        let indicators = ["sick", "cost", choices.text(["places"])]
        let units = ["u1", "Heim", choices.text(["total"])]
        let frequency = choices.pick(["month", "quarter", "year"])
        func period() -> String {
            let year = 2022 + choices.below(4)
            switch frequency == "month" && choices.byte() % 8 != 0 ? "month" : choices.pick(["quarter", "year", "month"]) {
            case "month": return "\(year)M\(String(format: "%02d", choices.below(12) + 1))"
            case "quarter": return "\(year)K\(choices.below(4) + 1)"
            default: return "\(year)"
            }
        }
        csv("indicators.csv", ["indicator", "name", "unit", "polarity", "aggregation", "frequency", "target"], indicators.map {
            [$0, choices.text(["Sjukefråvær"]), choices.text(["%", "kr"]), choices.pick(["higher_is_better", "lower_is_better", "neutral"]),
             choices.pick(["sum", "mean", "last"]), frequency, choices.pick(reportValues)]
        })
        csv("measurements.csv", ["indicator", "org_unit", "period", "value"], (0..<choices.below(60)).map { _ in
            [choices.pick(indicators), choices.pick(units), period(), choices.pick(reportValues)]
        })
        let initiatives = ["T1", choices.text(["T2"])]
        csv("initiatives.csv", ["initiative", "title", "owner", "area", "status", "deadline", "description"], initiatives.prefix(choices.below(3)).map {
            [$0, choices.text(["Tiltak"]), choices.text(["Eigar"]), choices.text(["Helse"]), choices.pick(["planned", "active", "completed", "stopped"]),
             choices.pick(["2025K4", "", "2024M03"]), choices.text(["Skildring"])]
        })
        let gainTypes = ["budget", "efficiency", "time", "quality"]
        let quarter = { (choices: inout FuzzChoices) in "\(2023 + choices.below(3))K\(choices.below(4) + 1)" }
        csv("plans.csv", ["initiative", "gain_type", "period", "amount"], (0..<choices.below(12)).map { _ in
            [choices.pick(initiatives), choices.pick(gainTypes), quarter(&choices), choices.pick(reportValues)]
        })
        csv("reported.csv", ["initiative", "gain_type", "period", "amount"], (0..<choices.below(12)).map { _ in
            [choices.pick(initiatives), choices.pick(gainTypes), quarter(&choices), choices.pick(reportValues)]
        })
        csv("links.csv", ["initiative", "indicator", "org_unit", "gain_type", "baseline", "factor", "start"], (0..<choices.below(4)).map { _ in
            [choices.pick(initiatives), choices.pick(indicators), choices.pick(units + [""]), choices.pick(gainTypes),
             choices.pick(reportValues), choices.pick(["1", "-1", "1000000", "", "0.001"]), choices.pick(["", "2024K1", "2023"])]
        })
        let sources = [("i", "indicators", "indicators.csv"), ("m", "measurements", "measurements.csv"), ("t", "initiatives", "initiatives.csv"),
                       ("p", "gain_plans", "plans.csv"), ("r", "gains_reported", "reported.csv"), ("l", "gain_links", "links.csv")]
        var yaml = "name: fuzz\nroot: \(root)\nas_of: \(choices.pick(["auto", "2024K4", "2025K2"]))\n"
        yaml += "reports: { dir: out, formats: [html, md, csv, json] }\nsources:\n"
        for (id, kind, file) in sources {
            yaml += "  - { id: \(id), kind: \(kind), path: data/\(file), delimiter: \";\", decimal: point, encoding: utf-8, on_error: skip, required: false }\n"
        }
        var pipeline: Pipeline
        do throws(RunnerError) {
            pipeline = try PipelineLoader.parse(yaml: yaml, file: "fuzz.yml", absolutePath: "\(root)/fuzz.yml")
        } catch {
            preconditionFailure("the generated pipeline does not load: \(error)")
        }
        var stages = Stage.allCases
        for (language, style) in [(ReportLanguage.nn, CSVStyle.standard), (.nb, .excelNorwegian), (.en, .standard)] {
            pipeline.reports.language = language
            pipeline.reports.csvStyle = style
            let result = PipelineRunner.run(pipeline, options: RunOptions(stages: stages), logger: quietLogger)
            precondition(result.failure == nil || result.failure == .data, "the report run failed: \(result.failures.map(\.description))")
            stages = [.report]
            let out = "\(root)/out"
            for name in ["report.html", "summary.md", "report.json"] {
                guard let bytes = FileManager.default.contents(atPath: "\(out)/\(name)") else { preconditionFailure("\(name) was not written") }
                precondition(String(data: bytes, encoding: .utf8) != nil, "\(name) is not UTF-8")
                if name == "report.json" {
                    precondition((try? JSONSerialization.jsonObject(with: bytes)) != nil, "report.json does not parse")
                }
            }
        }
    }
}
