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
        try Row.fetchOne(db.cachedStatement(sql: "\(withSettings) WHERE t.\(Column.indicator.quoted) = ? AND t.\(Column.orgUnit.quoted) = ?"),
                         arguments: [indicator, orgUnit])
    }

    /// The series worth a chart: those with points that gain links use (under any code of their
    /// unit, `OrgUnitCodesView`), then up to `perIndicator` of each indicator (`totalOrgUnit` first,
    /// then by org unit); at most `limit`, linked first, then by indicator and rank. An indicator
    /// without links is read only as far as its first `perIndicator` series: a window over every
    /// trend took 0.4 s at 100 000 series.
    public static func chartSeries(perIndicator: Int, limit: Int, totalOrgUnit: String,
                                   _ db: Database) throws -> [(indicator: String, orgUnit: String, rank: Int)] {
        typealias Link = GainLinksTable.Column
        typealias Code = OrgUnitCodesView.Column
        // Names compared as SQLite does, byte for byte (`String`'s == equates canonically equivalent text).
        var unitOf: [[UInt8]: [UInt8]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT \(Code.code.quoted), \(Code.orgUnit.quoted) FROM \(OrgUnitCodesView.name)") {
            let code = Array((row[0] as String).utf8)
            if unitOf[code] == nil { unitOf[code] = Array((row[1] as String).utf8) }
        }
        func unit(_ orgUnit: String) -> [UInt8] {
            let code = Array(orgUnit.utf8)
            return unitOf[code] ?? code
        }
        var linked: [[UInt8]: Set<[UInt8]>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT \(Link.indicator.quoted), \(Link.orgUnit.quoted) FROM \(GainLinksTable.name)") {
            linked[Array((row[0] as String).utf8), default: []].insert(unit(row[1]))
        }
        let (indicator, orgUnit, points) = (Column.indicator.quoted, Column.orgUnit.quoted, Column.points.quoted)
        let orgUnits = try db.makeStatement(sql: "SELECT \(orgUnit) FROM \(name) WHERE \(indicator) = ? AND \(points) <> '[]' ORDER BY \(orgUnit)")
        let total = try db.makeStatement(sql: "SELECT 1 FROM \(name) WHERE \(indicator) = ? AND \(orgUnit) = ? AND \(points) <> '[]'")
        var chosen: [(indicator: String, orgUnit: String, rank: Int, linked: Bool)] = []
        for indicatorName in try String.fetchAll(db, sql: "SELECT DISTINCT \(indicator) FROM \(name) ORDER BY \(indicator)") {
            let units = linked[Array(indicatorName.utf8)] ?? []
            // In rank order: the linked series, then the others; in each the total first, then by org unit.
            var linkedSeries: [String] = [], others: [String] = []
            if try Bool.fetchOne(total, arguments: [indicatorName, totalOrgUnit]) ?? false {
                if units.contains(unit(totalOrgUnit)) { linkedSeries.append(totalOrgUnit) } else { others.append(totalOrgUnit) }
            }
            let cursor = try String.fetchCursor(orgUnits, arguments: [indicatorName])
            while let next = try cursor.next() {
                guard !next.utf8.elementsEqual(totalOrgUnit.utf8) else { continue }
                if units.contains(unit(next)) {
                    linkedSeries.append(next)
                } else if linkedSeries.count + others.count < perIndicator {
                    others.append(next)
                } else if units.isEmpty {
                    break
                }
            }
            for (index, orgUnit) in (linkedSeries + others).enumerated() where index < max(linkedSeries.count, perIndicator) {
                chosen.append((indicatorName, orgUnit, index + 1, index < linkedSeries.count))
            }
        }
        return (chosen.filter(\.linked) + chosen.filter { !$0.linked }).prefix(limit).map { ($0.indicator, $0.orgUnit, $0.rank) }
    }

    /// The number of indicators with a trend.
    public static func indicatorCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT \(Column.indicator.quoted)) FROM \(name)") ?? 0
    }

    /// Per indicator (the first `limit` in order): its name, its latest period code over its
    /// series (nil when none has one) and its number of series. Grouped first (through the index
    /// `trends_by_run`), then joined: the settings view is looked up once an indicator, not once a series.
    public static func freshness(limit: Int, _ db: Database) throws -> [(indicator: String, name: String?, latestPeriod: Int?, series: Int)] {
        typealias Setting = IndicatorSettingsView.Column
        let indicator = Column.indicator.quoted
        return try Row.fetchAll(db, sql: """
            SELECT g.\(indicator), s.\(Setting.name.quoted), g.latest, g.series
            FROM (SELECT \(indicator), MAX(\(Column.lastPeriod.quoted)) AS latest, COUNT(*) AS series FROM \(name)
                  GROUP BY \(indicator) ORDER BY \(indicator) LIMIT ?) AS g
            LEFT JOIN \(IndicatorSettingsView.name) AS s ON s.\(Setting.indicator.quoted) = g.\(indicator)
            ORDER BY g.\(indicator)
            """, arguments: [limit]).map { ($0[0], $0[1], $0[2], $0[3]) }
    }
}

extension TrendPointsView {
    /// The points of one series (every column), in period order. This and the other per-series
    /// queries keep their statement prepared: an A3 sheet asks them for each of its links.
    public static func points(indicator: String, orgUnit: String, _ db: Database) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: selectAll("""
            WHERE \(Column.indicator.quoted) = ? AND \(Column.orgUnit.quoted) = ? ORDER BY \(keyOrder)
            """)), arguments: [indicator, orgUnit])
    }
}

extension TrendsTable {
    /// The assessment (stored word) of one series' trend; nil without a trend or an assessment.
    public static func assessment(indicator: String, orgUnit: String, _ db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: """
            SELECT \(Column.assessment.quoted) FROM \(name) WHERE \(Column.indicator.quoted) = ? AND \(Column.orgUnit.quoted) = ?
            """), arguments: [indicator, orgUnit])
    }
}
