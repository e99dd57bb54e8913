import GRDB
import GevinstCore
import GevinstWarehouse

/// Stores typed rows of one file in the warehouse inside the file's transaction, applying the
/// key rules of SPEC §5: within a file, `gain_plans` and `gains_reported` rows with the same key
/// are summed, other registers reject the later duplicate; across files the later import wins.
struct RegisterWriter {
    let db: Database
    let fileID: Int64
    /// Keys seen in this file and the line of their first row, to name it in a duplicate reject.
    private var firstLines: [String: Int] = [:]
    /// The upsert of this file's register, prepared at its first row (a file feeds one table).
    private var upsert: RawStatement?
    /// Plan or reported-gain rows waiting for `amountBatch`, the upsert of a full batch.
    private var pendingAmounts: [AmountRow] = []
    private var amountBatch: RawStatement?

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

    /// The file's upsert; `sql` makes its text from the file id (a literal: one bind fewer a row).
    private mutating func statement(_ sql: (_ fileID: Int64) -> String) throws -> RawStatement {
        if let upsert { return upsert }
        let prepared = try RawStatement(db, sql: sql(fileID))
        upsert = prepared
        return prepared
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
        let upsert = try statement { fileID in """
            INSERT INTO indicators (indicator, name, unit, polarity, aggregation, frequency, target, file_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, \(fileID))
            ON CONFLICT(indicator) DO UPDATE SET name = excluded.name, unit = excluded.unit, polarity = excluded.polarity,
                aggregation = excluded.aggregation, frequency = excluded.frequency, target = excluded.target, file_id = excluded.file_id
            """ }
        try upsert.bind(1, row.indicator)
        try upsert.bind(2, row.name)
        try upsert.bind(3, row.unit)
        try upsert.bind(4, row.polarity?.name)
        try upsert.bind(5, row.aggregation?.name)
        try upsert.bind(6, row.frequency?.name)
        try upsert.bind(7, row.target)
        try upsert.run()
        return nil
    }

    mutating func write(_ row: InitiativeRow, line: Int) throws -> RowProblem? {
        if let problem = duplicate(row.initiative, line: line, what: "initiative") { return problem }
        let upsert = try statement { fileID in """
            INSERT INTO initiatives (initiative, title, owner, area, status, deadline, description, file_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, \(fileID))
            ON CONFLICT(initiative) DO UPDATE SET title = excluded.title, owner = excluded.owner, area = excluded.area,
                status = excluded.status, deadline = excluded.deadline, description = excluded.description, file_id = excluded.file_id
            """ }
        try upsert.bind(1, row.initiative)
        try upsert.bind(2, row.title)
        try upsert.bind(3, row.owner)
        try upsert.bind(4, row.area)
        try upsert.bind(5, row.status.name)
        try upsert.bind(6, row.deadline?.description)
        try upsert.bind(7, row.description)
        try upsert.run()
        return nil
    }

    /// Plans and reported gains: rows with the same key in this file add up. They are written
    /// `amountBatchSize` rows a statement (SQLite applies the upsert row by row within one, so the
    /// sums are those of single rows); `finish` writes the rest.
    mutating func write(_ row: AmountRow, kind: InputKind) throws {
        pendingAmounts.append(row)
        guard pendingAmounts.count == Self.amountBatchSize else { return }
        if amountBatch == nil { amountBatch = try RawStatement(db, sql: Self.amountUpsert(kind, rows: Self.amountBatchSize, fileID: fileID)) }
        try writePendingAmounts(with: amountBatch!)
    }

    /// Writes the amount rows that wait for a full batch.
    mutating func finish(kind: InputKind) throws {
        guard !pendingAmounts.isEmpty else { return }
        try writePendingAmounts(with: RawStatement(db, sql: Self.amountUpsert(kind, rows: pendingAmounts.count, fileID: fileID)))
    }

    private mutating func writePendingAmounts(with upsert: RawStatement) throws {
        for (index, row) in pendingAmounts.enumerated() {
            let first = Int32(index * 4)
            try upsert.bind(first + 1, row.initiative)
            try upsert.bind(first + 2, row.gainType.name)
            try upsert.bind(first + 3, Int64(row.period.code))
            try upsert.bind(first + 4, row.amount.ore)
        }
        try upsert.run()
        pendingAmounts.removeAll(keepingCapacity: true)
    }

    private static let amountBatchSize = 32

    private static func amountUpsert(_ kind: InputKind, rows: Int, fileID: Int64) -> String {
        let table = kind == .gainPlans ? "gain_plans" : "gains_reported"
        let periodColumn = kind == .gainPlans ? "period" : "quarter"
        return """
            INSERT INTO \(table) (initiative, gain_type, \(periodColumn), amount, file_id)
            VALUES \(repeatElement("(?, ?, ?, ?, \(fileID))", count: rows).joined(separator: ", "))
            ON CONFLICT(initiative, gain_type, \(periodColumn)) DO UPDATE SET
                amount = CASE WHEN file_id = excluded.file_id THEN amount + excluded.amount ELSE excluded.amount END,
                file_id = excluded.file_id
            """
    }

    mutating func write(_ row: LinkRow, line: Int) throws -> RowProblem? {
        let key = "\(row.initiative) → \(row.indicator) (\(row.orgUnit), \(row.gainType.name))"
        if let problem = duplicate(key, line: line, what: "link") { return problem }
        let upsert = try statement { fileID in """
            INSERT INTO gain_links (initiative, indicator, org_unit, gain_type, baseline, factor, start, file_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, \(fileID))
            ON CONFLICT(initiative, indicator, org_unit, gain_type) DO UPDATE SET baseline = excluded.baseline,
                factor = excluded.factor, start = excluded.start, file_id = excluded.file_id
            """ }
        try upsert.bind(1, row.initiative)
        try upsert.bind(2, row.indicator)
        try upsert.bind(3, row.orgUnit)
        try upsert.bind(4, row.gainType.name)
        try upsert.bind(5, row.baseline)
        try upsert.bind(6, row.factor)
        try upsert.bind(7, row.start.map { Int64($0.code) })
        try upsert.run()
        return nil
    }
}
