import Foundation
import GRDB
public import GevinstCore
import GevinstWarehouse

/// What `gevinst status` shows: recent runs, imported files and table counts, read without
/// taking the lock (WAL lets it read while a run writes).
public struct WarehouseStatus: Sendable {
    public struct RunLine: Sendable {
        public var id: Int64
        public var stages, startedAt, outcome: String
        public var endedAt, asOf, message: String?
    }

    public struct FileLine: Sendable {
        public var source, path, sha256, importedAt: String
        public var loaded, missing, rejected: Int
    }

    public var warehouse: String
    public var runs: [RunLine]
    public var files: [FileLine]
    /// Table name → row count.
    public var counts: [(table: String, rows: Int)]

    /// The tables whose row counts `status` shows, in its order.
    static var countedTables: [any WarehouseTable.Type] {
        [
            IndicatorsTable.self, InitiativesTable.self, GainPlansTable.self, GainsReportedTable.self, GainLinksTable.self,
            SeriesTable.self, MeasurementsTable.self, MeasurementHistoryTable.self, RejectsTable.self, FindingsTable.self,
            TrendsTable.self, GainsQuarterlyTable.self,
        ]
    }

    /// Reads the status of the pipeline's warehouse.
    public static func read(_ pipeline: Pipeline, runs limit: Int = 10) throws(RunnerError) -> WarehouseStatus {
        do {
            let warehouse = try Warehouse(path: pipeline.warehouse, readOnly: true)
            return try warehouse.database.read { db in
                typealias Run = RunsTable.Column
                let runs = try Row.fetchAll(db, sql: RunsTable.selectAll("ORDER BY \(Run.id.quoted) DESC LIMIT ?"), arguments: [limit]).map {
                    RunLine(id: $0[Run.id], stages: $0[Run.stages], startedAt: $0[Run.startedAt],
                            outcome: outcome($0[Run.outcome], pid: $0[Run.pid]), endedAt: $0[Run.endedAt],
                            asOf: ($0[Run.asOf] as Int?).flatMap(Quarter.init(code:))?.description, message: $0[Run.message])
                }
                typealias File = FilesTable.Column
                let files = try Row.fetchAll(db, sql: FilesTable.selectAll("""
                    WHERE \(File.current.quoted) = 1 ORDER BY \(File.source.quoted), \(File.path.quoted)
                    """)).map {
                    FileLine(source: $0[File.source], path: $0[File.path], sha256: $0[File.sha256], importedAt: $0[File.importedAt],
                             loaded: $0[File.rowsLoaded], missing: $0[File.rowsMissing], rejected: $0[File.rowsRejected])
                }
                var counts: [(String, Int)] = []
                for table in countedTables {
                    counts.append((table.name, try table.count(db)))
                }
                return WarehouseStatus(warehouse: pipeline.relativePath(pipeline.warehouse), runs: runs, files: files, counts: counts)
            }
        } catch let error as WarehouseError {
            throw RunnerError(stage: "status", cause: error.description,
                               category: error.category == .cannotWrite ? .inputMissing : error.category)
        } catch {
            throw RunnerError(stage: "status", cause: "\(pipeline.warehouse): \(Warehouse.describe(error))", category: .io)
        }
    }

    /// A run recorded as running whose process is gone was killed: the next run will mark it
    /// `interrupted`, and status says so already (for a process on this machine).
    private static func outcome(_ recorded: String, pid: Int32) -> String {
        guard recorded == "running", kill(pid, 0) != 0, errno == ESRCH else { return recorded }
        return "interrupted"
    }
}
