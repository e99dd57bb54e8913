import Foundation
import GRDB
import GevinstCore
import Testing
@testable import GevinstGains

/// Budget cycle rules the oracle scenario does not reach: an unknown initiative named by several
/// tables, and the measurement plan of K4 for initiatives outside the register or with a blank note.
@Suite struct BudgetCycleTests {
    private func comment(_ store: TestWarehouse, _ initiative: String, _ quarter: String) throws {
        try store.execute("INSERT INTO gain_comments (initiative, quarter, gain_type, comment, file_id) VALUES (?, ?, '', 'k', ?)",
                          [initiative, Period(quarter)!.code, store.fileID])
    }

    private func forecast(_ store: TestWarehouse, _ initiative: String, _ year: Int) throws {
        try store.execute("INSERT INTO gain_forecasts (initiative, gain_type, year, amount, file_id) VALUES (?, 'budget', ?, 100, ?)",
                          [initiative, year, store.fileID])
    }

    @Test func anUnknownInitiativeHasOneFindingNamingEveryTableThatNamesIt() throws {
        let store = try TestWarehouse()
        try store.initiative("A")
        try store.plan("A", "budget", "2025K1", 100_00)
        try store.plan("X", "budget", "2025K1", 100_00)    // the computation's finding, extended twice
        try comment(store, "X", "2025K1")
        try forecast(store, "X", 2025)
        try comment(store, "Y", "2025K1")                   // the cycle's own finding, extended once
        try forecast(store, "Y", 2025)
        try forecast(store, "Z", 2025)
        try store.runGains(asOf: .quarter(Quarter(2025, 2)))
        #expect(try store.findings().filter { $0.kind == .unknownInitiative } == [
            Finding(.unknownInitiative, severity: .warning, initiative: "X", details: ["named_by": "gain_plans,gain_comments,gain_forecasts"]),
            Finding(.unknownInitiative, severity: .warning, initiative: "Y", details: ["named_by": "gain_comments,gain_forecasts"]),
            Finding(.unknownInitiative, severity: .warning, initiative: "Z", details: ["named_by": "gain_forecasts"]),
        ])
    }

    @Test func inK4AnInitiativeWithPlansNextYearNeedsALinkOrANoteThatIsNotBlank() throws {
        let store = try TestWarehouse()
        try store.execute("INSERT INTO budget_targets (plan, year, area, amount, file_id) VALUES ('B', 2026, '', 1000, ?)", [store.fileID])
        try store.indicator("x", .lowerIsBetter)
        for name in ["A", "B", "C", "E", "F", "G"] { try store.initiative(name) }
        try store.link("A", "x", "time", baseline: 1)                                   // linked: none
        try store.execute("UPDATE initiatives SET measurement_note = '  ' WHERE initiative = 'B'")  // blank: a finding
        try store.execute("UPDATE initiatives SET measurement_note = NULL WHERE initiative IN ('E', 'F', 'G')")
        try store.execute("UPDATE initiatives SET status = 'stopped' WHERE initiative = 'E'")      // stopped: none
        for name in ["A", "B", "C", "D", "E"] { try store.plan(name, "budget", "2026K3", 100_00) }
        try store.plan("F", "time", "2026", 0)                                           // only 0 planned: none
        try store.plan("F", "budget", "2025K4", 100_00)                                  // this year only: none
        try store.plan("G", "time", "2026K2", 5_00)                                      // any gain type counts
        try store.runGains(asOf: .quarter(Quarter(2025, 4)))
        #expect(try store.findings().filter { $0.kind == .noMeasurementPlan } == ["B", "D", "G"].map {
            Finding(.noMeasurementPlan, severity: .warning, initiative: $0, details: ["year": "2026"])
        })
    }
}
