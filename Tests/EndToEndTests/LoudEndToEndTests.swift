import Foundation
import Testing

/// Data loss is loud: rejected rows and failed files reach the top of the reports, stderr under
/// `--quiet` and `--strict` on every night they are still current; quality gains read as levels.
@Suite("Loud data loss, end to end")
struct LoudEndToEndTests {
    /// The example with two bad T04 plan rows for 2025, a link to an org unit without data and an
    /// HR export that is no XML.
    func brokenExample() throws -> Scratch {
        let scratch = try Scratch()
        try scratch.copyExample()
        let plans = try String(contentsOf: scratch.url.appendingPathComponent("data/example/gevinstplan.csv"), encoding: .utf8)
        try scratch.write("data/example/gevinstplan.csv", plans + "T04;budsjett;2025;800 000 kr\nT04;budsjett;2025K2;tusen\n")
        let links = try String(contentsOf: scratch.url.appendingPathComponent("data/example/gevinstkoplingar.csv"), encoding: .utf8)
        try scratch.write("data/example/gevinstkoplingar.csv", links + "T02;sjukefravaer;Heimeteneste;kvalitet;10;1;\n")
        try scratch.write("data/example/inbox/hr/zz-broken.xml", "<Fravaer><Eining namn=\"A\">")
        return scratch
    }

    func read(_ scratch: Scratch, _ file: String) throws -> String {
        try String(contentsOf: scratch.url.appendingPathComponent("reports/havbrekk/\(file)"), encoding: .utf8)
    }

    @Test("rejected rows, a failed file and a link without data are warnings at the top of every report")
    func warningsAtTheTop() throws {
        let scratch = try brokenExample()
        let run = try Gevinst.run(["run", "pipelines/example.yml", "--quiet"], in: scratch.url)
        #expect(run.status == 65, "a file failed: \(run.stderr)")
        // Beside the failed file, --quiet names the rejects and warnings too.
        // Its count of warnings is the report's: the warning rows of findings.csv.
        let findings = try read(scratch, "findings.csv")
        let warnings = findings.split(whereSeparator: \.isNewline).filter { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst().first == "warning" }
        #expect(!warnings.isEmpty)
        #expect(run.stderr.contains("warning: 2 row(s) rejected, 1 file(s) failed, \(warnings.count) warning finding(s) current in the warehouse"),
                "\(run.stderr)")

        #expect(findings.contains("rows_rejected,warning,gevinstplan,data/example/gevinstplan.csv,T04,"), "\(findings)")
        #expect(findings.contains("2 planrader for tiltak T04 vart avviste ved import (fil data/example/gevinstplan.csv): det kan mangle noko i planen for 2025."))
        #expect(findings.contains("file_failed,warning,sjukefravaer,data/example/inbox/hr/zz-broken.xml"))
        #expect(try read(scratch, "report.json").contains("\"rows_rejected\""))

        let markdown = try read(scratch, "summary.md")
        let top = try #require(markdown.components(separatedBy: "## Samandrag").first)
        #expect(top.contains("## ⚠ Åtvaringar som endrar lesinga av tala"), "\(top)")
        #expect(top.contains("- **T04 Betre innkjøp og mindre konsulentbruk**: 2 planrader for tiltak T04 vart avviste"), "\(top)")
        #expect(top.contains("zz-broken.xml"), "\(top)")
        #expect(top.contains("**T02 Nærværsprogrammet «Saman om nærvær»**: Koplinga frå tiltak T02 til sjukefravaer for Heimeteneste har ingen målingar"), "\(top)")
        #expect(markdown.contains("| T04 Betre innkjøp og mindre konsulentbruk ⚠ |"))

        let html = try read(scratch, "report.html")
        let htmlTop = try #require(html.components(separatedBy: "<section id=\"summary\">").first)
        #expect(htmlTop.contains("<strong>T04 Betre innkjøp og mindre konsulentbruk</strong>: 2 planrader for tiltak T04"), "\(htmlTop)")
        #expect(htmlTop.contains("zz-broken.xml"))
    }

    @Test("English and bokmål say the same", arguments: [("en", "2 plan rows for initiative T04 were rejected at import (file data/example/gevinstplan.csv): the plan for 2025 may be incomplete."),
                                                         ("nb", "2 planrader for tiltak T04 ble avvist ved import (file data/example/gevinstplan.csv): det kan mangle noe i planen for 2025.")])
    func languages(language: String, sentence: String) throws {
        let scratch = try brokenExample()
        let pipeline = try String(contentsOf: scratch.url.appendingPathComponent("pipelines/example.yml"), encoding: .utf8)
        try scratch.write("pipelines/example.yml", pipeline.replacingOccurrences(of: "language: nn ", with: "language: \(language) "))
        _ = try Gevinst.run(["run", "pipelines/example.yml"], in: scratch.url)
        let expected = language == "nb" ? sentence.replacingOccurrences(of: "(file ", with: "(fil ") : sentence
        #expect(try read(scratch, "summary.md").contains(expected))
    }

    @Test("--quiet still says in one line that rows were rejected")
    func quietIsNotSilent() throws {
        let scratch = try Scratch()
        try scratch.write("data/indicators.csv", "indicator;frequency;polarity\nsick;month;lower_is_better\n")
        try scratch.write("data/in/a.csv", "indicator;org_unit;period;value\nsick;A;2024M01;7,5\nsick;A;2024M02;800 000 kr\n")
        try scratch.write("test.yml", """
            name: test
            sources:
              - { id: catalogue, kind: indicators, path: data/indicators.csv }
              - { id: main, kind: measurements, path: data/in/*.csv }
            """)
        let quiet = try Gevinst.run(["run", "test.yml", "--quiet"], in: scratch.url)
        #expect(quiet.status == 0, "\(quiet.stderr)")
        let lines = quiet.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(quiet.stderr)")
        #expect(quiet.stderr.contains("warning: 1 row(s) rejected, 1 warning finding(s) current in the warehouse; see rejects.csv and findings.csv in reports/test/"),
                "\(quiet.stderr)")

        try scratch.write("data/in/a.csv", "indicator;org_unit;period;value\nsick;A;2024M01;7,5\nsick;A;2024M02;8\n")
        let clean = try Gevinst.run(["run", "test.yml", "--quiet"], in: scratch.url)
        #expect(clean.status == 0 && clean.stderr.isEmpty, "\(clean.stderr)")
    }

    @Test("--strict fails every night the same rejects are current, and passes once they are fixed")
    func strictIsSticky() throws {
        let scratch = try Scratch()
        try scratch.write("data/initiatives.csv", "initiative;title\nT1;Digital post\n")
        try scratch.write("data/plans.csv", "initiative;gain_type;period;amount\nT1;budget;2025;800 000 kr\nT1;budget;2024K1;100\n")
        try scratch.write("data/reported.csv", "initiative;gain_type;period;amount\nT1;budget;2024K1;95\n")
        try scratch.write("test.yml", """
            name: test
            sources:
              - { id: register, kind: initiatives, path: data/initiatives.csv }
              - { id: plans, kind: gain_plans, path: data/plans.csv }
              - { id: reported, kind: gains_reported, path: data/reported.csv }
            """)
        let first = try Gevinst.run(["run", "test.yml", "--strict"], in: scratch.url)
        #expect(first.status == 65, "\(first.stderr)")
        for night in 2...3 {
            // Nothing new to import: the same rejects are still current.
            let again = try Gevinst.run(["run", "test.yml", "--strict", "--quiet"], in: scratch.url)
            #expect(again.status == 65, "night \(night): \(again.stderr)")
            #expect(again.stderr.contains("--strict: the warehouse holds 1 row(s) rejected, 1 warning finding(s)"), "\(again.stderr)")
            #expect(again.stderr.contains("see rejects.csv and findings.csv in reports/test/"), "\(again.stderr)")
        }
        try scratch.write("data/plans.csv", "initiative;gain_type;period;amount\nT1;budget;2025;800000\nT1;budget;2024K1;100\n")
        let fixed = try Gevinst.run(["run", "test.yml", "--strict"], in: scratch.url)
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    @Test("quality gains read as levels in the indicator's unit, never in a total; the title heads the reports")
    func qualityLevelsAndTitle() throws {
        let scratch = try Scratch()
        try scratch.copyExample()
        let run = try Gevinst.run(["run", "pipelines/example.yml"], in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        let markdown = try read(scratch, "summary.md")
        #expect(markdown.hasPrefix("# Gevinstrapport – Havbrekk kommune\n"))
        let headline = try #require(markdown.components(separatedBy: "## Trafikklys per tiltak").first)
        #expect(!headline.contains("- **Kvalitet**"), "\(headline)")
        #expect(headline.contains("- T02 Nærværsprogrammet «Saman om nærvær»: nivå 2,67\u{A0}prosentpoeng mot planlagt 10,00\u{A0}prosentpoeng ■ Raud"),
                "\(headline)")
        #expect(markdown.contains("| Kvalitet (nivå) | 10,00\u{A0}prosentpoeng | 2,67\u{A0}prosentpoeng |"))
        #expect(markdown.contains("| Kvalitet (nivå) | 14,00\u{A0}dagar | 12,73\u{A0}dagar |"))

        let html = try read(scratch, "report.html")
        #expect(html.contains("<title>Gevinstrapport – Havbrekk kommune</title>"))
        #expect(html.contains("<h1>Gevinstrapport – Havbrekk kommune</h1>"))
        let qualityCharts = html.components(separatedBy: "<figure>").filter { $0.contains(": Kvalitet</title>") }
        #expect(qualityCharts.count == 2)
        for chart in qualityCharts {
            #expect(!chart.contains("kumulativt"), "\(chart)")
            #expect(chart.contains("Planlagt nivå") && chart.contains("Realisert nivå"))
        }
        #expect(try read(scratch, "report.json").contains("\"title\": \"Havbrekk kommune\""))
    }
}
