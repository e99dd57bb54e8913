import GRDB
import GRDBSQLite
import GevinstCore

/// Writes `gains_quarterly`, `gains_yearly` and `gains_by_area`. A run writes about a million
/// rows, so the INSERTs are prepared once and bound through SQLite's C API: building GRDB
/// argument arrays per row would cost more than SQLite's own work.
struct GainsOutput {
    private let quarterly: PreparedInsert
    private let yearly: PreparedInsert
    private let byArea: PreparedInsert
    private(set) var quarterRows = 0
    private(set) var yearRows = 0
    private(set) var areaRows = 0

    /// Empties the tables and prepares their INSERTs.
    init(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM gains_quarterly; DELETE FROM gains_yearly; DELETE FROM gains_by_area")
        quarterly = try PreparedInsert(db, sql: """
            INSERT INTO gains_quarterly (initiative, gain_type, quarter, planned, realised, realised_source, derived, reported,
                                         cum_planned, cum_realised, deviation, realisation_rate, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        yearly = try PreparedInsert(db, sql: """
            INSERT INTO gains_yearly (initiative, gain_type, year, planned, planned_ytd, realised_ytd, rate_ytd, forecast)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        byArea = try PreparedInsert(db, sql: """
            INSERT INTO gains_by_area (area, gain_type, quarter, planned, realised, cum_planned, cum_realised, deviation,
                                       realisation_rate, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Writes one (initiative, gain type)'s quarter and year rows.
    mutating func write(initiative: String, gainType: GainType, quarters: [QuarterRow], years: [YearRow]) throws {
        try quarterly.bind(1, initiative)
        try quarterly.bind(2, gainType.rawValue)
        for row in quarters {
            try quarterly.bind(3, Int64(Period(kind: .quarter, ordinal: row.quarter).code))
            try quarterly.bind(4, row.planned)
            try quarterly.bind(5, row.realised)
            try quarterly.bind(6, row.source.rawValue)
            try quarterly.bind(7, row.derived)
            try quarterly.bind(8, row.reported)
            try bindCumulative(row.cumulative, to: quarterly, from: 9)
            try quarterly.insert()
        }
        try yearly.bind(1, initiative)
        try yearly.bind(2, gainType.rawValue)
        for row in years {
            try yearly.bind(3, Int64(row.year))
            try yearly.bind(4, row.planned)
            try yearly.bind(5, row.plannedToDate)
            try yearly.bind(6, row.realisedToDate)
            try yearly.bind(7, row.rate)
            try yearly.bind(8, row.forecast)
            try yearly.insert()
        }
        quarterRows += quarters.count
        yearRows += years.count
    }

    /// Writes one (area, gain type)'s rows.
    mutating func write(area: String, gainType: GainType, rows: [AreaRow]) throws {
        try byArea.bind(1, area)
        try byArea.bind(2, gainType.rawValue)
        for row in rows {
            try byArea.bind(3, Int64(Period(kind: .quarter, ordinal: row.quarter).code))
            try byArea.bind(4, row.planned)
            try byArea.bind(5, row.realised)
            try bindCumulative(row.cumulative, to: byArea, from: 6)
            try byArea.insert()
        }
        areaRows += rows.count
    }

    /// cum_planned, cum_realised, deviation, realisation_rate, status.
    private func bindCumulative(_ figures: Cumulative, to insert: PreparedInsert, from index: Int32) throws {
        try insert.bind(index, figures.cumPlanned)
        try insert.bind(index + 1, figures.cumRealised)
        try insert.bind(index + 2, figures.deviation)
        try insert.bind(index + 3, figures.rate)
        try insert.bind(index + 4, figures.status.rawValue)
    }
}

/// An INSERT prepared once and run per row. A bound value stays until it is bound again, so values
/// shared by many rows are bound once.
private struct PreparedInsert {
    private let db: Database
    private let statement: Statement

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    func bind(_ index: Int32, _ value: Int64?) throws {
        guard let value else { return try check(sqlite3_bind_null(statement.sqliteStatement, index)) }
        try check(sqlite3_bind_int64(statement.sqliteStatement, index, value))
    }

    func bind(_ index: Int32, _ value: Double?) throws {
        guard let value else { return try check(sqlite3_bind_null(statement.sqliteStatement, index)) }
        try check(sqlite3_bind_double(statement.sqliteStatement, index, value))
    }

    /// Binds a copy of the text (SQLITE_TRANSIENT).
    func bind(_ index: Int32, _ text: String) throws {
        let code = text.withCString {
            sqlite3_bind_text(statement.sqliteStatement, index, $0, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
        try check(code)
    }

    /// Runs the statement with the values bound now.
    func insert() throws {
        let code = sqlite3_step(statement.sqliteStatement)
        sqlite3_reset(statement.sqliteStatement)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) },
                      sql: statement.sql)
    }
}
