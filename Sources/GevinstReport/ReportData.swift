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
        /// A statistics cube's publication date, as the file gives it.
        let published: String?
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
        stages = try StageStateTable.computeStages(db).map {
            StageRun(stage: $0.stage, runID: $0.runID, asOf: $0.asOf, finishedAt: $0.finishedAt)
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
                      rowsCollapsed: $0[File.rowsCollapsed], rowsRejected: $0[File.rowsRejected], published: $0[File.published])
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

/// A key's row of `gains_yearly` for the as_of year (or, with `initiative` nil, the sum of the
/// year's flow rows of one gain type).
struct YearFigure {
    let initiative: InitiativeInfo?
    let gainType: GainType
    let unit: AmountUnit
    let planned: Int64
    let plannedYTD: Int64
    let realisedYTD: Int64?
    let rateYTD: Double?
    let forecast: Int64?
    /// `finance` when finance set the year's forecast (`gain_forecasts`), else computed.
    var forecastSource: ForecastSource? = nil
}

/// Where a key's realised figures up to as_of come from: how many quarters finance reported,
/// how many were derived, and the indicators its gain links derive them from.
struct RealisedSource {
    var reported = 0
    var derived = 0
    var indicators: [(indicator: String, name: String?)] = []
}

/// A gain link as the indicator section marks it on its series' chart.
struct LinkMark {
    let initiative: InitiativeInfo
    let gainType: GainType
    let baseline: Double
    /// The link's start quarter, or the key's first planned quarter when the link names none.
    let start: Quarter?
}

/// A gain link's baseline on the scale of its series' chart. The gains stage compares a quarter's
/// value with the baseline, so a monthly indicator that sums its months has a third of it a month.
struct LinkBaseline {
    /// As the link gives it: for a quarter.
    let quarter: Double
    /// For one point of the series.
    let perPoint: Double

    init(_ baseline: Double, kind: PeriodKind?, aggregation: Aggregation?) {
        quarter = baseline
        perPoint = kind == .month && aggregation == .sum ? baseline / 3 : baseline
    }

    /// `5 840 per månad (17 520 per kvartal)` where a month has its share, else the baseline;
    /// `number` writes a value (with its unit where the reader needs one).
    func text(_ format: HumanFormat, number: (Double) -> String) -> String {
        perPoint == quarter ? number(quarter)
            : format.text(.baselinePerMonth, ["month": number(perPoint), "quarter": number(quarter)])
    }
}

/// An initiative as the register describes it; only the id when it is not in the register.
struct InitiativeInfo {
    let id: String
    var title: String? = nil
    var owner: String? = nil
    var area: String? = nil
    var status: String? = nil
    var deadline: String? = nil
    var phase: String? = nil
    var gainOwner: String? = nil
    var baselineDate: String? = nil
    var handoverDate: String? = nil
}

extension InitiativeInfo {
    /// Initiative `id` with the labels a warehouse query returned beside its row (`InitiativesTable.label`).
    init(id: String, labels row: Row) {
        self.init(id: id, title: row[InitiativesTable.label(.title)], owner: row[InitiativesTable.label(.owner)],
                  area: row[InitiativesTable.label(.area)], status: row[InitiativesTable.label(.status)],
                  deadline: row[InitiativesTable.label(.deadline)], phase: row[InitiativesTable.label(.phase)],
                  gainOwner: row[InitiativesTable.label(.gainOwner)], baselineDate: row[InitiativesTable.label(.baselineDate)],
                  handoverDate: row[InitiativesTable.label(.handoverDate)])
    }
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
    let polarity: Polarity?
    let aggregation: Aggregation?
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

/// What the human reports show of the findings, gathered as `MachineReport` streams every one
/// of them into findings.csv and report.json: counts, the first ones, the warnings for the top,
/// the initiatives warned about and the findings of the charted initiatives.
struct FindingsDigest {
    /// The initiatives whose findings are kept, in `initiativeFindings`.
    let initiatives: Set<String>
    private(set) var count = 0
    private(set) var warnings = 0
    private(set) var byKind: [FindingKind: Int] = [:]
    /// The first `ReportCaps.findingsListed`.
    private(set) var first: [Finding] = []
    /// The first `ReportCaps.warningsListed` warnings that change the reading (`HumanReport.topKinds`).
    private(set) var topWarnings: [Finding] = []
    private(set) var topWarningCount = 0
    /// The initiatives a warning finding names (any kind: `double_count`, `deadline_passed`, …).
    private(set) var warned: Set<String> = []
    /// The findings that name each of `initiatives` (as `initiative` or `related_initiative`), in order.
    private(set) var initiativeFindings: [String: [Finding]] = [:]
    /// Every `double_count` finding, for the marks on the totals it inflates.
    private(set) var doubleCounts: [Finding] = []

    init(initiatives: Set<String> = []) {
        self.initiatives = initiatives
    }

    /// Takes the next finding, in the order of `SharedRecords.forEachCurrentFinding`.
    mutating func add(_ finding: Finding) {
        count += 1
        byKind[finding.kind, default: 0] += 1
        if first.count < ReportCaps.findingsListed { first.append(finding) }
        if finding.kind == .doubleCount { doubleCounts.append(finding) }
        if finding.severity == .warning {
            warnings += 1
            if HumanReport.topKinds.contains(finding.kind) {
                topWarningCount += 1
                if topWarnings.count < ReportCaps.warningsListed { topWarnings.append(finding) }
            }
        }
        for initiative in Set([finding.initiative, finding.relatedInitiative].compactMap { $0 }) {
            if initiatives.contains(initiative) { initiativeFindings[initiative, default: []].append(finding) }
            if finding.severity == .warning { warned.insert(initiative) }
        }
    }
}

/// Everything the HTML and Markdown reports show, bounded by `ReportCaps`.
struct ReportContent {
    let metadata: RunMetadata
    let thresholds: Thresholds
    /// Empty until `MachineReport` has streamed the findings through it, for the initiatives charted.
    var findings: FindingsDigest
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
    /// The register's facts of every initiative with figures, by id.
    var initiativeInfo: [String: InitiativeInfo] = [:]
    /// The as_of year's flow sums per gain type, and its rows per initiative and gain type (capped).
    var yearTotals: [YearFigure] = []
    var yearRows: [YearFigure] = []
    var yearRowCount = 0
    /// The source of realised figures up to as_of, by initiative and gain type.
    var realisedSources: [String: [GainType: RealisedSource]] = [:]
    /// The gain links of each charted series, by indicator and org unit.
    var linkMarks: [String: [String: [LinkMark]]] = [:]

    init(_ db: Database, metadata: RunMetadata, thresholds: Thresholds) throws {
        self.metadata = metadata
        self.thresholds = thresholds
        findings = FindingsDigest()
        let units = try QualityUnits(db)
        try loadInitiatives(db, units: units)
        findings = FindingsDigest(initiatives: Set(initiatives.map(\.info.id)))
        try loadAreas(db, units: units)
        try loadTrends(db)
        try loadYear(db, units: units)
        try loadSources(db)
        try loadLinks(db)
        try loadFreshness(db)
        try loadRejects(db)
    }

    private func figure<T: CumulativeTable>(_ row: Row, _ table: T.Type, unit: (String, GainType) -> AmountUnit) -> GainFigure? {
        let key: String = row[T.owner]
        guard let type = GainType(rawValue: row[T.Column.gainType]) else { return nil }
        return GainFigure(key: key, gainType: type, unit: unit(key, type), cumPlanned: row[T.Column.cumPlanned],
                          cumRealised: row[T.Column.cumRealised], deviation: row[T.Column.deviation], rate: row[T.Column.realisationRate],
                          light: GainStatus(rawValue: row[T.Column.status]) ?? .none)
    }

    private mutating func loadInitiatives(_ db: Database, units: QualityUnits) throws {
        let cursor = try GainsQuarterlyTable.figures(asOf: metadata.asOf?.code, db)
        var chartInitiatives: [InitiativeInfo] = []
        var lastInitiative: String?
        while let row = try cursor.next() {
            guard let figure = figure(row, GainsQuarterlyTable.self, unit: { AmountUnit($1, qualityUnit: units.initiative($0)) })
            else { continue }
            initiativeRowCount += 1
            lightCounts[figure.light, default: 0] += 1
            let info = InitiativeInfo(id: figure.key, labels: row)
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
        let rows = try GainsByAreaTable.figures(asOf: metadata.asOf?.code, db)
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
        let rows = try T.quarters(of: keys, db)
        var result: [String: [CumulativeSeries]] = [:]
        while let row = try rows.next() {
            let key: String = row[T.owner]
            guard let type = GainType(rawValue: row[T.Column.gainType]), let quarter = Period(code: row[T.Column.quarter]) else { continue }
            let point = CumulativeSeries.Point(quarter: quarter, cumPlanned: row[T.Column.cumPlanned], cumRealised: row[T.Column.cumRealised])
            if result[key]?.last?.gainType == type {
                result[key]![result[key]!.count - 1].points.append(point)
            } else {
                let unit = AmountUnit(type, qualityUnit: qualityUnit(key))
                result[key, default: []].append(CumulativeSeries(gainType: type, unit: unit, points: [point]))
            }
        }
        return result
    }

    /// The as_of year's rows of `gains_yearly`, and their flow sums per gain type (a quality gain is
    /// a level and is in no sum).
    private mutating func loadYear(_ db: Database, units: QualityUnits) throws {
        guard let asOf = metadata.asOf else { return }
        typealias Year = GainsYearlyTable.Column
        let cursor = try GainsYearlyTable.rows(year: asOf.period.year, db)
        var sums: [GainType: (planned: Int64, plannedYTD: Int64, realisedYTD: Int64, forecast: Int64)] = [:]
        while let row = try cursor.next() {
            guard let type = GainType(rawValue: row[Year.gainType]) else { continue }
            let id: String = row[Year.initiative]
            let info = InitiativeInfo(id: id, labels: row)
            let figure = YearFigure(initiative: info, gainType: type, unit: AmountUnit(type, qualityUnit: units.initiative(id)),
                                    planned: row[Year.planned], plannedYTD: row[Year.plannedYtd], realisedYTD: row[Year.realisedYtd],
                                    rateYTD: row[Year.rateYtd], forecast: row[Year.forecast], forecastSource: (row[Year.forecastSource] as String?).flatMap(ForecastSource.init))
            yearRowCount += 1
            if yearRows.count < ReportCaps.trafficRows { yearRows.append(figure) }
            guard type != .quality else { continue }
            var sum = sums[type] ?? (0, 0, 0, 0)
            sum.planned &+= figure.planned
            sum.plannedYTD &+= figure.plannedYTD
            sum.realisedYTD &+= figure.realisedYTD ?? 0
            sum.forecast &+= figure.forecast ?? figure.planned
            sums[type] = sum
        }
        yearTotals = GainType.allCases.compactMap { type in
            sums[type].map { sum in
                YearFigure(initiative: nil, gainType: type, unit: AmountUnit(type, qualityUnit: nil), planned: sum.planned,
                           plannedYTD: sum.plannedYTD, realisedYTD: sum.realisedYTD,
                           rateYTD: sum.plannedYTD > 0 ? Double(sum.realisedYTD) / Double(sum.plannedYTD) : nil,
                           forecast: sum.forecast)
            }
        }
    }

    /// How many quarters up to as_of each key has reported and derived, and the indicators its links name.
    private mutating func loadSources(_ db: Database) throws {
        for count in try GainsQuarterlyTable.realisedSourceCounts(asOf: metadata.asOf?.code, db) {
            guard let type = GainType(rawValue: count.gainType) else { continue }
            realisedSources[count.initiative, default: [:]][type, default: RealisedSource()].reported = count.reported
            realisedSources[count.initiative, default: [:]][type, default: RealisedSource()].derived = count.derived
        }
        for link in try GainLinksTable.linkedIndicators(db) {
            guard let type = GainType(rawValue: link.gainType) else { continue }
            realisedSources[link.initiative, default: [:]][type, default: RealisedSource()].indicators.append((link.indicator, link.name))
        }
    }

    /// The gain links of the charted series, each with the quarter it counts from. A link marks the
    /// chart of its own code, else of the first other code of its unit that is charted, as the gains
    /// stage finds its series (`OrgUnitCodes`).
    private mutating func loadLinks(_ db: Database) throws {
        let charted = Set(trendCharts.map { "\($0.summary.indicator)\u{1F}\($0.summary.orgUnit)" })
        let units = try OrgUnitCodes(db)
        typealias Link = GainLinksTable.Column
        for row in try GainLinksTable.withStarts(db) {
            let indicator: String = row[Link.indicator], linked: String = row[Link.orgUnit]
            let codes = [linked] + units.codes(ofUnitOf: linked).filter { $0 != linked }
            guard let orgUnit = codes.first(where: { charted.contains("\(indicator)\u{1F}\($0)") }),
                  let type = GainType(rawValue: row[Link.gainType]) else { continue }
            let info = InitiativeInfo(id: row[Link.initiative], labels: row)
            linkMarks[indicator, default: [:]][orgUnit, default: []].append(
                LinkMark(initiative: info, gainType: type, baseline: row[Link.baseline], start: (row[Link.start] as Int?).flatMap(Quarter.init(code:))))
        }
    }

    /// A row of `TrendsTable.summaries`/`summary` (the trend and its indicator's settings) as the report shows it.
    private static func trendSummary(_ row: Row) -> TrendSummary {
        typealias Trend = TrendsTable.Column
        typealias Setting = IndicatorSettingsView.Column
        return TrendSummary(indicator: row[Trend.indicator], name: row[Setting.name], unit: row[Setting.unit],
                            orgUnit: row[Trend.orgUnit], frequency: row[Trend.frequency],
                            lastPeriod: (row[Trend.lastPeriod] as Int?).flatMap(Period.init(code:)), lastValue: row[Trend.lastValue],
                            changeYoY: row[Trend.changeYoy], trend: (row[Trend.trend] as String?).flatMap(TrendDirection.init),
                            assessment: TrendAssessment(rawValue: row[Trend.assessment]), target: row[Trend.target],
                            polarity: (row[Setting.polarity] as String?).flatMap(Polarity.init(rawValue:)),
                            aggregation: (row[Setting.aggregation] as String?).flatMap(Aggregation.init(rawValue:)))
    }

    private mutating func loadTrends(_ db: Database) throws {
        trendCount = try TrendsTable.count(db)
        trendRows = try TrendsTable.summaries(limit: ReportCaps.trendRows, db).map(ReportContent.trendSummary)
        // Series with points that gain links use, then up to N per indicator (the whole municipality first).
        let chosen = try TrendsTable.chartSeries(perIndicator: ReportCaps.trendChartsPerIndicator, limit: ReportCaps.trendCharts,
                                                 totalOrgUnit: OrgUnit.total, db)
            .sorted { ($0.indicator, $0.rank) < ($1.indicator, $1.rank) }
        for series in chosen {
            guard let row = try TrendsTable.summary(indicator: series.indicator, orgUnit: series.orgUnit, db) else { continue }
            typealias Point = TrendPointsView.Column
            let points = try TrendPointsView.points(indicator: series.indicator, orgUnit: series.orgUnit, db).compactMap { point -> TrendChartData.Point? in
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
        indicatorCount = try TrendsTable.indicatorCount(db)
        freshness = try TrendsTable.freshness(limit: ReportCaps.freshnessIndicators, db).map {
            IndicatorFreshness(indicator: $0.indicator, name: $0.name, latestPeriod: $0.latestPeriod.flatMap(Period.init(code:)), series: $0.series)
        }
        sources = try FilesTable.currentBySource(db).map { SourceFreshness(source: $0.source, files: $0.files, lastImported: $0.lastImported) }
    }

    private mutating func loadRejects(_ db: Database) throws {
        typealias Reject = RejectsTable.Column
        rejectCount = try RejectsTable.currentCount(db)
        rejects = try RejectsTable.current(limit: ReportCaps.rejectsListed, db).map {
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
        for row in try GainLinksTable.units(gainType: GainType.quality.rawValue, db) {
            byInitiative[row.initiative, default: []].insert(row.unit)
            byArea[row.area, default: []].insert(row.unit)
            byArea[Area.all, default: []].insert(row.unit)
        }
    }

    func initiative(_ id: String) -> String? { QualityUnits.single(byInitiative[id]) }
    func area(_ name: String) -> String? { QualityUnits.single(byArea[name]) }

    private static func single(_ units: Set<String?>?) -> String? {
        guard let units, units.count == 1 else { return nil }
        return units.first!
    }
}
