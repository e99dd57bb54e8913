public import Foundation
public import GevinstCore
public import GevinstWarehouse
public import Logging
import GRDB
import GevinstConcurrency
import CSystemCalls

/// The gains stage (SPEC §7): realised versus planned gains per initiative, gain type and quarter,
/// yearly figures with forecasts, totals per area, and the findings a finance officer needs.
/// `docs/gains.md` states every rule.
///
/// ## Topics
/// - ``run(_:pipeline:asOfOverride:runID:now:logger:)``
/// - ``GainsError``
public enum GainsStage {
    /// The name the stage records its findings and state under.
    static let name = "gains"

    /// Computes the gain tables and findings and stores them in one transaction.
    ///
    /// as_of is `asOfOverride` (`--as-of`), else the pipeline's quarter, else (`auto`) the latest
    /// quarter up to the quarter of `now` (the run's date, local time) holding a measurement or a
    /// reported gain.
    ///
    /// When nothing it reads changed since its last run (`GainsInputs`) it writes nothing; otherwise
    /// it computes every initiative again (the figures of one initiative depend on its registers,
    /// links, linked series and org units, and the totals on all of them: recomputing all is the
    /// simple safe choice, and it takes a second at 10 000 initiatives), reading only the linked
    /// series' measurements and, for `auto`, those of the series changed since (`MeasurementsAsOf`).
    /// `force` always computes, from every measurement.
    public static func run(_ warehouse: Warehouse, pipeline: Pipeline, asOfOverride: Quarter?, force: Bool, runID: Int64,
                           now: Date, logger: Logger) throws(GainsError) -> StageSummary {
        let setting = asOfOverride.map { AsOfSetting.quarter($0) } ?? pipeline.asOf
        let today = quarter(of: now)
        let outcome: GainsOutcome?
        do {
            outcome = try warehouse.database.write { db in
                let inputs = GainsInputs(imports: try ImportVersion(db), asOf: GainsInputs.text(setting), today: today.code,
                                         thresholds: pipeline.reports.thresholds)
                let recorded = force ? nil : try StageStateTable.recorded(name, as: GainsInputs.self, db)?.inputs
                if recorded == inputs { return nil }
                // The gain tables are written in key order: 2 MiB of page cache do as well as 8.
                let outcome = try Warehouse.withPageCache(kib: 2048, db) {
                    // `series_as_of` holds what the last run found for its quarter, which only that quarter can use.
                    let since = recorded?.today == inputs.today ? recorded?.imports : nil
                    let (measured, seriesRead) = try MeasurementsAsOf.update(db, today: today, since: since)
                    logger.debug("gains: series_as_of brought up to \(today)",
                                 metadata: ["of": "\(seriesRead.map { "\($0) changed series" } ?? "all series")"])
                    return try computeAndWrite(db, path: warehouse.path, asOf: setting, today: today, measured: measured,
                                               thresholds: pipeline.reports.thresholds, runID: runID, logger: logger)
                }
                try SharedRecords.recordStage(name, runID: runID, asOf: outcome.asOf, finishedAt: now, inputs: inputs, db)
                return outcome
            }
        } catch let error as GainsError {
            throw error
        } catch {
            throw GainsError(Warehouse.isWriteFailure(error) ? .cannotWrite : .io, "warehouse \(warehouse.path): \(Warehouse.describe(error))")
        }
        guard let outcome else {
            logger.info("gains unchanged: nothing new since the last run")
            let asOf = try? warehouse.database.read { db in try StageStateTable.recorded(name, as: GainsInputs.self, db)?.asOf }
            return StageSummary(stage: name, asOf: asOf ?? nil)
        }
        var metadata = outcome.counts.mapValues { Logger.MetadataValue.stringConvertible($0) }
        metadata["findings"] = .stringConvertible(outcome.findingCount)
        logger.info("gains computed", metadata: metadata)
        return StageSummary(stage: name, counts: outcome.counts, findings: outcome.findingCount, asOf: outcome.asOf)
    }

    /// What the gains stage read, as `stage_state.inputs` keeps it: how far the imports had gone, the
    /// as_of setting, the quarter of the run (which `auto` looks up to) and the thresholds.
    private struct GainsInputs: Codable, Equatable {
        var imports: ImportVersion
        var asOf: String
        var today: Int
        var thresholds: Thresholds

        static func text(_ setting: AsOfSetting) -> String {
            switch setting {
            case .auto: "auto"
            case .quarter(let quarter): quarter.description
            }
        }
    }

    /// The quarter of a moment on the machine's clock (its local time zone).
    static func quarter(of date: Date) -> Quarter {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let day = calendar.dateComponents([.year, .month], from: date)
        return Quarter(day.year!, (day.month! - 1) / 3 + 1)
    }

    /// Replaces the gain tables, `budget_balance` and the stage's findings (under `runID`) through `db`,
    /// inside its transaction. Reading and computing
    /// run on a thread of their own with a read-only connection to the same file (a WAL reader
    /// never blocks the writer, and that thread reads no table the stage writes), while `db` writes
    /// the rows as they come: the two halves take about as long as each other.
    private static func computeAndWrite(_ db: Database, path: String, asOf setting: AsOfSetting, today: Quarter, measured: MeasurementsAsOf,
                                        thresholds: Thresholds, runID: Int64, logger: Logger) throws -> GainsOutcome {
        // Two batches queued keep both threads busy; each holds about 10 000 quarter rows (1 MB).
        let batches = BoundedQueue<[GainRows]>(capacity: 2)
        let computed = batches.produce(thread: "gevinst.gains.compute") {
            try Warehouse.openReadOnly(path: path).read { db in
                try GainsComputation.run(db, asOf: setting, today: today, measured: measured, thresholds: thresholds, logger: logger,
                                         send: batches.send)
            }
        }
        var output: GainsOutput
        do {
            output = try GainsOutput(db, stage: name, runID: runID)
        } catch {
            batches.cancel()
            throw error
        }
        try batches.consume { batch in try output.write(batch) }
        var outcome = try computed()
        // What the computing thread freed stays resident in its arena, where this thread does not
        // allocate: given back before the budget cycle and the findings.
        gevinst_release_free_memory()
        try output.finish()
        outcome.counts["quarter_rows"] = output.quarterRows
        outcome.counts["year_rows"] = output.yearRows
        outcome.counts["area_rows"] = output.areaRows
        outcome.counts["budget_rows"] = try BudgetCycle.run(db, asOf: outcome.asOf, keyFigures: outcome.keyFigures,
                                                            baselineGaps: outcome.baselineGaps,
                                                            unlinkedPlansNextYear: outcome.unlinkedPlansNextYear, findings: &output.findings)
        try output.findings.finish()
        outcome.findingCount = output.findings.count
        return outcome
    }
}
