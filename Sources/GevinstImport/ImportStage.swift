public import Foundation
import GRDB
public import GevinstCore
public import GevinstWarehouse
public import Logging

/// What an import did: the summary for the run record, and the files that failed (each was
/// left out whole; the others were imported).
public struct ImportOutcome: Sendable {
    public var summary: StageSummary
    public var failures: [ImportError]
}

/// Progress of an import, for a progress bar: files done of files to consider.
public struct ImportProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var file: String
}

/// Stage 1: reads every source of the pipeline into the warehouse (SPEC §5). Each file is one
/// transaction together with its file record; a `replace` source is one transaction for all its
/// files. A file whose content this source already imported is skipped unless `force`.
public enum ImportStage {
    public static func run(_ warehouse: Warehouse, pipeline: Pipeline, force: Bool, runID: Int64, now: Date, logger: Logger,
                           progress: (@Sendable (ImportProgress) -> Void)? = nil) throws(ImportError) -> ImportOutcome {
        var plan: [(source: Source, files: [String])] = []
        for source in pipeline.sourcesInImportOrder {
            let files = InputFiles.expand(source.path)
            if files.isEmpty && source.required {
                throw ImportError(source: source.id, file: pipeline.relativePath(source.path),
                                  cause: "no file matches the path of source '\(source.id)'; check the path, or set required: false", category: .inputMissing)
            }
            plan.append((source, files))
        }
        var run = ImportRun(warehouse: warehouse, pipeline: pipeline, force: force, runID: runID, now: now, logger: logger,
                            filesTotal: plan.reduce(0) { $0 + $1.files.count }, progress: progress)
        for (source, files) in plan {
            switch source.mode {
            case .upsert:
                for file in files { try run.importUpserting(source, file) }
            case .replace:
                try run.importReplacing(source, files)
            }
        }
        try run.recordFailures()
        return ImportOutcome(summary: run.summary, failures: run.failures)
    }

    /// `gevinst forget`: removes on purpose what the current version of `path` (relative to the
    /// root, as reports name it) stored for `sourceID`; removed measurements go to history.
    public static func forget(_ warehouse: Warehouse, pipeline: Pipeline, source sourceID: String, path: String) throws(ImportError) -> StageSummary {
        guard let source = pipeline.sources.first(where: { $0.id == sourceID }) else {
            throw ImportError(source: sourceID, file: nil, cause: "the pipeline has no source '\(sourceID)'; its sources: "
                              + pipeline.sources.map(\.id).joined(separator: ", "), category: .usage)
        }
        var summary = StageSummary(stage: "forget")
        do {
            try warehouse.database.write { db in
                let files = try FilesTable.currentVersions(source: source.id, path: path, db)
                guard !files.isEmpty else {
                    throw ImportError(source: source.id, file: path, cause: "source '\(source.id)' holds no current file at this path (paths are relative to the pipeline's root, as `gevinst status` shows them)",
                                      category: .inputMissing)
                }
                try FilesTable.retire(source: source.id, path: path, db)
                let removed: Int
                if source.kind == .measurements {
                    removed = try MeasurementsTable.removeRows(storedBy: files, removedBy: 0, db)
                } else {
                    removed = try RegisterWriter.removeRows(of: source.kind, files: files, removedBy: 0, db)
                }
                summary.counts = ["files_forgotten": files.count, "rows_removed": removed]
            }
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(source: source.id, file: pipeline.relativePath(warehouse.path), cause: Warehouse.describe(error),
                              category: Warehouse.isWriteFailure(error) ? .cannotWrite : .internal)
        }
        return summary
    }
}

/// Rolls back a `replace` import whose files hold no data rows.
private struct EmptyReplacement: Error {}

/// The state of one import stage run.
private struct ImportRun {
    let warehouse: Warehouse
    let pipeline: Pipeline
    let force: Bool
    let runID: Int64
    let now: Date
    let logger: Logger
    let filesTotal: Int
    let progress: (@Sendable (ImportProgress) -> Void)?
    var filesDone = 0
    var summary = StageSummary(stage: "import")
    var failures: [ImportError] = []
    /// Findings about this run's sources rather than one file (`empty_replacement`); each run
    /// replaces the previous run's.
    var runFindings: [Finding] = []

    init(warehouse: Warehouse, pipeline: Pipeline, force: Bool, runID: Int64, now: Date, logger: Logger, filesTotal: Int,
         progress: (@Sendable (ImportProgress) -> Void)?) {
        self.warehouse = warehouse
        self.pipeline = pipeline
        self.force = force
        self.runID = runID
        self.now = now
        self.logger = logger
        self.filesTotal = filesTotal
        self.progress = progress
        for key in ["files_imported", "files_skipped", "files_failed", "rows_read", "rows_loaded", "rows_missing", "rows_collapsed", "rows_rejected"] {
            summary.counts[key] = 0
        }
    }

    mutating func advance(_ relativePath: String) {
        filesDone += 1
        progress?(ImportProgress(filesDone: filesDone, filesTotal: filesTotal, file: relativePath))
    }

    /// One file, one transaction (mode `upsert`).
    mutating func importUpserting(_ source: Source, _ path: String) throws(ImportError) {
        let relativePath = pipeline.relativePath(path)
        defer { advance(relativePath) }
        do {
            let sniffed = try InputFormats.sniff(path: path, relativePath: relativePath, source: source)
            if !force, try alreadyImported(source: source, sha256: sniffed.fingerprint.sha256) {
                logger.debug("skipped, already imported", metadata: ["file": "\(relativePath)", "source": "\(source.id)"])
                summary.counts["files_skipped", default: 0] += 1
                return
            }
            try write { db throws in
                // A new version of the file supersedes the earlier ones: what they stored and it
                // does not hold any more leaves the warehouse.
                let earlier = try FilesTable.currentVersions(source: source.id, path: relativePath, db)
                try FilesTable.retire(source: source.id, path: relativePath, db)
                let fileID = try importFile(db, source: source, sniffed: sniffed)
                if source.kind == .measurements {
                    try MeasurementsTable.removeRows(storedBy: earlier, removedBy: fileID, db)
                } else {
                    try RegisterWriter.removeRows(of: source.kind, files: earlier, removedBy: fileID, db)
                }
            }
        } catch let error as ImportError {
            try fail(error, source: source, relativePath: relativePath)
        } catch {
            try fail(warehouseError(error), source: source, relativePath: relativePath)
        }
    }

    /// All files of a source in one transaction (mode `replace`): skipped when the source's
    /// current files are exactly these contents, else everything it imported before is replaced.
    mutating func importReplacing(_ source: Source, _ paths: [String]) throws(ImportError) {
        var sniffed: [SniffedFile] = []
        for path in paths {
            let relativePath = pipeline.relativePath(path)
            do {
                sniffed.append(try InputFormats.sniff(path: path, relativePath: relativePath, source: source))
            } catch {
                // One unreadable file keeps the whole register as it was.
                for other in paths { advance(pipeline.relativePath(other)) }
                try fail(error, source: source, relativePath: relativePath)
                return
            }
        }
        do {
            let current = try warehouse.database.read { db in
                try FilesTable.currentContents(source: source.id, db).map { "\($0.path)\u{0}\($0.sha256)" }
            }
            let incoming = sniffed.map { "\($0.relativePath)\u{0}\($0.fingerprint.sha256)" }
            if !force, !current.isEmpty, Set(current) == Set(incoming), current.count == incoming.count {
                summary.counts["files_skipped", default: 0] += sniffed.count
                for file in sniffed { advance(file.relativePath) }
                return
            }
            let before = summary
            do {
                try write { db throws in
                    let hadRows = try FilesTable.hasCurrentRows(source: source.id, db)
                    try RegisterWriter.deleteRows(of: source.kind, source: source.id, db)
                    try FilesTable.retire(source: source.id, db)
                    var rows = 0
                    for file in sniffed {
                        let fileID = try importFile(db, source: source, sniffed: file)
                        rows += try FilesTable.rowsRead(file: fileID, db)
                    }
                    // An export without data rows is more often a failed export than an empty register.
                    if rows == 0, hadRows, !source.allowEmpty { throw EmptyReplacement() }
                }
            } catch is EmptyReplacement {
                summary = before
                summary.counts["files_skipped", default: 0] += sniffed.count
                summary.findings += 1
                let file = sniffed.count == 1 ? sniffed[0].relativePath : pipeline.relativePath(source.path)
                logger.warning("the new export holds no data rows; the source keeps what it had (allow_empty: true lets an empty file clear it)",
                               metadata: ["file": "\(file)", "source": "\(source.id)"])
                runFindings.append(Finding(.emptyReplacement, source: source.id, file: file))
            }
            for file in sniffed { advance(file.relativePath) }
        } catch let error as ImportError {
            for file in sniffed { advance(file.relativePath) }
            try fail(error, source: source, relativePath: nil)
        } catch {
            try fail(warehouseError(error), source: source, relativePath: nil)
        }
    }

    /// Runs `body` in one write transaction; an error rolls everything in it back.
    func write(_ body: (Database) throws -> Void) throws {
        try warehouse.database.write { db in try body(db) }
    }

    func alreadyImported(source: Source, sha256: String) throws -> Bool {
        try warehouse.database.read { db in try FilesTable.isCurrent(source: source.id, sha256: sha256, db) }
    }

    /// Reads one file into the open transaction, with its file record; returns the record's id.
    @discardableResult
    mutating func importFile(_ db: Database, source: Source, sniffed: SniffedFile) throws -> Int64 {
        let started = Date()
        try FilesTable.insert(db, [.source: source.id, .kind: source.kind.name, .format: source.format.name,
                                   .path: sniffed.relativePath, .sha256: sniffed.fingerprint.sha256, .size: sniffed.fingerprint.size,
                                   .runID: runID, .importedAt: SharedRecords.timestamp(now)])
        let fileID = db.lastInsertedRowID
        var fileImport = try FileImport(db: db, source: source, relativePath: sniffed.relativePath, fileID: fileID)
        let dialect = try sniffed.format.load(sniffed, into: &fileImport)
        let findings = try fileImport.finish()
        try sniffed.fingerprint.verifyUnchanged(path: sniffed.path, relativePath: sniffed.relativePath)
        let counts = fileImport.counts
        try FilesTable.update(db, set: [.encoding: dialect.encoding, .delimiter: dialect.delimiter,
                                        .decimalMark: dialect.decimalMark.rawValue, .rowsRead: counts.read,
                                        .rowsLoaded: counts.loaded, .rowsMissing: counts.missing,
                                        .rowsCollapsed: counts.collapsed, .rowsRejected: counts.rejected,
                                        .published: dialect.published], where: [.id: fileID])
        try SharedRecords.insert(findings, stage: "import", runID: runID, fileID: fileID, db)
        summary.counts["files_imported", default: 0] += 1
        summary.counts["rows_read", default: 0] += counts.read
        summary.counts["rows_loaded", default: 0] += counts.loaded
        summary.counts["rows_missing", default: 0] += counts.missing
        summary.counts["rows_collapsed", default: 0] += counts.collapsed
        summary.counts["rows_rejected", default: 0] += counts.rejected
        summary.rejected += counts.rejected
        summary.findings += findings.count
        logger.info("imported", metadata: [
            "file": "\(sniffed.relativePath)", "source": "\(source.id)", "rows": .stringConvertible(counts.loaded),
            "missing": .stringConvertible(counts.missing), "rejected": .stringConvertible(counts.rejected),
            "seconds": .stringConvertible((Date().timeIntervalSince(started) * 100).rounded() / 100),
        ])
        return fileID
    }

    /// Records a failed file and goes on; a warehouse that cannot be written stops the stage.
    mutating func fail(_ error: ImportError, source: Source, relativePath: String?) throws(ImportError) {
        let located = error.located(source: source.id, file: relativePath ?? pipeline.relativePath(source.path))
        if located.category == .cannotWrite { throw located }
        // A stop request failed this file (its transaction was interrupted): stop, recording nothing.
        if Interruption.isRequested { throw ImportError(source: located.source, file: located.file, cause: "interrupted", category: .interrupted) }
        logger.error("\(located.description)")
        summary.counts["files_failed", default: 0] += 1
        failures.append(located)
    }

    /// Replaces the `file_failed` and `empty_replacement` findings of the previous import with this
    /// one's, so that the reports name the files that are not in the figures until they import.
    func recordFailures() throws(ImportError) {
        let findings = runFindings + failures.map { failure in
            var details = ["cause": failure.cause]
            if let line = failure.line { details["line"] = String(line) }
            if let column = failure.column { details["column"] = String(column) }
            return Finding(.fileFailed, source: failure.source, file: failure.file, details: details)
        }
        do {
            try warehouse.database.write { db in
                try FindingsTable.delete(db, where: [.stage: "import", .kind: FindingKind.fileFailed.rawValue])
                try FindingsTable.delete(db, where: [.stage: "import", .kind: FindingKind.emptyReplacement.rawValue])
                try SharedRecords.insert(findings, stage: "import", runID: runID, fileID: nil, db)
            }
        } catch {
            throw warehouseError(error)
        }
    }

    func warehouseError(_ error: any Error) -> ImportError {
        ImportError(source: nil, file: pipeline.relativePath(warehouse.path), cause: Warehouse.describe(error),
                    category: Warehouse.isWriteFailure(error) ? .cannotWrite : .internal)
    }
}
