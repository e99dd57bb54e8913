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

    /// Reads the status of the pipeline's warehouse.
    public static func read(_ pipeline: Pipeline, runs limit: Int = 10) throws(StageFailure) -> WarehouseStatus {
        do {
            let warehouse = try Warehouse(path: pipeline.warehouse, readOnly: true)
            return try warehouse.database.read { db in
                typealias Run = RunsTable.Column
                let runs = try Row.fetchAll(db, sql: RunsTable.selectAll("ORDER BY \(Run.id.quoted) DESC LIMIT ?"), arguments: [limit]).map {
                    RunLine(id: $0[Run.id], stages: $0[Run.stages], startedAt: $0[Run.startedAt],
                            outcome: outcome($0[Run.outcome], pid: $0[Run.pid]), endedAt: $0[Run.endedAt],
                            asOf: ($0[Run.asOf] as Int?).flatMap(Quarter.init(code:))?.description, message: $0[Run.message])
                }
                let files = try Row.fetchAll(db, sql: """
                    SELECT * FROM files WHERE current = 1 ORDER BY source, path
                    """).map {
                    FileLine(source: $0["source"], path: $0["path"], sha256: $0["sha256"], importedAt: $0["imported_at"],
                             loaded: $0["rows_loaded"], missing: $0["rows_missing"], rejected: $0["rows_rejected"])
                }
                var counts: [(String, Int)] = []
                for table in ["indicators", "initiatives", "gain_plans", "gains_reported", "gain_links", "series", "measurements",
                              "measurement_history", "rejects", "findings", "trends", "gains_quarterly"] {
                    counts.append((table, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0))
                }
                return WarehouseStatus(warehouse: pipeline.relativePath(pipeline.warehouse), runs: runs, files: files, counts: counts)
            }
        } catch let error as WarehouseError {
            throw StageFailure(stage: "status", cause: error.description,
                               category: error.isDamaged ? .io : error.category == .data ? .data : .inputMissing)
        } catch {
            throw StageFailure(stage: "status", cause: "\(pipeline.warehouse): \(Warehouse.describe(error))", category: .io)
        }
    }

    /// A run recorded as running whose process is gone was killed: the next run will mark it
    /// `interrupted`, and status says so already (for a process on this machine).
    private static func outcome(_ recorded: String, pid: Int32) -> String {
        guard recorded == "running", kill(pid, 0) != 0, errno == ESRCH else { return recorded }
        return "interrupted"
    }
}
