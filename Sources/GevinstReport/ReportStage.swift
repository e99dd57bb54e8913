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
    /// Writes every format the pipeline asks for into `pipeline.reports.dir`, each file atomically.
    /// `runID` and `now` go to the log only, so that a rerun writes the same bytes.
    public static func run(_ warehouse: Warehouse, pipeline: Pipeline, runID: Int64, now: Date,
                           logger: Logger) throws(ReportError) -> StageSummary {
        let settings = pipeline.reports
        let files = try ReportFiles(directory: settings.dir)
        do {
            let summary = try warehouse.database.read { db in
                try write(db, pipeline: pipeline, to: files)
            }
            guard !Interruption.isRequested else {
                throw ReportError(path: settings.dir, cause: "interrupted; the previous reports are left as they were", category: .interrupted)
            }
            try files.commit()
            logger.info("report written", metadata: [
                "dir": "\(settings.dir)", "run": .stringConvertible(runID),
                "formats": "\(settings.formats.map(\.rawValue).joined(separator: ","))",
            ])
            return summary
        } catch let error as ReportError {
            files.discard()
            throw error
        } catch {
            files.discard()
            throw ReportError(path: warehouse.path, cause: Warehouse.describe(error), category: .io, readingWarehouse: true)
        }
    }

    private static func write(_ db: Database, pipeline: Pipeline, to files: ReportFiles) throws -> StageSummary {
        let settings = pipeline.reports
        let formats = Set(settings.formats)
        let metadata = try RunMetadata(db, pipeline: pipeline)
        let findings = try SharedRecords.currentFindings(db)
        let names = try OrgUnitCodesView.all(db).map { ($0.code, $0.name) }
        let format = HumanFormat(settings.language, orgUnitNames: Dictionary(names, uniquingKeysWith: { first, _ in first }))
        let machine = MachineReport(csv: formats.contains(.csv) ? CSVFormat(settings.csvStyle) : nil,
                                    terms: CSVTerms(settings.csvStyle, format: format), writesJSON: formats.contains(.json), metadata: metadata, settings: settings,
                                    findings: findings, messages: FindingMessages(format: format))
        var written = try machine.write(db, to: files)
        if formats.contains(.html) || formats.contains(.md) {
            let content = try ReportContent(db, metadata: metadata, thresholds: settings.thresholds, findings: findings)
            let budget = try BudgetContent(db, asOf: metadata.asOf)
            let sheets = try A3Writer.write(db, title: metadata.title, asOf: metadata.asOf, format: format, html: formats.contains(.html),
                                            markdown: formats.contains(.md), comments: budget, to: files)
            var report = HumanReport(content: content, format: format, machineFiles: written)
            report.budget = budget
            report.a3Sheets = sheets.links
            written += sheets.written
            if formats.contains(.md) {
                try write(MarkdownReport(report: report).render(), to: "summary.md", in: files)
                written.append("summary.md")
            }
            if formats.contains(.html) {
                try write(HTMLReport(report: report).render(), to: "report.html", in: files)
                written.append("report.html")
            }
        }
        return StageSummary(stage: "report", counts: ["files_written": written.count, "findings_reported": findings.count],
                            asOf: metadata.asOf)
    }

    private static func write(_ text: String, to name: String, in files: ReportFiles) throws(ReportError) {
        let file = try files.open(name)
        file.write(text)
        try file.finish()
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
