import GRDB
import GevinstCore
import GevinstWarehouse

/// The findings of the A3 sheet (SPEC §13): an initiative under way with an empty text section
/// (`a3_incomplete`), an open action past its deadline at as_of (`action_overdue`), and an action
/// of an initiative the register does not hold (`unknown_initiative`, named by `actions`).
enum A3Checks {
    /// Appends the A3 findings to `findings`; an `unknown_initiative` finding already raised for an
    /// initiative gains `actions` in its `named_by` instead of a second finding.
    static func run(_ db: Database, asOf: Quarter?, findings: inout [Finding]) throws {
        try incompleteSheets(db, findings: &findings)
        try actions(db, asOf: asOf, findings: &findings)
    }

    /// Section 1 is the rationale, 2 the current state and root causes (empty when both are), 3 the
    /// target state, 5 the measurement note or, without one, a gain link. An initiative is under way
    /// in phase `plan` or later, or with status `active`.
    private static func incompleteSheets(_ db: Database, findings: inout [Finding]) throws {
        typealias Initiative = InitiativesTable.Column
        func blank(_ column: Initiative) -> String { "TRIM(COALESCE(i.\(column.quoted), '')) = ''" }
        let underWay = Phase.allCases.filter { $0 >= .plan }
        let rows = try Row.fetchAll(db, sql: """
            SELECT i.\(Initiative.initiative.quoted), \(blank(.rationale)), \(blank(.currentState)) AND \(blank(.rootCauses)),
                   \(blank(.targetState)),
                   \(blank(.measurementNote)) AND NOT EXISTS (
                       SELECT 1 FROM \(GainLinksTable.name) AS l
                       WHERE l.\(GainLinksTable.Column.initiative.quoted) = i.\(Initiative.initiative.quoted))
            FROM \(InitiativesTable.name) AS i
            WHERE i.\(Initiative.status.quoted) = ? OR i.\(Initiative.phase.quoted) IN (\(underWay.map { _ in "?" }.joined(separator: ", ")))
            ORDER BY i.\(Initiative.initiative.quoted)
            """, arguments: StatementArguments([InitiativeStatus.active.name] + underWay.map(\.name)))
        for row in rows {
            let empty = zip([1, 2, 3, 5], [row[1] as Bool, row[2], row[3], row[4]]).filter(\.1).map { String($0.0) }
            guard !empty.isEmpty else { continue }
            findings.append(Finding(.a3Incomplete, initiative: row[0], details: ["sections": empty.joined(separator: ",")]))
        }
    }

    /// A deadline on or before the last day of the as_of quarter has passed.
    private static func actions(_ db: Database, asOf: Quarter?, findings: inout [Finding]) throws {
        typealias Action = ActionsTable.Column
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(ActionsTable.columnList("a")), i.\(InitiativesTable.Column.initiative.quoted) IS NOT NULL AS registered
            FROM \(ActionsTable.name) AS a
            LEFT JOIN \(InitiativesTable.name) AS i ON i.\(InitiativesTable.Column.initiative.quoted) = a.\(Action.initiative.quoted)
            ORDER BY a.\(Action.initiative.quoted), a.\(Action.sortOrder.quoted) IS NULL, a.\(Action.sortOrder.quoted),
                     a.\(Action.action.quoted)
            """)
        let lastDay = asOf?.lastDay
        var unknown: [String] = []
        for row in rows {
            let initiative: String = row[Action.initiative]
            if !(row["registered"] as Bool), unknown.last != initiative { unknown.append(initiative) }
            guard let lastDay, let status = ActionStatus(name: row[Action.status]), status.isOpen,
                  let deadline = (row[Action.deadline] as String?).flatMap(CalendarDate.init), deadline <= lastDay else { continue }
            var details = ["action": row[Action.action] as String, "deadline": deadline.description, "status": status.name]
            details["owner"] = row[Action.owner]
            findings.append(Finding(.actionOverdue, initiative: initiative, details: details))
        }
        for initiative in unknown {
            if let index = findings.firstIndex(where: { $0.kind == .unknownInitiative && $0.initiative == initiative }) {
                let namedBy = findings[index].details["named_by"].map { $0.isEmpty ? [] : [$0] } ?? []
                findings[index].details["named_by"] = (namedBy + ["actions"]).joined(separator: ",")
            } else {
                findings.append(Finding(.unknownInitiative, initiative: initiative, details: ["named_by": "actions"]))
            }
        }
    }
}
