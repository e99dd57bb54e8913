import CSystemCalls
import Foundation
import GRDB
public import GevinstCore
import GevinstGains
public import GevinstImport
import GevinstPublish
import GevinstReport
import GevinstTrends
import GevinstWarehouse
public import Logging
import Synchronization

/// The stages, in the order a full run takes them; `publish` runs only when the pipeline has `publish:`.
public enum Stage: String, CaseIterable, Sendable {
    case `import`, trends, gains, report, publish
}

/// How a run should go.
public struct RunOptions: Sendable {
    public var stages: [Stage]
    public var asOf: Quarter?
    public var force: Bool
    /// Seconds to wait for the warehouse lock; nil fails at once when it is held.
    public var wait: Double?
    /// Rejected rows and warning findings fail the run (exit 65).
    public var strict: Bool
    /// Read everything, write nothing: import into a scratch warehouse in a temporary folder that
    /// is removed afterwards.
    public var validateOnly: Bool
    /// `gevinst forget`: instead of the stages, remove what one path of one source stored.
    public var forget: (source: String, path: String)?

    public init(stages: [Stage], asOf: Quarter? = nil, force: Bool = false, wait: Double? = nil, strict: Bool = false,
                validateOnly: Bool = false, forget: (source: String, path: String)? = nil) {
        self.forget = forget
        self.stages = stages
        self.asOf = asOf
        self.force = force
        self.wait = wait
        self.strict = strict
        self.validateOnly = validateOnly
    }
}

/// What a run did, and how it ended.
public struct RunResult: Sendable {
    public var runID: Int64?
    public var summaries: [StageSummary] = []
    /// Problems that failed files or stages, in the order they happened.
    public var failures: [any CategorizedError & Sendable] = []
    /// The category that decides the exit code; nil for success.
    public var failure: FailureCategory?
    /// `validate` only: the first rejected rows as `file:line[:column]: field: reason`.
    public var rejectLines: [String] = []
    /// What the warehouse holds that a reader must know about after the run; nil when it could not be read.
    public var current: CurrentProblems?
    /// `--strict` failed the run on `current`, and its failure already says so.
    public var failedStrict = false
}

/// Rejects of current files and warning findings of compute stages and current files: what
/// `--strict` fails on, night after night, until the inputs are fixed.
public struct CurrentProblems: Sendable, Equatable {
    public var rejectedRows = 0
    /// Warning findings, failed files and rejected rows among them.
    public var warnings = 0
    public var failedFiles = 0

    public var isEmpty: Bool { rejectedRows == 0 && warnings == 0 }

    /// `2 row(s) rejected, 1 file(s) failed, 3 warning finding(s)`.
    public var description: String {
        var parts: [String] = []
        if rejectedRows > 0 { parts.append("\(rejectedRows) row(s) rejected") }
        if failedFiles > 0 { parts.append("\(failedFiles) file(s) failed") }
        if warnings > 0 { parts.append("\(warnings) warning finding(s)") }
        return parts.joined(separator: ", ")
    }

    static func read(_ warehouse: Warehouse) throws -> CurrentProblems {
        try warehouse.database.read { db in
            let warnings = try FindingsTable.currentWarnings(db)
            return CurrentProblems(rejectedRows: try RejectsTable.currentCount(db), warnings: warnings.warnings,
                                   failedFiles: warnings.failedFiles)
        }
    }
}

/// Runs stages of a pipeline in order under the warehouse lock, with a run record.
public enum PipelineRunner {
    /// The warehouse of the run in progress, whose statements a stop request interrupts.
    private static let working = Mutex<DatabaseQueue?>(nil)

    /// Asks the run in progress to stop (SIGINT, SIGTERM): records the signal, then interrupts the
    /// warehouse's statements until the run lets go of it, so that the transaction in progress
    /// rolls back at once rather than after its file. Returns false for a second signal.
    @discardableResult
    public static func stop(signal: Int32) -> Bool {
        guard Interruption.request(signal) else { return false }
        Thread.detachNewThread {
            while working.withLock({ database in database?.interrupt(); return database != nil }) {
                usleep(20_000)
            }
        }
        return true
    }

    public static func run(_ pipeline: Pipeline, options: RunOptions, logger: Logger,
                           progress: (@Sendable (ImportProgress) -> Void)? = nil) -> RunResult {
        // Peak memory stays flat (≤ 64 MB at 16× input, `BENCHMARKS.md`) only when big blocks are returned.
        gevinst_map_large_allocations()
        var result = RunResult()
        let startedAt = Date()
        if let shortage = descriptorShortage() {
            result.failures.append(RunnerError(stage: nil, cause: shortage, category: .io))
            result.failure = .io
            return result
        }
        let lock: WarehouseLock?
        let warehouse: Warehouse
        var scratchDirectory: String?
        defer { if let scratchDirectory { try? FileManager.default.removeItem(atPath: scratchDirectory) } }
        do {
            if options.validateOnly {
                lock = nil
                let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-validate-\(getpid())-\(UUID().uuidString)")
                scratchDirectory = scratch.path
                warehouse = try Warehouse(path: scratch.appendingPathComponent("scratch.sqlite").path)
            } else {
                lock = try WarehouseLock(warehouse: pipeline.warehouse, wait: options.wait, startedAt: startedAt)
                warehouse = try Warehouse(path: pipeline.warehouse)
            }
        } catch let error as RunnerError {
            result.failures.append(error)
            result.failure = error.category
            return result
        } catch let error as WarehouseError {
            let failure = RunnerError(stage: nil, cause: error.description, category: error.category)
            result.failures.append(failure)
            result.failure = error.category
            return result
        } catch {
            result.failures.append(RunnerError(stage: nil, cause: "\(error)", category: .internal))
            result.failure = .internal
            return result
        }
        defer { withExtendedLifetime(lock) {} }
        working.withLock { $0 = warehouse.database }
        let identity = options.validateOnly ? nil : fileIdentity(pipeline.warehouse)

        let stages = options.stages.filter { $0 != .publish || pipeline.publish != nil }
        let runID: Int64
        do {
            runID = try warehouse.database.write { db in
                // Holding the lock, any run still marked running was killed before it could finish.
                try RunsTable.markInterrupted(db)
                return try SharedRecords.startRun(db, pipeline: pipeline.name, stages: options.forget == nil ? stages.map(\.rawValue) : ["forget"],
                                                  startedAt: startedAt)
            }
        } catch {
            let failure = RunnerError(stage: nil, cause: "cannot record the run in \(warehouse.path): \(Warehouse.describe(error))",
                                       category: Warehouse.isWriteFailure(error) ? .cannotWrite : .io)
            result.failures.append(failure)
            result.failure = failure.category
            return result
        }
        result.runID = runID
        var logger = logger
        logger[metadataKey: "run"] = .stringConvertible(runID)

        if let forget = options.forget {
            do {
                let summary = try ImportStage.forget(warehouse, pipeline: pipeline, source: forget.source, path: forget.path)
                logger.info("forgotten", metadata: ["source": "\(forget.source)", "file": "\(forget.path)",
                                                    "rows": .stringConvertible(summary.counts["rows_removed"] ?? 0)])
                result.summaries.append(summary)
            } catch {
                result.failures.append(error)
                result.failure = error.category
            }
        }
        for stage in stages where !Interruption.isRequested {
            var stageLogger = logger
            stageLogger[metadataKey: "stage"] = "\(stage.rawValue)"
            do {
                let summary = try runStage(stage, warehouse: warehouse, pipeline: pipeline, options: options, runID: runID,
                                           logger: stageLogger, progress: progress, result: &result)
                result.summaries.append(summary)
                // The next stage starts from the memory a stage left: its threads' freed heap is given back.
                gevinst_release_free_memory()
            } catch let error as any CategorizedError & Sendable {
                stageLogger.error("\(error.description)")
                result.failures.append(error)
                result.failure = result.failure ?? error.category
                break
            } catch {
                result.failures.append(RunnerError(stage: stage.rawValue, cause: "\(error)", category: .internal))
                result.failure = result.failure ?? .internal
                break
            }
            if stage == .import, !result.failures.isEmpty, options.stages.count > 1 {
                // Files failed, but the rest was imported: the later stages still run on it.
                stageLogger.warning("\(result.failures.count) file(s) failed; the other stages run on what was imported")
            }
        }
        // From here on the run's own records must not be interrupted.
        working.withLock { $0 = nil }
        if !options.validateOnly, identity == nil || fileIdentity(pipeline.warehouse) != identity {
            // Deleted or replaced while the run worked (already while it was opened and migrated, when
            // `identity` is nil): what it wrote went to a file no one will open.
            result.failures.insert(RunnerError(stage: nil, cause: "the warehouse \(pipeline.relativePath(pipeline.warehouse)) was deleted or replaced "
                                                + "while the run worked; its work is lost — run again", category: .io), at: 0)
            result.failure = .io
        }
        if Interruption.isRequested {
            let failure = RunnerError(stage: nil, cause: "stopped by signal \(Interruption.signal) (\(Interruption.signal == SIGINT ? "SIGINT" : "SIGTERM")); "
                                       + "the file in progress was rolled back", category: .interrupted)
            result.failures.insert(failure, at: 0)
            result.failure = .interrupted
        }
        result.current = try? CurrentProblems.read(warehouse)
        if result.failure == nil, options.strict, let current = result.current, !current.isEmpty {
            // Sticky: what the warehouse still holds fails the run, not only what this run raised.
            let place = options.validateOnly ? "listed above" : "see rejects.csv and findings.csv in \(pipeline.relativePath(pipeline.reports.dir))/"
            result.failures.append(RunnerError(stage: nil, cause: "--strict: the warehouse holds \(current.description) of current inputs and stages (\(place))",
                                                category: .data))
            result.failure = .data
            result.failedStrict = true
        }
        if options.validateOnly {
            for problem in OutputPaths.problems(pipeline) where result.failure == nil || result.failure == .data {
                result.failures.append(problem)
                result.failure = result.failure ?? problem.category
            }
            result.rejectLines = (try? firstRejects(warehouse)) ?? []
        }
        finishRun(warehouse, runID: runID, result: result, logger: logger)
        return result
    }

    /// File descriptors a run may hold at once (warehouse and its journal twice over, the lock, an
    /// input, report files), with room to spare.
    static let descriptorsNeeded = 32

    /// Why a run cannot start for want of file descriptors (a low `ulimit -n`), or nil. Checked
    /// first, so that the shortage is named as such (74) instead of failing whichever open comes first.
    private static func descriptorShortage() -> String? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < 1 << 40 else { return nil }   // 1 << 40: unlimited
        var open = 0
        if let directory = opendir("/proc/self/fd") {
            while readdir(directory) != nil { open += 1 }
            closedir(directory)
            open -= 3   // ".", ".." and the listing's own descriptor
        } else if errno == EMFILE || errno == ENFILE {
            open = Int(limit.rlim_cur)
        }
        let free = Int(limit.rlim_cur) - open
        guard free < descriptorsNeeded else { return nil }
        return "too few file descriptors: \(max(free, 0)) free under a limit of \(limit.rlim_cur) (ulimit -n), and a run needs \(descriptorsNeeded); raise the limit"
    }

    /// The device and inode of a file, to notice it being deleted or replaced.
    private static func fileIdentity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// How many rejected rows `validate` lists.
    public static let rejectsListed = 20

    private static func firstRejects(_ warehouse: Warehouse) throws -> [String] {
        try warehouse.database.read { db in
            typealias Reject = RejectsTable.Column
            return try Row.fetchAll(db, sql: RejectsTable.selectAll("ORDER BY \(RejectsTable.keyOrder) LIMIT ?"),
                                    arguments: [rejectsListed + 1]).map { row in
                placeText(row[Reject.file], line: row[Reject.line], column: row[Reject.column]) + ": "
                    + ((row[Reject.field] as String?).map { "\($0): " } ?? "") + (row[Reject.reason] as String)
            }
        }
    }

    private static func runStage(_ stage: Stage, warehouse: Warehouse, pipeline: Pipeline, options: RunOptions, runID: Int64,
                                 logger: Logger, progress: (@Sendable (ImportProgress) -> Void)?, result: inout RunResult) throws -> StageSummary {
        let now = Date()
        switch stage {
        case .import:
            let outcome = try ImportStage.run(warehouse, pipeline: pipeline, force: options.force || options.validateOnly, runID: runID,
                                              now: now, logger: logger, progress: progress)
            for failure in outcome.failures {
                result.failures.append(failure)
                result.failure = result.failure ?? failure.category
            }
            return outcome.summary
        case .trends:
            return try TrendsStage.run(warehouse, pipeline: pipeline, force: options.force, runID: runID, now: now, logger: logger)
        case .gains:
            return try GainsStage.run(warehouse, pipeline: pipeline, asOfOverride: options.asOf, force: options.force, runID: runID,
                                      now: now, logger: logger)
        case .report:
            return try ReportStage.run(warehouse, pipeline: pipeline, force: options.force, runID: runID, now: now, logger: logger)
        case .publish:
            return try PublishStage.run(pipeline, runID: runID, logger: logger)
        }
    }

    private static func finishRun(_ warehouse: Warehouse, runID: Int64, result: RunResult, logger: Logger) {
        var counts: [String: Int] = [:]
        for summary in result.summaries {
            for (key, value) in summary.counts { counts["\(summary.stage).\(key)"] = value }
        }
        let outcome = result.failure.map { $0 == .interrupted ? "interrupted" : "failed: \($0.rawValue)" } ?? "success"
        let message = result.failures.first?.description
        do {
            try warehouse.database.write { db in
                try SharedRecords.endRun(db, id: runID, endedAt: Date(), outcome: outcome, message: message,
                                         counts: counts, asOf: result.summaries.compactMap(\.asOf).last)
            }
        } catch {
            logger.error("cannot record the end of run \(runID): \(Warehouse.describe(error))")
        }
    }
}
