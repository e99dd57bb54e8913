public import Foundation
import GRDB
public import GevinstCore
public import GevinstWarehouse
public import Logging

/// The trends stage could not read or write the warehouse.
public struct TrendsError: CategorizedError, Equatable {
    public let cause: String
    public let category: FailureCategory

    public var description: String { "trends: \(cause)" }
}

/// Stage 2: indicator trend statistics (SPEC §6). Streams the measurements series by series in
/// key order, builds each series at its indicator's frequency, computes its figures and control
/// chart, and replaces the `trends` and `trend_points` tables in one transaction.
public enum TrendsStage {
    public static func run(_ warehouse: Warehouse, pipeline: Pipeline, runID: Int64, now: Date, logger: Logger) throws(TrendsError) -> StageSummary {
        do {
            return try warehouse.database.write { db in
                var writer = try TrendsWriter(db)
                try writer.run()
                try SharedRecords.deleteFindings(stage: "trends", db)
                try SharedRecords.insert(writer.findings, stage: "trends", runID: runID, fileID: nil, db)
                try SharedRecords.recordStage("trends", runID: runID, asOf: nil, finishedAt: now, db)
                logger.info("trends computed", metadata: ["series": "\(writer.seriesCount)", "points": "\(writer.pointCount)"])
                return StageSummary(stage: "trends", counts: ["series": writer.seriesCount, "points": writer.pointCount],
                                    findings: writer.findings.count)
            }
        } catch {
            throw TrendsError(cause: "\(warehouse.path): \(Warehouse.describe(error))",
                              category: Warehouse.isWriteFailure(error) ? .cannotWrite : .io)
        }
    }
}

/// The settings of one indicator that the figures depend on.
private struct IndicatorSettings {
    var polarity: Polarity
    var aggregation: Aggregation
    var frequency: PeriodKind
    var target: Double?
}

/// Reads series in key order and writes their figures.
private struct TrendsWriter {
    let db: Database
    private let settings: [String: IndicatorSettings]
    private var stored = StoredValues()
    private var series = TimeSeries(frequency: .quarter)
    private var aggregator = SeriesAggregator()
    private var calculator = TrendCalculator()
    private let insertTrend: Statement
    /// Names of the series by id.
    private var names: [Int64: (indicator: String, orgUnit: String)] = [:]
    private var points = ""
    private(set) var findings: [Finding] = []
    private(set) var seriesCount = 0
    private(set) var pointCount = 0

    init(_ db: Database) throws {
        self.db = db
        var settings: [String: IndicatorSettings] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT indicator, polarity, aggregation, frequency, target FROM indicator_settings") {
            settings[row[0]] = IndicatorSettings(
                polarity: Polarity(name: row[1] as String) ?? .neutral, aggregation: Aggregation(name: row[2] as String) ?? .mean,
                frequency: PeriodKind(name: row[3] as String) ?? .quarter, target: row[4])
        }
        self.settings = settings
        try db.execute(sql: "DELETE FROM trends")
        for row in try Row.fetchAll(db, sql: "SELECT id, indicator, org_unit FROM series") {
            names[row[0]] = (row[1], row[2])
        }
        insertTrend = try db.makeStatement(sql: """
            INSERT INTO trends (indicator, org_unit, frequency, n, first_period, last_period, last_value, mean, median, stdev,
                min, max, change_prev, change_yoy, ols_slope, r_squared, sen_slope, mk_s, mk_tau, mk_z, mk_p, trend, assessment,
                seasonal_sen_slope, seasonal_mk_z, seasonal_mk_p, target, target_gap, cc_centre, cc_lower, cc_upper,
                cc_moving_range, cc_signals, points)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func run() throws {
        // The measurements in key order: each series' values in period order, one pass, no sort.
        let statement = try db.makeStatement(sql: "SELECT series_id, period, value FROM measurements ORDER BY series_id, period")
        let cursor = try Row.fetchCursor(statement)
        var current: Int64?
        while let row = try cursor.next() {
            let seriesID: Int64 = row[0]
            if seriesID != current {
                if let current { try finish(current) }
                current = seriesID
                stored.removeAll()
            }
            let code: Int = row[1]
            guard let period = Period(code: code) else { continue }
            stored.append(period.kind, ordinal: period.ordinal, value: row[2])
        }
        if let current { try finish(current) }
    }

    private mutating func finish(_ seriesID: Int64) throws {
        guard let (indicator, orgUnit) = names[seriesID] else { return }
        let setting = settings[indicator] ?? IndicatorSettings(polarity: .neutral, aggregation: .mean, frequency: .quarter, target: nil)
        let coarser = aggregator.aggregate(stored, to: setting.frequency, by: setting.aggregation, into: &series)
        if !coarser.isEmpty {
            let periods = coarser.map { Period(kind: $0.frequency, ordinal: $0.ordinal).description }
            findings.append(Finding(.coarserThanFrequency, indicator: indicator, orgUnit: orgUnit, details: [
                "count": "\(coarser.count)", "frequency": setting.frequency.name,
                "periods": periods.prefix(5).joined(separator: ", ") + (periods.count > 5 ? ", …" : ""),
            ]))
        }
        guard series.count > 0 else { return }
        let figures = calculator.figures(of: series, polarity: setting.polarity, target: setting.target)
        let chart = ControlChart(values: series.values)
        let kind = setting.frequency
        func period(_ ordinal: Int?) -> String? { ordinal.map { Period(kind: kind, ordinal: $0).description } }
        let signalled = chart?.signals.filter { !$0.isEmpty }.count ?? 0
        insertTrend.setUncheckedArguments([
            indicator, orgUnit, kind.name, figures.count, period(figures.firstOrdinal), period(figures.lastOrdinal),
            figures.lastValue, figures.mean, figures.median, figures.standardDeviation, figures.minimum, figures.maximum,
            figures.changeFromPrevious, figures.changeYearOnYear, figures.olsSlope, figures.rSquared, figures.senSlope,
            figures.mannKendall?.s, figures.mannKendall?.tau, figures.mannKendall?.z, figures.mannKendall?.p,
            figures.trend?.rawValue, figures.assessment.rawValue, figures.seasonalSenSlope, figures.seasonalMannKendall?.z,
            figures.seasonalMannKendall?.p, setting.target, figures.targetGap, chart?.centreLine, chart?.lowerLimit,
            chart?.upperLimit, chart?.averageMovingRange, signalled, pointsJSON(kind: kind, chart: chart),
        ])
        try insertTrend.execute()
        seriesCount += 1
        pointCount += series.count
    }

    /// The series as a JSON array of `[period code, value, signal]`, for charts and the
    /// `trend_points` view.
    private mutating func pointsJSON(kind: PeriodKind, chart: ControlChart?) -> String {
        points.removeAll(keepingCapacity: true)
        points.append("[")
        for index in 0..<series.count {
            if index > 0 { points.append(",") }
            points.append("[")
            points.append(String(Period(kind: kind, ordinal: series.ordinals[index]).code))
            points.append(",")
            points.append(series.values[index].description)
            points.append(",")
            points.append(String(chart?.signals[index].rawValue ?? 0))
            points.append("]")
        }
        points.append("]")
        return points
    }
}
