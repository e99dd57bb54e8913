import GRDB
import GevinstCore
import GevinstWarehouse

// Measurements of one file (SPEC §5) are imported in two halves that meet in a stream of
// `MeasurementOp`s, so that reading and writing can run on two threads (`MeasurementPipeline`):
//
// - `MeasurementChecks` (reading side, no database) checks each period against its indicator's
//   frequency, registers indicators no catalogue lists, numbers the file's series, and tells a key
//   this file cannot have had before (its period is later than every period of its series so far
//   in the file — the common case in exports) from one it may have had;
// - `MeasurementWriter` (writing side) stores them: new keys many rows to a statement, others one
//   at a time with the duplicate check. Keyed by (indicator, org_unit, period): a second row with the
//   same key in the same file collapses when the value is equal and is rejected when it differs; a
//   newer file's value replaces an older one, which a trigger keeps in history.

/// What the reading side hands the writing side, in file order.
enum MeasurementOp {
    /// A measurement whose key this file has not had before.
    case new(series: Int32, period: Int32, value: Double)
    /// A measurement whose key this file may have had before.
    case repeated(series: Int32, period: Int32, value: Double, RowContext)
    /// Names the file's next series (numbered from 0 in order of appearance).
    case series(indicator: String, orgUnit: String)
    /// A row whose required number is a missing-value token.
    case missing
    /// A row rejected by the reading side.
    case rejected(RowContext)
}

/// What a reject needs from its row: where it was, its text, why (or, for a repeated key, how to
/// name the key), and the indicator and period its warning names.
final class RowContext: Sendable {
    let problem: RowProblem?
    let line: Int?
    let column: Int?
    let text: String
    /// `indicator org_unit period`, for a repeated key.
    let key: String
    let place: RejectPlace

    init(problem: RowProblem?, line: Int?, column: Int?, text: String, key: String = "", place: RejectPlace) {
        self.problem = problem
        self.line = line
        self.column = column
        self.text = text
        self.key = key
        self.place = place
    }
}

/// The reading side: frequency checks, registered indicators, and the file's series.
struct MeasurementChecks {
    /// Effective frequency of every indicator known before this file, and of those it registered.
    private var frequencies: [String: PeriodKind]
    /// Indicators no catalogue lists, with the coarsest period kind seen for them.
    private(set) var registered: [String: PeriodKind]
    /// Registered indicators that this file names.
    private(set) var registeredHere: Set<String> = []
    /// The last indicator checked and its frequency: a row of it at that kind or finer needs no check.
    private var lastIndicator: (name: String, frequency: PeriodKind)?
    /// The file's series by key, numbered in order of appearance.
    private var seriesIndex: [SeriesKey: Int32] = [:]
    /// Per series: the latest period code this file has given it.
    private var latestPeriod: [Int32] = []
    /// The last series seen: consecutive rows mostly share it.
    private var lastSeries: (key: SeriesKey, index: Int32)?

    private struct SeriesKey: Hashable {
        var indicator: String
        var orgUnit: String
    }

    /// Reads the effective frequencies of the indicators the warehouse knows.
    init(_ db: Database) throws {
        var frequencies: [String: PeriodKind] = [:]
        var registered: [String: PeriodKind] = [:]
        for row in try IndicatorSettingsView.frequencies(db) {
            let frequency = PeriodKind(name: row.frequency) ?? IndicatorSettings.standard.frequency
            if !row.inCatalogue, row.origin == "measurements" {
                registered[row.indicator] = frequency
            }
            frequencies[row.indicator] = frequency
        }
        self.frequencies = frequencies
        self.registered = registered
    }

    /// A ledger (SAF-T) indicator: its defaults were just declared, and its frequency is `frequency`.
    mutating func declareLedgerIndicator(_ indicator: String, frequency: PeriodKind) {
        registered[indicator] = nil
        frequencies[indicator] = frequency
        if lastIndicator?.name == indicator { lastIndicator = nil }
    }

    /// Turns a measurement into its op: a reject when its period is coarser than its indicator's
    /// frequency, else a new or repeated key, preceded by the series' name when it is new.
    /// `text` is called only for a reject or a repeated key.
    mutating func ops(for row: MeasurementRow, line: Int?, column: Int?, text: () -> String,
                      _ emit: (MeasurementOp) throws -> Void) throws {
        if let last = lastIndicator, last.name == row.indicator, row.period.kind <= last.frequency {
            // The common case: the same indicator as the row before, at a fine enough period.
        } else if let problem = checkFrequency(row) {
            try emit(.rejected(RowContext(problem: problem, line: line, column: column, text: text(),
                                          place: RejectPlace(owner: row.indicator, period: row.period))))
            return
        }
        let series: Int32
        if let last = lastSeries, last.key.indicator == row.indicator, last.key.orgUnit == row.orgUnit {
            series = last.index
        } else {
            let key = SeriesKey(indicator: row.indicator, orgUnit: row.orgUnit)
            if let index = seriesIndex[key] {
                series = index
            } else {
                series = Int32(latestPeriod.count)
                seriesIndex[key] = series
                latestPeriod.append(Int32.min)
                try emit(.series(indicator: row.indicator, orgUnit: row.orgUnit))
            }
            lastSeries = (key, series)
        }
        let code = Int32(row.period.code)
        if code > latestPeriod[Int(series)] {
            latestPeriod[Int(series)] = code
            try emit(.new(series: series, period: code, value: row.value))
        } else {
            try emit(.repeated(series: series, period: code, value: row.value, RowContext(
                problem: nil, line: line, column: column, text: text(), key: "\(row.indicator) \(row.orgUnit) \(row.period)",
                place: RejectPlace(owner: row.indicator, period: row.period))))
        }
    }

    /// Checks a row's period against its indicator's frequency, registering indicators no
    /// catalogue lists (their frequency is the coarsest period kind seen).
    private mutating func checkFrequency(_ row: MeasurementRow) -> RowProblem? {
        defer { lastIndicator = frequencies[row.indicator].map { (row.indicator, $0) } }
        if let frequency = frequencies[row.indicator] {
            if row.period.kind > frequency {
                if let seen = registered[row.indicator] {
                    // An indicator this import registered takes the coarsest period kind seen.
                    registered[row.indicator] = max(seen, row.period.kind)
                    frequencies[row.indicator] = max(seen, row.period.kind)
                } else {
                    return RowProblem(.coarserThanFrequency, field: "period", reason: "\(row.period) is a \(row.period.kind.name), coarser than the \(frequency.name)ly frequency of \(row.indicator)")
                }
            }
        } else {
            registered[row.indicator] = row.period.kind
            frequencies[row.indicator] = row.period.kind
        }
        if registered[row.indicator] != nil, !registeredHere.contains(row.indicator) { registeredHere.insert(row.indicator) }
        return nil
    }
}

/// The writing side: series rows, measurements, and the duplicate check.
struct MeasurementWriter {
    /// Rows a multi-row statement writes: one statement costs about as much as several rows, so
    /// this more than doubles the rows a second SQLite stores (`BENCHMARKS.md`).
    static let batchSize = 32

    let db: Database
    let fileID: Int64
    let source: String
    let relativePath: String
    /// The warehouse id of each of the file's series, by the checks' numbering.
    private var seriesIDs: [Int64] = []
    /// Whether each series existed before this file: its new rows go between stored ones.
    private var seriesExisted: [Bool] = []
    private let upsertOne: RawStatement
    private let upsertBatch: RawStatement
    private let lookup: Statement
    private let insertSeries: RawStatement
    private let selectSeries: RawStatement
    /// Records that this file stores values of a series (`file_series`), binding the series id.
    private let insertPair: RawStatement
    /// Rows of new keys waiting for `upsertBatch`.
    private var batch: [(series: Int64, period: Int32, value: Double)] = []
    /// The file's series (checks' numbering) of the last row in `batch`.
    private var batchSeries: Int32 = -1
    private(set) var collapsed = 0

    init(db: Database, fileID: Int64, source: String, relativePath: String) throws {
        self.db = db
        self.fileID = fileID
        self.source = source
        self.relativePath = relativePath
        // The rows bind series id, period and value, in that order (parameters 1, 2, 3 of a row).
        upsertOne = try RawStatement(db, sql: MeasurementsTable.upsertSQL(rows: 1, fileID: fileID))
        upsertBatch = try RawStatement(db, sql: MeasurementsTable.upsertSQL(rows: Self.batchSize, fileID: fileID))
        lookup = try db.makeStatement(sql: MeasurementsTable.valueSQL)
        insertSeries = try RawStatement(db, sql: SeriesTable.insertSQL([.indicator, .orgUnit], conflict: "ON CONFLICT DO NOTHING"))
        selectSeries = try RawStatement(db, sql: SeriesTable.idSQL)
        insertPair = try RawStatement(db, sql: FileSeriesTable.insertSQL(fileID: fileID))
        batch.reserveCapacity(Self.batchSize)
    }

    /// Declares the defaults of indicators an accounting source feeds (SAF-T: monthly; KOSTRA: the
    /// coarsest period kind its files gave): aggregation sum, `origin` the format. A catalogue
    /// entry's own values win through the `indicator_settings` view. Returns the effective frequency.
    func declareLedgerIndicator(_ indicator: String, frequency: PeriodKind, origin: SourceFormat) throws -> PeriodKind {
        try IndicatorDefaultsTable.declareSum(indicator: indicator, frequency: frequency.name, origin: origin.name, db)
        return try IndicatorSettingsView.frequency(of: indicator, db).flatMap { PeriodKind(name: $0) } ?? frequency
    }

    /// Finds or creates the warehouse series of the file's next series, and records that the file
    /// stores values of it: each series the reading side names gets at least one row.
    mutating func addSeries(indicator: String, orgUnit: String) throws {
        try insertSeries.bind(1, indicator)
        try insertSeries.bind(2, orgUnit)
        try insertSeries.run()
        let id: Int64
        let existed = db.changesCount != 1
        if !existed {
            id = db.lastInsertedRowID
        } else {
            try selectSeries.bind(1, indicator)
            try selectSeries.bind(2, orgUnit)
            defer { selectSeries.reset() }
            guard try selectSeries.step() else {
                throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "series \(indicator) \(orgUnit) vanished")
            }
            id = selectSeries.int64(0)
        }
        seriesIDs.append(id)
        seriesExisted.append(existed)
        try insertPair.bind(1, id)
        try insertPair.run()
    }

    /// Stores a measurement whose key this file has not had: it inserts a row or replaces one of
    /// an earlier file, so it needs no check afterwards.
    ///
    /// A batch holds rows of one series that existed before the file: a night's new quarter, a row
    /// for each of many stored series, would make each statement touch a page per row, and a
    /// statement touching more than about 15 pages makes SQLite journal it in a temporary file, then
    /// every later statement of the transaction (`BENCHMARKS.md`). Rows of series new to the
    /// warehouse go after every stored row, and are batched across series.
    mutating func writeNew(series: Int32, period: Int32, value: Double) throws {
        if series != batchSeries, seriesExisted[Int(series)] || (batchSeries >= 0 && seriesExisted[Int(batchSeries)]) { try flush() }
        batchSeries = series
        batch.append((seriesIDs[Int(series)], period, value))
        if batch.count == Self.batchSize { try flush() }
    }

    /// Stores a measurement whose key this file may have had; returns a problem when the row must
    /// be rejected (the same key earlier in the file with another value).
    mutating func writeRepeated(series: Int32, period: Int32, value: Double, key: String) throws -> RowProblem? {
        try flush()
        let seriesID = seriesIDs[Int(series)]
        try upsertOne.bind(1, seriesID)
        try upsertOne.bind(2, Int64(period))
        try upsertOne.bind(3, value)
        try upsertOne.run()
        if db.changesCount == 0 {
            // Same key earlier in this file.
            lookup.setUncheckedArguments([seriesID, Int64(period)])
            let earlier = try Double.fetchOne(lookup) ?? .nan
            if earlier == value {
                collapsed += 1
                return nil
            }
            return RowProblem(.conflictingValue, field: "value", reason: "\(key) appears earlier in this file with another value (\(earlier))")
        }
        return nil
    }

    /// Writes the waiting rows: a full batch with one statement, a partial one row by row.
    mutating func flush() throws {
        guard !batch.isEmpty else { return }
        if batch.count == Self.batchSize {
            var index: Int32 = 1
            for row in batch {
                try upsertBatch.bind(index, row.series)
                try upsertBatch.bind(index + 1, Int64(row.period))
                try upsertBatch.bind(index + 2, row.value)
                index += 3
            }
            try upsertBatch.run()
            // Every row is a key new to this file: each inserts or replaces a row.
            guard db.changesCount == batch.count else {
                throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "a batch of new keys changed \(db.changesCount) of \(batch.count) rows")
            }
        } else {
            for row in batch {
                try upsertOne.bind(1, row.series)
                try upsertOne.bind(2, Int64(row.period))
                try upsertOne.bind(3, row.value)
                try upsertOne.run()
            }
        }
        batch.removeAll(keepingCapacity: true)
    }

    /// The upsert of a registered indicator's defaults: a coarser frequency than the one recorded
    /// replaces it, while the indicator is still registered by measurements.
    private static let coarserFrequencyWins: String = {
        typealias Default = IndicatorDefaultsTable.Column
        let (frequency, origin) = (Default.frequency.quoted, Default.origin.quoted)
        func rank(_ column: String) -> String {
            "(CASE \(column) WHEN '\(PeriodKind.year.name)' THEN 2 WHEN '\(PeriodKind.quarter.name)' THEN 1 ELSE 0 END)"
        }
        return IndicatorDefaultsTable.upsert([.frequency], custom: [.frequency: """
            \(frequency) = CASE WHEN \(origin) = 'measurements' AND \(rank("excluded.\(frequency)")) > \(rank(frequency))
                THEN excluded.\(frequency) ELSE \(frequency) END
            """])
    }()

    /// Writes what waits, registers the indicators the file named that no catalogue lists, and
    /// returns a finding for each.
    mutating func finish(_ checks: MeasurementChecks) throws -> [Finding] {
        try flush()
        var findings: [Finding] = []
        for indicator in checks.registeredHere.sorted() {
            let frequency = checks.registered[indicator]!
            try IndicatorDefaultsTable.insert(db, [.indicator: indicator, .aggregation: "mean", .frequency: frequency.name,
                                                   .origin: "measurements"], conflict: Self.coarserFrequencyWins)
            findings.append(Finding(.indicatorRegistered, source: source, file: relativePath, indicator: indicator,
                                    details: ["frequency": frequency.name]))
        }
        return findings
    }
}
