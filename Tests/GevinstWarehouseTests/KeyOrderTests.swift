import GRDB
import GevinstCore
import Testing
@testable import GevinstWarehouse

/// `MeasurementKeyOrder`: keys in order pass; a key that does not come after the last one is the
/// warehouse's own error, an I/O failure (74), whose cause the stages quote after the path.
@Suite("Measurement key order")
struct KeyOrderTests {
    @Test("keys in increasing order pass")
    func increasing() throws {
        let store = try TemporaryWarehouse()
        try store.warehouse.database.read { db in
            var order = MeasurementKeyOrder()
            for (series, period) in [(1, 20_241), (1, 20_242), (2, 20_151), (3, 1)] as [(Int64, Int)] {
                try order.check(series: series, period: period, db)
            }
        }
    }

    @Test("a key out of order or repeated is a WarehouseError of category io, naming both keys", arguments: [
        (Int64(1), 20_241), (Int64(2), 20_151), (Int64(2), 20_153),
    ])
    func outOfOrder(series: Int64, period: Int) throws {
        let store = try TemporaryWarehouse()
        try store.warehouse.database.read { db in
            var order = MeasurementKeyOrder()
            try order.check(series: 1, period: 20_241, db)
            try order.check(series: 2, period: 20_153, db)
            do throws(WarehouseError) {
                try order.check(series: series, period: period, db)
                Issue.record("no error for series \(series), period \(period) after series 2, period 20153")
            } catch {
                #expect(error.category == .io)
                #expect(error.path.hasSuffix("test.sqlite"))
                #expect(error.cause.hasPrefix("the measurements come out of key order (series \(series), period \(period) after "
                                              + "series 2, period 20153): the warehouse is damaged (PRAGMA quick_check: ok); "))
                #expect(error.cause.hasSuffix("restore it from a backup, or move it away and import again"))
                // The stages put the warehouse's path before it themselves: the cause alone, word for word.
                #expect(Warehouse.describe(error) == error.cause)
                #expect(error.description == "warehouse \(error.path): \(error.cause)")
            }
        }
    }

    @Test("descending: keys in decreasing order pass, a key that does not come before the last one fails")
    func descending() throws {
        let store = try TemporaryWarehouse()
        try store.warehouse.database.read { db in
            var order = MeasurementKeyOrder(descending: true)
            for (series, period) in [(3, 20_241), (3, 20_151), (2, 20_242), (1, 1)] as [(Int64, Int)] {
                try order.check(series: series, period: period, db)
            }
            for (series, period) in [(Int64(1), 1), (1, 2), (2, 0)] {
                var order = MeasurementKeyOrder(descending: true)
                try order.check(series: 1, period: 1, db)
                #expect(throws: WarehouseError.self, "series \(series), period \(period)") {
                    try order.check(series: series, period: period, db)
                }
            }
        }
    }
}
