import Foundation
import GRDB
import GevinstCore
import GevinstTestSupport
import GevinstWarehouse
import Testing
@testable import GevinstGains

/// `MeasurementsAsOf.update` reads each series from its latest period backwards and stops early;
/// what it stores and sums up must equal a plain pass that counts every measurement.
@Suite struct MeasurementsAsOfTests {
    /// Months, quarters and years of 2022 to 2028, so that a series has periods well before, around
    /// and after each run's quarter.
    static let periods = (2022...2028).flatMap { year in
        (1...12).map { String(format: "%dM%02d", year, $0) } + (1...4).map { "\(year)K\($0)" } + ["\(year)"]
    }

    @Test("series_as_of and its sums equal a pass over every measurement", arguments: [UInt64(11), 12, 13, 14])
    func equalsEveryMeasurement(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        let store = try TestWarehouse()
        // Series of few and of many values, some of one kind, some mixed.
        let deliveries = (0..<400).map { _ in
            let series = below(40)
            let kinds = series % 4
            var period = Self.periods[below(Self.periods.count)]
            if kinds < 3 { period = Self.periods.filter { Period($0)!.kind.rawValue == kinds }[below(kinds == 0 ? 84 : kinds == 1 ? 28 : 7)] }
            return (indicator: "i\(series % 3)", orgUnit: "e\(series)", period: period, value: Double?(Double(below(9))))
        }
        try store.deliver(deliveries)
        for quarter in [Quarter(2021, 4), Quarter(2023, 2), Quarter(2025, 1), Quarter(2025, 4), Quarter(2027, 3), Quarter(2029, 1)] {
            let (summary, read) = try store.warehouse.database.write { db in
                try MeasurementsAsOf.update(db, today: quarter, since: nil)
            }
            #expect(read == nil)
            var expected: [Int64: MeasurementsAsOf] = [:]
            var all = MeasurementsAsOf()
            try store.warehouse.database.read { db in
                for row in try Row.fetchAll(db, sql: "SELECT series_id, period FROM measurements") {
                    let period = Period(code: row[1])!
                    expected[row[0], default: MeasurementsAsOf()].add(period, today: quarter.ordinal)
                    all.add(period, today: quarter.ordinal)
                }
            }
            let stored = try store.warehouse.database.read { db in
                try Row.fetchAll(db, sql: "SELECT series_id, latest_quarter, first_future, future_count FROM series_as_of ORDER BY 1")
                    .map { "\($0[0] as Int64) \($0[1] as Int? ?? 0) \($0[2] as Int? ?? 0) \($0[3] as Int)" }
            }
            let counted = expected.keys.sorted().map { id in
                let facts = expected[id]!
                return "\(id) \(facts.latestQuarter.map { Quarter(ordinal: $0).code } ?? 0) \(facts.future.first?.code ?? 0) \(facts.future.count)"
            }
            #expect(stored == counted, "\(quarter)")
            #expect(summary.latestQuarter == all.latestQuarter, "\(quarter)")
            #expect(summary.future.first == all.future.first, "\(quarter)")
            #expect(summary.future.count == all.future.count, "\(quarter)")
        }
    }
}
