public import GRDB

// What the report reads of `trends`: each trend with its indicator's name, unit, polarity and aggregation,
// and the points and assessment of one series.
extension TrendsTable {
    /// Every column of the trend (`t`) and the indicator's `name`, `unit`, `polarity` and `aggregation`
    /// (`IndicatorSettingsView` columns).
    private static let withSettings: String = {
        typealias Setting = IndicatorSettingsView.Column
        return """
            SELECT \(columnList("t")), s.\(Setting.name.quoted), s.\(Setting.unit.quoted), s.\(Setting.polarity.quoted),
                   s.\(Setting.aggregation.quoted)
            FROM \(name) AS t LEFT JOIN \(IndicatorSettingsView.name) AS s ON s.\(Setting.indicator.quoted) = t.\(Column.indicator.quoted)
            """
    }()

    /// The first `limit` trends in key order, with their indicators' settings.
    public static func summaries(limit: Int, _ db: Database) throws -> [Row] {
        try Row.fetchAll(db, sql: "\(withSettings) ORDER BY \(key.map { "t.\($0.quoted)" }.joined(separator: ", ")) LIMIT ?",
                         arguments: [limit])
    }

    /// The trend of one series, with its indicator's settings.
    public static func summary(indicator: String, orgUnit: String, _ db: Database) throws -> Row? {
        try Row.fetchOne(db, sql: "\(withSettings) WHERE t.\(Column.indicator.quoted) = ? AND t.\(Column.orgUnit.quoted) = ?",
                         arguments: [indicator, orgUnit])
    }

    /// The series worth a chart: those with points that gain links use (under any code of their
    /// unit, `OrgUnitCodesView`), then up to `perIndicator` of each indicator (`totalOrgUnit` first,
    /// then by org unit); at most `limit`, linked first, then by indicator and rank.
    public static func chartSeries(perIndicator: Int, limit: Int, totalOrgUnit: String,
                                   _ db: Database) throws -> [(indicator: String, orgUnit: String, rank: Int)] {
        typealias Link = GainLinksTable.Column
        typealias Code = OrgUnitCodesView.Column
        let (indicator, orgUnit) = (Column.indicator.quoted, Column.orgUnit.quoted)
        let (codes, code, unit) = (OrgUnitCodesView.name, Code.code.quoted, Code.orgUnit.quoted)
        return try Row.fetchAll(db, sql: """
            WITH linked AS (SELECT DISTINCT g.\(Link.indicator.quoted) AS indicator, COALESCE(c.\(unit), g.\(Link.orgUnit.quoted)) AS org_unit
                            FROM \(GainLinksTable.name) AS g LEFT JOIN \(codes) AS c ON c.\(code) = g.\(Link.orgUnit.quoted)),
            ranked AS (
                SELECT t.\(indicator) AS indicator, t.\(orgUnit) AS org_unit, l.indicator IS NOT NULL AS linked,
                       ROW_NUMBER() OVER (PARTITION BY t.\(indicator)
                                          ORDER BY l.indicator IS NOT NULL DESC, t.\(orgUnit) = ? DESC, t.\(orgUnit)) AS rank
                FROM \(name) AS t LEFT JOIN \(codes) AS tc ON tc.\(code) = t.\(orgUnit)
                LEFT JOIN linked AS l ON l.indicator = t.\(indicator) AND l.org_unit = COALESCE(tc.\(unit), t.\(orgUnit))
                WHERE t.\(Column.points.quoted) <> '[]')
            SELECT indicator, org_unit, rank FROM ranked WHERE linked OR rank <= ?
            ORDER BY linked DESC, indicator, rank LIMIT ?
            """, arguments: [totalOrgUnit, perIndicator, limit]).map { ($0[0], $0[1], $0[2]) }
    }

    /// The number of indicators with a trend.
    public static func indicatorCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT \(Column.indicator.quoted)) FROM \(name)") ?? 0
    }

    /// Per indicator (the first `limit` in order): its name, its latest period code over its
    /// series (nil when none has one) and its number of series.
    public static func freshness(limit: Int, _ db: Database) throws -> [(indicator: String, name: String?, latestPeriod: Int?, series: Int)] {
        typealias Setting = IndicatorSettingsView.Column
        return try Row.fetchAll(db, sql: """
            SELECT t.\(Column.indicator.quoted), s.\(Setting.name.quoted), MAX(t.\(Column.lastPeriod.quoted)), COUNT(*)
            FROM \(name) AS t LEFT JOIN \(IndicatorSettingsView.name) AS s ON s.\(Setting.indicator.quoted) = t.\(Column.indicator.quoted)
            GROUP BY t.\(Column.indicator.quoted) ORDER BY t.\(Column.indicator.quoted) LIMIT ?
            """, arguments: [limit]).map { ($0[0], $0[1], $0[2], $0[3]) }
    }
}

extension TrendPointsView {
    /// The points of one series (every column), in period order.
    public static func points(indicator: String, orgUnit: String, _ db: Database) throws -> [Row] {
        try Row.fetchAll(db, sql: selectAll("""
            WHERE \(Column.indicator.quoted) = ? AND \(Column.orgUnit.quoted) = ? ORDER BY \(keyOrder)
            """), arguments: [indicator, orgUnit])
    }
}

extension TrendsTable {
    /// The assessment (stored word) of one series' trend; nil without a trend or an assessment.
    public static func assessment(indicator: String, orgUnit: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT \(Column.assessment.quoted) FROM \(name) WHERE \(Column.indicator.quoted) = ? AND \(Column.orgUnit.quoted) = ?
            """, arguments: [indicator, orgUnit])
    }
}
