import CLibXML2
import Foundation
import GRDB
import GevinstCore
import Testing
@testable import GevinstReport

/// The A3 sheets: one HTML and one Markdown file per initiative, linked from the main report.
@Suite struct A3SheetTests {
    /// Text of every kind a municipality writes, and characters that must stay text.
    static let hostile = "Linje éin med <script>alert(\"x\")</script> & \"sitat\" | *stjerne* [lenkje](https://døme.no)\nLinje to # \\ `kode`\n\nNytt avsnitt"

    /// The small fixture with T01's A3 sheet filled with hostile text and three actions (one due on the last day of as_of, 2025K2).
    static func fixture() throws -> Fixture {
        let fixture = try Fixture.small()
        try fixture.execute("""
            UPDATE initiatives SET rationale = ?, current_state = 'Mange manuelle vedtak.', root_causes = 'Gamle rutinar\nLite digital støtte',
                   measurement_note = 'Vedtakstimar per månad i Heimetenesta Nord.', a3_date = '2025-02-14', a3_version = '3',
                   phase = 'realise', gain_owner = 'Leiar Heimetenesta Nord'
            WHERE initiative = 'T01';
            INSERT INTO actions (initiative, action, owner, deadline, status, sort_order, file_id) VALUES
              ('T01', 'Kartleggje <arbeidsflyt> & vaktlister', 'Eininga Nord', '2025-03-31', 'done', 1, 2),
              ('T01', 'Innføre digitalt tilsyn', 'Prosjektleiar', '2025-06-30', 'in_progress', 2, 2),
              ('T01', 'Evaluere', NULL, NULL, 'not_started', NULL, 2);
            """, [hostile])
        return fixture
    }

    @Test func everyInitiativeHasASheetLinkedFromTheReports() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        let summary = try fixture.report()
        for id in ["T01", "T02", "T03", "T04"] {
            for ext in ["html", "md"] { #expect(FileManager.default.fileExists(atPath: "\(fixture.reportDirectory)/a3/\(id).\(ext)")) }
        }
        #expect(try fixture.file("report.html").contains("<a href=\"a3/T01.html\">T01 Velferdsteknologi i heimetenesta</a>"))
        #expect(try fixture.file("summary.md").contains("- [T01 Velferdsteknologi i heimetenesta](a3/T01.md)"))
        #expect(summary.counts["files_written"] == 10 + 8)
    }

    @Test(arguments: ReportLanguage.allCases)
    func theSheetParsesAndIsSelfContained(_ language: ReportLanguage) throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try fixture.report(language: language)
        for id in ["T01", "T02", "T03", "T04"] {
            let html = try fixture.file("a3/\(id).html")
            let document = ParsedMarkup(html)
            #expect(document.parsed)
            let malformed = document.errors.filter { $0.code != XML_HTML_UNKNOWN_TAG.rawValue }
            #expect(malformed.isEmpty, "\(id): \(malformed.map { "line \($0.line): \($0.message)" })")
            let xml = ParsedMarkup(html, asXML: true)
            #expect(xml.parsed && xml.errors.isEmpty, "\(id): \(xml.errors.map { "line \($0.line): \($0.message)" })")
            for item in document.strings() where !(item.element == "p" && item.value.contains("døme.no")) {
                for reference in ["http:", "https:", "//"] {
                    #expect(!item.value.lowercased().contains(reference), "\(id) <\(item.element)> \(item.attribute ?? "text")")
                }
            }
            #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<link") && !html.contains("url("))
            #expect(html.contains("@page{size:A3 landscape"))
        }
    }

    @Test func emptySectionsShowTheGuidingQuestionGreyedAndOverdueActionsAreMarked() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try fixture.report()
        let t04 = try fixture.file("a3/T04.html")
        let text = Localization(.nn)
        for section in A3Section.allCases where section != .measurement {
            #expect(t04.contains("<p class=\"empty\">\(escape(text[section.question]))</p>"), "\(section)")
        }
        let t01 = try fixture.file("a3/T01.html")
        #expect(t01.contains("<tr class=\"overdue\"><td>Innføre digitalt tilsyn</td><td>Prosjektleiar</td><td>30. juni 2025</td><td>pågår – over fristen</td></tr>"))
        #expect(t01.contains("<h3>Rotårsaker</h3>\n<p>Gamle rutinar<br/>Lite digital støtte</p>"))
        #expect(t01.contains("id=\"latest-comment\""))
    }

    /// The header names the phase and the gain owner after the status, as the register gives them.
    @Test func theHeaderNamesThePhaseAndTheGainOwner() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try fixture.report()
        #expect(try fixture.file("a3/T01.html").contains(
            "<div><dt>Fase</dt><dd>realisere</dd></div><div><dt>Gevinsteigar</dt><dd>Leiar Heimetenesta Nord</dd></div>"))
        #expect(try fixture.file("a3/T01.md").contains("· **Fase**: realisere · **Gevinsteigar**: Leiar Heimetenesta Nord ·"))
        #expect(!(try fixture.file("a3/T04.html")).contains("<dt>Fase</dt>"))
    }

    /// The latest comment is the as_of quarter's, else the latest earlier one; a later one is not shown.
    @Test func theLatestCommentIsTheAsOfQuartersElseTheLatestEarlierOne() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        let sql = "INSERT INTO gain_comments (initiative, quarter, gain_type, comment, author, file_id) VALUES (?, ?, ?, ?, ?, 2)"
        try fixture.execute(sql, ["T01", Quarter(2024, 4).code, "", "Eldst", nil])
        try fixture.execute(sql, ["T01", Quarter(2025, 1).code, "budget", "Sensorane <kom> i mars", "Kari"])
        try fixture.execute(sql, ["T01", Quarter(2025, 3).code, "", "Etter as_of", nil])
        try fixture.report()
        var html = try fixture.file("a3/T01.html")
        #expect(html.contains("<div class=\"comment\" id=\"latest-comment\"><h3>Siste kommentar</h3><p>K1\u{00A0}2025 (budsjett): Sensorane &lt;kom&gt; i mars (Kari)</p></div>"))
        #expect(!html.contains("Eldst") && !html.contains("Etter as_of"))
        #expect(try fixture.file("a3/T01.md").contains("### Siste kommentar\n\nK1\u{00A0}2025 (budsjett): Sensorane \\<kom\\> i mars (Kari)\n\n"))
        try fixture.execute(sql, ["T01", Quarter(2025, 2).code, "", "No", nil])
        try fixture.report()
        html = try fixture.file("a3/T01.html")
        #expect(html.contains("<h3>Siste kommentar</h3><p>K2\u{00A0}2025: No</p></div>"))
        #expect(!html.contains("Sensorane"))
    }

    /// A link that names the unit by another code than the measurements do charts the series the
    /// gains stage uses for it.
    @Test func aLinkByAnotherCodeOfItsUnitChartsTheUnitsSeries() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try fixture.registerHN()
        try fixture.report()
        let byName = try fixture.file("a3/T02.html")
        #expect(byName.contains("class=\"line-measured\""))
        try fixture.execute("UPDATE gain_links SET org_unit = 'HN' WHERE initiative = 'T02'")
        try fixture.report()
        #expect(try fixture.file("a3/T02.html") == byName)
    }

    /// The gains stage compares a quarter's value with a link's baseline, so a monthly indicator that
    /// sums its months shows a third of it per month, beside the quarter's, and the change since the
    /// start is measured against that share (before, T01's 17 520 hours a quarter stood on a chart of
    /// about 5 000 hours a month, and the sheet read that as an improvement of some 12 000 hours).
    @Test func aMonthlySumShowsItsBaselinePerMonth() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try fixture.report()
        let figures = try #require(try fixture.file("a3/T01.md").split(separator: "\n").first { $0.contains("Utgangsverdi") })
        #expect(figures.contains("Utgangsverdi 5\u{00A0}840 timar per månad (17\u{00A0}520 timar per kvartal)"), "\(figures)")
        // T02's chart draws the baseline as the main report does, long-dashed.
        #expect(try fixture.file("a3/T02.html").contains("<line class=\"rule-baseline\""))
        let months = (1...3).map { (period: Period(kind: .month, ordinal: 2025 * 12 + $0), value: 5_000.0) }
        let link = A3Sheet.LinkSeries(indicator: "v", name: nil, unit: "timar", orgUnit: "N", gainTypes: [.time], polarity: .lowerIsBetter,
                                      aggregation: .sum, frequency: .month, baseline: 17_520, target: nil, start: Quarter(2025, 1),
                                      points: months, assessment: nil)
        #expect(link.improvement == 840)
    }

    /// Links of several gain types to one series with the same baseline and start share one chart
    /// (before, T01 of the example drew each of its two series twice, once per gain type); a link with
    /// another baseline keeps its own.
    @Test func linksOfOneSeriesShareAChart() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try fixture.execute("""
            INSERT INTO gain_links (initiative, indicator, org_unit, gain_type, baseline, factor, start, file_id) VALUES
              ('T01', 'vedtakstimar_heimeteneste', 'Heimetenesta Nord', 'efficiency', 17520, 640, NULL, 2),
              ('T01', 'vedtakstimar_heimeteneste', 'Heimetenesta Nord', 'budget', 18000, 640, NULL, 2)
            """)
        try fixture.report()
        let lines = try fixture.file("a3/T01.md").split(separator: "\n").filter { $0.hasPrefix("- **Vedtakstimar") }
        #expect(lines.count == 2)
        #expect(lines.first?.contains("Heimetenesta Nord – budsjett**: Utgangsverdi 6\u{00A0}000 timar per månad") == true, "\(lines)")
        #expect(lines.last?.contains("Heimetenesta Nord – effektivisering og tid**: Utgangsverdi 5\u{00A0}840 timar") == true, "\(lines)")
        let html = try fixture.file("a3/T01.html")
        #expect(html.components(separatedBy: "<figcaption>Vedtakstimar i heimetenesta per månad, Heimetenesta Nord").count == 3)
    }

    /// The whole sheet of T01 in HTML and Markdown against the committed files (`Golden/`); set
    /// GEVINST_UPDATE_GOLDEN=1 to rewrite them after a deliberate change.
    @Test(arguments: ["html", "md"])
    func goldenSheet(_ ext: String) throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try fixture.report()
        let written = try fixture.bytes("a3/T01.\(ext)")
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/a3-T01.\(ext)")
        if ProcessInfo.processInfo.environment["GEVINST_UPDATE_GOLDEN"] == "1" { try written.write(to: golden) }
        #expect(written == (try Data(contentsOf: golden)))
    }

    @Test func aRerunWritesTheSameBytes() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try fixture.report(runID: 2)
        let names = try FileManager.default.contentsOfDirectory(atPath: "\(fixture.reportDirectory)/a3").sorted()
        let first = try names.map { try fixture.bytes("a3/\($0)") }
        try fixture.report(runID: 3, now: Date(timeIntervalSince1970: 0))
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(fixture.reportDirectory)/a3").sorted() == names)
        #expect(try names.map { try fixture.bytes("a3/\($0)") } == first)
    }

    @Test func aSheetOfAnInitiativeThatIsGoneDisappears() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try fixture.report()
        try fixture.execute("DELETE FROM initiatives WHERE initiative = 'T04'")
        try fixture.report()
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.reportDirectory)/a3/T04.html"))
    }

    @Test func fileNamesAreSafeAndUnique() {
        var names = A3FileNames()
        #expect(["T01", "../etc/passwd", "T/01", "T_01", "t_01", "Æøå", ""].map { names.next($0) }
                == ["T01", "___etc_passwd", "T_01", "T_01-2", "t_01-3", "___", "_"])
    }
}

/// Chromium prints each sheet: one A3 landscape page for a normal initiative; a 20 000-character
/// rationale continues on further pages, the layout kept. Skipped where Chromium is absent.
@Suite struct A3PrintTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The page count and page size (points) of `html` printed by Chromium.
    static func printed(_ html: String, in directory: URL) throws -> (pages: Int, size: String) {
        let pdf = directory.appendingPathComponent("sheet.pdf")
        try? FileManager.default.removeItem(at: pdf)
        let chrome = Process()
        chrome.executableURL = URL(fileURLWithPath: chromium!)
        chrome.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            "--user-data-dir=\(directory.appendingPathComponent("chromium").path)",
                            "--print-to-pdf=\(pdf.path)", URL(fileURLWithPath: html).absoluteString]
        chrome.standardOutput = FileHandle.nullDevice
        chrome.standardError = FileHandle.nullDevice
        try chrome.run()
        chrome.waitUntilExit()
        let info = Process()
        info.executableURL = URL(fileURLWithPath: "/usr/bin/pdfinfo")
        info.arguments = [pdf.path]
        let pipe = Pipe()
        info.standardOutput = pipe
        try info.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        info.waitUntilExit()
        let field = { (name: String) in
            output.split(separator: "\n").first { $0.hasPrefix(name) }.map { $0.dropFirst(name.count).trimmingCharacters(in: .whitespaces) } ?? ""
        }
        return (Int(field("Pages:")) ?? 0, field("Page size:"))
    }

    @Test func eachSheetPrintsOnOneA3LandscapePage() throws {
        guard Self.chromium != nil, FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo") else {
            print("A3PrintTests skipped: chromium or pdfinfo is not installed")
            return
        }
        let fixture = try A3SheetTests.fixture()
        defer { fixture.remove() }
        try fixture.execute("INSERT INTO initiatives (initiative, title, status, rationale, file_id) VALUES ('T99', 'Lang tekst', 'active', ?, 2)",
                            [String(repeating: "Ein lang grunngjeving med mange ord. ", count: 541)])
        try fixture.report()
        for id in ["T01", "T02", "T03", "T04"] {
            let printed = try Self.printed("\(fixture.reportDirectory)/a3/\(id).html", in: fixture.directory)
            #expect(printed.pages == 1, "\(id)")
            #expect(printed.size.hasPrefix("1190.") || printed.size.hasPrefix("1191."), "\(id): \(printed.size)")
            #expect(printed.size.contains("x 841.") || printed.size.contains("x 842"), "\(id): \(printed.size)")
        }
        let long = try Self.printed("\(fixture.reportDirectory)/a3/T99.html", in: fixture.directory)
        #expect(long.pages >= 2 && long.pages <= 4, "the long rationale continues on the next sheets: \(long.pages)")
    }
}
