import Foundation
import GRDB
import GevinstCore
import GevinstWarehouse
import Logging
@testable import GevinstReport

/// A warehouse in a temporary directory, seeded with SQL as the other stages would leave it.
struct Fixture {
    let directory: URL
    let warehouse: Warehouse

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        warehouse = try Warehouse(path: directory.appendingPathComponent("warehouse.sqlite").path)
    }

    var reportDirectory: String { directory.appendingPathComponent("reports").path }

    func pipeline(language: ReportLanguage = .nn, formats: [ReportFormat] = ReportFormat.allCases,
                  csvStyle: CSVStyle = .standard, dir: String? = nil) -> Pipeline {
        Pipeline(name: "fjordvik", file: directory.appendingPathComponent("fjordvik.yaml").path, root: directory.path,
                 warehouse: warehouse.path, asOf: .auto,
                 reports: ReportSettings(dir: dir ?? reportDirectory, formats: formats, language: language, csvStyle: csvStyle),
                 sources: [])
    }

    @discardableResult
    func report(language: ReportLanguage = .nn, formats: [ReportFormat] = ReportFormat.allCases,
                csvStyle: CSVStyle = .standard, dir: String? = nil, runID: Int64 = 2, now: Date = Date()) throws -> StageSummary {
        // The report records its state under its run, as the runner's run record gives it.
        try execute("INSERT OR IGNORE INTO runs (id, pipeline, stages, started_at, pid) VALUES (?, 'fjordvik', 'report', '2025-10-06T06:17:00Z', 1)",
                    [runID])
        return try ReportStage.run(warehouse, pipeline: pipeline(language: language, formats: formats, csvStyle: csvStyle, dir: dir), force: true,
                            runID: runID, now: now, logger: Logger(label: "test"))
    }

    func file(_ name: String) throws -> String {
        try String(contentsOfFile: "\(reportDirectory)/\(name)", encoding: .utf8)
    }

    func bytes(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: "\(reportDirectory)/\(name)"))
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Registers the unit HN ('Heimetenesta nord (sone 1)') with the measurements' code 'Heimetenesta Nord' as its alias.
    func registerHN() throws {
        try execute("""
            INSERT INTO org_units (org_unit, name, file_id) VALUES ('HN', 'Heimetenesta nord (sone 1)', 1);
            INSERT INTO org_unit_aliases (alias, org_unit, file_id) VALUES ('Heimetenesta Nord', 'HN', 1);
            """)
    }

    func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
        try warehouse.database.write { try $0.execute(sql: sql, arguments: arguments) }
    }

    /// One run, current and replaced files, and the stage state of trends and gains.
    func seedRunAndFiles() throws {
        try execute("""
            INSERT INTO runs (id, pipeline, stages, started_at, ended_at, outcome, pid)
            VALUES (1, 'fjordvik', 'import,trends,gains', '2025-10-06T06:00:00Z', '2025-10-06T06:17:00Z', 'success', 4242);
            INSERT INTO files (id, source, kind, format, path, sha256, size, run_id, imported_at, rows_read, rows_loaded,
                               rows_missing, rows_collapsed, rows_rejected, current)
            VALUES (1, 'indikatorar', 'indicators', 'csv', 'data/example/indikatorar.csv',
                    '1f0e9c2d7a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5', 1382, 1, '2025-10-06T06:15:00Z',
                    17, 17, 0, 0, 0, 1),
                   (2, 'tiltak', 'initiatives', 'csv', 'data/example/tiltak.csv',
                    'aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233', 2950, 1, '2025-10-06T06:15:01Z',
                    10, 10, 0, 0, 0, 1),
                   (3, 'maalingar', 'measurements', 'csv', 'data/example/inbox/maalingar/maalingar-2023-2025.csv',
                    '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 9813, 1, '2025-10-06T06:15:07Z',
                    253, 250, 0, 0, 3, 1),
                   (4, 'maalingar', 'measurements', 'csv', 'data/example/inbox/maalingar/gammal.csv',
                    '0000000000000000000000000000000000000000000000000000000000000000', 10, 1, '2025-10-01T06:15:07Z',
                    5, 4, 0, 0, 1, 0);
            INSERT INTO stage_state (stage, run_id, as_of, finished_at)
            VALUES ('trends', 1, NULL, '2025-10-06T06:16:00Z'), ('gains', 1, 2025102, '2025-10-06T06:16:30Z');
            """)
    }

    /// Registers: indicators, initiatives and the gain links the report reads units from.
    func seedRegisters() throws {
        try execute("""
            INSERT INTO indicators (indicator, name, unit, polarity, aggregation, frequency, target, file_id) VALUES
              ('sjukefravaer', 'Sjukefråvær (legemeldt og eigenmeldt)', 'prosent', 'lower_is_better', 'mean', 'month', 7.5, 1),
              ('vedtakstimar_heimeteneste', 'Vedtakstimar i heimetenesta per månad', 'timar', 'lower_is_better', 'sum', 'month', NULL, 1),
              ('utsendt_post_fysisk', 'Utsende brev på papir per månad', 'brev', 'lower_is_better', 'sum', 'month', 1500, 1);
            INSERT INTO initiatives (initiative, title, owner, area, status, deadline, description, file_id) VALUES
              ('T01', 'Velferdsteknologi i heimetenesta', 'Kommunalsjef helse og omsorg', 'Helse og omsorg', 'active', '2026-12-31', NULL, 2),
              ('T02', 'Nærværsprogrammet «Saman om nærvær»', 'HR-sjef', 'Helse og omsorg', 'active', '2026-12-31', NULL, 2),
              ('T03', 'Digital post via SvarUt', 'Dokumentsenteret, Rådhuset', 'Organisasjon', 'completed', '2024-12-31', NULL, 2),
              ('T04', 'Skulebruksplan', 'Kommunalsjef oppvekst', NULL, 'planned', NULL, NULL, 2);
            INSERT INTO gain_links (initiative, indicator, org_unit, gain_type, baseline, factor, start, file_id) VALUES
              ('T01', 'vedtakstimar_heimeteneste', 'Heimetenesta Nord', 'time', 17520, 1, NULL, 2),
              ('T02', 'sjukefravaer', 'Heimetenesta Nord', 'quality', 12, 1, NULL, 2),
              ('T03', 'utsendt_post_fysisk', 'total', 'budget', 11100, 18.5, NULL, 2);
            """)
    }

    /// Inserts one key's quarterly rows as the gains stage computes them (SPEC §7), from
    /// `first` on, with realised figures up to and including `asOf`.
    func seedGains(_ initiative: String, _ type: GainType, first: Period, planned: [Int64], realised: [Int64?],
                   asOf: Period = .quarter(2025, 2), thresholds: Thresholds = .standard) throws {
        var cumPlanned: Int64 = 0, cumRealised: Int64 = 0
        for (index, plan) in planned.enumerated() {
            let quarter = first.advanced(by: index)
            cumPlanned += plan
            let past = quarter <= asOf
            let value = past && index < realised.count ? realised[index] : nil
            cumRealised += value ?? 0
            let rate: Double? = past && cumPlanned != 0 ? Double(cumRealised) / Double(cumPlanned) : nil
            let status = !past ? "future" : cumPlanned == 0 ? "none"
                : rate! >= thresholds.green ? "green" : rate! >= thresholds.yellow ? "yellow" : "red"
            try execute("""
                INSERT INTO gains_quarterly (initiative, gain_type, quarter, planned, realised, realised_source, derived, reported,
                                             cum_planned, cum_realised, deviation, realisation_rate, status)
                VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)
                """, [initiative, type.rawValue, quarter.code, plan, value, value == nil ? "none" : "reported", value,
                      cumPlanned, past ? cumRealised : nil, past ? cumRealised - cumPlanned : nil, rate, status])
        }
    }

    /// The small, exact seed most tests check output against.
    static func small() throws -> Fixture {
        let fixture = try Fixture()
        try fixture.seedRunAndFiles()
        try fixture.seedRegisters()
        try fixture.execute("""
            INSERT INTO trends (indicator, org_unit, frequency, n, first_period, last_period, last_value, mean, median, stdev,
                                min, max, change_prev, change_yoy, ols_slope, r_squared, sen_slope, mk_s, mk_tau, mk_z, mk_p,
                                trend, assessment, seasonal_sen_slope, seasonal_mk_z, seasonal_mk_p, target, target_gap,
                                cc_centre, cc_lower, cc_upper, cc_moving_range, cc_signals) VALUES
              ('sjukefravaer', 'Heimetenesta Nord', 'month', 8, 2025001, 2025008, 9.1, 10.4375, 10.45, 0.8228, 9.1, 11.8,
               -0.4, -1.5, -1.7142857142857142, 0.8125, -1.8, -20, -0.7142857142857143, -2.4748737341529163,
               0.0133283, 'decreasing', 'improving', NULL, NULL, NULL, 7.5, 1.6, 10.4375, 8.5, 12.375, 0.728, 1),
              ('sjukefravaer', 'total', 'month', 2, 2025007, 2025008, 8.0, 8.25, 8.25, 0.3535533905932738, 8.0, 8.5,
               -0.5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'n/a', NULL, NULL, NULL, 7.5, 0.5,
               NULL, NULL, NULL, NULL, 0),
              ('utsendt_post_fysisk', 'total', 'month', 3, 2025001, 2025003, 1500.0, 1e-7, 1.5e20, 0.0, 0.0000123,
               150000000000000000000.0, 0.0, NULL, 0.0, NULL, 0.0, 0, 0.0, 0.0, 1.0, 'no_trend', 'stable', NULL, NULL,
               NULL, 1500, 0.0, 1500, 1500, 1500, 0, 0);
            UPDATE trends SET points = '[[2025001,11.8,1],[2025002,11.0,0],[2025003,10.9,0],[2025004,10.6,0],[2025005,10.2,0],[2025006,10.0,0],[2025007,9.9,0],[2025008,9.1,2]]' WHERE indicator = 'sjukefravaer' AND org_unit = 'Heimetenesta Nord';
            UPDATE trends SET points = '[[2025007,8.5,0],[2025008,8.0,0]]' WHERE indicator = 'sjukefravaer' AND org_unit = 'total';
            UPDATE trends SET points = '[[2025001,1500,0],[2025002,1500,0],[2025003,1500,0]]' WHERE indicator = 'utsendt_post_fysisk' AND org_unit = 'total';
            """)
        try fixture.seedGains("T01", .time, first: .quarter(2025, 1), planned: [40000, 70000, 90000], realised: [35050, 66000])
        try fixture.seedGains("T02", .quality, first: .quarter(2025, 1), planned: [100, 200], realised: [50, 60])
        try fixture.seedGains("T03", .budget, first: .quarter(2024, 3), planned: [8_000_000, 12_000_025],
                              realised: [8_625_000, 12_000_000])
        try fixture.seedGains("T04", .efficiency, first: .quarter(2026, 1), planned: [150_000_000], realised: [])
        try fixture.execute("""
            INSERT INTO gains_yearly (initiative, gain_type, year, planned, planned_ytd, realised_ytd, rate_ytd, forecast) VALUES
              ('T01', 'time', 2025, 200000, 110000, 101050, 0.9186363636363637, 183727),
              ('T03', 'budget', 2024, 20000025, 20000025, 20625000, 1.03124961328, 20625000),
              ('T04', 'efficiency', 2026, 150000000, 0, 0, NULL, 150000000);
            INSERT INTO gains_by_area (area, gain_type, quarter, planned, realised, cum_planned, cum_realised, deviation,
                                       realisation_rate, status) VALUES
              ('*', 'budget', 2024103, 8000000, 8625000, 8000000, 8625000, 625000, 1.078125, 'green'),
              ('*', 'budget', 2024104, 12000025, 12000000, 20000025, 20625000, 624975, 1.03124961328, 'green'),
              ('*', 'time', 2025101, 40000, 35050, 40000, 35050, -4950, 0.87625, 'yellow'),
              ('*', 'time', 2025102, 70000, 66000, 110000, 101050, -8950, 0.9186363636363637, 'green'),
              ('*', 'time', 2025103, 90000, NULL, 200000, NULL, NULL, NULL, 'future'),
              ('', 'efficiency', 2026101, 150000000, NULL, 150000000, NULL, NULL, NULL, 'future'),
              ('Helse og omsorg', 'time', 2025101, 40000, 35050, 40000, 35050, -4950, 0.87625, 'yellow'),
              ('Helse og omsorg', 'time', 2025102, 70000, 66000, 110000, 101050, -8950, 0.9186363636363637, 'green'),
              ('Helse og omsorg', 'time', 2025103, 90000, NULL, 200000, NULL, NULL, NULL, 'future'),
              ('Organisasjon', 'budget', 2024103, 8000000, 8625000, 8000000, 8625000, 625000, 1.078125, 'green'),
              ('Organisasjon', 'budget', 2024104, 12000025, 12000000, 20000025, 20625000, 624975, 1.03124961328, 'green');
            INSERT INTO rejects (file_id, source, file, line, "column", field, reason, text) VALUES
              (3, 'maalingar', 'data/example/inbox/maalingar/maalingar-2023-2025.csv', 17, NULL, 'value',
               '''12,3,4'' er ikkje eit tal', 'sjukefravaer;Heimetenesta Nord;2023M04;12,3,4'),
              (3, 'maalingar', 'data/example/inbox/maalingar/maalingar-2023-2025.csv', 9, NULL, 'period',
               'ukjend periode', 'vedtakstimar_heimeteneste;"Nord, Sør";2023M13;5 100'),
              (3, 'maalingar', 'data/example/inbox/maalingar/maalingar-2023-2025.csv', 40, NULL, 'indicator',
               'manglar indikator', 'første linje
            andre linje'),
              (4, 'maalingar', 'data/example/inbox/maalingar/gammal.csv', 2, NULL, 'value', 'gammal', 'x');
            """)
        try fixture.warehouse.database.write { db in
            try SharedRecords.insert([
                Finding(.doubleCount, initiative: "T01", relatedInitiative: "T05", indicator: "vedtakstimar_heimeteneste",
                        orgUnit: "Heimetenesta Nord", quarter: Quarter(2024, 3), details: ["gain_type": "time"]),
                Finding(.linkWithoutMeasurements, initiative: "T03", indicator: "utsendt_post_fysisk", orgUnit: "total",
                        quarter: Quarter(2024, 3), details: ["gain_type": "budget"]),
            ], stage: "gains", runID: 1, fileID: nil, db)
            try SharedRecords.insert([
                Finding(.unknownInitiative, source: "plan", file: "data/example/gevinstplan.csv", initiative: "T99"),
            ], stage: "import", runID: 1, fileID: 3, db)
            try SharedRecords.insert([
                Finding(.unknownInitiative, source: "plan", file: "data/example/gammal.csv", initiative: "T98"),
            ], stage: "import", runID: 1, fileID: 4, db)
        }
        return fixture
    }
}
