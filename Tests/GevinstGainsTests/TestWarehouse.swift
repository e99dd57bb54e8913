import Foundation
import GRDB
import GevinstCore
import GevinstWarehouse
import Logging
@testable import GevinstGains

/// A fresh warehouse in a temporary directory with one run and one file record, so that register
/// rows can be inserted directly with SQL.
final class TestWarehouse {
    let directory: URL
    let warehouse: Warehouse
    let runID: Int64
    let fileID: Int64

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gains-\(UUID().uuidString)")
        warehouse = try Warehouse(path: directory.appendingPathComponent("test.sqlite").path)
        (runID, fileID) = try warehouse.database.write { db in
            let run = try SharedRecords.startRun(db, pipeline: "test", stages: ["gains"], startedAt: Date(timeIntervalSince1970: 0))
            try db.execute(sql: """
                INSERT INTO files (source, kind, format, path, sha256, size, run_id, imported_at)
                VALUES ('test', 'gain_plans', 'csv', 'test.csv', '00', 0, ?, '1970-01-01T00:00:00Z')
                """, arguments: [run])
            return (run, db.lastInsertedRowID)
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
        try warehouse.database.write { try $0.execute(sql: sql, arguments: arguments) }
    }

    func indicator(_ name: String, _ polarity: Polarity, _ aggregation: Aggregation = .mean, _ frequency: PeriodKind = .quarter) throws {
        try execute("INSERT INTO indicators (indicator, polarity, aggregation, frequency, file_id) VALUES (?, ?, ?, ?, ?)",
                    [name, polarity.rawValue, aggregation.rawValue, frequency.name, fileID])
    }

    /// An initiative; with `a3`, its A3 sheet's text sections are written, so that it raises no
    /// `a3_incomplete` finding.
    func initiative(_ name: String, area: String? = nil, status: InitiativeStatus = .active, a3: Bool = true) throws {
        let text = a3 ? "A3" : nil
        try execute("""
            INSERT INTO initiatives (initiative, title, area, status, file_id, rationale, current_state, target_state, measurement_note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [name, name, area, status.rawValue, fileID, text, text, text, text])
    }

    /// A plan; `amount` in hundredths.
    func plan(_ initiative: String, _ gainType: String, _ period: String, _ amount: Int64) throws {
        try execute("INSERT INTO gain_plans (initiative, gain_type, period, amount, file_id) VALUES (?, ?, ?, ?, ?)",
                    [initiative, gainType, Period(period)!.code, amount, fileID])
    }

    /// A reported gain; `amount` in hundredths.
    func report(_ initiative: String, _ gainType: String, _ quarter: String, _ amount: Int64) throws {
        try execute("INSERT INTO gains_reported (initiative, gain_type, quarter, amount, file_id) VALUES (?, ?, ?, ?, ?)",
                    [initiative, gainType, Period(quarter)!.code, amount, fileID])
    }

    func link(_ initiative: String, _ indicator: String, orgUnit: String = "total", _ gainType: String, baseline: Double,
              factor: Double = 1, start: String? = nil) throws {
        try execute("""
            INSERT INTO gain_links (initiative, indicator, org_unit, gain_type, baseline, factor, start, file_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [initiative, indicator, orgUnit, gainType, baseline, factor, start.map { Period($0)!.code }, fileID])
    }

    func measure(_ indicator: String, orgUnit: String = "total", _ period: String, _ value: Double) throws {
        try warehouse.database.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO series (indicator, org_unit) VALUES (?, ?)", arguments: [indicator, orgUnit])
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM series WHERE indicator = ? AND org_unit = ?", arguments: [indicator, orgUnit])
            try db.execute(sql: "INSERT INTO measurements (series_id, period, value, file_id) VALUES (?, ?, ?, ?)",
                           arguments: [id, Period(period)!.code, value, fileID])
        }
    }

    /// A delivery as the import stores it: a new file record, each value stored under it with its
    /// `file_series` pair, and each nil value's key removed (its trigger keeps it in
    /// `measurement_history`), so that the stages see what changed.
    func deliver(_ values: [(indicator: String, orgUnit: String, period: String, value: Double?)]) throws {
        try warehouse.database.write { db in
            try db.execute(sql: """
                INSERT INTO files (source, kind, format, path, sha256, size, run_id, imported_at)
                VALUES ('values', 'measurements', 'csv', 'values.csv', '00', 0, ?, '1970-01-01T00:00:00Z')
                """, arguments: [runID])
            let file = db.lastInsertedRowID
            for (indicator, orgUnit, period, value) in values {
                try db.execute(sql: "INSERT OR IGNORE INTO series (indicator, org_unit) VALUES (?, ?)", arguments: [indicator, orgUnit])
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM series WHERE indicator = ? AND org_unit = ?", arguments: [indicator, orgUnit])
                guard let value else {
                    try db.execute(sql: "DELETE FROM measurements WHERE series_id = ? AND period = ?", arguments: [id, Period(period)!.code])
                    continue
                }
                try db.execute(sql: """
                    INSERT INTO measurements (series_id, period, value, file_id) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET value = excluded.value, file_id = excluded.file_id
                    """, arguments: [id, Period(period)!.code, value, file])
                try db.execute(sql: "INSERT OR IGNORE INTO file_series (file_id, series_id) VALUES (?, ?)", arguments: [file, id])
            }
        }
    }

    func pipeline(asOf: AsOfSetting = .auto, thresholds: Thresholds = .standard) -> Pipeline {
        Pipeline(name: "test", file: directory.appendingPathComponent("test.yaml").path, root: directory.path,
                 warehouse: warehouse.path, asOf: asOf, reports: ReportSettings(dir: directory.path, thresholds: thresholds),
                 sources: [])
    }

    /// The run's date of the tests unless they give one: noon on 1 January 2030, after all their data.
    static let now = Date(timeIntervalSince1970: 1_893_499_200)

    /// Noon (UTC) of an ISO date such as `2025-10-01`: the same day in any time zone.
    static func noon(_ day: String) -> Date {
        ISO8601DateFormatter().date(from: "\(day)T12:00:00Z")!
    }

    @discardableResult
    func runGains(asOf: AsOfSetting = .auto, override: Quarter? = nil, thresholds: Thresholds = .standard,
                  now: Date = TestWarehouse.now, force: Bool = true) throws(GainsError) -> StageSummary {
        try GainsStage.run(warehouse, pipeline: pipeline(asOf: asOf, thresholds: thresholds), asOfOverride: override, force: force, runID: runID,
                           now: now, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// `gains_quarterly` as lines `initiative | gain_type | quarter | planned | realised | source | derived | reported |
    /// cum_planned | cum_realised | deviation | rate | status`, in key order; ∅ for NULL.
    func quarterLines() throws -> [String] {
        try lines("""
            SELECT initiative, gain_type, quarter, planned, realised, realised_source, derived, reported,
                   cum_planned, cum_realised, deviation, realisation_rate, status
            FROM gains_quarterly ORDER BY initiative, gain_type, quarter
            """, kinds: "ttqmmtmmmmmrt")
    }

    /// `gains_yearly` as lines in key order; `withSource` adds `forecast_source`.
    func yearLines(withSource: Bool = false) throws -> [String] {
        try lines("""
            SELECT initiative, gain_type, year, planned, planned_ytd, realised_ytd, rate_ytd, forecast\(withSource ? ", forecast_source" : "")
            FROM gains_yearly ORDER BY initiative, gain_type, year
            """, kinds: withSource ? "ttimmmrmt" : "ttimmmrm")
    }

    /// `budget_balance` as lines in key order.
    func balanceLines() throws -> [String] {
        try lines("""
            SELECT plan, year, area, requirement, planned_budget, gap, coverage, realised_ytd, forecast, forecast_gap, status
            FROM budget_balance ORDER BY plan, year, area
            """, kinds: "titmmmrmmmt")
    }

    /// `gains_by_area` as lines in key order.
    func areaLines() throws -> [String] {
        try lines("""
            SELECT area, gain_type, quarter, planned, realised, cum_planned, cum_realised, deviation, realisation_rate, status
            FROM gains_by_area ORDER BY area, gain_type, quarter
            """, kinds: "ttqmmmmmrt")
    }

    func findings() throws -> [Finding] {
        try warehouse.database.read { try SharedRecords.currentFindings($0) }
    }

    /// Column kinds: t text, i integer, q quarter code, m hundredths, r real.
    private func lines(_ sql: String, kinds: String) throws -> [String] {
        try warehouse.database.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                line(kinds.enumerated().map { index, kind -> String? in
                    switch kind {
                    case "t": return row[index]
                    case "i": return (row[index] as Int?).map(String.init)
                    case "q": return (row[index] as Int?).map { Period(code: $0)!.description }
                    case "m": return (row[index] as Int64?).map { Amount(hundredths: $0).description }
                    default: return (row[index] as Double?).map { "\($0)" }
                    }
                })
            }
        }
    }
}

/// One table row as text, the form expected rows are compared in.
func line(_ fields: [String?]) -> String {
    fields.map { $0 ?? "∅" }.joined(separator: " | ")
}
