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
}

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

    mutating func advance(_ display: String) {
        filesDone += 1
        progress?(ImportProgress(filesDone: filesDone, filesTotal: filesTotal, file: display))
    }

    /// One file, one transaction (mode `upsert`).
    mutating func importUpserting(_ source: Source, _ path: String) throws(ImportError) {
        let display = pipeline.relativePath(path)
        defer { advance(display) }
        do {
            let sniffed = try InputFormats.sniff(path: path, display: display, source: source)
            if !force, try alreadyImported(source: source, sha256: sniffed.fingerprint.sha256) {
                logger.debug("skipped, already imported", metadata: ["file": "\(display)", "source": "\(source.id)"])
                summary.counts["files_skipped", default: 0] += 1
                return
            }
            try write { db throws in
                try db.execute(sql: "UPDATE files SET current = 0 WHERE source = ? AND path = ?", arguments: [source.id, display])
                try importFile(db, source: source, sniffed: sniffed)
            }
        } catch let error as ImportError {
            try fail(error, source: source, display: display)
        } catch {
            try fail(warehouseError(error), source: source, display: display)
        }
    }

    /// All files of a source in one transaction (mode `replace`): skipped when the source's
    /// current files are exactly these contents, else everything it imported before is replaced.
    mutating func importReplacing(_ source: Source, _ paths: [String]) throws(ImportError) {
        var sniffed: [SniffedFile] = []
        for path in paths {
            let display = pipeline.relativePath(path)
            do {
                sniffed.append(try InputFormats.sniff(path: path, display: display, source: source))
            } catch {
                // One unreadable file keeps the whole register as it was.
                for other in paths { advance(pipeline.relativePath(other)) }
                try fail(error, source: source, display: display)
                return
            }
        }
        do {
            let current = try warehouse.database.read { db in
                try Row.fetchAll(db, sql: "SELECT path, sha256 FROM files WHERE source = ? AND current = 1", arguments: [source.id])
                    .map { "\($0["path"] as String)\u{0}\($0["sha256"] as String)" }
            }
            let incoming = sniffed.map { "\($0.display)\u{0}\($0.fingerprint.sha256)" }
            if !force, !current.isEmpty, Set(current) == Set(incoming), current.count == incoming.count {
                summary.counts["files_skipped", default: 0] += sniffed.count
                for file in sniffed { advance(file.display) }
                return
            }
            try write { db throws in
                try RegisterWriter.deleteRows(of: source.kind, source: source.id, db)
                try db.execute(sql: "UPDATE files SET current = 0 WHERE source = ?", arguments: [source.id])
                for file in sniffed {
                    try importFile(db, source: source, sniffed: file)
                }
            }
            for file in sniffed { advance(file.display) }
        } catch let error as ImportError {
            for file in sniffed { advance(file.display) }
            try fail(error, source: source, display: nil)
        } catch {
            try fail(warehouseError(error), source: source, display: nil)
        }
    }

    /// Runs `body` in one write transaction; an error rolls everything in it back.
    func write(_ body: (Database) throws -> Void) throws {
        try warehouse.database.write { db in try body(db) }
    }

    func alreadyImported(source: Source, sha256: String) throws -> Bool {
        try warehouse.database.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM files WHERE source = ? AND sha256 = ? AND current = 1)",
                              arguments: [source.id, sha256]) ?? false
        }
    }

    /// Reads one file into the open transaction, with its file record.
    mutating func importFile(_ db: Database, source: Source, sniffed: SniffedFile) throws {
        let started = Date()
        try db.execute(sql: """
            INSERT INTO files (source, kind, format, path, sha256, size, run_id, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [source.id, source.kind.name, source.format.name, sniffed.display, sniffed.fingerprint.sha256,
                             sniffed.fingerprint.size, runID, SharedRecords.timestamp(now)])
        let fileID = db.lastInsertedRowID
        var fileImport = try FileImport(db: db, source: source, file: sniffed.display, fileID: fileID)
        let dialect = try sniffed.format.load(sniffed, into: &fileImport)
        let findings = try fileImport.finish()
        try sniffed.fingerprint.verifyUnchanged(path: sniffed.path, display: sniffed.display)
        let counts = fileImport.counts
        try db.execute(sql: """
            UPDATE files SET encoding = ?, delimiter = ?, decimal_mark = ?, rows_read = ?, rows_loaded = ?, rows_missing = ?,
                             rows_collapsed = ?, rows_rejected = ?
            WHERE id = ?
            """, arguments: [dialect.encoding, dialect.delimiter, dialect.decimalMark.rawValue, counts.read, counts.loaded,
                             counts.missing, counts.collapsed, counts.rejected, fileID])
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
            "file": "\(sniffed.display)", "source": "\(source.id)", "rows": .stringConvertible(counts.loaded),
            "missing": .stringConvertible(counts.missing), "rejected": .stringConvertible(counts.rejected),
            "seconds": .stringConvertible((Date().timeIntervalSince(started) * 100).rounded() / 100),
        ])
    }

    /// Records a failed file and goes on; a warehouse that cannot be written stops the stage.
    mutating func fail(_ error: ImportError, source: Source, display: String?) throws(ImportError) {
        let located = error.located(source: source.id, file: display ?? pipeline.relativePath(source.path))
        if located.category == .cannotWrite { throw located }
        // A stop request failed this file (its transaction was interrupted): stop, recording nothing.
        if Interruption.isRequested { throw ImportError(source: located.source, file: located.file, cause: "interrupted", category: .interrupted) }
        logger.error("\(located.description)")
        summary.counts["files_failed", default: 0] += 1
        failures.append(located)
    }

    /// Replaces the `file_failed` findings of the previous import with this one's, so that the
    /// reports name the files that are not in the figures until they import.
    func recordFailures() throws(ImportError) {
        let findings = failures.map { failure in
            var details = ["cause": failure.cause]
            if let line = failure.line { details["line"] = String(line) }
            if let column = failure.column { details["column"] = String(column) }
            return Finding(.fileFailed, source: failure.source, file: failure.file, details: details)
        }
        do {
            try warehouse.database.write { db in
                try db.execute(sql: "DELETE FROM findings WHERE stage = 'import' AND kind = ?", arguments: [FindingKind.fileFailed.rawValue])
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
