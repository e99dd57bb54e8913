public import GRDB
import Foundation
public import GevinstCore

/// How far the imports have gone, in four numbers that every change an import or `forget` makes
/// moves: a new version of a file is a new `files` row (no file record is ever deleted, so ids only
/// grow), `forget` makes files not current, and every value or register row that leaves goes to a
/// history (nothing deletes from them, so their rowids only grow). A stage compares it with what it
/// recorded in `stage_state.inputs` to know whether anything new came in since it last ran.
public struct ImportVersion: Codable, Equatable, Sendable {
    /// The newest file record.
    public var lastFile: Int64
    public var currentFiles: Int64
    /// The newest row of `measurement_history`: a value replaced or removed.
    public var lastMeasurementChange: Int64
    /// The newest row of `register_history`.
    public var lastRegisterChange: Int64

    public init(_ db: Database) throws {
        typealias File = FilesTable.Column
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT COALESCE(MAX(\(File.id.quoted)), 0) FROM \(FilesTable.name)),
                   (SELECT COUNT(*) FROM \(FilesTable.name) WHERE \(File.current.quoted) = 1),
                   (SELECT COALESCE(MAX(rowid), 0) FROM \(MeasurementHistoryTable.name)),
                   (SELECT COALESCE(MAX(rowid), 0) FROM \(RegisterHistoryTable.name))
            """)
        lastFile = row?[0] ?? 0
        currentFiles = row?[1] ?? 0
        lastMeasurementChange = row?[2] ?? 0
        lastRegisterChange = row?[3] ?? 0
    }
}

extension StageStateTable {
    /// What `stage` recorded when it last ran: its as_of and the state of its inputs, decoded as
    /// `State` (JSON); nil when it never ran since v10, recorded another shape, or was another gevinst
    /// (then it recomputes).
    public static func recorded<State: Decodable>(_ stage: String, as _: State.Type, _ db: Database) throws -> (asOf: Quarter?, inputs: State)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(Column.asOf.quoted), \(Column.inputs.quoted) FROM \(name) WHERE \(Column.stage.quoted) = ?",
                                         arguments: [stage]),
              let text = row[1] as String?,
              let recorded = try? JSONDecoder().decode(RecordedInputs<State>.self, from: Data(text.utf8)),
              recorded.program == Program.fingerprint else { return nil }
        return ((row[0] as Int?).flatMap(Quarter.init(code:)), recorded.inputs)
    }
}

extension MeasurementsTable {
    /// The series (ids, ascending) that got a value from a file newer than `lastFile` (its
    /// `file_series` pairs), or lost or changed a value after history row `lastChange`.
    public static func seriesChanged(after version: ImportVersion, _ db: Database) throws -> [Int64] {
        typealias History = MeasurementHistoryTable.Column
        typealias Pair = FileSeriesTable.Column
        return try Int64.fetchAll(db, sql: """
            SELECT \(Pair.seriesID.quoted) FROM \(FileSeriesTable.name) WHERE \(Pair.fileID.quoted) > ?
            UNION SELECT \(History.seriesID.quoted) FROM \(MeasurementHistoryTable.name) WHERE rowid > ?
            ORDER BY 1
            """, arguments: [version.lastFile, version.lastMeasurementChange])
    }
}

extension SeriesAsOfTable {
    /// Removes the rows of the series `ids`, before they are computed again.
    public static func remove(_ ids: [Int64], _ db: Database) throws {
        let statement = try db.makeStatement(sql: "DELETE FROM \(name) WHERE \(Column.seriesID.quoted) = ?")
        for id in ids { try statement.execute(arguments: [id]) }
    }

    /// The latest `latest_quarter` (code) of all series; nil when none has one.
    public static func latestQuarter(_ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT MAX(\(Column.latestQuarter.quoted)) FROM \(name)")
    }

    /// The series' first values after the quarter (period codes) and how many each has, in key order.
    public static func futures(_ db: Database) throws -> [(first: Int, count: Int)] {
        let (first, count) = (Column.firstFuture.quoted, Column.futureCount.quoted)
        return try Row.fetchAll(db, sql: "SELECT \(first), \(count) FROM \(name) WHERE \(count) > 0 ORDER BY \(keyOrder)").map { ($0[0], $0[1]) }
    }
}

extension SeriesTable {
    /// Whether a stage should read `changed` series one by one rather than every series in one
    /// pass: while they are fewer than a quarter of the series the warehouse knows.
    public static func fewEnoughToSeek(_ changed: Int, _ db: Database) throws -> Bool {
        changed * 4 < (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(name)") ?? 0)
    }

    /// Series ids as a JSON array, for `json_each(?)`.
    static func jsonList(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

    /// The ids of every series, ascending.
    public static func ids(_ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT \(Column.id.quoted) FROM \(name) ORDER BY 1")
    }

    /// The ids of the series of `indicators`.
    public static func ids(indicators: [String], _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT \(Column.id.quoted) FROM \(name) WHERE \(Column.indicator.quoted) IN (\(Array(repeating: "?", count: indicators.count).joined(separator: ", ")))
            """, arguments: StatementArguments(indicators))
    }
}

extension FindingsTable {
    /// Removes the findings `stage` raised about the series `ids`, before they are computed again,
    /// in one statement, which reads the stage's findings once: deleted series by series, each read
    /// them all (findings are indexed by stage and file).
    public static func removeSeries(_ ids: [Int64], stage: String, _ db: Database) throws {
        typealias Series = SeriesTable.Column
        try db.execute(sql: """
            DELETE FROM \(name) WHERE \(Column.stage.quoted) = ? AND (\(Column.indicator.quoted), \(Column.orgUnit.quoted)) IN (
                SELECT \(Series.indicator.quoted), \(Series.orgUnit.quoted) FROM \(SeriesTable.name)
                WHERE \(Series.id.quoted) IN (SELECT value FROM json_each(?)))
            """, arguments: [stage, SeriesTable.jsonList(ids)])
    }
}

extension TrendsTable {
    /// `ON CONFLICT (key) DO UPDATE` every other column: a series computed again keeps its row.
    public static let replacing = upsert(Column.allCases.filter { !key.contains($0) })

    /// Removes the trends of the series `ids` that run `runID` did not write: those left without a
    /// trend (no value any more) after the others were computed again.
    public static func removeSeries(_ ids: [Int64], except runID: Int64, _ db: Database) throws {
        typealias Series = SeriesTable.Column
        try db.execute(sql: """
            DELETE FROM \(name) WHERE rowid IN (
                SELECT t.rowid FROM \(SeriesTable.name) AS s
                JOIN \(name) AS t ON t.\(Column.indicator.quoted) = s.\(Series.indicator.quoted) AND t.\(Column.orgUnit.quoted) = s.\(Series.orgUnit.quoted)
                WHERE s.\(Series.id.quoted) IN (SELECT value FROM json_each(?)) AND t.\(Column.runID.quoted) IS NOT ?)
            """, arguments: [SeriesTable.jsonList(ids), runID])
    }
}

extension StageStateTable {
    /// The state rows of the compute stages (not the report's), in key order.
    public static func computeStages(_ db: Database) throws -> [(stage: String, runID: Int64, asOf: Quarter?, finishedAt: String)] {
        try Row.fetchAll(db, sql: selectAll("WHERE \(Column.stage.quoted) <> 'report' ORDER BY \(keyOrder)")).map {
            ($0[Column.stage], $0[Column.runID], ($0[Column.asOf] as Int?).flatMap(Quarter.init(code:)), $0[Column.finishedAt])
        }
    }
}

extension FindingsTable {
    /// The findings of `stage` that belong to no file, each as one line of its columns, in key order.
    public static func withoutFile(stage: String, _ db: Database) throws -> [String] {
        let columns: [Column] = [.kind, .severity, .source, .file, .initiative, .relatedInitiative, .indicator, .orgUnit, .quarter, .details]
        let list = columns.map { "COALESCE(\($0.quoted), '')" }.joined(separator: " || ' ' || ")
        return try String.fetchAll(db, sql: """
            SELECT \(list) FROM \(name) WHERE \(Column.stage.quoted) = ? AND \(Column.fileID.quoted) IS NULL ORDER BY 1
            """, arguments: [stage])
    }
}
