public import GRDB

// What the A3 sheets read and the gains stage checks: the register's text, the actions in the
// sheet's order, and each gain link's indicator, series and figures. The queries per initiative run
// once for each of 10 000 sheets: their statements are prepared once (`cachedStatement`).
extension ActionsTable {
    /// The sheet's order of an initiative's actions: by `sort_order` (NULL last), then by action.
    private static func sheetOrder(_ alias: String? = nil) -> String {
        let prefix = alias.map { "\($0)." } ?? ""
        let (order, action) = (prefix + Column.sortOrder.quoted, prefix + Column.action.quoted)
        return "\(order) IS NULL, \(order), \(action)"
    }

    /// `FROM actions ORDER BY …`: every action, by initiative and then as its sheet lists them.
    public static let sheetsClause = "FROM \(name) ORDER BY \(Column.initiative.quoted), \(sheetOrder())"

    /// Every action (every column) in the sheets' order, with `registered`: whether the initiative
    /// register holds its initiative.
    public static func withRegistration(_ db: Database) throws -> [Row] {
        let initiative = InitiativesTable.Column.initiative.quoted
        return try Row.fetchAll(db, sql: """
            SELECT \(columnList("a")), i.\(initiative) IS NOT NULL AS registered
            FROM \(name) AS a LEFT JOIN \(InitiativesTable.name) AS i ON i.\(initiative) = a.\(Column.initiative.quoted)
            ORDER BY a.\(Column.initiative.quoted), \(sheetOrder("a"))
            """)
    }

    /// The path of a file of `source` other than `fileID` that stored the action (`initiative`,
    /// `action`); nil when none did.
    public static func path(storing initiative: String, _ action: String, source: String, otherThan fileID: Int64,
                            _ db: Database) throws -> String? {
        typealias File = FilesTable.Column
        return try String.fetchOne(db.cachedStatement(sql: """
            SELECT f.\(File.path.quoted) FROM \(name) AS a
            JOIN \(FilesTable.name) AS f ON f.\(File.id.quoted) = a.\(Column.fileID.quoted)
            WHERE a.\(Column.initiative.quoted) = ? AND a.\(Column.action.quoted) = ? AND a.\(Column.fileID.quoted) <> ?
              AND f.\(File.source.quoted) = ?
            """), arguments: [initiative, action, fileID, source])
    }

    /// The actions of `initiative` (every column), as its sheet lists them.
    public static func sheet(of initiative: String, _ db: Database) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: selectAll("WHERE \(Column.initiative.quoted) = ? ORDER BY \(sheetOrder())")),
                         arguments: [initiative])
    }
}

extension InitiativesTable {
    /// Every initiative (every column), in key order.
    public static func all(_ db: Database) throws -> RowCursor {
        try Row.fetchCursor(db, sql: selectAll("ORDER BY \(keyOrder)"))
    }

    /// Per initiative in key order, with its status and phase as stored: which of its A3 sections are
    /// empty (blank text): 1 the rationale, 2 the current state and the root causes both, 3 the
    /// target state, 5 the measurement note while it has no gain link either.
    public static func emptyA3Sections(_ db: Database) throws
        -> [(initiative: String, status: String?, phase: String?, rationale: Bool, currentState: Bool, targetState: Bool, measurement: Bool)] {
        func blank(_ column: Column) -> String { "TRIM(COALESCE(i.\(column.quoted), '')) = ''" }
        let initiative = Column.initiative.quoted
        return try Row.fetchAll(db, sql: """
            SELECT i.\(initiative), i.\(Column.status.quoted), i.\(Column.phase.quoted), \(blank(.rationale)),
                   \(blank(.currentState)) AND \(blank(.rootCauses)), \(blank(.targetState)),
                   \(blank(.measurementNote)) AND NOT EXISTS (
                       SELECT 1 FROM \(GainLinksTable.name) AS l WHERE l.\(GainLinksTable.Column.initiative.quoted) = i.\(initiative))
            FROM \(name) AS i ORDER BY i.\(initiative)
            """).map { ($0[0], $0[1], $0[2], $0[3], $0[4], $0[5], $0[6]) }
    }
}

extension GainPlansTable {
    /// The first period (code) `initiative` has a plan for; nil when it has none.
    public static func firstPeriod(of initiative: String, _ db: Database) throws -> Int? {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT MIN(\(Column.period.quoted)) FROM \(name) WHERE \(Column.initiative.quoted) = ?"),
                         arguments: [initiative])
    }
}

extension GainLinksTable {
    /// The links of `initiative` in key order, every column, with their indicator's `name`, `unit`,
    /// `polarity`, `aggregation`, `frequency` and `target` (`IndicatorSettingsView` columns, NULL without settings).
    public static func withIndicators(of initiative: String, _ db: Database) throws -> [Row] {
        typealias Setting = IndicatorSettingsView.Column
        let settings: [Setting] = [.name, .unit, .polarity, .aggregation, .frequency, .target]
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(columnList("l")), \(settings.map { "s.\($0.quoted)" }.joined(separator: ", "))
            FROM \(name) AS l
            LEFT JOIN \(IndicatorSettingsView.name) AS s ON s.\(Setting.indicator.quoted) = l.\(Column.indicator.quoted)
            WHERE l.\(Column.initiative.quoted) = ?
            ORDER BY \(key.map { "l.\($0.quoted)" }.joined(separator: ", "))
            """), arguments: [initiative])
    }
}

extension GainsQuarterlyTable {
    /// The rows of `initiative` (every column), by gain type (stored word) and quarter.
    public static func rows(of initiative: String, _ db: Database) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: selectAll("""
            WHERE \(Column.initiative.quoted) = ? ORDER BY \(Column.gainType.quoted), \(Column.quarter.quoted)
            """)), arguments: [initiative])
    }
}
