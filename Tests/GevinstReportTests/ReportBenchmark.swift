import Foundation
import GRDB
import GevinstCore
import Logging
import Testing
@testable import GevinstReport

/// The benchmark's size (SPEC §10): 100 000 trend series, 10 000 initiatives × 4 gain types ×
/// 40 quarters. Skipped unless `GEVINST_REPORT_BENCHMARK` is set; run it in a release build:
/// `GEVINST_REPORT_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --filter ReportBenchmark`
@Suite struct ReportBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GEVINST_REPORT_BENCHMARK"] != nil))
    func allFormatsOfTheBenchmarkWarehouse() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let seeding = ContinuousClock.now
        try fixture.seedRunAndFiles()
        try fixture.execute("""
            WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 10000)
            INSERT INTO initiatives (initiative, title, owner, area, status, deadline, file_id)
            SELECT printf('I%05d', n), printf('Tiltak nummer %d', n), printf('Leiar %d', n % 97),
                   printf('Område %02d', n % 12), 'active', '2027-12-31', 2 FROM i;
            INSERT INTO gain_links (initiative, indicator, org_unit, gain_type, baseline, factor, start, file_id)
            SELECT initiative, printf('ind%04d', CAST(substr(initiative, 2) AS INTEGER) % 1000), 'eining000', 'time', 100, 1, NULL, 2
            FROM initiatives;

            CREATE TEMP TABLE q AS
            WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 39)
            SELECT n, (2020 + n / 4) * 1000 + 100 + n % 4 + 1 AS code FROM k;
            CREATE TEMP TABLE t(gain_type TEXT, rank INTEGER);
            INSERT INTO t VALUES ('budget', 1), ('efficiency', 2), ('time', 3), ('quality', 4);
            INSERT INTO gains_quarterly (initiative, gain_type, quarter, planned, realised, realised_source, cum_planned,
                                         cum_realised, deviation, realisation_rate, status)
            SELECT initiative, gain_type, code, planned, realised, CASE WHEN realised IS NULL THEN 'none' ELSE 'reported' END,
                   cum_planned, cum_realised, cum_realised - cum_planned, cum_realised * 1.0 / cum_planned,
                   CASE WHEN code > 2025102 THEN 'future'
                        WHEN cum_realised >= 0.9 * cum_planned THEN 'green'
                        WHEN cum_realised >= 0.7 * cum_planned THEN 'yellow' ELSE 'red' END
            FROM (
                SELECT initiative, gain_type, code, planned, realised,
                       SUM(planned) OVER w AS cum_planned,
                       CASE WHEN code <= 2025102 THEN SUM(COALESCE(realised, 0)) OVER w END AS cum_realised
                FROM (
                    SELECT i.initiative, t.gain_type, q.code,
                           100000 + (i.rowid * 7919 + q.n * 104729 + t.rank * 31) % 5000000 AS planned,
                           CASE WHEN q.code <= 2025102 THEN 90000 + (i.rowid * 6007 + q.n * 3571 + t.rank) % 4000000 END AS realised
                    FROM initiatives AS i CROSS JOIN t CROSS JOIN q
                    ORDER BY i.initiative, t.gain_type, q.code)
                WINDOW w AS (PARTITION BY initiative, gain_type ORDER BY code));

            INSERT INTO gains_yearly (initiative, gain_type, year, planned, planned_ytd, realised_ytd, rate_ytd, forecast)
            SELECT initiative, gain_type, quarter / 1000, SUM(planned),
                   SUM(CASE WHEN quarter <= 2025102 THEN planned ELSE 0 END),
                   SUM(COALESCE(realised, 0)),
                   SUM(COALESCE(realised, 0)) * 1.0 / NULLIF(SUM(CASE WHEN quarter <= 2025102 THEN planned ELSE 0 END), 0),
                   SUM(planned)
            FROM gains_quarterly GROUP BY initiative, gain_type, quarter / 1000;

            INSERT INTO gains_by_area (area, gain_type, quarter, planned, realised, cum_planned, cum_realised, deviation,
                                       realisation_rate, status)
            SELECT COALESCE(a.area, '*'), g.gain_type, g.quarter, SUM(g.planned), SUM(g.realised), SUM(g.cum_planned),
                   SUM(g.cum_realised), SUM(g.deviation), SUM(g.cum_realised) * 1.0 / SUM(g.cum_planned), MIN(g.status)
            FROM gains_quarterly AS g JOIN initiatives AS a ON a.initiative = g.initiative
            GROUP BY g.gain_type, g.quarter, a.area
            UNION ALL
            SELECT '*', gain_type, quarter, SUM(planned), SUM(realised), SUM(cum_planned), SUM(cum_realised),
                   SUM(deviation), SUM(cum_realised) * 1.0 / SUM(cum_planned), MIN(status)
            FROM gains_quarterly GROUP BY gain_type, quarter;

            WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < 99999)
            INSERT INTO trends (indicator, org_unit, frequency, n, first_period, last_period, last_value, mean, median, stdev,
                                min, max, change_prev, change_yoy, ols_slope, r_squared, sen_slope, mk_s, mk_tau, mk_z, mk_p,
                                trend, assessment, target, target_gap, cc_centre, cc_lower, cc_upper, cc_moving_range, cc_signals)
            SELECT printf('ind%04d', n / 100), printf('eining%03d', n % 100), 'quarter', 40, '2016K1', '2025K4',
                   n * 0.37, n * 0.35, n * 0.34, 1.0 / (n + 3), 0.000001 * n, n * 1e15, -0.5, 1.25, -0.031 * n, 0.42,
                   -0.03, -120, -0.15384615384615385, -2.3, 0.021, 'decreasing', 'improving', 100, n * 0.37 - 100,
                   n * 0.35, n * 0.3, n * 0.4, 1.7, 2
            FROM s;
            INSERT INTO trend_points (indicator, org_unit, period, value, signal)
            SELECT t.indicator, t.org_unit, (2016 + q.n / 4) * 1000 + 100 + q.n % 4 + 1, 50 + q.n + (q.n % 3), q.n % 9 = 0
            FROM trends AS t CROSS JOIN q WHERE t.org_unit IN ('eining000', 'eining001');

            WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10000)
            INSERT INTO rejects (file_id, source, file, line, "column", field, reason, text)
            SELECT 3, 'maalingar', 'data/inbox/maalingar.csv', n + 1, NULL, 'value', 'ikkje eit tal', printf('ind;e;2024K1;%d,x', n) FROM r;
            WITH RECURSIVE f(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM f WHERE n < 10000)
            INSERT INTO findings (stage, run_id, kind, severity, initiative, indicator, org_unit, details)
            SELECT 'gains', 1, 'link_without_measurements', 'info', printf('I%05d', n), 'ind0001', 'eining050',
                   '{"gain_type":"time","start":"2024K1"}' FROM f;
            """)
        let counts = try fixture.warehouse.database.read { db in
            try ["gains_quarterly", "gains_yearly", "trends", "trend_points"].map { ($0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)")!) }
        }
        print("benchmark warehouse seeded in \(ContinuousClock.now - seeding): \(counts)")
        let start = ContinuousClock.now
        let cpuBefore = ReportBenchmark.cpuSeconds()
        try fixture.report()
        let elapsed = ContinuousClock.now - start
        let cpu = ReportBenchmark.cpuSeconds() - cpuBefore
        let sizes = try ReportStageTests.allFiles.map { name in
            "\(name) \(try FileManager.default.attributesOfItem(atPath: "\(fixture.reportDirectory)/\(name)")[.size] as! Int / 1024) KiB"
        }
        print("benchmark report, all formats: \(elapsed), CPU \(cpu) s; \(sizes.joined(separator: ", "))")
        #expect(elapsed < .seconds(10))
    }

    /// User and system CPU time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
