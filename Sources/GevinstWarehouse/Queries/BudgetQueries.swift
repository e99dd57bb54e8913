public import GRDB

// What the gains stage's budget cycle reads and writes: finance's forecasts, the budget balance,
// the register's life cycle and the checks of stopped, late and uncommented gains.
extension GainsYearlyTable {
    /// Finance has the last word on the year-end forecast: its amount replaces the computed one
    /// (`forecast_source` `source`), and a year without a row gets one of its own (its other figures 0).
    public static func takeForecasts(source: String, _ db: Database) throws {
        typealias F = GainForecastsTable.Column
        let f = GainForecastsTable.name
        try db.execute(sql: """
            UPDATE \(name) SET \(Column.forecast.quoted) = f.\(F.amount.quoted), \(Column.forecastSource.quoted) = ?
            FROM \(f) AS f WHERE f.\(F.initiative.quoted) = \(name).\(Column.initiative.quoted)
              AND f.\(F.gainType.quoted) = \(name).\(Column.gainType.quoted) AND f.\(F.year.quoted) = \(name).\(Column.year.quoted)
            """, arguments: [source])
        try db.execute(sql: """
            INSERT INTO \(name) (\(columnList()))
            SELECT f.\(F.initiative.quoted), f.\(F.gainType.quoted), f.\(F.year.quoted), 0, 0, 0, NULL, f.\(F.amount.quoted), ?
            FROM \(f) AS f WHERE NOT EXISTS (
                SELECT 1 FROM \(name) WHERE \(Column.initiative.quoted) = f.\(F.initiative.quoted)
                  AND \(Column.gainType.quoted) = f.\(F.gainType.quoted) AND \(Column.year.quoted) = f.\(F.year.quoted))
            """, arguments: [source])
    }

    /// Per year and area (`''` for none) the sums of `gainType`'s planned, realised year to date and
    /// forecast figures (NULL as 0), leaving out initiatives with the status `excluded`.
    public static func sums(gainType: String, excluding excluded: String, _ db: Database) throws
        -> [(year: Int, area: String, planned: Int64, realised: Int64, forecast: Int64)] {
        typealias Register = InitiativesTable.Column
        return try Row.fetchAll(db, sql: """
            SELECT g.\(Column.year.quoted), COALESCE(i.\(Register.area.quoted), ''), SUM(g.\(Column.planned.quoted)),
                   SUM(COALESCE(g.\(Column.realisedYtd.quoted), 0)), SUM(COALESCE(g.\(Column.forecast.quoted), 0))
            FROM \(name) AS g
            LEFT JOIN \(InitiativesTable.name) AS i ON i.\(Register.initiative.quoted) = g.\(Column.initiative.quoted)
            WHERE g.\(Column.gainType.quoted) = ? AND COALESCE(i.\(Register.status.quoted), '') <> ?
            GROUP BY 1, 2
            """, arguments: [gainType, excluded]).map { ($0[0], $0[1], $0[2], $0[3], $0[4]) }
    }

    /// Per initiative with a plan other than 0 for `gainType` in `year` or later: its planned sum there.
    public static func plannedFrom(year: Int, gainType: String, _ db: Database) throws -> [(initiative: String, planned: Int64)] {
        try Row.fetchAll(db, sql: """
            SELECT \(Column.initiative.quoted), SUM(\(Column.planned.quoted)) FROM \(name)
            WHERE \(Column.gainType.quoted) = ? AND \(Column.year.quoted) >= ?
            GROUP BY 1 HAVING MAX(\(Column.planned.quoted) <> 0) ORDER BY 1
            """, arguments: [gainType, year]).map { ($0[0], $0[1]) }
    }
}

extension BudgetTargetsTable {
    /// Every target as (plan, year, area, amount).
    public static func amounts(_ db: Database) throws -> [(plan: String, year: Int, area: String, amount: Int64)] {
        try Row.fetchAll(db, sql: "SELECT \([Column.plan, .year, .area, .amount].map(\.quoted).joined(separator: ", ")) FROM \(name)")
            .map { ($0[0], $0[1], $0[2], $0[3]) }
    }
}

extension BudgetBalanceTable {
    /// The rows of `year` and `area` of each plan whose targets name that year, by plan.
    public static func rows(year: Int, area: String, _ db: Database) throws
        -> [(plan: String, requirement: Int64, plannedBudget: Int64, coverage: Double?, gap: Int64)] {
        typealias T = BudgetTargetsTable.Column
        return try Row.fetchAll(db, sql: """
            SELECT \(Column.plan.quoted), \(Column.requirement.quoted), \(Column.plannedBudget.quoted), \(Column.coverage.quoted), \(Column.gap.quoted)
            FROM \(name) AS b
            WHERE \(Column.year.quoted) = ? AND \(Column.area.quoted) = ? AND EXISTS (
                SELECT 1 FROM \(BudgetTargetsTable.name) AS t
                WHERE t.\(T.plan.quoted) = b.\(Column.plan.quoted) AND t.\(T.year.quoted) = ?)
            ORDER BY 1
            """, arguments: [year, area, year]).map { ($0[0], $0[1], $0[2], $0[3], $0[4]) }
    }
}

extension InitiativesTable {
    /// Every initiative's life cycle as stored: status, phase, gain owner and deadline, and whether
    /// it has a measurement note (blank text is none).
    public static func lifeCycles(_ db: Database) throws
        -> [(initiative: String, status: String?, phase: String?, gainOwner: String?, deadline: String?, hasMeasurementNote: Bool)] {
        try Row.fetchAll(db, sql: """
            SELECT \([Column.initiative, .status, .phase, .gainOwner, .deadline].map(\.quoted).joined(separator: ", ")),
                   TRIM(COALESCE(\(Column.measurementNote.quoted), '')) <> '' FROM \(name)
            """).map { ($0[0], $0[1], $0[2], $0[3], $0[4], $0[5]) }
    }
}

extension GainCommentsTable {
    /// Every comment's key (initiative, quarter code, gain type), in that order.
    public static func keys(_ db: Database) throws -> [(initiative: String, quarter: Int, gainType: String)] {
        try Row.fetchAll(db, sql: """
            SELECT \(Column.initiative.quoted), \(Column.quarter.quoted), \(Column.gainType.quoted) FROM \(name) ORDER BY 1, 2, 3
            """).map { ($0[0], $0[1], $0[2]) }
    }
}

extension WarehouseTable {
    /// The distinct values of `column`, in binary order.
    public static func distinct(_ column: Column, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT \(column.quoted) FROM \(name) ORDER BY 1")
    }
}
