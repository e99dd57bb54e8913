import GRDB
import GevinstCore
import GevinstWarehouse

/// The findings of the A3 sheet (SPEC §13): an initiative under way with an empty text section
/// (`a3_incomplete`), an open action past its deadline at as_of (`action_overdue`), and an action
/// of an initiative the register does not hold (`unknown_initiative`, named by `actions`).
enum A3Checks {
    /// Raises the A3 findings; an action of an unknown initiative raises `unknown_initiative` named by
    /// `actions`, which `GainFindings` adds to the initiative's finding when one was raised before.
    static func run(_ db: Database, asOf: Quarter?, raise: (Finding) -> Void) throws {
        try incompleteSheets(db, raise: raise)
        try actions(db, asOf: asOf, raise: raise)
    }

    /// Section 1 is the rationale, 2 the current state and root causes (empty when both are), 3 the
    /// target state, 5 the measurement note or, without one, a gain link.
    private static func incompleteSheets(_ db: Database, raise: (Finding) -> Void) throws {
        for row in try InitiativesTable.emptyA3Sections(db)
        where underWay(status: row.status.flatMap(InitiativeStatus.init(name:)), phase: row.phase.flatMap(Phase.init(name:))) {
            let sections = [(1, row.rationale), (2, row.currentState), (3, row.targetState), (5, row.measurement)]
            let empty = sections.filter(\.1).map { String($0.0) }
            guard !empty.isEmpty else { continue }
            raise(Finding(.a3Incomplete, initiative: row.initiative, details: ["sections": empty.joined(separator: ",")]))
        }
    }

    /// An initiative is under way in phase `plan` to `realise`, or with status `active`; not once it
    /// is over — phase `closed`, status `completed` or `stopped` — when nobody will fill its A3 any
    /// more (a gain it left red is `closed_with_gap`).
    private static func underWay(status: InitiativeStatus?, phase: Phase?) -> Bool {
        if phase == .closed || status == .completed || status == .stopped { return false }
        return status == .active || phase.map { $0 >= .plan } == true
    }

    /// A deadline on or before the last day of the as_of quarter has passed.
    private static func actions(_ db: Database, asOf: Quarter?, raise: (Finding) -> Void) throws {
        typealias Action = ActionsTable.Column
        let rows = try ActionsTable.withRegistration(db)
        let lastDay = asOf?.lastDay
        var unknown: [String] = []
        for row in rows {
            let initiative: String = row[Action.initiative]
            if !(row["registered"] as Bool), unknown.last != initiative { unknown.append(initiative) }
            guard let lastDay, let status = ActionStatus(name: row[Action.status]), status.isOpen,
                  let deadline = (row[Action.deadline] as String?).flatMap(CalendarDate.init), deadline <= lastDay else { continue }
            var details = ["action": row[Action.action] as String, "deadline": deadline.description, "status": status.name]
            details["owner"] = row[Action.owner]
            raise(Finding(.actionOverdue, initiative: initiative, details: details))
        }
        for initiative in unknown {
            raise(Finding(.unknownInitiative, initiative: initiative, details: ["named_by": "actions"]))
        }
    }
}
