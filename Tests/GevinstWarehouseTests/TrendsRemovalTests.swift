import GRDB
import GRDBSQLite
import Testing
@testable import GevinstWarehouse

/// What the incremental trends stage removes: the findings of the changed series before it computes
/// them again, and afterwards the rows of those it wrote no trend for.
@Suite("Trends removal")
struct TrendsRemovalTests {
    /// Counts SQLite's virtual machine steps, a thousand at a time, while it is installed.
    final class StepCounter {
        var thousands = 0
    }

    static let series = 2000

    /// 2 000 series, each with a trend computed by run 1 and a finding of trends and of gains.
    static func store() throws -> TemporaryWarehouse {
        let store = try TemporaryWarehouse()
        try store.warehouse.database.write { db in
            try db.execute(sql: """
                INSERT INTO runs (id, pipeline, stages, started_at, outcome, pid) VALUES (1, 'p', 'trends', 't', 'success', 7);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(series))
                INSERT INTO series (id, indicator, org_unit) SELECT i, 'i', printf('u%04d', i) FROM n;
                INSERT INTO trends (indicator, org_unit, frequency, n, assessment, run_id) SELECT indicator, org_unit, 'quarter', 1, 'n/a', 1 FROM series;
                INSERT INTO findings (stage, run_id, kind, severity, indicator, org_unit)
                SELECT 'trends', 1, 'coarser_than_frequency', 'warning', indicator, org_unit FROM series;
                INSERT INTO findings (stage, run_id, kind, severity, indicator, org_unit)
                SELECT 'gains', 1, 'link_without_measurements', 'warning', indicator, org_unit FROM series;
                """)
        }
        return store
    }

    @Test("the trends findings of changed series go, the rest stays, and the findings are read once, not once a series")
    func removalReadsFindingsOnce() throws {
        let store = try Self.store()
        let series = Self.series
        try store.warehouse.database.write { db in
            let counter = StepCounter()
            let context = Unmanaged.passUnretained(counter).toOpaque()
            sqlite3_progress_handler(db.sqliteConnection, 1000, { context in
                Unmanaged<StepCounter>.fromOpaque(context!).takeUnretainedValue().thousands += 1
                return 0
            }, context)
            try FindingsTable.removeSeries(Array(stride(from: 2, through: Int64(series), by: 2)), stage: "trends", db)
            sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil)

            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trends") == series)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM findings WHERE stage = 'trends'") == series / 2)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM findings WHERE stage = 'trends' AND substr(org_unit, 2) % 2 = 0") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM findings WHERE stage = 'gains'") == series)
            // Reading the stage's 2 000 findings for each of 1 000 series visits 2 M index entries,
            // several steps each; once, it takes about 100 000 steps.
            #expect(counter.thousands * 1000 < series * series / 4, "\(counter.thousands) thousand steps")
        }
    }

    @Test("of the changed series, the rows the run did not write go; the others and the unchanged series' stay")
    func rowsNotWrittenGo() throws {
        let store = try Self.store()
        try store.warehouse.database.write { db in
            // Run 2 computed the series 1–10 again; of those, 6–10 got no trend.
            try db.execute(sql: "UPDATE trends SET run_id = 2 WHERE org_unit <= 'u0005'")
            try TrendsTable.removeSeries(Array(1...10), except: 2, db)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trends") == Self.series - 5)
            #expect(try String.fetchAll(db, sql: "SELECT org_unit FROM trends WHERE org_unit <= 'u0012' ORDER BY org_unit")
                == ["u0001", "u0002", "u0003", "u0004", "u0005", "u0011", "u0012"])
        }
    }
}
