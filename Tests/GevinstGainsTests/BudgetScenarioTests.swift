import Foundation
import GRDB
import GevinstCore
import Testing

/// The budget cycle and the gain life cycle on the scenario of `Fixtures/budget`: its expected rows
/// and findings were computed by `make_expected.py`, an implementation independent of this code
/// (on top of the gains oracle of `Fixtures/scenario`), with as_of in K2, K3 and K4.
@Suite struct BudgetScenarioTests {
    struct Cycle: Decodable {
        struct Initiative: Decodable {
            var initiative: String, phase: String?, gain_owner: String?, deadline: String?, measurement_note: String?
        }
        struct Target: Decodable { var plan: String, year: Int, area: String, amount: String }
        struct Comment: Decodable { var initiative: String, quarter: String, gain_type: String?, comment: String }
        struct Forecast: Decodable { var initiative: String, gain_type: String, year: Int, amount: String }
        var initiatives: [Initiative]
        var budget_targets: [Target]
        var gain_comments: [Comment]
        var gain_forecasts: [Forecast]
    }

    struct Expected: Decodable {
        struct YearRow: Decodable {
            var initiative: String, gain_type: String, year: Int, planned: String, planned_ytd: String, realised_ytd: String?
            var rate_ytd: Double?, forecast: String?, forecast_source: String?
        }
        struct BalanceRow: Decodable {
            var plan: String, year: Int, area: String, requirement: String, planned_budget: String, gap: String
            var coverage: Double?, realised_ytd: String, forecast: String, forecast_gap: String, status: String
        }
        struct Run: Decodable {
            var name: String, as_of: String
            var gains_yearly: [YearRow], budget_balance: [BalanceRow], findings: [ScenarioTests.Expected.ExpectedFinding]
        }
        var runs: [Run]
    }

    static func load<T: Decodable>(_ name: String) throws -> T {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/budget/\(name)", withExtension: "json"))
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    @Test func everyRunMatchesTheIndependentOracle() throws {
        let scenario: ScenarioTests.Scenario = try Self.load("scenario")
        let cycle: Cycle = try Self.load("scenario")
        let expected: Expected = try Self.load("expected")
        #expect(scenario.runs.map(\.name) == expected.runs.map(\.name))
        let store = try TestWarehouse()
        try ScenarioTests.fill(store, with: scenario)
        // An initiative has the measurement note the scenario gives it, none without one.
        for i in cycle.initiatives {
            try store.execute("UPDATE initiatives SET phase = ?, gain_owner = ?, deadline = ?, measurement_note = ? WHERE initiative = ?",
                              [i.phase, i.gain_owner, i.deadline, i.measurement_note, i.initiative])
        }
        for t in cycle.budget_targets {
            try store.execute("INSERT INTO budget_targets (plan, year, area, amount, file_id) VALUES (?, ?, ?, ?, ?)",
                              [t.plan, t.year, t.area, try ScenarioTests.hundredths(t.amount), store.fileID])
        }
        for c in cycle.gain_comments {
            try store.execute("INSERT INTO gain_comments (initiative, quarter, gain_type, comment, file_id) VALUES (?, ?, ?, ?, ?)",
                              [c.initiative, Period(c.quarter)!.code, c.gain_type ?? "", c.comment, store.fileID])
        }
        for f in cycle.gain_forecasts {
            try store.execute("INSERT INTO gain_forecasts (initiative, gain_type, year, amount, file_id) VALUES (?, ?, ?, ?, ?)",
                              [f.initiative, f.gain_type, f.year, try ScenarioTests.hundredths(f.amount), store.fileID])
        }
        let thresholds = Thresholds(green: Double(scenario.thresholds["green"]!)!, yellow: Double(scenario.thresholds["yellow"]!)!)

        for (run, want) in zip(scenario.runs, expected.runs) {
            let summary = try store.runGains(override: run.as_of_override.flatMap(Quarter.init), thresholds: thresholds,
                                             now: TestWarehouse.noon(run.today))
            #expect(summary.asOf?.description == want.as_of, "\(run.name)")
            #expect(summary.counts["budget_rows"] == want.budget_balance.count, "\(run.name)")
            #expect(try store.yearLines(withSource: true) == want.gains_yearly.map { r in
                line([r.initiative, r.gain_type, String(r.year), r.planned, r.planned_ytd, r.realised_ytd,
                      r.rate_ytd.map { "\($0)" }, r.forecast, r.forecast_source])
            }, "\(run.name)")
            #expect(try store.balanceLines() == want.budget_balance.map { r in
                line([r.plan, String(r.year), r.area, r.requirement, r.planned_budget, r.gap, r.coverage.map { "\($0)" },
                      r.realised_ytd, r.forecast, r.forecast_gap, r.status])
            }, "\(run.name)")
            let wantFindings = try want.findings.map { f in
                Finding(try #require(FindingKind(rawValue: f.kind)), severity: Severity(rawValue: f.severity), initiative: f.initiative,
                        relatedInitiative: f.related_initiative, indicator: f.indicator, orgUnit: f.org_unit,
                        quarter: f.quarter.flatMap(Quarter.init), details: f.details)
            }
            // The A3 sheet's findings (a3_incomplete: box 5 is empty without a note or a link) are A3CheckTests' concern.
            let findings = try store.findings().filter { $0.kind != .a3Incomplete && $0.kind != .actionOverdue }
            #expect(findings.count == wantFindings.count, "\(run.name)")
            #expect(Set(findings) == Set(wantFindings), "\(run.name)")
        }
        let kinds = Set(expected.runs.flatMap(\.findings).compactMap { FindingKind(rawValue: $0.kind) })
        #expect(ScenarioTests.cycleKinds.isSubset(of: kinds), "every finding kind of the cycles is covered")
    }
}
