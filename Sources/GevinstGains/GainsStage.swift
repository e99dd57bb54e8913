public import Foundation
public import GevinstCore
public import GevinstWarehouse
public import Logging
import GRDB

/// The gains stage (SPEC §7): realised versus planned gains per initiative, gain type and quarter,
/// yearly figures with forecasts, totals per area, and the findings a finance officer needs.
/// `docs/gains.md` states every rule.
///
/// ## Topics
/// - ``run(_:pipeline:asOfOverride:runID:now:logger:)``
/// - ``GainsError``
public enum GainsStage {
    /// The name the stage records its findings and state under.
    public static let name = "gains"

    /// Computes the gain tables and findings and stores them in one transaction.
    ///
    /// as_of is `asOfOverride` (`--as-of`), else the pipeline's quarter, else (`auto`) the latest
    /// quarter holding a measurement or a reported gain.
    public static func run(_ warehouse: Warehouse, pipeline: Pipeline, asOfOverride: Period?, runID: Int64,
                           now: Date, logger: Logger) throws(GainsError) -> StageSummary {
        let setting = asOfOverride.map { AsOfSetting.quarter($0) } ?? pipeline.asOf
        if case .quarter(let quarter) = setting, quarter.kind != .quarter {
            throw GainsError(.usage, "as_of must be a quarter such as \(quarter.year)K2, not \(quarter)")
        }
        let outcome: GainsOutcome
        do {
            outcome = try warehouse.database.write { db in
                let outcome = try GainsComputation.run(db, asOf: setting, thresholds: pipeline.reports.thresholds, logger: logger)
                try SharedRecords.deleteFindings(stage: name, db)
                try SharedRecords.insert(outcome.findings, stage: name, runID: runID, fileID: nil, db)
                try SharedRecords.recordStage(name, runID: runID, asOf: outcome.asOf, finishedAt: now, db)
                return outcome
            }
        } catch let error as GainsError {
            throw error
        } catch {
            throw GainsError(Warehouse.isWriteFailure(error) ? .cannotWrite : .io, "warehouse \(warehouse.path): \(Warehouse.describe(error))")
        }
        logger.info("gains: \(outcome.counts["quarter_rows"] ?? 0) quarter rows, \(outcome.findings.count) findings",
                    metadata: ["counts": "\(outcome.counts.sorted { $0.key < $1.key })"])
        return StageSummary(stage: name, counts: outcome.counts, findings: outcome.findings.count, asOf: outcome.asOf)
    }
}
