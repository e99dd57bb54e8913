import GRDB
import GevinstCore
import GevinstWarehouse

/// Stores typed rows of one register file in the warehouse inside the file's transaction, applying
/// the key rules of SPEC §5: within a file, `gain_plans` and `gains_reported` rows with the same key
/// are summed, other registers reject the later duplicate; across files the later import wins.
struct RegisterWriter {
    /// The upsert of one row into the file's table, prepared once; the file id is a literal of it.
    private let upsert: RawStatement
    /// Plans and reported gains: the upsert of a full batch, and the rows waiting for it.
    private let amountBatch: RawStatement?
    private var pendingAmounts: [AmountRow] = []
    /// Keys seen in this file and the line of their first row, to name it in a duplicate reject.
    private var firstLines: [String: Int] = [:]

    /// A writer for a file of a register `kind` (not measurements).
    init(db: Database, kind: InputKind, fileID: Int64) throws {
        upsert = try RawStatement(db, sql: Self.upsertSQL(kind, rows: 1, fileID: fileID))
        let amounts = kind == .gainPlans || kind == .gainsReported
        amountBatch = amounts ? try RawStatement(db, sql: Self.upsertSQL(kind, rows: Self.amountBatchSize, fileID: fileID)) : nil
    }

    /// Removes what earlier imports of `source` stored in the table of `kind` (mode `replace`).
    static func deleteRows(of kind: InputKind, source: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM \(table(kind)) WHERE file_id IN (SELECT id FROM files WHERE source = ?)", arguments: [source])
    }

    /// Removes what the files `fileIDs` stored in the table of `kind` and a newer file did not replace.
    static func deleteRows(of kind: InputKind, files fileIDs: [Int64], _ db: Database) throws {
        guard !fileIDs.isEmpty else { return }
        try db.execute(sql: "DELETE FROM \(table(kind)) WHERE file_id IN (\(fileIDs.map(String.init).joined(separator: ", ")))")
    }

    private static func table(_ kind: InputKind) -> String {
        switch kind {
        case .indicators: "indicators"
        case .initiatives: "initiatives"
        case .gainPlans: "gain_plans"
        case .gainsReported: "gains_reported"
        case .gainLinks: "gain_links"
        case .measurements: "measurements"
        }
    }

    /// The upsert of `rows` rows into the table of `kind` (SQLite applies it row by row within one
    /// statement, so plan rows with the same key add up as they would one at a time).
    private static func upsertSQL(_ kind: InputKind, rows: Int, fileID: Int64) -> String {
        let (columns, key, update): ([String], [String], String)
        switch kind {
        case .indicators:
            (columns, key) = (["indicator", "name", "unit", "polarity", "aggregation", "frequency", "target"], ["indicator"])
            update = "name = excluded.name, unit = excluded.unit, polarity = excluded.polarity, aggregation = excluded.aggregation, "
                + "frequency = excluded.frequency, target = excluded.target"
        case .initiatives:
            (columns, key) = (["initiative", "title", "owner", "area", "status", "deadline", "description"], ["initiative"])
            update = "title = excluded.title, owner = excluded.owner, area = excluded.area, status = excluded.status, "
                + "deadline = excluded.deadline, description = excluded.description"
        case .gainPlans, .gainsReported:
            let period = kind == .gainPlans ? "period" : "quarter"
            (columns, key) = (["initiative", "gain_type", period, "amount"], ["initiative", "gain_type", period])
            update = "amount = CASE WHEN file_id = excluded.file_id THEN amount + excluded.amount ELSE excluded.amount END"
        case .gainLinks:
            (columns, key) = (["initiative", "indicator", "org_unit", "gain_type", "baseline", "factor", "start"],
                              ["initiative", "indicator", "org_unit", "gain_type"])
            update = "baseline = excluded.baseline, factor = excluded.factor, start = excluded.start"
        case .measurements:
            preconditionFailure("measurements are written by MeasurementWriter")
        }
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ", \(fileID))"
        return """
            INSERT INTO \(table(kind)) (\(columns.joined(separator: ", ")), file_id)
            VALUES \(repeatElement(row, count: rows).joined(separator: ", "))
            ON CONFLICT(\(key.joined(separator: ", "))) DO UPDATE SET \(update), file_id = excluded.file_id
            """
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

    mutating func write(_ row: LinkRow, line: Int) throws -> RowProblem? {
        let key = "\(row.initiative) → \(row.indicator) (\(row.orgUnit), \(row.gainType.name))"
        if let problem = duplicate(key, line: line, what: "link") { return problem }
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

    /// Plans and reported gains: rows with the same key in this file add up. They are written
    /// `amountBatchSize` rows a statement; `finish` writes the rest one at a time.
    mutating func write(_ row: AmountRow) throws {
        pendingAmounts.append(row)
        if pendingAmounts.count == Self.amountBatchSize, let amountBatch { try writePendingAmounts(with: amountBatch) }
    }

    /// Writes the amount rows that wait for a full batch, one a statement.
    mutating func finish() throws {
        for row in pendingAmounts { try bind([row], to: upsert) }
        pendingAmounts.removeAll()
    }

    private mutating func writePendingAmounts(with statement: RawStatement) throws {
        try bind(pendingAmounts, to: statement)
        pendingAmounts.removeAll(keepingCapacity: true)
    }

    private func bind(_ rows: [AmountRow], to statement: RawStatement) throws {
        for (index, row) in rows.enumerated() {
            let first = Int32(index * 4)
            try statement.bind(first + 1, row.initiative)
            try statement.bind(first + 2, row.gainType.name)
            try statement.bind(first + 3, Int64(row.period.code))
            try statement.bind(first + 4, row.amount.ore)
        }
        try statement.run()
    }

    private static let amountBatchSize = 32
}
