public import Foundation
public import GevinstCore
public import GevinstWarehouse
public import Logging
import GRDB

/// Stage 4 (SPEC §8): formats what the warehouse holds into the report directory — CSV files,
/// `report.json`, `summary.md` and `report.html` — and computes nothing.
///
/// Every file is written under a temporary name in the report directory and renamed into place
/// once all of them are complete. The output depends only on the warehouse: timestamps come
/// from `stage_state` and `files`, never from the clock, and every query orders by every key,
/// so the same warehouse gives the same bytes.
///
/// ## Topics
/// - ``run(_:pipeline:runID:now:logger:)``
/// - ``ReportError``
public enum ReportStage {
    static let name = "report"

    /// Writes every format the pipeline asks for into `pipeline.reports.dir`, each file atomically.
    /// `runID` and `now` go to the log only, so that a rerun writes the same bytes. When nothing the
    /// report shows changed since it was last written (`ReportInputs`) and its files are all there,
    /// it leaves them as they are; `force` writes them anyway.
    public static func run(_ warehouse: Warehouse, pipeline: Pipeline, force: Bool, runID: Int64, now: Date,
                           logger: Logger) throws(ReportError) -> StageSummary {
        let settings = pipeline.reports
        let inputs: ReportInputs
        let recorded: (asOf: Quarter?, inputs: ReportState)?
        do {
            (inputs, recorded) = try warehouse.database.read { db in
                (try ReportInputs(db, pipeline: pipeline), force ? nil : try StageStateTable.recorded(name, as: ReportState.self, db))
            }
            if let recorded, recorded.inputs.read == inputs,
               recorded.inputs.files.allSatisfy({ name, stamp in ReportState.stamp(of: name, in: settings.dir) == stamp }) {
                logger.info("report unchanged: nothing new since it was written", metadata: ["dir": "\(settings.dir)"])
                return StageSummary(stage: name, counts: ["files_written": 0], asOf: recorded.asOf)
            }
        } catch {
            throw ReportError(path: warehouse.path, cause: Warehouse.describe(error), category: .io, readingWarehouse: true)
        }
        var previous = recorded.flatMap { recorded in
            settings.formats.contains(.json)
                ? PreviousTrends(directory: settings.dir, recorded: recorded.inputs, current: inputs, csv: settings.formats.contains(.csv)) : nil
        }
        var summary: StageSummary, written: [String], copied = 0
        while true {
            let files = try ReportFiles(directory: settings.dir)
            do {
                // Each table is read once, in key order: 2 MiB of page cache do as well as the connection's 8.
                (summary, written) = try warehouse.database.read { db in
                    try Warehouse.withPageCache(kib: 2048, db) { try write(db, pipeline: pipeline, previous: previous, to: files) }
                }
                copied = previous?.copied ?? 0
                previous = nil
                guard !Interruption.isRequested else {
                    throw ReportError(path: settings.dir, cause: "interrupted; the previous reports are left as they were", category: .interrupted)
                }
                try files.commit()
                break
            } catch is PreviousTrends.Mismatch {
                files.discard()
                previous = nil
                logger.info("the previous trends.csv or report.json does not hold what the warehouse says; every trend row is written afresh",
                            metadata: ["dir": "\(settings.dir)"])
            } catch let error as ReportError {
                files.discard()
                throw error
            } catch {
                files.discard()
                throw ReportError(path: warehouse.path, cause: Warehouse.describe(error), category: .io, readingWarehouse: true)
            }
        }
        do {
            try warehouse.database.write { db in
                try SharedRecords.recordStage(name, runID: runID, asOf: summary.asOf, finishedAt: now,
                                              inputs: ReportState(read: inputs, files: written, in: settings.dir), db)
            }
        } catch {
            throw ReportError(path: warehouse.path, cause: Warehouse.describe(error), category: Warehouse.isWriteFailure(error) ? .cannotWrite : .io)
        }
        logger.info("report written", metadata: [
            "dir": "\(settings.dir)", "run": .stringConvertible(runID),
            "formats": "\(settings.formats.map(\.rawValue).joined(separator: ","))",
            "trend_rows_copied": .stringConvertible(copied),
        ])
        return summary
    }

    /// Writes the report files; their names, relative to the report directory. Trend rows that
    /// `previous` holds are copied from it.
    private static func write(_ db: Database, pipeline: Pipeline, previous: PreviousTrends?, to files: ReportFiles) throws -> (StageSummary, [String]) {
        let settings = pipeline.reports
        let formats = Set(settings.formats)
        let metadata = try RunMetadata(db, pipeline: pipeline)
        let names = try OrgUnitCodesView.all(db).map { ($0.code, $0.name) }
        let format = HumanFormat(settings.language, orgUnitNames: Dictionary(names, uniquingKeysWith: { first, _ in first }))
        let machine = MachineReport(csv: formats.contains(.csv) ? CSVFormat(settings.csvStyle) : nil,
                                    terms: CSVTerms(settings.csvStyle, format: format), writesJSON: formats.contains(.json), metadata: metadata, settings: settings,
                                    messages: FindingMessages(format: format))
        // The human reports' content first: the findings of the initiatives it charts are kept as
        // the machine files stream all of them past.
        let content = formats.contains(.html) || formats.contains(.md)
            ? try ReportContent(db, metadata: metadata, thresholds: settings.thresholds) : nil
        var findings = content?.findings ?? FindingsDigest()
        var written = try machine.write(db, previous: previous, to: files, findings: &findings)
        if var content {
            content.findings = findings
            let budget = try BudgetContent(db, asOf: metadata.asOf)
            let sheets = try A3Writer.write(db, title: metadata.title, asOf: metadata.asOf, format: format, html: formats.contains(.html),
                                            markdown: formats.contains(.md), comments: budget, to: files)
            var report = HumanReport(content: content, format: format, machineFiles: written)
            report.budget = budget
            report.a3Sheets = sheets.links
            written += sheets.written
            if formats.contains(.md) {
                try write("summary.md", in: files) { MarkdownReport(report: report).render(to: $0) }
                written.append("summary.md")
            }
            if formats.contains(.html) {
                try write("report.html", in: files) { HTMLReport(report: report).render(to: $0) }
                written.append("report.html")
            }
        }
        return (StageSummary(stage: name, counts: ["files_written": written.count, "findings_reported": findings.count],
                             asOf: metadata.asOf), written)
    }

    /// Writes a human report into the file `name` as it renders it, section by section.
    private static func write(_ name: String, in files: ReportFiles, render: (OutputFile) -> Void) throws(ReportError) {
        let file = try files.open(name)
        render(file)
        try file.finish()
    }
}

/// What the report stage read, as `stage_state.inputs` keeps it: how far the imports had gone,
/// when the compute stages last wrote (their own state rows), the import's findings that belong to
/// no file (rewritten by every import), and the pipeline settings the report shows or obeys.
struct ReportInputs: Codable, Equatable {
    var imports: ImportVersion
    var stages: [String]
    var importFindings: [String]
    var pipeline: [String]
    var thresholds: Thresholds
    /// The run of the trends stage's last record: every `trends` row the report read was computed
    /// by it or an earlier run (`PreviousTrends`). Nil in records of earlier versions.
    var trendsRun: Int64?

    init(_ db: Database, pipeline: Pipeline) throws {
        imports = try ImportVersion(db)
        let computeStages = try StageStateTable.computeStages(db)
        stages = computeStages.map { "\($0.stage) \($0.runID) \($0.asOf?.code ?? 0) \($0.finishedAt)" }
        trendsRun = computeStages.first { $0.stage == "trends" }?.runID
        importFindings = try FindingsTable.withoutFile(stage: "import", db)
        let settings = pipeline.reports
        let asOf: String = switch pipeline.asOf {
        case .auto: "auto"
        case .quarter(let quarter): quarter.description
        }
        self.pipeline = [pipeline.name, pipeline.title, asOf, settings.dir, settings.formats.map(\.rawValue).joined(separator: ","),
                         settings.language.rawValue, settings.csvStyle.rawValue]
        thresholds = settings.thresholds
    }
}

/// The report's `stage_state.inputs`: what it read, and the files it wrote (relative to its
/// directory) with their size and modification time, so that a file deleted or changed by anyone
/// else is written again.
struct ReportState: Codable {
    var read: ReportInputs
    var files: [String: String]

    init(read: ReportInputs, files: [String], in directory: String) {
        self.read = read
        self.files = Dictionary(files.map { ($0, Self.stamp(of: $0, in: directory) ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    /// `size mtime` of a report file (modification time to the nanosecond); nil when it is not there.
    static func stamp(of file: String, in directory: String) -> String? {
        var info = stat()
        guard stat(URL(fileURLWithPath: directory).appendingPathComponent(file).path, &info) == 0 else { return nil }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}

/// The report directory or one of its files could not be created or written.
public struct ReportError: CategorizedError, Equatable {
    /// The directory or file that failed (the warehouse, when reading it failed).
    public let path: String
    public let cause: String
    /// `.cannotWrite` for the report's files; `.io` when the warehouse could not be read or no file
    /// descriptor was left; `.interrupted` for a stop request.
    public let category: FailureCategory
    /// Whether reading the warehouse failed, rather than writing a report file.
    let readingWarehouse: Bool

    public init(path: String, cause: String, category: FailureCategory = .cannotWrite, readingWarehouse: Bool = false) {
        self.path = path
        self.cause = cause
        self.category = category
        self.readingWarehouse = readingWarehouse
    }

    public var description: String {
        let place = placeText(path, line: nil, column: nil)
        return readingWarehouse ? "cannot read warehouse \(place): \(cause)"
            : category == .interrupted ? "report \(place): \(cause)" : "cannot write report \(place): \(cause)"
    }
}
