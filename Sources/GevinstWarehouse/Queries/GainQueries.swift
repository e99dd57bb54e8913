import GevinstCore
public import GRDB

// What the report reads of the gains stage's tables: the figures at as_of, the year, where realised
// figures came from and the gain links, each with the initiative's labels where it shows them.
extension GainType {
    /// `column` in the domain's gain type order (budget, efficiency, time, quality), for an ORDER BY.
    static func order(_ column: String) -> String {
        let cases = allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ")
        return "CASE \(column) \(cases) ELSE \(allCases.count) END, \(column)"
    }
}

extension InitiativesTable {
    /// The columns shown of an initiative beside a row of another table, read with `label(_:)`.
    static let labels: [Column] = [.title, .owner, .area, .status, .deadline, .phase, .gainOwner, .baselineDate, .handoverDate]

    /// The name under which a query returns the initiative's `column` (`gains_quarterly` has its own `status`).
    public static func label(_ column: Column) -> String { "initiative_\(column.rawValue)" }

    /// The labels of initiative `alias`, each as `, alias.column AS label`.
    static func labelList(_ alias: String) -> String {
        labels.map { ", \(alias).\($0.quoted) AS \(label($0))" }.joined()
    }
}

extension CumulativeTable {
    /// The row at `:asOf` of each owner and gain type (its latest quarter up to as_of, else its first),
    /// every column as `g`, then `extra` columns from what `join` adds.
    static func figuresSQL(extra: String = "", join: String = "", order: String) -> String {
        let owner = owner.quoted, gainType = Column.gainType.quoted, quarter = Column.quarter.quoted
        return """
            WITH pick AS (
                SELECT \(owner), \(gainType),
                       COALESCE(MAX(CASE WHEN \(quarter) <= :asOf THEN \(quarter) END), MIN(\(quarter))) AS \(quarter)
                FROM \(name) GROUP BY \(owner), \(gainType))
            SELECT \(columnList("g"))\(extra)
            FROM pick JOIN \(name) AS g USING (\(owner), \(gainType), \(quarter)) \(join)
            ORDER BY \(order)
            """
    }

    /// Every quarter of `owners`, by owner, gain type and quarter.
    public static func quarters(of owners: [String], _ db: Database) throws -> RowCursor {
        let placeholders = Array(repeating: "?", count: owners.count).joined(separator: ", ")
        return try Row.fetchCursor(db, sql: selectAll("""
            WHERE \(owner.quoted) IN (\(placeholders))
            ORDER BY \(owner.quoted), \(GainType.order(Column.gainType.quoted)), \(Column.quarter.quoted)
            """), arguments: StatementArguments(owners))
    }
}

extension GainsQuarterlyTable {
    /// Each initiative's figures at as_of (quarter code `asOf`) per gain type, with the initiative's
    /// labels (NULL for an initiative the register lacks), by initiative and gain type.
    public static func figures(asOf: Int?, _ db: Database) throws -> RowCursor {
        typealias Initiative = InitiativesTable.Column
        let owner = "g.\(owner.quoted)"
        return try Row.fetchCursor(db, sql: figuresSQL(
            extra: InitiativesTable.labelList("i"),
            join: "LEFT JOIN \(InitiativesTable.name) AS i ON i.\(Initiative.initiative.quoted) = \(owner)",
            order: "\(owner), " + GainType.order("g.\(Column.gainType.quoted)")), arguments: ["asOf": asOf])
    }

    /// Per initiative and gain type: how many quarters up to as_of (quarter code `asOf`) took their
    /// realised figure from finance's report (`reported`) and how many from the links (`derived`).
    public static func realisedSourceCounts(asOf: Int?, _ db: Database) throws
        -> [(initiative: String, gainType: String, reported: Int, derived: Int)] {
        let source = Column.realisedSource.quoted
        return try Row.fetchAll(db, sql: """
            SELECT \(Column.initiative.quoted), \(Column.gainType.quoted),
                   SUM(\(source) = 'reported'), SUM(\(source) = 'derived') FROM \(name)
            WHERE \(Column.quarter.quoted) <= :asOf AND \(source) IN ('reported', 'derived')
            GROUP BY \(Column.initiative.quoted), \(Column.gainType.quoted) ORDER BY 1, 2
            """, arguments: ["asOf": asOf]).map { ($0[0], $0[1], $0[2], $0[3]) }
    }
}

extension GainsByAreaTable {
    /// Each area's figures at as_of (quarter code `asOf`) per gain type: every area first, then by
    /// area, no area last; gain types in the domain's order.
    public static func figures(asOf: Int?, _ db: Database) throws -> [Row] {
        let area = "g.\(owner.quoted)"
        return try Row.fetchAll(db, sql: figuresSQL(
            order: "CASE \(area) WHEN '\(Area.all)' THEN 0 WHEN '\(Area.none)' THEN 2 ELSE 1 END, \(area), "
                + GainType.order("g.\(Column.gainType.quoted)")), arguments: ["asOf": asOf])
    }
}

extension GainsYearlyTable {
    /// The rows of `year` with their initiatives' labels, by initiative and gain type.
    public static func rows(year: Int, _ db: Database) throws -> RowCursor {
        typealias Initiative = InitiativesTable.Column
        return try Row.fetchCursor(db, sql: """
            SELECT \(columnList("y"))\(InitiativesTable.labelList("i"))
            FROM \(name) AS y LEFT JOIN \(InitiativesTable.name) AS i ON i.\(Initiative.initiative.quoted) = y.\(Column.initiative.quoted)
            WHERE y.\(Column.year.quoted) = ? ORDER BY y.\(Column.initiative.quoted), \(GainType.order("y.\(Column.gainType.quoted)"))
            """, arguments: [year])
    }
}

extension GainLinksTable {
    /// The indicators each initiative's gain type links to, with the indicators' names (NULL when
    /// unnamed), by initiative, gain type and indicator.
    public static func linkedIndicators(_ db: Database) throws -> [(initiative: String, gainType: String, indicator: String, name: String?)] {
        typealias Setting = IndicatorSettingsView.Column
        return try Row.fetchAll(db, sql: """
            SELECT DISTINCT l.\(Column.initiative.quoted), l.\(Column.gainType.quoted), l.\(Column.indicator.quoted), s.\(Setting.name.quoted)
            FROM \(name) AS l LEFT JOIN \(IndicatorSettingsView.name) AS s ON s.\(Setting.indicator.quoted) = l.\(Column.indicator.quoted)
            ORDER BY 1, 2, 3
            """).map { ($0[0], $0[1], $0[2], $0[3]) }
    }

    /// Every link but `factor` and `file_id`, its `start` the initiative's first quarter with a plan
    /// when the link names none, with the initiative's labels; by indicator, org unit, initiative and
    /// gain type.
    public static func withStarts(_ db: Database) throws -> [Row] {
        typealias Initiative = InitiativesTable.Column
        typealias Quarterly = GainsQuarterlyTable.Column
        let (initiative, gainType) = (Column.initiative.quoted, Column.gainType.quoted)
        return try Row.fetchAll(db, sql: """
            SELECT l.\(initiative), l.\(Column.indicator.quoted), l.\(Column.orgUnit.quoted), l.\(gainType), l.\(Column.baseline.quoted),
                   COALESCE(l.\(Column.start.quoted), (SELECT MIN(q.\(Quarterly.quarter.quoted)) FROM \(GainsQuarterlyTable.name) AS q
                                      WHERE q.\(Quarterly.initiative.quoted) = l.\(initiative) AND q.\(Quarterly.gainType.quoted) = l.\(gainType)
                                        AND q.\(Quarterly.planned.quoted) <> 0)) AS \(Column.start.quoted)\(InitiativesTable.labelList("i"))
            FROM \(name) AS l LEFT JOIN \(InitiativesTable.name) AS i ON i.\(Initiative.initiative.quoted) = l.\(initiative)
            ORDER BY l.\(Column.indicator.quoted), l.\(Column.orgUnit.quoted), l.\(initiative), \(GainType.order("l.\(gainType)"))
            """)
    }
}
