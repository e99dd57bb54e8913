import Foundation
import GevinstCore
import Testing
@testable import GevinstReport

@Suite struct LanguageTests {
    @Test(arguments: ReportLanguage.allCases)
    func everyPhraseIsTranslated(_ language: ReportLanguage) {
        let table = Localization.tables[language] ?? [:]
        let missing = Phrase.allCases.filter { (table[$0] ?? "").isEmpty }
        #expect(missing.isEmpty, "\(language): \(missing)")
    }

    /// The year view's note on how the forecast is made also says that finance's forecast replaces
    /// it, in the words the table's basis column uses for such a row.
    @Test(arguments: ReportLanguage.allCases)
    func theYearNoteSaysFinancesForecastWins(_ language: ReportLanguage) {
        let text = Localization(language)
        #expect(text[.yearForecastNote].contains(text[.forecastByFinance]))
    }

    @Test(arguments: [ReportLanguage.nn, .nb])
    func templatesNameTheSameValuesInEveryLanguage(_ language: ReportLanguage) {
        func names(_ template: String) -> Set<String> {
            Set(template.matches(of: /\{([a-z_]+)\}/).map { String($0.output.1) })
        }
        for phrase in Phrase.allCases {
            #expect(names(Localization(language)[phrase]) == names(Localization(.en)[phrase]), "\(phrase)")
        }
    }

    /// English words that must not appear in a Norwegian report (as whole words, any case).
    static let english: Set<String> = [
        "planned", "realised", "realized", "status", "findings", "finding", "summary", "deviation", "rate", "initiative",
        "initiatives", "quarter", "hours", "green", "yellow", "red", "target", "gain", "gains", "budget", "efficiency",
        "time", "quality", "area", "areas", "owner", "warning", "note", "none", "future", "improving", "worsening",
        "stable", "increasing", "decreasing", "month", "year", "units", "unit", "source", "file", "line", "field",
        "reason", "text", "count", "series", "latest", "value", "limits", "centre", "control", "rejected", "rows",
        "not", "started", "the", "of", "and", "in", "from", "with", "whole", "municipality",
        "january", "february", "march", "may", "june", "july", "october", "december", "nok",
        "unassigned", "total", "forecast", "baseline", "since", "computed", "derived", "reported", "finance", "level",
        "thousand", "percentage", "points", "indicator", "indicators", "measure", "legend", "period", "so", "far",
    ]

    static func englishWords(_ text: String) -> Set<String> {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        return Set(words).intersection(english)
    }

    @Test(arguments: [ReportLanguage.nn, .nb])
    func norwegianReportsHaveNoEnglishWords(_ language: ReportLanguage) throws {
        let fixture = try Fixture.realistic()
        defer { fixture.remove() }
        // SAF-T lines without an analysis are counted under the org unit `unassigned`.
        try fixture.execute("""
            INSERT INTO trends (indicator, org_unit, frequency, n, assessment) VALUES ('sjukefravaer', 'unassigned', 'month', 0, 'n/a')
            """)
        try fixture.report(language: language)
        let html = ParsedMarkup(try fixture.file("report.html")).visibleText()
        // File names of the machine formats are names, not words.
        let names = ["budget_balance.csv", "gains_by_year.csv", "gains_by_area.csv", "gains.csv", "trends.csv", "findings.csv", "rejects.csv",
                     "report.json"]
        func prose(_ text: String) -> String { names.reduce(text) { $0.replacingOccurrences(of: $1, with: "") } }
        #expect(LanguageTests.englishWords(prose(html)).isEmpty, "HTML \(language): \(LanguageTests.englishWords(prose(html)))")
        let markdown = prose(try fixture.file("summary.md"))
        #expect(LanguageTests.englishWords(markdown).isEmpty, "Markdown \(language): \(LanguageTests.englishWords(markdown))")
        let messages = try fixture.file("findings.csv").components(separatedBy: "\r\n").dropFirst().compactMap {
            $0.split(separator: ",", maxSplits: 12, omittingEmptySubsequences: false).last.map(String.init)
        }.joined(separator: " ")
        #expect(LanguageTests.englishWords(messages).isEmpty, "findings.csv \(language): \(LanguageTests.englishWords(messages))")
    }

    @Test("a reject's reason is worded in the report's language; the English sentence stays in rejects.csv",
          arguments: [(ReportLanguage.nn, ["Ikkje eit gyldig tal", "Ikkje ein gyldig periode"]),
                      (.nb, ["Ikke et gyldig tall", "Ikke en gyldig periode"]),
                      (.en, ["'12,3,4' is not a number (decimal comma)", "'2024M13' is not a period"])])
    func rejectReasons(_ language: ReportLanguage, _ reasons: [String]) throws {
        let fixture = try Fixture.realistic()
        defer { fixture.remove() }
        try fixture.report(language: language)
        let html = ParsedMarkup(try fixture.file("report.html")).visibleText()
        let markdown = try fixture.file("summary.md")
        for reason in reasons {
            #expect(html.contains(reason), "\(language) HTML lacks \(reason)")
            #expect(markdown.contains(reason), "\(language) Markdown lacks \(reason)")
        }
        #expect(try fixture.file("rejects.csv").contains("'12,3,4' is not a number (decimal comma)"))
    }

    @Test func aRejectWithoutKindShowsItsSentence() throws {
        // Rows rejected before the warehouse recorded kinds (schema v1) keep their sentence.
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(language: .nn, formats: [.md])
        #expect(try fixture.file("summary.md").contains("ukjend periode"))
    }

    @Test func theDenyListCatchesAnEnglishReport() throws {
        let fixture = try Fixture.realistic()
        defer { fixture.remove() }
        try fixture.report(language: .en, formats: [.md])
        #expect(LanguageTests.englishWords(try fixture.file("summary.md")).isSuperset(of: ["planned", "realised", "findings"]))
    }

    @Test func bokmalAndNynorskDiffer() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(language: .nb, formats: [.md])
        let markdown = try fixture.file("summary.md")
        #expect(markdown.contains("## Sammendrag"))
        #expect(markdown.contains("■ Rød"))
        #expect(markdown.contains("1\u{00A0}011\u{00A0}timer"))
        #expect(markdown.contains("Hvor ferske er tallene?"))
    }
}
