import CLibXML2
import Foundation
import GRDB
import GevinstCore
import GevinstWarehouse
import Testing
@testable import GevinstReport

/// A parsed document and the parser's errors, read with libxml2.
final class ParsedMarkup {
    struct ParseError {
        let code: Int32
        let line: Int32
        let message: String
    }

    private(set) var errors: [ParseError] = []
    private var document: xmlDocPtr?

    /// Parses with the HTML parser, or with the XML parser (well-formedness) when `asXML`.
    init(_ text: String, asXML: Bool = false) {
        let box = Unmanaged.passRetained(self)
        defer { box.release() }
        xmlSetStructuredErrorFunc(box.toOpaque()) { context, error in
            guard let context, let error else { return }
            let parsed = Unmanaged<ParsedMarkup>.fromOpaque(context).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? ""
            parsed.errors.append(ParseError(code: error.pointee.code, line: error.pointee.line, message: message))
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let bytes = Array(text.utf8)
        document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                asXML
                    ? xmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", Int32(XML_PARSE_NONET.rawValue))
                    : htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", Int32(HTML_PARSE_NONET.rawValue))
            }
        }
    }

    deinit { xmlFreeDoc(document) }

    var parsed: Bool { document != nil }

    /// Every attribute value (with its name) and text node, with the name of the element it is in.
    func strings() -> [(element: String, attribute: String?, value: String)] {
        var result: [(String, String?, String)] = []
        func content(_ node: xmlNodePtr) -> String {
            guard let text = xmlNodeGetContent(node) else { return "" }
            defer { gevinst_xml_free(text) }
            return String(cString: text)
        }
        func visit(_ node: xmlNodePtr?, parent: String) {
            var node = node
            while let current = node {
                let name = current.pointee.name.map { String(cString: $0) } ?? ""
                switch current.pointee.type {
                case XML_ELEMENT_NODE:
                    var attribute = current.pointee.properties
                    while let property = attribute {
                        let attributeName = String(cString: property.pointee.name)
                        result.append((name, attributeName, content(UnsafeMutableRawPointer(property).assumingMemoryBound(to: xmlNode.self))))
                        attribute = property.pointee.next
                    }
                    visit(current.pointee.children, parent: name)
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    result.append((parent, nil, content(current)))
                default:
                    break
                }
                node = current.pointee.next
            }
        }
        visit(xmlDocGetRootElement(document), parent: "")
        return result
    }

    /// The text a reader sees or hears: text nodes outside `<style>`, and labels in attributes.
    func visibleText() -> String {
        strings().filter { item in
            item.attribute == nil ? item.element != "style" : ["aria-label", "data-label", "title"].contains(item.attribute!)
        }.map(\.value).joined(separator: "\n")
    }
}

@Suite struct HTMLReportTests {
    @Test(arguments: ReportLanguage.allCases)
    func wellFormedAndSelfContained(_ language: ReportLanguage) throws {
        let fixture = try Fixture.realistic()
        defer { fixture.remove() }
        try fixture.report(language: language, formats: [.html])
        let html = try fixture.file("report.html")
        let document = ParsedMarkup(html)
        #expect(document.parsed)
        // libxml2's HTML parser knows HTML 4 only; an HTML5 element name is its one allowed complaint.
        let malformed = document.errors.filter { $0.code != XML_HTML_UNKNOWN_TAG.rawValue }
        #expect(malformed.isEmpty, "\(malformed.map { "line \($0.line): \($0.message)" })")
        let tags = Set(document.errors.map { $0.message.split(separator: " ").dropFirst().first.map(String.init) ?? "" })
        #expect(tags.isSubset(of: ["section", "nav", "header", "main", "article", "figure", "figcaption", "svg", "title",
                                   "desc", "text", "line", "polyline", "circle", "rect", "path"]))
        // Stricter: every element is closed, every attribute quoted — it reads as XML.
        let xml = ParsedMarkup(html, asXML: true)
        #expect(xml.parsed && xml.errors.isEmpty, "\(xml.errors.map { "line \($0.line): \($0.message)" })")
        for item in document.strings() {
            for reference in ["http:", "https:", "//"] {
                #expect(!item.value.lowercased().contains(reference),
                        "\(reference) in <\(item.element)> \(item.attribute ?? "text"): \(item.value.prefix(80))")
            }
        }
        #expect(!html.contains("<script"))
        #expect(!html.contains("xmlns"))
        #expect(!html.contains("<img") && !html.contains("<link") && !html.contains("url("))
    }

    @Test func containsEveryInitiativeAndIndicatorAndTheCSVFigures() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report()
        let html = ParsedMarkup(try fixture.file("report.html")).visibleText()
        let markdown = try fixture.file("summary.md")
        for text in [html, markdown] {
            for initiative in ["T01 Velferdsteknologi i heimetenesta", "T02 Nærværsprogrammet «Saman om nærvær»",
                               "T03 Digital post via SvarUt", "T04 Skulebruksplan"] {
                #expect(text.contains(initiative))
            }
            for indicator in ["Sjukefråvær (legemeldt og eigenmeldt) (sjukefravaer)", "Utsende brev på papir per månad (utsendt_post_fysisk)"] {
                #expect(text.contains(indicator))
            }
            // gains.csv T01 2025K2: cum_planned 1100.00, cum_realised 1010.50, deviation -89.50, rate 0.9186…
            // T03 2024K4 (its last row before as_of): 200000.25, 206250.00, 6249.75, 1.0312487…
            // Rounded for people: whole hours and whole thousand kroner, half away from zero.
            for figure in ["1\u{00A0}100\u{00A0}timar", "1\u{00A0}011\u{00A0}timar", "\u{2212}90\u{00A0}timar", "91,9\u{00A0}%",
                           "200\u{00A0}tkr", "206\u{00A0}tkr", "6\u{00A0}tkr", "103,1\u{00A0}%",
                           "3,00\u{00A0}prosent", "1,10\u{00A0}prosent", "36,7\u{00A0}%", "■ Raud", "● Grøn", "◌ Ikkje starta"] {
                #expect(text.contains(figure), "\(figure)")
            }
            // trends.csv: last_value 9.1, change_yoy -1.5, target 7.5 and 1500.
            for figure in ["9,1", "\u{2212}1,5", "7,5", "1\u{00A0}500", "august 2025", "minkande", "betring"] {
                #expect(text.contains(figure), "\(figure)")
            }
            #expect(text.contains("Tiltak T01 og T05 krev same gevinst (tid) på vedtakstimar_heimeteneste for Heimetenesta Nord frå K3\u{00A0}2024"))
            #expect(text.contains("Avviste rader ved import: 3."))
            #expect(text.contains("rejects.csv"))
            #expect(text.contains("6. oktober 2025 kl. 06.15 UTC"))
            #expect(!text.contains("T98"), "a finding of a replaced file")
        }
        #expect(html.contains("Kontrollgrenser: 8,5 til 12,38"))
        #expect(html.contains("Organisasjonseining") && html.contains("Måleeining"))
        #expect(html.contains("Utanfor kontrollgrensene"))
    }

    /// The org unit register names a unit wherever a human report would show one of its codes.
    @Test func orgUnitsAreShownByTheirRegisteredName() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.registerHN()
        try fixture.report(formats: [.html, .md])
        let html = ParsedMarkup(try fixture.file("report.html")).visibleText()
        for text in [html, try fixture.file("summary.md")] {
            #expect(text.contains("på vedtakstimar_heimeteneste for Heimetenesta nord (sone 1) frå K3\u{00A0}2024"))
            #expect(!text.contains("for Heimetenesta Nord"), "rejected rows still quote their input")
            #expect(text.contains("heile kommunen"))
        }
        #expect(html.contains("Sjukefråvær (legemeldt og eigenmeldt) (sjukefravaer), Heimetenesta nord (sone 1)"))
        // A link that names the unit by another code than the measurements do marks the chart of the
        // series the gains stage uses for it.
        try fixture.execute("UPDATE gain_links SET org_unit = 'HN' WHERE initiative = 'T02'")
        try fixture.report(formats: [.html])
        #expect(ParsedMarkup(try fixture.file("report.html")).visibleText()
            .contains("Nærværsprogrammet «Saman om nærvær» (kvalitet) måler gevinsten sin på denne serien frå"))
    }

    @Test("the year view, the realised source, the gain-type legend, the rounding rule and the control-chart note",
          arguments: ReportLanguage.allCases)
    func yearViewSourcesAndLegend(_ language: ReportLanguage) throws {
        let fixture = try Fixture.realistic()
        defer { fixture.remove() }
        try fixture.report(language: language, formats: [.html, .md, .csv])
        let html = ParsedMarkup(try fixture.file("report.html")).visibleText()
        let markdown = try fixture.file("summary.md")
        let text = Localization(language)
        let format = HumanFormat(language)
        // The year's budget totals are the sums of gains_by_year.csv's 2025 budget rows, rounded for people.
        var planned: Int64 = 0, forecast: Int64 = 0
        for line in try fixture.file("gains_by_year.csv").components(separatedBy: "\r\n").dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells[1] == "budget", cells[2] == "2025" else { continue }
            planned += Int64(cells[3].replacingOccurrences(of: ".", with: ""))!
            forecast += Int64(cells[7].replacingOccurrences(of: ".", with: ""))!
        }
        #expect(planned > 0 && forecast != planned)
        for document in [html, markdown] {
            #expect(document.contains(text(.yearHeading, ["year": "2025"])))
            #expect(document.contains(text(.yearPlanned, ["amount": format.amount(planned, .money)])), "\(language)")
            #expect(document.contains(format.amount(forecast, .money)), "\(language)")
            for phrase: Phrase in [.colForecast, .colForecastSource, .colRealisedSource, .sourceReported, .gainLegendHeading,
                                   .legendBudget, .legendEfficiency, .roundingNote, .yearForecastNote] {
                #expect(document.contains(text[phrase]), "\(language) \(phrase)")
            }
        }
        #expect(html.contains(text[.controlChartNote]))
    }

    @Test func doubleCountingIsMarkedOnTheTotalsItInflates() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(formats: [.html, .md])
        let mark = "⚠ Summen er for høg: T01 og T05 tel same gevinst to gonger (sjå åtvaringane)."
        let html = try fixture.file("report.html")
        // On the summary card and the year card of time gains, and on no other card.
        #expect(html.components(separatedBy: mark).count - 1 == 2)
        #expect(html.contains("<td data-label=\"Område\">Alle område ⚠</td><td data-label=\"Gevinsttype\">Tid</td>"))
        #expect(!html.contains("<td data-label=\"Område\">Alle område ⚠</td><td data-label=\"Gevinsttype\">Budsjett</td>"))
        let markdown = try fixture.file("summary.md")
        #expect(markdown.contains(mark))
        // The initiatives the warning names are marked in the year's table as in the traffic lights.
        #expect(markdown.contains("| T01 Velferdsteknologi i heimetenesta ⚠ | Tid | 2\u{00A0}000\u{00A0}timar |"))
    }

    /// An initiative's detail shows its phase, gain owner and dates and the findings that name it, in
    /// the findings section's words; its traffic-light row is marked ⚠ when one of them is a warning.
    @Test func eachInitiativeShowsItsLifecycleAndItsFindings() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.execute("""
            UPDATE initiatives SET phase = 'realise', gain_owner = 'Leiar Heimetenesta Nord', handover_date = '2025-06-30'
            WHERE initiative = 'T01';
            UPDATE initiatives SET phase = 'plan', baseline_date = '2023-12-31' WHERE initiative = 'T02';
            """)
        try fixture.warehouse.database.write { db in
            try SharedRecords.insert([
                Finding(.phaseBehindPlan, initiative: "T02", quarter: Quarter(2024, 1), details: ["phase": "plan"]),
                Finding(.missingGainOwner, initiative: "T04", details: ["phase": "execute"]),
            ], stage: "gains", runID: 1, fileID: nil, db)
        }
        try fixture.report(formats: [.html, .md])
        let behind = "Tiltak T02 er framleis i fasen planleggje, men gevinstane var planlagde frå K1\u{00A0}2024."
        let owner = "Tiltak T04 er i fasen gjennomføre, men ingen leiar i linja er sett som gevinsteigar."
        let html = try fixture.file("report.html")
        let detail = { (id: String) in
            html.components(separatedBy: "<article><h3>\(id) ").dropFirst().first?.components(separatedBy: "</article>").first ?? ""
        }
        #expect(detail("T01").contains("<p class=\"meta\">Fase: realisere · Gevinsteigar: Leiar Heimetenesta Nord · Overført til linja 30. juni 2025</p>"))
        #expect(detail("T02").contains("<p class=\"meta\">Fase: planleggje · Utgangspunkt målt 31. desember 2023</p>"))
        #expect(detail("T02").contains("<h4>Funn for tiltaket</h4>\n<ul class=\"findings\">\n<li><span class=\"sev sev-warning\">Åtvaring</span> \(behind)</li>"))
        #expect(detail("T04").contains("<span class=\"sev sev-info\">Merknad</span> \(owner)</li>"))
        // The double count names T01 and T05: it stands beside T01 too.
        #expect(detail("T01").contains("Tiltak T01 og T05"))
        #expect(!detail("T03").contains("<p class=\"meta\">Fase"), "no phase, no lifecycle line")
        // Each sentence is the one the findings section has.
        let findings = html.components(separatedBy: "<section id=\"findings\">").last ?? ""
        #expect(findings.contains(behind) && findings.contains(owner))
        // A warning marks T02's row in the traffic lights (as the double count marks T01's); T04's info does not.
        #expect(html.contains("<td data-label=\"Tiltak\">T02 Nærværsprogrammet «Saman om nærvær» ⚠<span class=\"sub\">"))
        #expect(html.contains("<td data-label=\"Tiltak\">T04 Skulebruksplan<span class=\"sub\">"))
        #expect(html.contains(Localization(.nn)[.warnedRowNote]))

        let markdown = try fixture.file("summary.md")
        #expect(markdown.contains("""
            ### T02 Nærværsprogrammet «Saman om nærvær»

            Ansvarleg: HR-sjef · Område: Helse og omsorg · pågår, frist 31. desember 2026

            Fase: planleggje · Utgangspunkt målt 31. desember 2023

            Funn for tiltaket:

            - **Åtvaring**: \(behind)
            """))
        #expect(markdown.contains("- **Merknad**: \(owner)"))
        #expect(markdown.contains("| T02 Nærværsprogrammet «Saman om nærvær» ⚠ |"))
    }

    @Test func englishReportsWriteEnglishNumbers() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(language: .en, formats: [.html, .md])
        let html = ParsedMarkup(try fixture.file("report.html")).visibleText()
        for text in [html, try fixture.file("summary.md")] {
            for figure in ["NOK\u{00A0}200k", "NOK\u{00A0}6k", "1,011\u{00A0}hours", "\u{2212}90\u{00A0}hours",
                           "91.9%", "36.7%", "■ Red", "● Green", "◌ Not started", "whole municipality", "August 2025",
                           "Q3\u{00A0}2024", "Rows rejected at import: 3."] {
                #expect(text.contains(figure), "\(figure)")
            }
        }
    }

    @Test func everyChartHasAnAccessibleNameAndAFigureCaption() throws {
        let fixture = try Fixture.realistic()
        defer { fixture.remove() }
        try fixture.report(formats: [.html])
        let html = try fixture.file("report.html")
        let charts = html.components(separatedBy: "<svg class=\"chart\"").dropFirst()
        #expect(charts.count > 20)
        for chart in charts {
            #expect(chart.contains("role=\"img\" aria-labelledby=\""))
            #expect(chart.contains("<title id=") && chart.contains("<desc id="))
        }
        let ids = html.matches(of: /id="([^"]+)"/).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count, "ids are unique")
    }

    @Test func largeWarehousesAreCapped() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
            INSERT INTO gains_quarterly (initiative, gain_type, quarter, planned, realised, realised_source, cum_planned,
                                         cum_realised, deviation, realisation_rate, status)
            SELECT printf('X%04d', i), 'budget', 2025102, 100, 90, 'reported', 100, 90, -10, 0.9, 'green' FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
            INSERT INTO trends (indicator, org_unit, frequency, n, assessment)
            SELECT 'sjukefravaer', printf('Eining %03d', i), 'month', 0, 'n/a' FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
            INSERT INTO gains_yearly (initiative, gain_type, year, planned, planned_ytd, realised_ytd, rate_ytd, forecast)
            SELECT printf('X%04d', i), 'budget', 2025, 40000000, 20000000, 18000000, 0.9, 38000000 FROM n;
            """)
        try fixture.report()
        let html = try fixture.file("report.html")
        #expect(html.contains("Viser dei første 500 av 604 radene. Alle står i gains.csv."))
        #expect(html.contains("Diagram for dei første 40 av 604 tiltaka. Tala for alle står i gains.csv."))
        #expect(html.contains("Viser dei første 200 av 303 radene. Alle står i trends.csv."))
        // The year's table stops at 500 rows (600 added to T01's time row); its totals cover all 600 budget rows.
        #expect(html.contains("Viser dei første 500 av 601 radene. Alle står i gains_by_year.csv."))
        #expect(html.contains("Plan for året: 240\u{00A0}000\u{00A0}tkr"))
        // Series with points only: the two linked ones, and the whole municipality.
        #expect(html.contains("Diagram for 3 av 303 seriar"))
        #expect(try fixture.file("summary.md").contains("Viser dei første 500 av 604 radene."))
    }
}

@Suite struct PrintedPageTests {
    @Test func printedPagesCarryTheTitleAndPageNumbers() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(formats: [.html])
        let html = try fixture.file("report.html")
        #expect(html.contains("@top-left{content:\"Gevinstrapport – fjordvik\""))
        #expect(html.contains("@bottom-right{content:counter(page) \" / \" counter(pages)"))
    }

    @Test func aTitleCannotLeaveItsCSSString() {
        #expect(HTMLReport.cssString(#"Tal "for" C:\ </style><b>&"#) == #"Tal \"for\" C:\\ \3c /style\3e \3c b\3e \26 "#)
        #expect(HTMLReport.cssString("a\nb") == #"a\a b"#)
    }
}

@Suite struct MarkupCheckTests {
    @Test func theCheckerSeesMalformedMarkup() {
        let html = ParsedMarkup("<!DOCTYPE html><html><body><div><p>a <b>b</p></div><p x=\"1></body></html>")
        #expect(html.errors.contains { $0.code != XML_HTML_UNKNOWN_TAG.rawValue })
        let xml = ParsedMarkup("<!DOCTYPE html><html><body><br><p>a</p></body></html>", asXML: true)
        #expect(!xml.errors.isEmpty)
    }

    @Test func theCheckerSeesNetworkReferences() {
        let strings = ParsedMarkup("<html><body><a href=\"https://example.org\">x</a><p>see //cdn</p></body></html>").strings()
        #expect(strings.contains { $0.attribute == "href" && $0.value.contains("https:") })
        #expect(strings.contains { $0.attribute == nil && $0.value.contains("//") })
    }
}
