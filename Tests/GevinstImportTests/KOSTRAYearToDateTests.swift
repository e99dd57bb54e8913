import Foundation
import GevinstCore
@testable import GevinstImport
import Testing

/// Quarterly files built by make_expected.py from the real Q4 file (each line's year to date a
/// share of its Q4 amount; funksjon 201 left out of Q2); the script differences them on its own.
@Suite("KOSTRA year-to-date differencing")
struct KOSTRAYearToDateTests {
    static func quarterPath(_ quarter: Int) -> String {
        quarter == 4 ? KOSTRAFixtures.real : KOSTRAFixtures.path("quarters/0A_2019_K\(quarter).dat")
    }

    static func yearToDate(_ quarter: Int) throws -> KOSTRAFileSums {
        try KOSTRAFixtures.sums(quarterPath(quarter), KOSTRAMappingTests.options(["drift"], orgUnit: .funksjon)).sums
    }

    @Test("Each quarter's file sums to the script's year to date, and Qn = YTD(n) − YTD(n−1)", arguments: 1...4)
    func quarterValues(quarter: Int) throws {
        let expected = KOSTRAFixtures.expected
        let current = try Self.yearToDate(quarter)
        #expect(current.identity.period == .quarter(2019, quarter))
        #expect(current.sums == KOSTRAFixtures.keyed(expected.quarter_year_to_date[String(quarter)]!))
        let previous = try quarter > 1 ? Self.yearToDate(quarter - 1).sums : nil
        let values = KOSTRAYearToDate.periodValues(identity: current.identity, yearToDate: current.sums, previous: previous)
        #expect(values == .values(period: .quarter(2019, quarter), KOSTRAFixtures.keyed(expected.quarter_values[String(quarter)]!)))
    }

    @Test("A key absent from a quarter counts 0: funksjon 201, left out of Q2, goes down in Q2 and back up in Q3")
    func absentKey() throws {
        let kindergarten = KOSTRAKey(indicator: "barnehage", orgUnit: "201")
        var quarters: [Int64] = []
        for quarter in 1...4 {
            let previous = try quarter > 1 ? Self.yearToDate(quarter - 1).sums : nil
            let current = try Self.yearToDate(quarter)
            guard case .values(_, let values) = KOSTRAYearToDate.periodValues(identity: current.identity, yearToDate: current.sums,
                                                                               previous: previous) else {
                Issue.record("quarter \(quarter) has no values")
                return
            }
            quarters.append(try #require(values[kindergarten]))
        }
        let yearToDate = try Self.yearToDate(1).sums[kindergarten]!
        #expect(quarters[0] == yearToDate && quarters[1] == -yearToDate)
        // The quarters add up to the year: 108 706 (1 000 NOK) under funksjon 201.
        #expect(quarters.reduce(0, +) == 108_706_000)
    }

    @Test("A quarter whose previous quarter was never imported gets no value and a kostra_ytd_gap")
    func gap() throws {
        let third = try Self.yearToDate(3)
        let values = KOSTRAYearToDate.periodValues(identity: third.identity, yearToDate: third.sums, previous: nil)
        guard case .gap(let gap) = values else {
            Issue.record("expected a gap, got \(values)")
            return
        }
        #expect(gap.quarter == .quarter(2019, 3) && gap.missing == .quarter(2019, 2))
        let finding = gap.finding(source: "regnskap", file: "q3.dat")
        #expect(finding.kind.rawValue == "kostra_ytd_gap" && finding.severity == .warning && finding.quarter == Quarter(2019, 3))
        #expect(finding.details == ["form": "0A", "region": "040200", "period": "2019K2"])
        #expect(third.identity.previousQuarter?.period == .quarter(2019, 2))
    }

    @Test("The first quarter and the year's accounts need no previous quarter")
    func firstQuarterAndYear() throws {
        let first = try Self.yearToDate(1)
        #expect(KOSTRAYearToDate.periodValues(identity: first.identity, yearToDate: first.sums, previous: nil)
            == .values(period: .quarter(2019, 1), first.sums))
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("year.dat", KOSTRAFixtures.record(amount: "12") + "\n")
        let year = try KOSTRAFixtures.sums(path, KOSTRAMappingTests.options(nil, indicators: [KOSTRAMappingTests.selection("vikarer", art: ["020"])])).sums
        #expect(year.identity.previousQuarter == nil)
        #expect(KOSTRAYearToDate.periodValues(identity: year.identity, yearToDate: year.sums, previous: nil)
            == .values(period: .year(2024), [KOSTRAKey(indicator: "vikarer", orgUnit: "total"): 12_000]))
    }
}
