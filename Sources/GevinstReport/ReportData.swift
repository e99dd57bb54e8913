import GRDB
import GevinstCore
import GevinstWarehouse

/// What a report says about the run: which pipeline, which as_of, which stage runs and which
/// input files produced the figures. Every value comes from the warehouse.
struct RunMetadata {
    struct StageRun {
        let stage: String
        let runID: Int64
        let asOf: Quarter?
        let finishedAt: String
    }

    struct InputFile {
        let source: String, kind: String, format: String, path: String, sha256: String
        let size: Int64
        let importedAt: String
        let runID: Int64
        let rowsRead: Int64, rowsLoaded: Int64, rowsMissing: Int64, rowsCollapsed: Int64, rowsRejected: Int64
    }

    let pipeline: String
    /// The pipeline's title, which heads the human reports.
    let title: String
    let asOf: Quarter?
    /// The latest run that produced a stage's figures.
    let runID: Int64?
    let stages: [StageRun]
    /// The current files, by source and path.
    let files: [InputFile]

    init(_ db: Database, pipeline: Pipeline) throws {
        self.pipeline = pipeline.name
        title = pipeline.title
        typealias Stage = StageStateTable.Column
        stages = try Row.fetchAll(db, sql: StageStateTable.selectAll("ORDER BY \(StageStateTable.keyOrder)")).map {
            StageRun(stage: $0[Stage.stage], runID: $0[Stage.runID], asOf: ($0[Stage.asOf] as Int?).flatMap(Quarter.init(code:)),
                     finishedAt: $0[Stage.finishedAt])
        }
        let pipelineQuarter: Quarter? = if case .quarter(let quarter) = pipeline.asOf { quarter } else { nil }
        asOf = stages.first { $0.stage == "gains" }?.asOf ?? pipelineQuarter
        runID = stages.map(\.runID).max()
        typealias File = FilesTable.Column
        let order: [File] = [.source, .path, .importedAt, .id]
        files = try Row.fetchAll(db, sql: FilesTable.selectAll("""
            WHERE \(File.current.quoted) = 1 ORDER BY \(order.map(\.quoted).joined(separator: ", "))
            """)).map {
            InputFile(source: $0[File.source], kind: $0[File.kind], format: $0[File.format], path: $0[File.path],
                      sha256: $0[File.sha256], size: $0[File.size], importedAt: $0[File.importedAt], runID: $0[File.runID],
                      rowsRead: $0[File.rowsRead], rowsLoaded: $0[File.rowsLoaded], rowsMissing: $0[File.rowsMissing],
                      rowsCollapsed: $0[File.rowsCollapsed], rowsRejected: $0[File.rowsRejected])
        }
    }

    func finishedAt(_ stage: String) -> String? { stages.first { $0.stage == stage }?.finishedAt }
}

/// Where the human reports stop listing rows and drawing charts, so that a report on a large
/// warehouse stays readable and small. The CSV and JSON files always hold everything.
enum ReportCaps {
    static let trafficRows = 500
    static let initiativeCharts = 40
    static let areaCharts = 20
    static let trendCharts = 60
    /// Series charted per indicator (those that gain links use first); linked series are charted beyond it.
    static let trendChartsPerIndicator = 3
    static let trendRows = 200
    static let freshnessIndicators = 200
    static let findingsListed = 50
    static let rejectsListed = 20
    static let warningsListed = 20
}

/// A gain key's figures at as_of: its row at as_of, or its last row before it, or (when it
/// starts after as_of) its first row, whose status is `future`.
struct GainFigure {
    /// The initiative, or the area.
    let key: String
    let gainType: GainType
    let unit: AmountUnit
    let cumPlanned: Int64
    let cumRealised: Int64?
    let deviation: Int64?
    let rate: Double?
    let light: GainStatus
}

/// An initiative as the register describes it; only the id when it is not in the register.
struct InitiativeInfo {
    let id: String
    var title: String? = nil
    var owner: String? = nil
    var area: String? = nil
    var status: String? = nil
    var deadline: String? = nil
}

/// Cumulative planned and realised figures of one key and gain type, per quarter.
struct CumulativeSeries {
    struct Point {
        let quarter: Period
        let cumPlanned: Int64
        let cumRealised: Int64?
    }

    let gainType: GainType
    let unit: AmountUnit
    var points: [Point]
}

/// One row of `trends`, the figures the human reports show.
struct TrendSummary {
    let indicator: String
    let name: String?
    let unit: String?
    let orgUnit: String
    let frequency: String
    let lastPeriod: Period?
    let lastValue: Double?
    let changeYoY: Double?
    let trend: TrendDirection?
    let assessment: TrendAssessment?
    let target: Double?
}

/// A series to chart with its XmR control limits and the points the trends stage flagged.
struct TrendChartData {
    struct Point {
        let period: Period
        let value: Double
        /// Bit 1: outside the control limits; bit 2: part of a run on one side of the centre.
        let signal: Int
    }

    let summary: TrendSummary
    let centre: Double?
    let lower: Double?
    let upper: Double?
    let points: [Point]
}

struct IndicatorFreshness {
    let indicator: String
    let name: String?
    let latestPeriod: Period?
    let series: Int
}

/// A rejected row of a current file (SPEC §8).
struct RejectRow {
    let source: String
    let file: String
    let line: Int?
    let column: Int?
    let field: String?
    let reason: String
    let text: String?
    /// Nil for rows rejected before the warehouse recorded kinds.
    let kind: RejectKind?
}

struct SourceFreshness {
    let source: String
    let files: Int
    let lastImported: String
}

/// Everything the HTML and Markdown reports show, bounded by `ReportCaps`.
struct ReportContent {
    let metadata: RunMetadata
    let thresholds: Thresholds
    let findings: [Finding]
    /// Figures at as_of for area `*`, per gain type.
    var summary: [GainFigure] = []
    /// Figures at as_of per initiative and gain type (capped), with how many there are in all.
    var initiativeRows: [(initiative: InitiativeInfo, figure: GainFigure)] = []
    var initiativeRowCount = 0
    /// How many initiative rows show each light, over all of them.
    var lightCounts: [GainStatus: Int] = [:]
    /// Figures at as_of per area (`*` first, named areas, then the empty area) and gain type.
    var areaRows: [GainFigure] = []
    var initiatives: [(info: InitiativeInfo, series: [CumulativeSeries])] = []
    var initiativeCount = 0
    var areas: [(area: String, series: [CumulativeSeries])] = []
    var areaCount = 0
    var trendRows: [TrendSummary] = []
    var trendCount = 0
    var trendCharts: [TrendChartData] = []
    var freshness: [IndicatorFreshness] = []
    var indicatorCount = 0
    var sources: [SourceFreshness] = []
    var rejects: [RejectRow] = []
    var rejectCount = 0
    /// The warnings that change the reading (`HumanReport.topKinds`), for the top of the report.
    var topWarnings: [Finding] = []
    /// The initiatives those warnings name.
    var warned: Set<String> = []
    /// The register's facts of every initiative with figures, by id.
    var initiativeInfo: [String: InitiativeInfo] = [:]

    init(_ db: Database, metadata: RunMetadata, thresholds: Thresholds, findings: [Finding]) throws {
        self.metadata = metadata
        self.thresholds = thresholds
        self.findings = findings
        topWarnings = findings.filter { $0.severity == .warning && HumanReport.topKinds.contains($0.kind) }
        warned = Set(topWarnings.flatMap { [$0.initiative, $0.relatedInitiative].compactMap { $0 } })
        let units = try QualityUnits(db)
        try loadInitiatives(db, units: units)
        try loadAreas(db, units: units)
        try loadTrends(db)
        try loadFreshness(db)
        try loadRejects(db)
    }

    /// Orders gain types as the domain does (budget, efficiency, time, quality) in SQL.
    private static func gainTypeOrder(_ column: String) -> String {
        let cases = GainType.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ")
        return "CASE \(column) \(cases) ELSE \(GainType.allCases.count) END, \(column)"
    }

    /// The figures at as_of of each owner and gain type of `T`, every column as `g`, then `extra`
    /// columns from what `join` adds.
    private static func figuresSQL<T: CumulativeTable>(_ table: T.Type, extra: String = "", join: String = "",
                                                       order: String) -> String {
        let owner = T.owner.quoted, gainType = T.gainType.quoted, quarter = T.quarter.quoted
        return """
            WITH pick AS (
                SELECT \(owner), \(gainType),
                       COALESCE(MAX(CASE WHEN \(quarter) <= :asOf THEN \(quarter) END), MIN(\(quarter))) AS \(quarter)
                FROM \(T.name) GROUP BY \(owner), \(gainType))
            SELECT \(T.columnList("g"))\(extra)
            FROM pick JOIN \(T.name) AS g USING (\(owner), \(gainType), \(quarter)) \(join)
            ORDER BY \(order)
            """
    }

    private func figure<T: CumulativeTable>(_ row: Row, _ table: T.Type, unit: (String, GainType) -> AmountUnit) -> GainFigure? {
        let key: String = row[T.owner]
        guard let type = GainType(rawValue: row[T.gainType]) else { return nil }
        return GainFigure(key: key, gainType: type, unit: unit(key, type), cumPlanned: row[T.cumPlanned],
                          cumRealised: row[T.cumRealised], deviation: row[T.deviation], rate: row[T.realisationRate],
                          light: GainStatus(rawValue: row[T.status]) ?? .none)
    }

    private var asOfArguments: StatementArguments { ["asOf": metadata.asOf?.code] }

    private mutating func loadInitiatives(_ db: Database, units: QualityUnits) throws {
        typealias Initiative = InitiativesTable.Column
        let extra = [Initiative.title, .owner, .area, .status, .deadline].map { ", i.\($0.quoted) AS initiative_\($0.rawValue)" }
        let sql = ReportContent.figuresSQL(
            GainsQuarterlyTable.self, extra: extra.joined(),
            join: "LEFT JOIN \(InitiativesTable.name) AS i ON i.initiative = g.initiative",
            order: "g.initiative, " + ReportContent.gainTypeOrder("g.gain_type"))
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: asOfArguments)
        var chartInitiatives: [InitiativeInfo] = []
        var lastInitiative: String?
        while let row = try cursor.next() {
            guard let figure = figure(row, GainsQuarterlyTable.self, unit: { AmountUnit($1, qualityUnit: units.initiative($0)) })
            else { continue }
            initiativeRowCount += 1
            lightCounts[figure.light, default: 0] += 1
            let info = InitiativeInfo(id: figure.key, title: row["initiative_title"], owner: row["initiative_owner"],
                                      area: row["initiative_area"], status: row["initiative_status"],
                                      deadline: row["initiative_deadline"])
            if figure.key != lastInitiative {
                lastInitiative = figure.key
                initiativeInfo[figure.key] = info
                initiativeCount += 1
                if chartInitiatives.count < ReportCaps.initiativeCharts { chartInitiatives.append(info) }
            }
            if initiativeRows.count < ReportCaps.trafficRows { initiativeRows.append((info, figure)) }
        }
        let series = try ReportContent.cumulativeSeries(db, GainsQuarterlyTable.self, keys: chartInitiatives.map(\.id)) {
            units.initiative($0)
        }
        initiatives = chartInitiatives.map { info in (info, series[info.id] ?? []) }
    }

    private mutating func loadAreas(_ db: Database, units: QualityUnits) throws {
        let sql = ReportContent.figuresSQL(
            GainsByAreaTable.self,
            order: "CASE g.area WHEN '\(Area.all)' THEN 0 WHEN '\(Area.none)' THEN 2 ELSE 1 END, g.area, "
                + ReportContent.gainTypeOrder("g.gain_type"))
        let rows = try Row.fetchAll(db, sql: sql, arguments: asOfArguments)
        areaRows = rows.compactMap { figure($0, GainsByAreaTable.self, unit: { AmountUnit($1, qualityUnit: units.area($0)) }) }
        summary = areaRows.filter { $0.key == Area.all }
        var areaNames: [String] = []
        for row in areaRows where areaNames.last != row.key { areaNames.append(row.key) }
        areaCount = areaNames.count
        let charted = Array(areaNames.prefix(ReportCaps.areaCharts))
        let series = try ReportContent.cumulativeSeries(db, GainsByAreaTable.self, keys: charted) {
            units.area($0)
        }
        areas = charted.map { ($0, series[$0] ?? []) }
    }

    /// Every quarter of `keys` in `T`, as series per key in gain type order.
    private static func cumulativeSeries<T: CumulativeTable>(_ db: Database, _ table: T.Type, keys: [String],
                                                             qualityUnit: (String) -> String?) throws -> [String: [CumulativeSeries]] {
        guard !keys.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        let owner = T.owner.quoted
        let rows = try Row.fetchCursor(db, sql: T.selectAll("""
            WHERE \(owner) IN (\(placeholders))
            ORDER BY \(owner), \(gainTypeOrder(T.gainType.quoted)), \(T.quarter.quoted)
            """), arguments: StatementArguments(keys))
        var result: [String: [CumulativeSeries]] = [:]
        while let row = try rows.next() {
            let key: String = row[T.owner]
            guard let type = GainType(rawValue: row[T.gainType]), let quarter = Period(code: row[T.quarter]) else { continue }
            let point = CumulativeSeries.Point(quarter: quarter, cumPlanned: row[T.cumPlanned], cumRealised: row[T.cumRealised])
            if result[key]?.last?.gainType == type {
                result[key]![result[key]!.count - 1].points.append(point)
            } else {
                let unit = AmountUnit(type, qualityUnit: qualityUnit(key))
                result[key, default: []].append(CumulativeSeries(gainType: type, unit: unit, points: [point]))
            }
        }
        return result
    }

    /// Every column of `trends` as `t`, and the indicator's name and unit.
    private static let trendSummaryColumns = "\(TrendsTable.columnList("t")), s.name, s.unit"

    private static func trendSummary(_ row: Row) -> TrendSummary {
        typealias Trend = TrendsTable.Column
        typealias Setting = IndicatorSettingsView.Column
        return TrendSummary(indicator: row[Trend.indicator], name: row[Setting.name], unit: row[Setting.unit],
                            orgUnit: row[Trend.orgUnit], frequency: row[Trend.frequency],
                            lastPeriod: (row[Trend.lastPeriod] as Int?).flatMap(Period.init(code:)), lastValue: row[Trend.lastValue],
                            changeYoY: row[Trend.changeYoy], trend: (row[Trend.trend] as String?).flatMap(TrendDirection.init),
                            assessment: TrendAssessment(rawValue: row[Trend.assessment]), target: row[Trend.target])
    }

    private mutating func loadTrends(_ db: Database) throws {
        trendCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trends") ?? 0
        trendRows = try Row.fetchAll(db, sql: """
            SELECT \(ReportContent.trendSummaryColumns)
            FROM trends AS t LEFT JOIN indicator_settings AS s ON s.indicator = t.indicator
            ORDER BY t.indicator, t.org_unit LIMIT ?
            """, arguments: [ReportCaps.trendRows]).map(ReportContent.trendSummary)
        // Series with points that gain links use (under any code of their unit), then up to N per
        // indicator (the whole municipality first).
        typealias Code = OrgUnitCodesView.Column
        let (codes, code, unit) = (OrgUnitCodesView.name, Code.code.quoted, Code.orgUnit.quoted)
        let chosen = try Row.fetchAll(db, sql: """
            WITH linked AS (SELECT DISTINCT g.indicator, COALESCE(c.\(unit), g.org_unit) AS org_unit
                            FROM gain_links AS g LEFT JOIN \(codes) AS c ON c.\(code) = g.org_unit),
            ranked AS (
                SELECT t.indicator, t.org_unit, l.indicator IS NOT NULL AS linked,
                       ROW_NUMBER() OVER (PARTITION BY t.indicator
                                          ORDER BY l.indicator IS NOT NULL DESC, t.org_unit = '\(OrgUnit.total)' DESC, t.org_unit) AS rank
                FROM trends AS t LEFT JOIN \(codes) AS tc ON tc.\(code) = t.org_unit
                LEFT JOIN linked AS l ON l.indicator = t.indicator AND l.org_unit = COALESCE(tc.\(unit), t.org_unit)
                WHERE t.points <> '[]')
            SELECT indicator, org_unit, rank FROM ranked WHERE linked OR rank <= ?
            ORDER BY linked DESC, indicator, rank LIMIT ?
            """, arguments: [ReportCaps.trendChartsPerIndicator, ReportCaps.trendCharts])
            .map { (indicator: $0[0] as String, orgUnit: $0[1] as String, rank: $0[2] as Int) }
            .sorted { ($0.indicator, $0.rank) < ($1.indicator, $1.rank) }
        for series in chosen {
            guard let row = try Row.fetchOne(db, sql: """
                SELECT \(ReportContent.trendSummaryColumns)
                FROM trends AS t LEFT JOIN indicator_settings AS s ON s.indicator = t.indicator
                WHERE t.indicator = ? AND t.org_unit = ?
                """, arguments: [series.indicator, series.orgUnit]) else { continue }
            typealias Point = TrendPointsView.Column
            let points = try Row.fetchAll(db, sql: TrendPointsView.selectAll("""
                WHERE \(Point.indicator.quoted) = ? AND \(Point.orgUnit.quoted) = ? ORDER BY \(TrendPointsView.keyOrder)
                """), arguments: [series.indicator, series.orgUnit]).compactMap { point -> TrendChartData.Point? in
                Period(code: point[Point.period]).map {
                    TrendChartData.Point(period: $0, value: point[Point.value], signal: point[Point.signal])
                }
            }
            typealias Trend = TrendsTable.Column
            trendCharts.append(TrendChartData(summary: ReportContent.trendSummary(row), centre: row[Trend.ccCentre],
                                              lower: row[Trend.ccLower], upper: row[Trend.ccUpper], points: points))
        }
    }

    private mutating func loadFreshness(_ db: Database) throws {
        indicatorCount = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT indicator) FROM trends") ?? 0
        freshness = try Row.fetchAll(db, sql: """
            SELECT t.indicator, s.name, MAX(t.last_period), COUNT(*)
            FROM trends AS t LEFT JOIN indicator_settings AS s ON s.indicator = t.indicator
            GROUP BY t.indicator ORDER BY t.indicator LIMIT ?
            """, arguments: [ReportCaps.freshnessIndicators]).map {
            IndicatorFreshness(indicator: $0[0], name: $0[1], latestPeriod: ($0[2] as Int?).flatMap(Period.init(code:)), series: $0[3])
        }
        sources = try Row.fetchAll(db, sql: """
            SELECT source, COUNT(*), MAX(imported_at) FROM files WHERE current = 1 GROUP BY source ORDER BY source
            """).map { SourceFreshness(source: $0[0], files: $0[1], lastImported: $0[2]) }
    }

    private mutating func loadRejects(_ db: Database) throws {
        typealias Reject = RejectsTable.Column
        rejectCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(TableExport.currentRejects)") ?? 0
        rejects = try Row.fetchAll(db, sql: """
            SELECT \(RejectsTable.columnList("r")) \(TableExport.currentRejects) LIMIT ?
            """, arguments: [ReportCaps.rejectsListed]).map {
            RejectRow(source: $0[Reject.source], file: $0[Reject.file], line: $0[Reject.line], column: $0[Reject.column],
                      field: $0[Reject.field], reason: $0[Reject.reason], text: $0[Reject.text],
                      kind: ($0[Reject.kind] as String?).flatMap(RejectKind.init(rawValue:)))
        }
    }
}

/// The unit of quality gains: the unit of the indicators their links name, per initiative,
/// per area and over all (`Area.all`); nil where there is none or more than one.
struct QualityUnits {
    private var byInitiative: [String: Set<String?>] = [:]
    private var byArea: [String: Set<String?>] = [:]

    init(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT DISTINCT l.initiative, COALESCE(i.area, ''), s.unit
            FROM gain_links AS l
            LEFT JOIN initiatives AS i ON i.initiative = l.initiative
            LEFT JOIN indicator_settings AS s ON s.indicator = l.indicator
            WHERE l.gain_type = '\(GainType.quality.rawValue)'
            ORDER BY 1, 2, 3
            """)
        for row in rows {
            let unit: String? = row[2]
            byInitiative[row[0], default: []].insert(unit)
            byArea[row[1], default: []].insert(unit)
            byArea[Area.all, default: []].insert(unit)
        }
    }

    func initiative(_ id: String) -> String? { QualityUnits.single(byInitiative[id]) }
    func area(_ name: String) -> String? { QualityUnits.single(byArea[name]) }

    private static func single(_ units: Set<String?>?) -> String? {
        guard let units, units.count == 1 else { return nil }
        return units.first!
    }
}
