import GRDB
import GevinstCore

/// Stores typed rows of one file in the warehouse inside the file's transaction, applying the
/// key rules of SPEC §5: within a file, `gain_plans` and `gains_reported` rows with the same key
/// are summed, other registers reject the later duplicate; across files the later import wins.
struct RegisterWriter {
    let db: Database
    let fileID: Int64
    /// Keys seen in this file and the line of their first row, to name it in a duplicate reject.
    private var firstLines: [String: Int] = [:]

    init(db: Database, fileID: Int64) {
        self.db = db
        self.fileID = fileID
    }

    /// Removes what earlier imports of `source` stored in the table of `kind` (mode `replace`).
    static func deleteRows(of kind: InputKind, source: String, _ db: Database) throws {
        let table: String
        switch kind {
        case .indicators: table = "indicators"
        case .initiatives: table = "initiatives"
        case .gainPlans: table = "gain_plans"
        case .gainsReported: table = "gains_reported"
        case .gainLinks: table = "gain_links"
        case .measurements: table = "measurements"
        }
        try db.execute(sql: "DELETE FROM \(table) WHERE file_id IN (SELECT id FROM files WHERE source = ?)", arguments: [source])
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
        try db.cachedStatement(sql: """
            INSERT INTO indicators (indicator, name, unit, polarity, aggregation, frequency, target, file_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(indicator) DO UPDATE SET name = excluded.name, unit = excluded.unit, polarity = excluded.polarity,
                aggregation = excluded.aggregation, frequency = excluded.frequency, target = excluded.target, file_id = excluded.file_id
            """).execute(arguments: [row.indicator, row.name, row.unit, row.polarity?.name, row.aggregation?.name,
                                     row.frequency?.name, row.target, fileID])
        return nil
    }

    mutating func write(_ row: InitiativeRow, line: Int) throws -> RowProblem? {
        if let problem = duplicate(row.initiative, line: line, what: "initiative") { return problem }
        try db.cachedStatement(sql: """
            INSERT INTO initiatives (initiative, title, owner, area, status, deadline, description, file_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(initiative) DO UPDATE SET title = excluded.title, owner = excluded.owner, area = excluded.area,
                status = excluded.status, deadline = excluded.deadline, description = excluded.description, file_id = excluded.file_id
            """).execute(arguments: [row.initiative, row.title, row.owner, row.area, row.status.name,
                                     row.deadline?.description, row.description, fileID])
        return nil
    }

    /// Plans and reported gains: rows with the same key in this file add up.
    func write(_ row: AmountRow, kind: InputKind) throws {
        let table = kind == .gainPlans ? "gain_plans" : "gains_reported"
        let periodColumn = kind == .gainPlans ? "period" : "quarter"
        try db.cachedStatement(sql: """
            INSERT INTO \(table) (initiative, gain_type, \(periodColumn), amount, file_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(initiative, gain_type, \(periodColumn)) DO UPDATE SET
                amount = CASE WHEN file_id = excluded.file_id THEN amount + excluded.amount ELSE excluded.amount END,
                file_id = excluded.file_id
            """).execute(arguments: [row.initiative, row.gainType.name, row.period.code, row.amount.ore, fileID])
    }

    mutating func write(_ row: LinkRow, line: Int) throws -> RowProblem? {
        let key = "\(row.initiative) → \(row.indicator) (\(row.orgUnit), \(row.gainType.name))"
        if let problem = duplicate(key, line: line, what: "link") { return problem }
        try db.cachedStatement(sql: """
            INSERT INTO gain_links (initiative, indicator, org_unit, gain_type, baseline, factor, start, file_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(initiative, indicator, org_unit, gain_type) DO UPDATE SET baseline = excluded.baseline,
                factor = excluded.factor, start = excluded.start, file_id = excluded.file_id
            """).execute(arguments: [row.initiative, row.indicator, row.orgUnit, row.gainType.name, row.baseline,
                                     row.factor, row.start?.code, fileID])
        return nil
    }
}
