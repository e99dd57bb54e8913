import GRDB
import GevinstWarehouse
import GevinstCore

/// Writes `gains_quarterly`, `gains_yearly` and `gains_by_area`, in key order. A run writes about
/// two million rows, so each table is written through a multi-row INSERT bound with SQLite's C
/// API straight from the computed rows.
struct GainsOutput {
    private var quarterly: MultiRowInsert
    private var yearly: MultiRowInsert
    private var byArea: MultiRowInsert

    var quarterRows: Int { quarterly.count }
    var yearRows: Int { yearly.count }
    var areaRows: Int { byArea.count }

    /// Empties the tables and prepares their INSERTs.
    init(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM gains_quarterly; DELETE FROM gains_yearly; DELETE FROM gains_by_area")
        quarterly = try MultiRowInsert(db, table: "gains_quarterly", columns: [
            "initiative", "gain_type", "quarter", "planned", "realised", "realised_source", "derived", "reported",
            "cum_planned", "cum_realised", "deviation", "realisation_rate", "status",
        ])
        yearly = try MultiRowInsert(db, table: "gains_yearly", columns: [
            "initiative", "gain_type", "year", "planned", "planned_ytd", "realised_ytd", "rate_ytd", "forecast",
        ])
        byArea = try MultiRowInsert(db, table: "gains_by_area", columns: [
            "area", "gain_type", "quarter", "planned", "realised", "cum_planned", "cum_realised", "deviation",
            "realisation_rate", "status",
        ])
    }

    /// Writes rows; the rows of each table must come in its key order.
    mutating func write(_ batch: [GainRows]) throws {
        for rows in batch {
            switch rows {
            case .initiative(let initiative, let gainType, let quarters, let years):
                for row in quarters {
                    let (insert, first) = try quarterly.nextRow()
                    try bindKey(initiative, gainType, quarter: row.quarter, to: insert, from: first)
                    try insert.bind(first + 3, row.planned)
                    try insert.bind(first + 4, row.realised)
                    try insert.bind(first + 5, row.source.name)
                    try insert.bind(first + 6, row.derived)
                    try insert.bind(first + 7, row.reported)
                    try bind(row.cumulative, to: insert, from: first + 8)
                }
                for row in years {
                    let (insert, first) = try yearly.nextRow()
                    try insert.bind(first, initiative)
                    try insert.bind(first + 1, gainType.storedName)
                    try insert.bind(first + 2, Int64(row.year))
                    try insert.bind(first + 3, row.planned)
                    try insert.bind(first + 4, row.plannedToDate)
                    try insert.bind(first + 5, row.realisedToDate)
                    try insert.bind(first + 6, row.rate)
                    try insert.bind(first + 7, row.forecast)
                }
            case .area(let area, let gainType, let rows):
                for row in rows {
                    let (insert, first) = try byArea.nextRow()
                    try bindKey(area, gainType, quarter: row.quarter, to: insert, from: first)
                    try insert.bind(first + 3, row.planned)
                    try insert.bind(first + 4, row.realised)
                    try bind(row.cumulative, to: insert, from: first + 5)
                }
            }
        }
    }

    /// Writes the rows of the last, partial batches.
    mutating func finish() throws {
        try quarterly.finish()
        try yearly.finish()
        try byArea.finish()
    }

    /// initiative or area, gain_type, quarter.
    private func bindKey(_ name: String, _ gainType: GainType, quarter: Int, to insert: RawStatement, from index: Int32) throws {
        try insert.bind(index, name)
        try insert.bind(index + 1, gainType.storedName)
        try insert.bind(index + 2, Int64(Period(kind: .quarter, ordinal: quarter).code))
    }

    /// cum_planned, cum_realised, deviation, realisation_rate, status.
    private func bind(_ figures: Cumulative, to insert: RawStatement, from index: Int32) throws {
        try insert.bind(index, figures.cumPlanned)
        try insert.bind(index + 1, figures.cumRealised)
        try insert.bind(index + 2, figures.deviation)
        try insert.bind(index + 3, figures.rate)
        try insert.bind(index + 4, figures.status.name)
    }
}

/// Inserts rows a batch at a time through one statement,
/// `INSERT INTO t (…) SELECT * FROM (VALUES (…), (…), …) WHERE column1 IS NOT NULL`.
/// Within one statement SQLite keeps its cursor on the table's last page, so rows appended in key
/// order need no search from the root each (single-row INSERTs cost about a quarter more); the
/// filter lets the last batch leave its unused row slots empty by binding NULL to their first
/// column (no table key column is NULL).
private struct MultiRowInsert {
    private static let batchSize: Int32 = 128

    private let insert: RawStatement
    private let columns: Int32
    private var used: Int32 = 0
    private(set) var count = 0

    init(_ db: Database, table: String, columns: [String]) throws {
        self.columns = Int32(columns.count)
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        insert = try RawStatement(db, sql: """
            INSERT INTO \(table) (\(columns.joined(separator: ", ")))
            SELECT * FROM (VALUES \(Array(repeating: row, count: Int(MultiRowInsert.batchSize)).joined(separator: ", ")))
            WHERE column1 IS NOT NULL
            """)
    }

    /// The statement and the first parameter of the next row's slot; a full batch is written first.
    mutating func nextRow() throws -> (RawStatement, Int32) {
        if used == MultiRowInsert.batchSize { try run() }
        used += 1
        return (insert, (used - 1) * columns + 1)
    }

    /// Writes the rows bound so far.
    mutating func finish() throws {
        guard used > 0 else { return }
        for slot in used..<MultiRowInsert.batchSize { try insert.bind(slot * columns + 1, nil as Int64?) }
        try run()
    }

    private mutating func run() throws {
        try insert.run()
        count += Int(used)
        used = 0
    }
}

extension GainType {
    /// `rawValue` as a constant, which binds without a copy.
    var storedName: StaticString {
        switch self {
        case .budget: "budget"
        case .efficiency: "efficiency"
        case .time: "time"
        case .quality: "quality"
        }
    }
}
