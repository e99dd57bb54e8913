import Foundation
import GRDB
import Testing

/// The shipped example, run as the README says, and the commands around it.
@Suite("Example, end to end")
struct ExampleEndToEndTests {
    @Test("the example imports every file; a second run imports nothing")
    func example() throws {
        let scratch = try Scratch()
        try scratch.copyExample()
        let first = try Gevinst.run(["import", "pipelines/example.yml"], in: scratch.url)
        #expect(first.status == 0, "\(first.stderr)")
        let warehouse = "data/havbrekk.sqlite"
        let files = try scratch.count(warehouse, "SELECT COUNT(*) FROM files")
        #expect(files >= 9)
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM rejects") == 0)
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM initiatives") == 10)
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM indicators") == 18)
        // Windows-1252 names arrive as UTF-8.
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM series WHERE org_unit = 'Heimetenesta Sør'") > 0)
        // T03's two 2025 budget rows (390 000,00 and 130.000,00) are summed.
        #expect(try scratch.query(warehouse, "SELECT amount FROM gain_plans WHERE initiative = 'T03' AND gain_type = 'budget' AND period = 2025201")
                == [["52000000"]])
        let second = try Gevinst.run(["import", "pipelines/example.yml"], in: scratch.url)
        #expect(second.status == 0)
        #expect(second.stderr.contains("files_skipped \(files)"), "\(second.stderr)")
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM files") == files)
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM runs WHERE outcome = 'success'") == 2)

        let status = try Gevinst.run(["status", "pipelines/example.yml"], in: scratch.url)
        #expect(status.status == 0)
        #expect(status.stdout.contains("data/example/tiltak.csv"))
        #expect(status.stdout.contains("measurements"))

        // A run recorded as running whose process is gone (killed) shows as interrupted at once.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        try DatabaseQueue(path: scratch.path(warehouse)).write { db in
            try db.execute(sql: "INSERT INTO runs (pipeline, stages, started_at, pid) VALUES ('havbrekk', 'import', '2026-01-01T00:00:00Z', ?)",
                           arguments: [gone.processIdentifier])
        }
        let afterKill = try Gevinst.run(["status", "pipelines/example.yml"], in: scratch.url)
        #expect(afterKill.stdout.contains("2026-01-01T00:00:00Z  import  interrupted"), "\(afterKill.stdout)")
    }

    @Test("run: every stage on the example; the reports name every initiative; a rerun imports nothing and writes the same bytes")
    func run() throws {
        let scratch = try Scratch()
        try scratch.copyExample()
        let first = try Gevinst.run(["run", "pipelines/example.yml"], in: scratch.url)
        #expect(first.status == 0, "\(first.stderr)")
        let reports = scratch.url.appendingPathComponent("reports/havbrekk")
        let names = ["trends.csv", "gains.csv", "gains_by_year.csv", "gains_by_area.csv", "budget_balance.csv", "rejects.csv",
                     "findings.csv", "report.json", "summary.md", "report.html"]
        var before: [String: Data] = [:]
        for name in names {
            before[name] = try Data(contentsOf: reports.appendingPathComponent(name))
        }
        let html = String(decoding: before["report.html"]!, as: UTF8.self)
        let markdown = String(decoding: before["summary.md"]!, as: UTF8.self)
        for initiative in (1...10).map({ String(format: "T%02d", $0) }) {
            #expect(html.contains(initiative) && markdown.contains(initiative), "\(initiative)")
        }
        let gains = String(decoding: before["gains.csv"]!, as: UTF8.self)
        #expect(gains.hasPrefix("initiative,gain_type,quarter,planned,realised,realised_source,cum_planned,cum_realised,deviation,realisation_rate,status\r\n"))
        #expect(gains.contains("T01,efficiency,2025K3,1650000.00,1684672.00,derived,7050000.00,7911680.00,861680.00,"))
        let findings = String(decoding: before["findings.csv"]!, as: UTF8.self)
        #expect(findings.contains("double_count,warning,"))
        #expect(findings.contains("T05,T09,fakturaer_manuelt"))
        // einingar.csv names the units: the ledger's RAD, the region 4699 and the county 46.
        for text in [html, markdown] {
            for name in ["Rådhuset", "Teknisk eining", "Havbrekk kommune", "Vestland fylke"] { #expect(text.contains(name), "\(name)") }
        }
        #expect(html.contains("(konsulentkjop), Rådhuset</title>"))
        for code in ["RAD", "TEK", "4699", "46"] { #expect(!html.contains("<figcaption>\(code)</figcaption>"), "\(code)") }
        // Statistics carry at most 12 significant digits, never binary noise such as -1.2999999999999972.
        for name in names where name.hasSuffix(".csv") {
            let fields = String(decoding: before[name]!, as: UTF8.self).split(separator: "\r\n").flatMap { $0.split(separator: ",") }
            for field in fields where field.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil {
                let digits = field.filter { $0.isNumber }.drop { $0 == "0" }.reversed().drop { $0 == "0" }
                #expect(digits.count <= 12, "\(name): \(field)")
            }
        }

        // What a council member and a finance officer read (SPEC §8 rev. 2): the title, the year with its
        // forecast, where realised figures come from, what the gain types mean, rounded amounts, double
        // counting on the total it inflates, control limits within what an indicator can take.
        for document in [html, markdown] {
            #expect(document.contains("Gevinstrapport – Havbrekk kommune"))
            #expect(document.contains("Året 2025: plan, realisert hittil og prognose"))
            // gains_by_year.csv, 2025, budget: planned 520000 + 1800000 + 3000000 + 1200000 + 0; forecasts
            // 583909.33 + 150000.00 (T04: finance's, prognosar.csv) + 2097333.33 + 1192455.00 + 35000.00
            // = 4058697.66, 2461302.34 short of the plan.
            #expect(document.contains("Plan for året: 6\u{00A0}520\u{00A0}tkr"))
            #expect(document.contains("Prognose for året: 4\u{00A0}059\u{00A0}tkr (\u{2212}2\u{00A0}461\u{00A0}tkr mot planen)"))
            #expect(document.contains("prognosen frå økonomi"))
            #expect(document.contains("realiseringsgraden hittil i år (112,3\u{00A0}%)"))
            #expect(document.contains("rapportert av økonomi (4 kvartal), elles utrekna frå indikator Utsende brev på papir per månad (utsendt_post_fysisk) (3 kvartal)"))
            #expect(document.contains("utrekna frå indikator Inngåande fakturaer handsama manuelt (fakturaer_manuelt)"))
            #expect(document.contains("Kva gevinsttypane tyder"))
            #expect(document.contains("Effektivisering: frigjord kapasitet"))
            #expect(document.contains("4\u{00A0}597\u{00A0}tkr av 7\u{00A0}960\u{00A0}tkr"))
            #expect(!document.contains("4\u{00A0}596\u{00A0}503,15"), "amounts to the øre stay in the CSV and JSON")
            #expect(document.contains("⚠ Summen er for høg: T05 og T09 tel same gevinst to gonger"))
            #expect(document.contains("Sidan start: frå 54,9 (K1\u{00A0}2024) til 52,7 (K3\u{00A0}2025), endring \u{2212}2,2, betring."))
            #expect(document.contains("Heile perioden K1\u{00A0}2019–K3\u{00A0}2025: aukande, forverring."))
            #expect(!document.contains("unassigned"))
        }
        #expect(html.contains("<title>Gevinstrapport – Havbrekk kommune</title>"))
        #expect(html.contains("Kontrollgrenser: 0 til 131,67 (avgrensa til det indikatoren kan vere)"))
        #expect(html.contains("Utgangspunkt for T05, T09: 3\u{00A0}166,67 per månad (9\u{00A0}500 per kvartal)"))

        // The same warehouse gives the same bytes.
        #expect(try Gevinst.run(["report", "pipelines/example.yml"], in: scratch.url).status == 0)
        for name in names {
            #expect(try Data(contentsOf: reports.appendingPathComponent(name)) == before[name], "\(name) changed")
        }
        // A second run imports nothing and computes the same figures (only the stages' run records move on).
        let second = try Gevinst.run(["run", "pipelines/example.yml"], in: scratch.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!second.stderr.contains("files_imported"), "\(second.stderr)")
        for name in names where name.hasSuffix(".csv") {
            #expect(try Data(contentsOf: reports.appendingPathComponent(name)) == before[name], "\(name) changed")
        }

        // csv_style: excel-no writes headers and words in the report's language (nynorsk here).
        let pipeline = try String(contentsOf: scratch.url.appendingPathComponent("pipelines/example.yml"), encoding: .utf8)
            .replacingOccurrences(of: "dir: reports/havbrekk ", with: "dir: reports/excel ")
            .replacingOccurrences(of: "  language: nn ", with: "  csv_style: excel-no\n  language: nn ")
        try pipeline.write(to: scratch.url.appendingPathComponent("pipelines/excel.yml"), atomically: true, encoding: .utf8)
        #expect(try Gevinst.run(["report", "pipelines/excel.yml"], in: scratch.url).status == 0)
        let excel = scratch.url.appendingPathComponent("reports/excel")
        let excelGains = try String(contentsOf: excel.appendingPathComponent("gains.csv"), encoding: .utf8)
        #expect(excelGains.hasPrefix("tiltak;gevinsttype;kvartal;planlagt;realisert;kjelde for realisert;planlagt akkumulert;"
                                     + "realisert akkumulert;avvik;realiseringsgrad;status\r\n"))
        #expect(excelGains.contains("T01;effektivisering;2025K3;1650000,00;1684672,00;utrekna;7050000,00;7911680,00;861680,00;"))
        let english = ["indicator", "org_unit", "gain_type", "realised", "quarter", "kind", "severity", "source", "reason",
                       "forecast_source", "requirement", "gap", "coverage"]
        for name in names where name.hasSuffix(".csv") {
            let header = try String(contentsOf: excel.appendingPathComponent(name), encoding: .utf8).prefix { $0 != "\r" }
            for word in english { #expect(!header.split(separator: ";").contains(Substring(word)), "\(name): \(header)") }
        }
        #expect(try String(contentsOf: excel.appendingPathComponent("findings.csv"), encoding: .utf8).contains("Dobbelttelling;åtvaring;"))
        // The budget cycle's columns too: whose forecast it is, whether the plan is in balance.
        let excelYears = try String(contentsOf: excel.appendingPathComponent("gains_by_year.csv"), encoding: .utf8)
        #expect(excelYears.contains("T04;budsjett;2025;") && excelYears.contains(";økonomi\r\n"), "\(excelYears)")
        let excelBalance = try String(contentsOf: excel.appendingPathComponent("budget_balance.csv"), encoding: .utf8)
        #expect(excelBalance.contains(";ikkje i balanse\r\n"), "\(excelBalance)")
    }

    @Test("validate reads everything and writes nothing")
    func validate() throws {
        let scratch = try Scratch()
        try scratch.copyExample()
        let result = try Gevinst.run(["validate", "pipelines/example.yml"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("data/havbrekk.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("reports")))
        try scratch.write("data/example/gevinstplan.csv", "tiltak;gevinsttype;periode;beløp\nT01;budsjett;2025K5;100\n")
        let lenient = try Gevinst.run(["validate", "pipelines/example.yml"], in: scratch.url)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("rejected: data/example/gevinstplan.csv:2: period: '2025K5' is not a period"), "\(lenient.stderr)")
        #expect(lenient.stderr.contains("valid, with 1 row(s) to reject"), "\(lenient.stderr)")
        let bad = try Gevinst.run(["validate", "pipelines/example.yml", "--strict"], in: scratch.url)
        #expect(bad.status == 65, "\(bad.stderr)")

        // Where a run would write: a report directory under a regular file cannot be made.
        let pipeline = try String(contentsOf: scratch.url.appendingPathComponent("pipelines/example.yml"), encoding: .utf8)
        try scratch.write("pipelines/example.yml", pipeline.replacingOccurrences(of: "dir: reports/havbrekk", with: "dir: data/example/tiltak.csv/reports"))
        let unwritable = try Gevinst.run(["validate", "pipelines/example.yml"], in: scratch.url)
        #expect(unwritable.status == 73, "\(unwritable.stderr)")
        #expect(unwritable.stderr.contains("reports.dir data/example/tiltak.csv/reports: "), "\(unwritable.stderr)")
        #expect(unwritable.stderr.contains("tiltak.csv is a file, not a directory"), "\(unwritable.stderr)")
    }

    @Test("inspect prints the records exactly as read, as JSON, header first")
    func inspect() throws {
        let scratch = try Scratch()
        try scratch.write("a.csv", bytes: "Indikator;Eining;Verdi\r\n sjukefravaer ;\"Heimetenesta Sør\";\"7,5\"\r\nx;\"a;b\";\"line\nbreak\"\r\n".data(using: .windowsCP1252)!)
        let json = try Gevinst.run(["inspect", "a.csv", "--format", "json"], in: scratch.url)
        #expect(json.status == 0, "\(json.stderr)")
        let records = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String]]
        #expect(records == [["Indikator", "Eining", "Verdi"], [" sjukefravaer ", "Heimetenesta Sør", "7,5"], ["x", "a;b", "line\nbreak"]])
        let limited = try Gevinst.run(["inspect", "a.csv", "--format", "json", "--rows", "1"], in: scratch.url)
        #expect((try JSONSerialization.jsonObject(with: Data(limited.stdout.utf8)) as? [[String]])?.count == 2)
        let text = try Gevinst.run(["inspect", "a.csv"], in: scratch.url)
        #expect(text.stdout.contains("encoding:     windows-1252"))
        #expect(text.stdout.contains("delimiter:    ;"))
        #expect(text.stdout.contains("decimal mark: comma"))
        let missing = try Gevinst.run(["inspect", "nothing.csv"], in: scratch.url)
        #expect(missing.status == 66)
        #expect(try Gevinst.run(["inspect", "a.csv", "--header-row", "0"], in: scratch.url).status == 64)
    }

    @Test("inspect on a statistics bank export with a title line names the header row to use")
    func inspectTitleLine() throws {
        let scratch = try Scratch()
        try scratch.write("kostra.csv", "\"12362: Utvalde nøkkeltal, etter region og år\"\n\n\"region\";\"år\";\"verdi\"\n\"4699 Havbrekk\";\"2024\";\"7,5\"\n")
        let text = try Gevinst.run(["inspect", "kostra.csv"], in: scratch.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("hint:         line 1 looks like a title; if the header is on line 3, try --header-row 3 (header_row: 3 in a pipeline)"), "\(text.stdout)")
        let right = try Gevinst.run(["inspect", "kostra.csv", "--header-row", "3"], in: scratch.url)
        #expect(!right.stdout.contains("hint:"), "\(right.stdout)")
    }
}
