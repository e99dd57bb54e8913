import Foundation
import GRDB
import GevinstCore
import Testing
@testable import GevinstGains

/// The findings of the A3 sheet: `a3_incomplete`, `action_overdue`, and actions of unknown initiatives.
@Suite struct A3CheckTests {
    private func action(_ store: TestWarehouse, _ initiative: String, _ action: String, deadline: String?, status: ActionStatus,
                        owner: String? = nil) throws {
        try store.execute("INSERT INTO actions (initiative, action, owner, deadline, status, file_id) VALUES (?, ?, ?, ?, ?, ?)",
                          [initiative, action, owner, deadline, status.name, store.fileID])
    }

    @Test func anInitiativeUnderWayNamesItsEmptySections() throws {
        let store = try TestWarehouse()
        try store.initiative("A", a3: false)           // nothing written: 1, 2, 3 and 5
        try store.initiative("B", a3: false)           // root causes fill 2, a link fills 5
        try store.execute("UPDATE initiatives SET root_causes = 'Manuelle steg', rationale = ' ' WHERE initiative = 'B'")
        try store.indicator("x", .lowerIsBetter)
        try store.link("B", "x", "time", baseline: 1)
        try store.initiative("C", a3: false)           // complete
        try store.execute("""
            UPDATE initiatives SET rationale = 'r', current_state = 'c', target_state = 't', measurement_note = 'm'
            WHERE initiative = 'C'
            """)
        try store.initiative("D", status: .planned, a3: false)
        // Phase `plan` or later puts an initiative under way whatever its status; `identify` does not.
        try store.initiative("E", status: .planned, a3: false)
        try store.initiative("F", status: .planned, a3: false)
        try store.initiative("G", status: .completed, a3: false)
        try store.execute("UPDATE initiatives SET phase = 'plan' WHERE initiative = 'E'")
        try store.execute("UPDATE initiatives SET phase = 'identify' WHERE initiative = 'F'")
        try store.execute("UPDATE initiatives SET phase = 'closed', target_state = 't' WHERE initiative = 'G'")
        // Over — closed, completed or stopped —, whatever the other field says: nobody fills its A3 any more.
        try store.initiative("H", status: .active, a3: false)
        try store.initiative("I", status: .completed, a3: false)
        try store.initiative("J", status: .stopped, a3: false)
        try store.execute("UPDATE initiatives SET phase = 'closed' WHERE initiative = 'H'")
        try store.execute("UPDATE initiatives SET phase = 'realise' WHERE initiative = 'I'")
        try store.execute("UPDATE initiatives SET phase = 'execute' WHERE initiative = 'J'")
        try store.runGains(asOf: .quarter(Quarter(2025, 2)))
        let findings = try store.findings().filter { $0.kind == .a3Incomplete }
        #expect(findings == [
            Finding(.a3Incomplete, severity: .info, initiative: "A", details: ["sections": "1,2,3,5"]),
            Finding(.a3Incomplete, severity: .info, initiative: "B", details: ["sections": "1,3"]),
            Finding(.a3Incomplete, severity: .info, initiative: "E", details: ["sections": "1,2,3,5"]),
        ])
    }

    @Test func anOpenActionIsOverdueWhenItsDeadlineIsInOrBeforeTheAsOfQuarter() throws {
        let store = try TestWarehouse()
        try store.initiative("A")
        try store.execute("UPDATE initiatives SET rationale = 'r', current_state = 'c', target_state = 't', measurement_note = 'm'")
        try action(store, "A", "På siste dag", deadline: "2025-06-30", status: .inProgress, owner: "Kari")
        try action(store, "A", "Etter kvartalet", deadline: "2025-07-01", status: .notStarted)
        try action(store, "A", "Ferdig", deadline: "2025-01-01", status: .done)
        try action(store, "A", "Avbrote", deadline: "2025-01-01", status: .cancelled)
        try action(store, "A", "Utan frist", deadline: nil, status: .notStarted)
        try store.runGains(asOf: .quarter(Quarter(2025, 2)))
        #expect(try store.findings() == [
            Finding(.actionOverdue, initiative: "A", details: ["action": "På siste dag", "deadline": "2025-06-30",
                                                               "status": "in_progress", "owner": "Kari"]),
        ])
        try store.runGains(asOf: .quarter(Quarter(2025, 3)))
        #expect(try store.findings().count == 2)
    }

    @Test func anActionOfAnUnknownInitiativeIsAFinding() throws {
        let store = try TestWarehouse()
        try action(store, "X", "Noko", deadline: nil, status: .notStarted)
        try action(store, "X", "Anna", deadline: nil, status: .notStarted)
        try store.plan("Y", "budget", "2025K1", 100)
        try action(store, "Y", "Noko", deadline: nil, status: .done)
        try store.runGains(asOf: .quarter(Quarter(2025, 1)))
        let unknown = try store.findings().filter { $0.kind == .unknownInitiative }
        #expect(unknown.map(\.initiative) == ["X", "Y"] || unknown.map(\.initiative) == ["Y", "X"])
        #expect(unknown.first { $0.initiative == "X" }?.details == ["named_by": "actions"])
        #expect(unknown.first { $0.initiative == "Y" }?.details == ["named_by": "gain_plans,actions"])
    }

    @Test(arguments: [(Quarter(2024, 1), "2024-03-31"), (Quarter(2024, 2), "2024-06-30"), (Quarter(2024, 3), "2024-09-30"),
                      (Quarter(2024, 4), "2024-12-31")])
    func theLastDayOfAQuarter(_ quarter: Quarter, _ day: String) {
        #expect(quarter.lastDay == CalendarDate(day))
    }
}
