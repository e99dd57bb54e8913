import GRDB
import GevinstCore
import GevinstWarehouse

/// Stores typed rows of one register file in the warehouse inside the file's transaction, applying
/// the key rules of SPEC §5: within a file, `gain_plans`, `gains_reported` and `budget_targets` rows
/// with the same key are summed, other registers reject the later duplicate; across files the later
/// import wins. An org unit's code and aliases must not stand for another unit already stored.
/// `budget_targets` and `actions` keep their rule across the files of a source in mode `replace`
/// (SPEC §11, §13), which are imported together in one transaction.
struct RegisterWriter {
    private let db: Database
    private var writer: Writer
    private let fileID: Int64
    /// The source in mode `replace` whose files this import writes together; nil in mode `upsert`.
    private let together: String?
    /// Keys seen in this file and the line of their first row, to name it in a duplicate reject.
    private var firstLines: [String: Int] = [:]

    /// The upsert of the file's table, prepared once. Plans and reported gains go in batches (SQLite
    /// applies an upsert row by row within one statement, so rows with the same key add up as they
    /// would one at a time); the other registers a row a statement.
    private enum Writer {
        case indicators(TableInsert<IndicatorsTable>)
        case initiatives(TableInsert<InitiativesTable>)
        case gainPlans(TableInsert<GainPlansTable>)
        case gainsReported(TableInsert<GainsReportedTable>)
        case gainLinks(TableInsert<GainLinksTable>)
        case orgUnits(TableInsert<OrgUnitsTable>, aliases: TableInsert<OrgUnitAliasesTable>)
        case budgetTargets(TableInsert<BudgetTargetsTable>)
        case gainComments(TableInsert<GainCommentsTable>)
        case gainForecasts(TableInsert<GainForecastsTable>)
        case actions(TableInsert<ActionsTable>)
    }

    /// A writer for a file of a register `kind` (not measurements); `together`: the source in mode
    /// `replace` whose files are imported in this transaction, whose budget targets add up and
    /// whose actions are duplicates across its files.
    init(db: Database, kind: InputKind, fileID: Int64, together: String? = nil) throws {
        self.db = db
        self.fileID = fileID
        self.together = together
        switch kind {
        case .indicators: writer = .indicators(try Self.upsert(db))
        case .initiatives: writer = .initiatives(try Self.upsert(db))
        case .gainPlans: writer = .gainPlans(try Self.amountUpsert(db))
        case .gainsReported: writer = .gainsReported(try Self.amountUpsert(db))
        case .gainLinks: writer = .gainLinks(try Self.upsert(db))
        case .orgUnits: writer = .orgUnits(try Self.upsert(db), aliases: try Self.upsert(db))
        case .budgetTargets:
            // The source's rows were all removed before its files were imported: a row of a file of the
            // same source is one of this import.
            let file = BudgetTargetsTable.Column.fileID.quoted
            let sameSource = "\(FilesTable.source(ofFile: "\(BudgetTargetsTable.name).\(file)")) = \(FilesTable.source(ofFile: "excluded.\(file)"))"
            writer = .budgetTargets(try Self.summingUpsert(db, amount: .amount, fileID: .fileID, batchSize: 1,
                                                           together: together == nil ? nil : sameSource))
        case .gainComments: writer = .gainComments(try Self.upsert(db))
        case .gainForecasts: writer = .gainForecasts(try Self.upsert(db))
        case .actions: writer = .actions(try Self.upsert(db))
        case .measurements: preconditionFailure("measurements are written by MeasurementWriter")
        }
    }

    /// Every column but `id`; a later file's row replaces the earlier one.
    private static func upsert<T: WarehouseTable>(_ db: Database) throws -> TableInsert<T> {
        let values = T.Column.allCases.filter { !T.key.contains($0) }
        return try TableInsert(db, conflict: T.upsert(values), batchSize: 1)
    }

    /// Amounts with the same key add up within a file; a later file's amount replaces the earlier one.
    private static func amountUpsert<T: AmountTable>(_ db: Database) throws -> TableInsert<T> {
        try summingUpsert(db, amount: T.Column.amount, fileID: T.Column.fileID, batchSize: amountBatchSize)
    }

    /// `amount` adds up for rows of one file with the same key, and another column keeps its value
    /// where the later row of the file leaves it empty; a later file's row replaces the earlier one.
    /// `together`, an SQL condition on the stored row and `excluded`, widens "one file" to the files it holds.
    private static func summingUpsert<T: WarehouseTable>(_ db: Database, amount column: T.Column, fileID: T.Column,
                                                         batchSize: Int32, together: String? = nil) throws -> TableInsert<T> {
        let (amount, file) = (column.quoted, fileID.quoted)
        let same = "\(file) = excluded.\(file)" + (together.map { " OR \($0)" } ?? "")
        let others = T.Column.allCases.filter { !T.key.contains($0) && $0 != column && $0 != fileID }
        var custom = [column: "\(amount) = CASE WHEN \(same) THEN \(amount) + excluded.\(amount) ELSE excluded.\(amount) END"]
        for other in others {
            let name = other.quoted
            custom[other] = "\(name) = CASE WHEN \(same) THEN COALESCE(excluded.\(name), \(name)) ELSE excluded.\(name) END"
        }
        return try TableInsert(db, conflict: T.upsert([column] + others + [fileID], custom: custom), batchSize: batchSize)
    }

    /// Removes what earlier imports of `source` stored in the table of `kind` (mode `replace`).
    static func deleteRows(of kind: InputKind, source: String, _ db: Database) throws {
        for table in tables(kind) {
            try table.deleteRows(ofSource: source, db)
        }
    }

    /// Removes what the files `fileIDs` stored in the table of `kind` and a newer file did not
    /// replace, into `register_history` (`removedBy`: the newer file, 0 for `forget`). Returns the
    /// register's rows removed (an org unit's aliases not counted).
    @discardableResult
    static func removeRows(of kind: InputKind, files fileIDs: [Int64], removedBy: Int64, _ db: Database) throws -> Int {
        try tables(kind).map { try $0.removeRows(storedBy: fileIDs, removedBy: removedBy, db) }[0]
    }

    /// The tables a register's file writes: an org unit file also writes the units' aliases.
    private static func tables(_ kind: InputKind) -> [any RegisterTable.Type] {
        switch kind {
        case .indicators: [IndicatorsTable.self]
        case .initiatives: [InitiativesTable.self]
        case .gainPlans: [GainPlansTable.self]
        case .gainsReported: [GainsReportedTable.self]
        case .gainLinks: [GainLinksTable.self]
        case .orgUnits: [OrgUnitsTable.self, OrgUnitAliasesTable.self]
        case .budgetTargets: [BudgetTargetsTable.self]
        case .gainComments: [GainCommentsTable.self]
        case .gainForecasts: [GainForecastsTable.self]
        case .actions: [ActionsTable.self]
        case .measurements: preconditionFailure("measurements are no register")
        }
    }

    private mutating func duplicate(_ key: String, line: Int, what: String) -> RowProblem? {
        if let first = firstLines[key] {
            return RowProblem(.duplicateKey, field: nil, reason: "duplicate \(what) \(key); the first is on line \(first)")
        }
        firstLines[key] = line
        return nil
    }

    mutating func write(_ row: IndicatorRow, line: Int) throws -> RowProblem? {
        if let problem = duplicate(row.indicator, line: line, what: "indicator") { return problem }
        guard case .indicators(var insert) = writer else { preconditionFailure("not an indicator file") }
        let slot = try insert.row()
        try slot.bind(.indicator, row.indicator)
        try slot.bind(.name, row.name)
        try slot.bind(.unit, row.unit)
        try slot.bind(.polarity, row.polarity?.name)
        try slot.bind(.aggregation, row.aggregation?.name)
        try slot.bind(.frequency, row.frequency?.name)
        try slot.bind(.target, row.target)
        try slot.bind(.fileID, fileID)
        try insert.finish()
        return nil
    }

    mutating func write(_ row: InitiativeRow, line: Int) throws -> RowProblem? {
        if let problem = duplicate(row.initiative, line: line, what: "initiative") { return problem }
        guard case .initiatives(var insert) = writer else { preconditionFailure("not an initiative file") }
        let slot = try insert.row()
        try slot.bind(.initiative, row.initiative)
        try slot.bind(.title, row.title)
        try slot.bind(.owner, row.owner)
        try slot.bind(.area, row.area)
        try slot.bind(.status, row.status.name)
        try slot.bind(.deadline, row.deadline?.description)
        try slot.bind(.description, row.description)
        try slot.bind(.fileID, fileID)
        try slot.bind(.phase, row.phase?.name)
        try slot.bind(.gainOwner, row.gainOwner)
        try slot.bind(.baselineDate, row.baselineDate?.description)
        try slot.bind(.handoverDate, row.handoverDate?.description)
        try slot.bind(.rationale, row.a3.rationale)
        try slot.bind(.currentState, row.a3.currentState)
        try slot.bind(.rootCauses, row.a3.rootCauses)
        try slot.bind(.targetState, row.a3.targetState)
        try slot.bind(.measurementNote, row.a3.measurementNote)
        try slot.bind(.a3Date, row.a3.date?.description)
        try slot.bind(.a3Version, row.a3.version)
        try insert.finish()
        return nil
    }

    /// Targets with the same plan, year and area in this file add up.
    mutating func write(_ row: BudgetTargetRow) throws {
        guard case .budgetTargets(var insert) = writer else { preconditionFailure("not a budget target file") }
        let slot = try insert.row()
        try slot.bind(.plan, row.plan)
        try slot.bind(.year, Int64(row.year))
        try slot.bind(.area, row.area)
        try slot.bind(.amount, row.amount)
        try slot.bind(.label, row.label)
        try slot.bind(.caseRef, row.caseRef)
        try slot.bind(.fileID, fileID)
        try insert.finish()
    }

    mutating func write(_ row: CommentRow, line: Int) throws -> RowProblem? {
        let key = "\(row.initiative) \(row.quarter) (\(row.gainType?.name ?? "all gain types"))"
        if let problem = duplicate(key, line: line, what: "comment") { return problem }
        guard case .gainComments(var insert) = writer else { preconditionFailure("not a comment file") }
        let slot = try insert.row()
        try slot.bind(.initiative, row.initiative)
        try slot.bind(.quarter, Int64(row.quarter.code))
        try slot.bind(.gainType, row.gainType?.name ?? "")
        try slot.bind(.comment, row.comment)
        try slot.bind(.author, row.author)
        try slot.bind(.fileID, fileID)
        try insert.finish()
        return nil
    }

    mutating func write(_ row: ForecastRow, line: Int) throws -> RowProblem? {
        let key = "\(row.initiative) \(row.gainType.name) \(row.year)"
        if let problem = duplicate(key, line: line, what: "forecast") { return problem }
        guard case .gainForecasts(var insert) = writer else { preconditionFailure("not a forecast file") }
        let slot = try insert.row()
        try slot.bind(.initiative, row.initiative)
        try slot.bind(.gainType, row.gainType.name)
        try slot.bind(.year, Int64(row.year))
        try slot.bind(.amount, row.amount)
        try slot.bind(.comment, row.comment)
        try slot.bind(.fileID, fileID)
        try insert.finish()
        return nil
    }

    /// A second (initiative, action) in this file, or in an earlier file of the source imported
    /// together with it, is a duplicate.
    mutating func write(_ row: ActionRow, line: Int) throws -> RowProblem? {
        let key = "\(row.initiative) → \(row.action)"
        if let together, let path = try ActionsTable.path(storing: row.initiative, row.action, source: together, otherThan: fileID, db) {
            return RowProblem(.duplicateKey, field: nil, reason: "duplicate action \(key); the first is in \(path)")
        }
        if let problem = duplicate(key, line: line, what: "action") { return problem }
        guard case .actions(var insert) = writer else { preconditionFailure("not an action file") }
        let slot = try insert.row()
        try slot.bind(.initiative, row.initiative)
        try slot.bind(.action, row.action)
        try slot.bind(.owner, row.owner)
        try slot.bind(.deadline, row.deadline?.description)
        try slot.bind(.status, row.status.name)
        try slot.bind(.sortOrder, row.order)
        try slot.bind(.fileID, fileID)
        try insert.finish()
        return nil
    }

    mutating func write(_ row: LinkRow, line: Int) throws -> RowProblem? {
        let key = "\(row.initiative) → \(row.indicator) (\(row.orgUnit), \(row.gainType.name))"
        if let problem = duplicate(key, line: line, what: "link") { return problem }
        guard case .gainLinks(var insert) = writer else { preconditionFailure("not a link file") }
        let slot = try insert.row()
        try slot.bind(.initiative, row.initiative)
        try slot.bind(.indicator, row.indicator)
        try slot.bind(.orgUnit, row.orgUnit)
        try slot.bind(.gainType, row.gainType.name)
        try slot.bind(.baseline, row.baseline)
        try slot.bind(.factor, row.factor)
        try slot.bind(.start, row.start.map { Int64($0.code) })
        try slot.bind(.fileID, fileID)
        try insert.finish()
        return nil
    }

    /// A unit replaces its earlier row and aliases; its code and aliases must not already stand for
    /// another unit, in this file or in what earlier imports stored.
    mutating func write(_ row: OrgUnitRow, line: Int) throws -> RowProblem? {
        if let problem = duplicate(row.orgUnit, line: line, what: "org unit") { return problem }
        if let owner = try OrgUnitAliasesTable.orgUnit(ofAlias: row.orgUnit, db) {
            firstLines[row.orgUnit] = nil
            return RowProblem(.orgUnitConflict, field: "org_unit",
                              reason: "\(row.orgUnit.excerpt) is already an alias of the org unit \(owner.excerpt)\(place(of: owner))")
        }
        for alias in row.aliases {
            if let owner = try OrgUnitCodesView.orgUnit(ofCode: alias, db), owner != row.orgUnit {
                firstLines[row.orgUnit] = nil
                return RowProblem(.orgUnitConflict, field: "aliases",
                                  reason: "the alias \(alias.excerpt) already stands for the org unit \(owner.excerpt)\(place(of: owner))")
            }
        }
        guard case .orgUnits(var units, var aliases) = writer else { preconditionFailure("not an org unit file") }
        let slot = try units.row()
        try slot.bind(.orgUnit, row.orgUnit)
        try slot.bind(.name, row.name)
        try slot.bind(.parent, row.parent)
        try slot.bind(.fileID, fileID)
        try units.finish()
        try OrgUnitAliasesTable.delete(db, where: [.orgUnit: row.orgUnit])
        for alias in row.aliases {
            let slot = try aliases.row()
            try slot.bind(.alias, alias)
            try slot.bind(.orgUnit, row.orgUnit)
            try slot.bind(.fileID, fileID)
            try aliases.finish()
        }
        return nil
    }

    /// Where a unit stored earlier comes from: its line in this file, or an earlier import.
    private func place(of orgUnit: String) -> String {
        firstLines[orgUnit].map { " (line \($0))" } ?? " (from an earlier import)"
    }

    /// Plans and reported gains: rows with the same key in this file add up. They are written
    /// `amountBatchSize` rows a statement; `finish` writes the rest.
    mutating func write(_ row: AmountRow) throws {
        switch writer {
        case .gainPlans(var insert):
            try bind(row, to: &insert)
            writer = .gainPlans(insert)
        case .gainsReported(var insert):
            try bind(row, to: &insert)
            writer = .gainsReported(insert)
        default:
            preconditionFailure("not a file of amounts")
        }
    }

    /// Writes the amount rows that wait for a full batch.
    mutating func finish() throws {
        switch writer {
        case .gainPlans(var insert): try insert.finish()
        case .gainsReported(var insert): try insert.finish()
        default: break
        }
    }

    private func bind<T: AmountTable>(_ row: AmountRow, to insert: inout TableInsert<T>) throws {
        let slot = try insert.row()
        try slot.bind(T.Column.initiative, row.initiative)
        try slot.bind(T.Column.gainType, row.gainType.name)
        try slot.bind(T.period, Int64(row.period.code))
        try slot.bind(T.Column.amount, row.amount)
        try slot.bind(T.Column.fileID, fileID)
    }

    private static let amountBatchSize: Int32 = 32
}
