import Foundation
import Testing
@testable import GevinstReport

/// The "Budsjett i balanse" section, `budget_balance.csv` and the comments beside the traffic lights.
@Suite struct BudgetReportTests {
    /// The small fixture (as_of 2025K2) with a plan of two years, a comment for the as_of quarter and
    /// an earlier one.
    static func fixture() throws -> Fixture {
        let fixture = try Fixture.small()
        try fixture.execute("""
            INSERT INTO budget_balance (plan, year, area, requirement, planned_budget, gap, coverage, realised_ytd, forecast,
                                        forecast_gap, status) VALUES
              ('B+Ø 2025–2026', 2025, '*', 30000000, 20000025, 9999975, 0.6666675, 20625000, 20625000, 9375000, 'not_balanced'),
              ('B+Ø 2025–2026', 2025, 'Organisasjon', 30000000, 20000025, 9999975, 0.6666675, 20625000, 20625000, 9375000, 'not_balanced'),
              ('B+Ø 2025–2026', 2026, '*', 0, 150000000, -150000000, NULL, 0, 150000000, -150000000, 'balanced'),
              ('B+Ø 2025–2026', 2026, 'Organisasjon', 0, 0, 0, NULL, 0, 0, 0, 'balanced');
            INSERT INTO gain_comments (initiative, quarter, gain_type, comment, author, file_id) VALUES
              ('T01', 2025102, '', 'Turnusen vart lagt om i mai', 'Kari', 2),
              ('T01', 2025101, 'time', 'Oppstart seinare enn planlagt', NULL, 2);
            """)
        return fixture
    }

    @Test func theSectionStandsBeforeTheTrafficLightsWithItsTableChartAndCycle() throws {
        let fixture = try Self.fixture()
        defer { fixture.remove() }
        try fixture.report()
        let html = try fixture.file("report.html")
        let budget = try #require(html.range(of: "<section id=\"budget\"><h2>Budsjett i balanse</h2>"))
        let lights = try #require(html.range(of: "<section id=\"lights\">"))
        #expect(budget.lowerBound < lights.lowerBound)
        let section = String(html[budget.lowerBound..<lights.lowerBound])
        #expect(section.contains("<li class=\"now\" aria-current=\"step\">K2 Gjere djupdykk</li>"))
        #expect(section.contains("No (K2\u{00A0}2025): Gjer djupdykk"))
        #expect(section.contains("<h3>B+Ø 2025–2026</h3>"))
        #expect(section.contains("300\u{00A0}tkr"), "amounts in thousands, as everywhere in the human report")
        #expect(section.contains("Ikkje i balanse"))
        #expect(section.contains("<svg class=\"chart\""))
        // The planned gains of an area stacked, the elsewhere part of 2026 too, the requirement and the forecast.
        #expect(section.components(separatedBy: "<rect class=\"bb bb-").count - 1 == 2 + 2)
        #expect(section.contains("class=\"rule-target\""))
        #expect(section.contains("class=\"pt-forecast\""))
        // The as_of quarter's comment stands beside its row, with its author.
        #expect(html.contains("Turnusen vart lagt om i mai (Kari)"))
        // The earlier ones in the initiative's detail.
        #expect(html.contains("<h4>Tidlegare kommentarar</h4><ul class=\"comments\"><li>K1\u{00A0}2025 (tid): Oppstart seinare enn planlagt</li></ul>"))
        let markdown = try fixture.file("summary.md")
        let mdBudget = try #require(markdown.range(of: "## Budsjett i balanse"))
        #expect(mdBudget.lowerBound < markdown.range(of: "## Trafikklys")!.lowerBound)
        #expect(markdown.contains("- **K2 Gjere djupdykk**"))
        #expect(markdown.contains("| Kommentar |"))
        #expect(try fixture.file("budget_balance.csv").components(separatedBy: "\r\n").prefix(2) == [
            "plan,year,area,requirement,planned_budget,gap,coverage,realised_ytd,forecast,forecast_gap,status",
            "B+Ø 2025–2026,2025,*,300000.00,200000.25,99999.75,0.6666675,206250.00,206250.00,93750.00,not_balanced",
        ])
    }

    @Test func withoutBudgetTargetsThereIsNoSectionAndNoCommentColumn() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report()
        let html = try fixture.file("report.html")
        #expect(!html.contains("id=\"budget\""))
        #expect(!html.contains("Kommentar"))
        #expect(try fixture.file("budget_balance.csv")
            == "plan,year,area,requirement,planned_budget,gap,coverage,realised_ytd,forecast,forecast_gap,status\r\n")
    }
}
