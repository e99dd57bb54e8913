public import Foundation
import GRDB
import GevinstConcurrency
public import GevinstCore
public import GevinstWarehouse
public import Logging

/// The trends stage could not read or write the warehouse at `path`.
public struct TrendsError: CategorizedError, Equatable {
    public let path: String
    public let cause: String
    public let category: FailureCategory

    public var description: String { "trends: \(placeText(path, line: nil, column: nil)): \(cause)" }
}

/// Stage 2: indicator trend statistics (SPEC §6). Streams the measurements series by series in
/// key order, builds each series at its indicator's frequency, computes its figures and control
/// chart, and writes the `trends` rows (and so `trend_points`) in one transaction.
///
/// It recomputes only what changed since its last run (`TrendsInputs`): the series that got new,
/// corrected or removed values, and every series of an indicator whose settings changed; with
/// nothing new it writes nothing. `force` recomputes every series.
public enum TrendsStage {
    static let name = "trends"

    public static func run(_ warehouse: Warehouse, pipeline: Pipeline, force: Bool, runID: Int64, now: Date,
                           logger: Logger) throws(TrendsError) -> StageSummary {
        do {
            return try warehouse.database.write { db in
                let settings = try TrendsInputs.settings(db)
                let inputs = TrendsInputs(imports: try ImportVersion(db), settings: settings.mapValues(TrendsInputs.text))
                let recorded = force ? nil : try StageStateTable.recorded(name, as: TrendsInputs.self, db)?.inputs
                guard recorded != inputs else {
                    logger.info("trends unchanged: nothing new since the last run")
                    return StageSummary(stage: name, counts: ["series": 0, "points": 0])
                }
                let changed = try recorded.flatMap { try $0.seriesChanged(to: inputs, db) }
                var writer = try TrendsWriter(db, path: warehouse.path, settings: settings, only: changed, runID: runID)
                try writer.run()
                if changed == nil { try SharedRecords.deleteFindings(stage: name, db) }
                try SharedRecords.insert(writer.findings, stage: name, runID: runID, fileID: nil, db)
                try SharedRecords.recordStage(name, runID: runID, asOf: nil, finishedAt: now, inputs: inputs, db)
                logger.info("trends computed", metadata: ["series": .stringConvertible(writer.seriesCount), "points": .stringConvertible(writer.pointCount),
                                                          "of": "\(changed.map { "\($0.count) changed series" } ?? "all series")"])
                return StageSummary(stage: name, counts: ["series": writer.seriesCount, "points": writer.pointCount],
                                    findings: writer.findings.count)
            }
        } catch {
            throw TrendsError(path: warehouse.path, cause: Warehouse.describe(error),
                              category: Warehouse.isWriteFailure(error) ? .cannotWrite : .io)
        }
    }
}

/// What the trends stage read, as `stage_state.inputs` keeps it: how far the imports had gone and
/// each indicator's effective settings (`IndicatorSettingsView`), which decide the figures.
private struct TrendsInputs: Codable, Equatable {
    var imports: ImportVersion
    /// Polarity, aggregation, frequency and target of each indicator, as text.
    var settings: [String: String]

    /// Every indicator's effective settings.
    static func settings(_ db: Database) throws -> [String: IndicatorSettings] {
        typealias Setting = IndicatorSettingsView.Column
        var settings: [String: IndicatorSettings] = [:]
        for row in try Row.fetchAll(db, sql: IndicatorSettingsView.selectAll()) {
            let standard = IndicatorSettings.standard
            settings[row[Setting.indicator]] = IndicatorSettings(
                polarity: Polarity(name: row[Setting.polarity] as String) ?? standard.polarity,
                aggregation: Aggregation(name: row[Setting.aggregation] as String) ?? standard.aggregation,
                frequency: PeriodKind(name: row[Setting.frequency] as String) ?? standard.frequency, target: row[Setting.target])
        }
        return settings
    }

    static func text(_ setting: IndicatorSettings) -> String {
        "\(setting.polarity.name) \(setting.aggregation.name) \(setting.frequency.name) \(setting.target.map { "\($0)" } ?? "-")"
    }

    /// The series (ids, ascending) whose figures may differ between `self` and `now`; nil when so
    /// many changed that one pass over every series is cheaper than reading them one by one.
    func seriesChanged(to now: TrendsInputs, _ db: Database) throws -> [Int64]? {
        var changed = Set(try MeasurementsTable.seriesChanged(after: imports, db))
        let indicators = Set(settings.keys).union(now.settings.keys).filter { settings[$0] != now.settings[$0] }
        if !indicators.isEmpty {
            changed.formUnion(try SeriesTable.ids(indicators: indicators.sorted(), db))
        }
        guard try SeriesTable.fewEnoughToSeek(changed.count, db) else { return nil }
        let ids = changed.sorted()
        try FindingsTable.removeSeries(ids, stage: TrendsStage.name, db)
        return ids
    }
}

/// Replaces the `trends` table. Three threads share the work (`BENCHMARKS.md`): a reader with a
/// read-only connection of its own streams the measurements in key order and builds each series at
/// its indicator's frequency (`TrendReading`); a second thread computes the figures, the control
/// chart and the points (`TrendComputation`); this one writes the rows through the stage's
/// connection, in series order. The stage writes no table it reads, and a WAL reader never blocks
/// the writer.
private struct TrendsWriter {
    let db: Database
    let path: String
    let settings: [String: IndicatorSettings]
    /// The series to compute (ids, ascending; their findings are gone, their rows are replaced); nil for every series.
    let only: [Int64]?
    /// The run, stored in each row.
    let runID: Int64
    private var insertTrend: TableInsert<TrendsTable>
    private(set) var findings: [Finding] = []
    private(set) var seriesCount = 0
    private(set) var pointCount = 0

    init(_ db: Database, path: String, settings: [String: IndicatorSettings], only: [Int64]?, runID: Int64) throws {
        self.db = db
        self.path = path
        self.settings = settings
        self.only = only
        self.runID = runID
        if only == nil { try TrendsTable.deleteAll(db) }
        // A series computed again keeps its row, updated in place: its page is written once, rather
        // than once for the delete and again at the table's end for the insert. The stage's
        // transaction rolls back on any error, so a batch needs no statement journal.
        insertTrend = try TableInsert(db, conflict: only == nil ? "" : TrendsTable.replacing, keepsFailedBatch: true)
    }

    mutating func run() throws {
        let rows = BoundedQueue<[TrendRow]>(capacity: TrendComputation.batchesQueued)
        let findings = rows.produce(thread: "gevinst.trends.compute") { [path, settings, only] in
            try TrendComputation.run(path: path, settings: settings, only: only, into: rows)
        }
        try rows.consume { batch in try write(batch) }
        self.findings = try findings()
        try insertTrend.finish()
        if let only { try TrendsTable.removeSeries(only, except: runID, db) }
    }

    private mutating func write(_ rows: [TrendRow]) throws {
        for row in rows {
            let figures = row.figures, chart = row.chart, insert = try insertTrend.row()
            try insert.bind(.indicator, row.indicator)
            try insert.bind(.orgUnit, row.orgUnit)
            try insert.bind(.frequency, row.frequency.name)
            try insert.bind(.n, Int64(figures.count))
            try insert.bind(.firstPeriod, row.firstPeriod)
            try insert.bind(.lastPeriod, row.lastPeriod)
            try insert.bind(.lastValue, figures.lastValue)
            try insert.bind(.mean, figures.mean)
            try insert.bind(.median, figures.median)
            try insert.bind(.stdev, figures.standardDeviation)
            try insert.bind(.min, figures.minimum)
            try insert.bind(.max, figures.maximum)
            try insert.bind(.changePrev, figures.changeFromPrevious)
            try insert.bind(.changeYoy, figures.changeYearOnYear)
            try insert.bind(.olsSlope, figures.olsSlope)
            try insert.bind(.rSquared, figures.rSquared)
            try insert.bind(.senSlope, figures.senSlope)
            try insert.bind(.mkS, figures.mannKendall.map { Int64($0.s) })
            try insert.bind(.mkTau, figures.mannKendall?.tau)
            try insert.bind(.mkZ, figures.mannKendall?.z)
            try insert.bind(.mkP, figures.mannKendall?.p)
            try insert.bind(.trend, figures.trend?.rawValue)
            try insert.bind(.assessment, figures.assessment.rawValue)
            try insert.bind(.seasonalSenSlope, figures.seasonalSenSlope)
            try insert.bind(.seasonalMkZ, figures.seasonalMannKendall?.z)
            try insert.bind(.seasonalMkP, figures.seasonalMannKendall?.p)
            try insert.bind(.target, row.target)
            try insert.bind(.targetGap, figures.targetGap)
            try insert.bind(.ccCentre, chart?.centreLine)
            try insert.bind(.ccLower, chart?.lowerLimit)
            try insert.bind(.ccUpper, chart?.upperLimit)
            try insert.bind(.ccMovingRange, chart?.averageMovingRange)
            try insert.bind(.ccSignals, Int64(row.signalled))
            try row.points.withUnsafeBufferPointer { try insert.bind(.points, utf8: $0) }
            try insert.bind(.runID, runID)
            seriesCount += 1
            pointCount += figures.count
        }
    }
}

/// Reads the measurements in key order on a thread of its own, with a read-only connection, and
/// queues each series at its indicator's frequency for `TrendComputation`: every series in one
/// pass, or only the series `only` names, each through its own range of the key. Its outcome is
/// the findings about stored values coarser than their series, in series order.
private enum TrendReading {
    static func read(path: String, settings: [String: IndicatorSettings], only: [Int64]?,
                     into jobs: BoundedQueue<[TrendJob]>) throws -> [Finding] {
        return try Warehouse.openReadOnly(path: path).read { db in
            var reader = SeriesReader(settings: settings, jobs: jobs)
            var order = MeasurementKeyOrder()
            if let only {
                // Each series' name looked up as it comes: the names of all of them cost more than
                // reading a tenth of them.
                let series = try TableCursor<SeriesTable>(db, "WHERE \(SeriesTable.Column.id.quoted) = ?")
                let measurements = try TableCursor<MeasurementsTable>(db, "WHERE \(MeasurementsTable.Column.seriesID.quoted) = ? ORDER BY \(MeasurementsTable.keyOrder)")
                for seriesID in only {
                    try series.restart(binding: seriesID)
                    guard try series.step() else { continue }
                    let name = (indicator: series.text(.indicator), orgUnit: series.text(.orgUnit))
                    try measurements.restart(binding: seriesID)
                    reader.stored.removeAll()
                    while try measurements.step() {
                        try order.check(series: seriesID, period: measurements.int(.period), db)
                        guard let period = Period(code: measurements.int(.period)) else { continue }
                        reader.stored.append(period.kind, ordinal: period.ordinal, value: measurements.double(.value))
                    }
                    try reader.finish(name)
                }
                try reader.flush()
                return reader.findings
            }
            var names: [Int64: (indicator: String, orgUnit: String)] = [:]
            let series = try TableCursor<SeriesTable>(db)
            while try series.step() {
                names[series.int64(.id)] = (series.text(.indicator), series.text(.orgUnit))
            }
            // The measurements in key order: each series' values in period order, one pass, no sort.
            let measurements = try TableCursor<MeasurementsTable>(db, "ORDER BY \(MeasurementsTable.keyOrder)")
            var current: Int64?
            while try measurements.step() {
                let seriesID = measurements.int64(.seriesID)
                try order.check(series: seriesID, period: measurements.int(.period), db)
                if seriesID != current {
                    if let current, let name = names[current] { try reader.finish(name) }
                    current = seriesID
                    reader.stored.removeAll()
                }
                guard let period = Period(code: measurements.int(.period)) else { continue }
                reader.stored.append(period.kind, ordinal: period.ordinal, value: measurements.double(.value))
            }
            if let current, let name = names[current] { try reader.finish(name) }
            try reader.flush()
            return reader.findings
        }
    }

    /// Builds each series at its indicator's frequency and queues it.
    private struct SeriesReader {
        let settings: [String: IndicatorSettings]
        let jobs: BoundedQueue<[TrendJob]>
        var stored = StoredValues()
        var series = TimeSeries(frequency: .quarter)
        var aggregator = SeriesAggregator()
        var findings: [Finding] = []
        /// Series waiting to be queued.
        var batch: [TrendJob] = []

        init(settings: [String: IndicatorSettings], jobs: BoundedQueue<[TrendJob]>) {
            self.settings = settings
            self.jobs = jobs
            batch.reserveCapacity(TrendComputation.batchSize)
        }

        /// Builds the series (its values in `stored`) at its frequency, reports stored values coarser
        /// than it, and queues it.
        mutating func finish(_ name: (indicator: String, orgUnit: String)) throws {
            let (indicator, orgUnit) = name
            let setting = settings[indicator] ?? .standard
            let coarser = aggregator.aggregate(stored, to: setting.frequency, by: setting.aggregation, into: &series)
            if !coarser.isEmpty {
                let periods = coarser.map { Period(kind: $0.frequency, ordinal: $0.ordinal).description }
                findings.append(Finding(.coarserThanFrequency, indicator: indicator, orgUnit: orgUnit, details: [
                    "count": "\(coarser.count)", "frequency": setting.frequency.name,
                    "periods": periods.prefix(5).joined(separator: ", ") + (periods.count > 5 ? ", …" : ""),
                ]))
            }
            guard series.count > 0 else { return }
            batch.append(TrendJob(indicator: indicator, orgUnit: orgUnit, settings: setting, series: series))
            if batch.count == TrendComputation.batchSize { try flush() }
        }

        mutating func flush() throws {
            guard !batch.isEmpty else { return }
            try jobs.send(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }
}

/// One series to compute, at its indicator's frequency.
private struct TrendJob: Sendable {
    var indicator: String
    var orgUnit: String
    var settings: IndicatorSettings
    var series: TimeSeries
}

/// The computed row of one series, ready to bind.
private struct TrendRow: Sendable {
    var indicator: String
    var orgUnit: String
    var frequency: PeriodKind
    var target: Double?
    var figures: TrendFigures
    var chart: ControlChart?
    /// Period codes.
    var firstPeriod: Int64?
    var lastPeriod: Int64?
    /// Points with a signal.
    var signalled: Int
    /// The series as a JSON array of `[period code, value, signal]`, UTF-8.
    var points: [UInt8]
}

/// The figures of queued series, computed in order on a thread of its own: batches of series come
/// from `TrendReading` on a thread it starts, and their rows go out in the same order.
private enum TrendComputation {
    static let batchSize = 256
    static let batchesQueued = 4

    /// Reads the series through `TrendReading`, computes them and sends their rows; the findings
    /// of the reading.
    static func run(path: String, settings: [String: IndicatorSettings], only: [Int64]?,
                    into rows: BoundedQueue<[TrendRow]>) throws -> [Finding] {
        let jobs = BoundedQueue<[TrendJob]>(capacity: batchesQueued)
        let findings = jobs.produce(thread: "gevinst.trends.read") {
            try TrendReading.read(path: path, settings: settings, only: only, into: jobs)
        }
        var calculator = TrendCalculator()
        var points: [UInt8] = []
        try jobs.consume { batch in
            var computed: [TrendRow] = []
            computed.reserveCapacity(batch.count)
            for job in batch {
                computed.append(compute(job, &calculator, &points))
            }
            try rows.send(computed)
        }
        return try findings()
    }

    private static func compute(_ job: TrendJob, _ calculator: inout TrendCalculator, _ points: inout [UInt8]) -> TrendRow {
        let series = job.series, setting = job.settings, kind = setting.frequency
        let figures = calculator.figures(of: series, polarity: setting.polarity, target: setting.target)
        let chart = ControlChart(values: series.values)
        func period(_ ordinal: Int?) -> Int64? { ordinal.map { Int64(Period(kind: kind, ordinal: $0).code) } }
        let signalled = chart?.signals.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } ?? 0
        pointsJSON(series, kind: kind, chart: chart, into: &points)
        return TrendRow(indicator: job.indicator, orgUnit: job.orgUnit, frequency: kind, target: setting.target, figures: figures,
                        chart: chart, firstPeriod: period(figures.firstOrdinal), lastPeriod: period(figures.lastOrdinal),
                        signalled: signalled, points: points)
    }

    /// The series as a JSON array of `[period code, value, signal]`, for charts and the
    /// `trend_points` view; values as `Double.description` writes them.
    private static func pointsJSON(_ series: TimeSeries, kind: PeriodKind, chart: ControlChart?, into points: inout [UInt8]) {
        points.removeAll(keepingCapacity: true)
        points.append(UInt8(ascii: "["))
        for index in 0..<series.count {
            if index > 0 { points.append(UInt8(ascii: ",")) }
            points.append(UInt8(ascii: "["))
            appendDecimal(Period(kind: kind, ordinal: series.ordinals[index]).code, to: &points)
            points.append(UInt8(ascii: ","))
            points.append(contentsOf: series.values[index].description.utf8)
            points.append(UInt8(ascii: ","))
            appendDecimal(Int(chart?.signals[index].rawValue ?? 0), to: &points)
            points.append(UInt8(ascii: "]"))
        }
        points.append(UInt8(ascii: "]"))
    }

    /// Appends `value` in decimal, as `String(value)` writes it: the digits from the last, then
    /// reversed in place.
    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var magnitude = value.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes.withUnsafeMutableBufferPointer { digits in
            var low = start, high = digits.count - 1
            while low < high {
                digits.swapAt(low, high)
                low += 1
                high -= 1
            }
        }
    }
}
