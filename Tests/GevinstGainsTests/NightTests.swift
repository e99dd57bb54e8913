import Foundation
import GRDB
import GevinstCore
import GevinstTestSupport
import GevinstWarehouse
import Testing
@testable import GevinstGains

/// A night reads only the series that changed (`series_as_of`): after every step of a random
/// sequence — new values of every period kind, before and after the run's quarter, corrected and
/// removed ones, another quarter of the run's date — as_of, the `future_period` finding, the gain
/// figures and `series_as_of` equal those of a run that reads every measurement (`force`).
@Suite struct NightTests {
    static let indicators = ["a", "b", "c", "d"]
    static let orgUnits = (1...10).map { "eining \($0)" }
    /// Months, quarters and years of 2024 to 2027.
    static let periods = (2024...2027).flatMap { year in
        (1...12).map { String(format: "%dM%02d", year, $0) } + (1...4).map { "\(year)K\($0)" } + ["\(year)"]
    }
    /// The run's dates: the quarter moves forward and back.
    static let days = ["2025-02-15", "2025-05-15", "2025-11-15", "2026-08-15"]

    @Test("a night equals a run over every measurement, through deliveries, corrections, removals and a new quarter",
          arguments: [UInt64(1), 2, 3])
    func nightEqualsFullRun(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        let store = try TestWarehouse()
        try store.indicator("a", .higherIsBetter)
        try store.initiative("T1")
        try store.plan("T1", "time", "2025", 400)
        try store.link("T1", "a", orgUnit: "eining 1", "time", baseline: 10)
        var stored: [String: Set<String>] = [:]
        func delivery(_ count: Int) -> [(indicator: String, orgUnit: String, period: String, value: Double?)] {
            (0..<count).map { _ in
                let series = "\(Self.indicators[below(Self.indicators.count)])|\(Self.orgUnits[below(Self.orgUnits.count)])"
                let held = stored[series, default: []].sorted()
                let removes = !held.isEmpty && below(3) == 0
                let period = removes ? held[below(held.count)] : Self.periods[below(Self.periods.count)]
                if removes { stored[series]?.remove(period) } else { stored[series, default: []].insert(period) }
                let key = series.split(separator: "|").map(String.init)
                return (key[0], key[1], period, removes ? nil : Double(below(100)))
            }
        }
        try store.deliver(delivery(60))
        var day = Self.days[0]
        for step in 0..<30 {
            switch below(4) {
            case 0: day = Self.days[below(Self.days.count)]
            case 1: break
            default: try store.deliver(delivery(1 + below(6)))
            }
            let now = TestWarehouse.noon(day)
            let night = try store.runGains(now: now, force: false).asOf
            let seen = try State(store)
            let full = try store.runGains(now: now, force: true).asOf
            #expect(night == full, "step \(step), \(day)")
            #expect(seen == (try State(store)), "step \(step), \(day)")
        }
    }

    /// `series_as_of`, the gain figures and the findings.
    struct State: Equatable {
        var lines: [String]
        var findings: [Finding]

        init(_ store: TestWarehouse) throws {
            lines = try store.warehouse.database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM series_as_of ORDER BY series_id").map { "\($0)" }
            } + store.quarterLines()
            findings = try store.findings()
        }
    }
}
