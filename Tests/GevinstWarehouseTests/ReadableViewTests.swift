import Foundation
import GRDB
import Testing
@testable import GevinstWarehouse

/// The analysts' views over the gains tables: quarters as `2024K1`, amounts in their unit (NOK,
/// hours), initiative titles and org unit names beside the codes; the budget balance in NOK.
@Suite struct ReadableViewTests {
    /// A query's rows, each value as text (a REAL as Swift prints a Double, NULL as ∅).
    func rows(_ store: TemporaryWarehouse, _ sql: String) throws -> [[String]] {
        try store.warehouse.database.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: "∅"
                    case .int64(let number): String(number)
                    case .double(let number): String(number)
                    case .string(let text): text
                    case .blob: "blob"
                    }
                }
            }
        }
    }

    @Test func gainsViewsShowQuartersAsTextAndAmountsInTheirUnit() throws {
        let store = try TemporaryWarehouse()
        try store.warehouse.database.write { db in
            try db.execute(sql: """
                INSERT INTO runs (id, pipeline, stages, started_at, pid) VALUES (1, 'p', 'import', 't', 1);
                INSERT INTO files (id, source, kind, format, path, sha256, size, run_id, imported_at) VALUES (1, 's', 'k', 'csv', 'a', 'h', 1, 1, 't');
                INSERT INTO initiatives (initiative, title, status, file_id) VALUES ('T1', 'Robotar', 'active', 1);
                INSERT INTO gains_quarterly VALUES ('T1', 'budget', 2024101, 123456789, -5, 'derived', -5, NULL, 123456789, -5, -123456794, -0.0000000405, 'red');
                INSERT INTO gains_quarterly VALUES ('T1', 'time', 2024104, 150, NULL, 'none', NULL, NULL, 150, NULL, NULL, NULL, 'future');
                INSERT INTO gains_yearly VALUES ('T1', 'efficiency', 2024, 40000, 10000, 9950, 0.995, 39800, 'finance');
                INSERT INTO budget_balance VALUES ('B+Ø 2025–2028', 2025, '*', 500000000, 400000050, 99999950, 0.8, 1234, 450000000, 50000000, 'not_balanced');
                INSERT INTO gains_by_area VALUES ('Helse', 'quality', 2025103, 250, 100, 250, 100, -150, 0.4, 'red');
                INSERT INTO gain_plans VALUES ('T1', 'budget', 2025201, 100000000, 1), ('T1', 'budget', 2024103, 50, 1);
                INSERT INTO gains_reported VALUES ('T1', 'budget', 2024102, 99, 1);
                INSERT INTO org_units (org_unit, name, file_id) VALUES ('RAD', 'Rådhuset', 1);
                INSERT INTO org_unit_aliases (alias, org_unit, file_id) VALUES ('Rådhus', 'RAD', 1);
                INSERT INTO gain_links VALUES ('T1', 'kjop', 'Rådhus', 'budget', 10.5, 1, 2024102, 1), ('T1', 'kjop', 'total', 'time', 1, 2, NULL, 1);
                """)
        }
        do {
            #expect(try rows(store, "SELECT * FROM gains_quarterly_readable ORDER BY quarter") == [
                ["T1", "Robotar", "budget", "2024K1", "NOK", "1234567.89", "-0.05", "derived", "-0.05", "∅", "1234567.89", "-0.05",
                 "-1234567.94", "-4.05e-08", "red"],
                ["T1", "Robotar", "time", "2024K4", "h", "1.5", "∅", "none", "∅", "∅", "1.5", "∅", "∅", "∅", "future"],
            ])
            #expect(try rows(store, "SELECT * FROM gains_yearly_readable") == [
                ["T1", "Robotar", "efficiency", "2024", "NOK", "400.0", "100.0", "99.5", "0.995", "398.0", "finance"],
            ])
            #expect(try rows(store, "SELECT * FROM budget_balance_readable") == [
                ["B+Ø 2025–2028", "2025", "*", "NOK", "5000000.0", "4000000.5", "999999.5", "0.8", "12.34", "4500000.0", "500000.0", "not_balanced"],
            ])
            #expect(try rows(store, "SELECT * FROM gains_by_area_readable") == [
                ["Helse", "quality", "2025K3", "∅", "2.5", "1.0", "2.5", "1.0", "-1.5", "0.4", "red"],
            ])
            #expect(try rows(store, "SELECT period, amount FROM gain_plans_readable ORDER BY period") == [["2024K3", "0.5"], ["2025", "1000000.0"]])
            #expect(try rows(store, "SELECT quarter, unit, amount FROM gains_reported_readable") == [["2024K2", "NOK", "0.99"]])
            #expect(try rows(store, "SELECT org_unit, registered_org_unit, org_unit_name, start FROM gain_links_readable ORDER BY gain_type") == [
                ["Rådhus", "RAD", "Rådhuset", "2024K2"], ["total", "∅", "∅", "∅"],
            ])
        }
    }
}
