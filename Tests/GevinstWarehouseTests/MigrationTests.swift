import Foundation
import GRDB
import GevinstCore
import Testing
@testable import GevinstWarehouse

/// Warehouses written by earlier versions (built here with the frozen SQL of those versions)
/// upgrade in place; one written by a later version is refused.
@Suite("Migrations")
struct MigrationTests {
    /// A migrator with the first `count` shipped migrations, as that version of gevinst had it.
    static func shipped(_ count: Int) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (identifier, sql) in [("v1", Schema.v1), ("v2", Schema.v2), ("v3", Schema.v3), ("v4", Schema.v4),
                                 ("v5", Schema.v5), ("v6", Schema.v6), ("v7", Schema.v7), ("v8", Schema.v8 + Schema.v8Views), ("v9", Schema.v9), ("v10", Schema.v10),
                                 ("v11", Schema.v11), ("v12", Schema.v12), ("v13", Schema.v13), ("v14", Schema.v14)].prefix(count) {
            migrator.registerMigration(identifier) { db in try db.execute(sql: sql) }
        }
        return migrator
    }

    /// A warehouse as the first `count` shipped migrations left it, holding the rows `sql` inserts,
    /// opened (and so migrated) by this gevinst.
    static func warehouse(shipped count: Int, rows sql: String) throws -> TemporaryWarehouse {
        try TemporaryWarehouse { queue in
            try shipped(count).migrate(queue)
            try queue.write { db in try db.execute(sql: sql) }
        }
    }

    /// Every migration this gevinst has, in order.
    static let everyVersion = (1...14).map { "v\($0)" }

    /// Rows as v1 and v2 wrote them: periods of stage outputs, findings, runs and stage state as text.
    static func insertOldRows(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO runs (id, pipeline, stages, started_at, outcome, as_of, pid) VALUES (1, 'p', 'gains', 't', 'success', '2025K2', 7);
            INSERT INTO files (id, source, kind, format, path, sha256, size, run_id, imported_at) VALUES (1, 's', 'k', 'csv', 'a.csv', 'h', 1, 1, 't');
            INSERT INTO findings (stage, run_id, kind, severity, initiative, quarter) VALUES ('gains', 1, 'double_count', 'warning', 'T1', '2024K3');
            INSERT INTO findings (stage, run_id, kind, severity, initiative, quarter) VALUES ('gains', 1, 'unknown_initiative', 'info', 'T2', NULL);
            INSERT INTO stage_state (stage, run_id, as_of, finished_at) VALUES ('gains', 1, '2025K2', 't');
            INSERT INTO trends (indicator, org_unit, frequency, n, first_period, last_period, assessment, points)
            VALUES ('A', 'total', 'month', 2, '2024M11', '2024M12', 'n/a', '[[2024011,1.0,0],[2024012,2.0,0]]');
            INSERT INTO trends (indicator, org_unit, frequency, n, first_period, last_period, assessment)
            VALUES ('B', 'total', 'year', 1, '2023', '2023', 'n/a');
            INSERT INTO trends (indicator, org_unit, frequency, n, first_period, last_period, assessment)
            VALUES ('C', 'total', 'quarter', 1, '2024K1', 'no period', 'n/a');
            INSERT INTO gains_quarterly (initiative, gain_type, quarter, planned, realised_source, cum_planned, status)
            VALUES ('T1', 'budget', 2025102, 100, 'none', 100, 'future');
            """)
    }

    /// What the upgraded warehouse must hold: every period as its code, every other value kept.
    static func expectConverted(_ warehouse: Warehouse) throws {
        try warehouse.database.read { db in
            #expect(try Schema.migrator.appliedMigrations(db) == Self.everyVersion)
            #expect(try Int.fetchOne(db, sql: "SELECT as_of FROM runs WHERE id = 1") == 2025102)
            #expect(try Int.fetchOne(db, sql: "SELECT as_of FROM stage_state WHERE stage = 'gains'") == 2025102)
            #expect(try Int?.fetchAll(db, sql: "SELECT quarter FROM findings ORDER BY id") == [2024103, nil])
            let trends = try Row.fetchAll(db, sql: "SELECT indicator, first_period, last_period, typeof(first_period) AS t FROM trends ORDER BY indicator")
            #expect(trends.map { $0["first_period"] as Int? } == [2024011, 2023201, 2024101])
            #expect(trends.map { $0["last_period"] as Int? } == [2024012, 2023201, nil])
            #expect(trends.map { $0["t"] as String } == ["integer", "integer", "integer"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trend_points") == 2)
            #expect(try Int.fetchOne(db, sql: "SELECT cum_planned FROM gains_quarterly") == 100)
            #expect(try String.fetchOne(db, sql: "SELECT path FROM files WHERE run_id = 1") == "a.csv")
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('findings_by_stage', 'measurements_by_file') ORDER BY name
                """) == ["findings_by_stage"])
        }
    }

    @Test("a v1 warehouse upgrades in place: periods become codes, rows are kept, rejects gain kind")
    func fromV1() throws {
        let store = try TemporaryWarehouse { queue in
            try Self.shipped(1).migrate(queue)
            try queue.write(Self.insertOldRows)
        }
        try Self.expectConverted(store.warehouse)
        let columns = try store.warehouse.database.read { db in
            try Row.fetchAll(db, sql: "PRAGMA table_info(rejects)").map { row -> String in row["name"] }
        }
        #expect(columns.last == "kind")
    }

    @Test("a v2 warehouse upgrades in place: periods become codes, rows are kept")
    func fromV2() throws {
        let store = try TemporaryWarehouse { queue in
            try Self.shipped(2).migrate(queue)
            try queue.write { db in
                try Self.insertOldRows(db)
                try db.execute(sql: "INSERT INTO rejects (file_id, source, file, line, reason, kind) VALUES (1, 's', 'a.csv', 3, 'r', 'nul_byte')")
            }
        }
        try Self.expectConverted(store.warehouse)
        let kind = try store.warehouse.database.read { db in try String.fetchOne(db, sql: "SELECT kind FROM rejects") }
        #expect(kind == "nul_byte")
    }

    @Test("a v5 warehouse gains the A3 fields (empty) and the actions register, keeping its initiatives")
    func fromV5() throws {
        let store = try TemporaryWarehouse { queue in
            try Self.shipped(5).migrate(queue)
            try queue.write { db in
                try Self.insertOldRows(db)
                try db.execute(sql: "INSERT INTO initiatives (initiative, title, status, file_id) VALUES ('T1', 'Tittel', 'active', 1)")
            }
        }
        try store.warehouse.database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT title, rationale, a3_version FROM initiatives")
            #expect(row?["title"] == "Tittel")
            #expect(row?["rationale"] as String? == nil)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actions") == 0)
        }
    }

    @Test("a warehouse a newer gevinst migrated is refused, writing or reading, naming both versions")
    func newerSchemaRefused() throws {
        let store = try TemporaryWarehouse()
        var newer = Self.shipped(14)
        newer.registerMigration("v15") { db in try db.execute(sql: "CREATE TABLE later (x INTEGER)") }
        try newer.migrate(store.warehouse.database)
        for readOnly in [false, true] {
            let error = #expect(throws: WarehouseError.self) { try Warehouse(path: store.path, readOnly: readOnly) }
            #expect(error?.category == .data)
            #expect(error?.cause.contains("schema v15, newer than v14") == true, "\(error?.cause ?? "")")
        }
    }

    @Test("a warehouse that got v8 before v7 existed gets v7 and keeps v8's views: the yearly view with forecast_source, the budget balance's")
    func v7AfterV8() throws {
        let store = try TemporaryWarehouse { queue in
            var main = Self.shipped(6)
            main.registerMigration("v8") { db in try db.execute(sql: Schema.v8) }
            try main.migrate(queue)
        }
        try store.warehouse.database.read { db in
            #expect(try Schema.migrator.appliedMigrations(db).sorted() == Self.everyVersion.sorted())
            let yearly = try Row.fetchAll(db, sql: "PRAGMA table_info(gains_yearly_readable)").map { row -> String in row["name"] }
            #expect(yearly.last == "forecast_source")
            #expect(try db.viewExists("budget_balance_readable"))
            #expect(try db.tableExists("org_units"))
        }
    }

    @Test("a v10 warehouse gets the pairs (file, series) of its measurements, and loses the index of every measurement by file")
    func fileSeriesFromMeasurements() throws {
        let store = try Self.warehouse(shipped: 10, rows: """
            INSERT INTO series (id, indicator, org_unit) VALUES (1, 'a', 'x'), (2, 'a', 'y'), (3, 'b', 'x');
            INSERT INTO measurements (series_id, period, value, file_id) VALUES
                (1, 2024101, 1, 1), (1, 2024102, 2, 2), (2, 2024101, 3, 2), (2, 2024102, 4, 2), (3, 2024101, 5, 1);
            """)
        try store.warehouse.database.read { db in
            let pairs = try Row.fetchAll(db, sql: "SELECT file_id, series_id FROM file_series").map { row -> [Int64] in [row[0], row[1]] }
            #expect(pairs == [[1, 1], [1, 3], [2, 1], [2, 2]])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name = 'measurements_by_file'") == 0)
        }
    }

    @Test("a v11 warehouse's trends become a rowid table: every column and row kept, in order, the key unique, the points view reading them")
    func trendsWithRowid() throws {
        let store = try Self.warehouse(shipped: 11, rows: """
            INSERT INTO trends (indicator, org_unit, frequency, n, mean, assessment, cc_signals, points, first_period, last_period) VALUES
                ('b', 'x', 'quarter', 2, 1.5, 'n/a', 1, '[[2024101,1.0,0],[2024102,2.0,1]]', 2024101, 2024102),
                ('a', 'y', 'year', 1, NULL, 'improving', 0, '[]', 2023201, 2023201);
            """)
        try store.warehouse.database.read { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(trends)").map { row -> String in row["name"] }
            #expect(columns == TrendsTable.Column.allCases.map(\.rawValue))
            let rows = try Row.fetchAll(db, sql: "SELECT indicator, org_unit, n, mean, cc_signals, points, last_period FROM trends ORDER BY rowid")
            #expect(rows.map { "\($0[0] as String)/\($0[1] as String) \($0[2] as Int) \($0[3] as Double? ?? -1) \($0[4] as Int) \($0[5] as String) \($0[6] as Int)" }
                    == ["a/y 1 -1.0 0 [] 2023201", "b/x 2 1.5 1 [[2024101,1.0,0],[2024102,2.0,1]] 2024102"])
            #expect(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'trends'")?.contains("WITHOUT ROWID") == false)
            #expect(try Int.fetchAll(db, sql: "SELECT signal FROM trend_points ORDER BY period") == [0, 1])
        }
        #expect(throws: (any Error).self) {
            try store.warehouse.database.write { db in
                try db.execute(sql: "INSERT INTO trends (indicator, org_unit, frequency, n, assessment) VALUES ('a', 'y', 'year', 1, 'n/a')")
            }
        }
    }

    @Test("a new version of a file finds the old version's measurements through its series, searching both tables by key")
    func measurementsByFile() throws {
        let store = try TemporaryWarehouse()
        let plan = try store.warehouse.database.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT series_id, period FROM measurements
                WHERE series_id IN (SELECT series_id FROM file_series WHERE file_id IN (3, 4)) AND file_id IN (3, 4)
                """).map { row -> String in row["detail"] }.joined(separator: "; ")
        }
        #expect(!plan.contains("SCAN"), "\(plan)")
        #expect(plan.contains("SEARCH measurements USING PRIMARY KEY") && plan.contains("SEARCH file_series USING PRIMARY KEY"), "\(plan)")
    }

    @Test("a current warehouse opens again without change")
    func reopen() throws {
        let store = try TemporaryWarehouse()
        let again = try Warehouse(path: store.path)
        let applied = try again.database.read { db in try Schema.migrator.appliedMigrations(db) }
        #expect(applied == Self.everyVersion)
    }
}
