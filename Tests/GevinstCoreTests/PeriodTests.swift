import Testing
import GevinstCore

@Suite("Periods")
struct PeriodTests {
    @Test("every accepted form parses to its canonical period", arguments: [
        ("2024", "2024"), ("2024K1", "2024K1"), ("2024k4", "2024K4"), ("2024Q1", "2024K1"), ("2024q2", "2024K2"),
        ("2024-K3", "2024K3"), ("2024 q1", "2024K1"), ("2024 K2", "2024K2"), ("2024-Q4", "2024K4"),
        ("2024M03", "2024M03"), ("2024m3", "2024M03"), ("2024M12", "2024M12"), ("2024-03", "2024M03"),
        ("2024-03-15", "2024M03"), ("15.03.2024", "2024M03"), ("29.02.2024", "2024M02"), ("2023-08-09", "2023M08"),
    ])
    func parses(text: String, canonical: String) throws {
        let period = try #require(Period(text))
        #expect(period.description == canonical)
        #expect(Period(canonical) == period)
    }

    @Test("malformed periods are refused", arguments: [
        "", "24", "20241", "2024K0", "2024K5", "2024M00", "2024M13", "2024-13", "2024-02-30", "29.02.2023", "2024/03",
        "2024K12", "K1 2024", "2024-", "2024 ", "abcd", "2024M", "31.04.2024", "2024-K", "0999",
    ])
    func refuses(text: String) {
        #expect(Period(text) == nil)
    }

    @Test("ordinals, time and containment")
    func ordinals() {
        let march = Period.month(2024, 3)
        #expect(march.ordinal == 12 * 2024 + 2)
        #expect(march.containing(.quarter) == .quarter(2024, 1))
        #expect(Period.month(2024, 12).containing(.quarter) == .quarter(2024, 4))
        #expect(Period.month(2024, 4).containing(.year) == .year(2024))
        #expect(Period.quarter(2024, 3).containing(.year) == .year(2024))
        #expect(Period.quarter(2024, 2).time == 2024.25)
        #expect(Period.year(2025).quarters == [.quarter(2025, 1), .quarter(2025, 2), .quarter(2025, 3), .quarter(2025, 4)])
        #expect(Period.quarter(2024, 4).advanced(by: 1) == .quarter(2025, 1))
    }

    @Test("warehouse codes round-trip and sort in time within a kind")
    func codes() {
        let periods: [Period] = [.year(2019), .quarter(2024, 1), .quarter(2024, 4), .month(2023, 1), .month(2023, 12)]
        for period in periods { #expect(Period(code: period.code) == period) }
        #expect(Period.month(2024, 3).code == 2024003)
        #expect(Period.quarter(2024, 1).code == 2024101)
        #expect(Period.year(2024).code == 2024201)
        #expect(Period.quarter(2024, 4).code < Period.quarter(2025, 1).code)
        #expect(Period(code: 2024105) == nil)
    }

    @Test("dates for deadlines")
    func dates() {
        #expect(CalendarDate("2025-06-30")?.description == "2025-06-30")
        #expect(CalendarDate("30.06.2025")?.description == "2025-06-30")
        #expect(CalendarDate("31.06.2025") == nil)
        #expect(CalendarDate("2025-6-30") == nil)
    }
}

@Suite("Period ladder")
struct PeriodLadderTests {
    @Test("months aggregate to quarters by sum, mean and last; a stored quarter wins; gaps stay gaps")
    func aggregate() {
        let values = [
            PeriodValue(.month(2024, 1), 1), PeriodValue(.month(2024, 2), 2), PeriodValue(.month(2024, 3), 6),
            PeriodValue(.month(2024, 5), 4),                      // Q2 partial
            PeriodValue(.quarter(2024, 3), 100), PeriodValue(.month(2024, 7), 5),   // stored quarter wins
            PeriodValue(.year(2023), 9),                          // coarser: left out
        ]
        let sum = PeriodLadder.aggregate(values, to: .quarter, by: .sum)
        #expect(sum.series == [PeriodValue(.quarter(2024, 1), 9), PeriodValue(.quarter(2024, 2), 4), PeriodValue(.quarter(2024, 3), 100)])
        #expect(sum.coarser == [.year(2023)])
        #expect(PeriodLadder.aggregate(values, to: .quarter, by: .mean).series.first?.value == 3)
        #expect(PeriodLadder.aggregate(values, to: .quarter, by: .last).series.first?.value == 6)
        let yearly = PeriodLadder.aggregate(values, to: .year, by: .sum)
        #expect(yearly.series == [PeriodValue(.year(2023), 9), PeriodValue(.year(2024), 113)])
        #expect(yearly.coarser.isEmpty)
        let monthly = PeriodLadder.aggregate(values, to: .month, by: .sum)
        #expect(monthly.series.count == 5)
        #expect(monthly.coarser == [.quarter(2024, 3), .year(2023)].sorted())
    }
}

@Suite("Quarter")
struct QuarterTests {
    @Test("a quarter comes from a quarter period, text or code, never from a year or a month")
    func onlyQuarters() {
        #expect(Quarter(2024, 1).description == "2024K1")
        #expect(Quarter(2024, 3).code == 2024103)
        #expect(Quarter("2025Q2") == Quarter(2025, 2))
        #expect(Quarter(code: 2025104) == Quarter(2025, 4))
        #expect(Quarter(.quarter(2024, 2)) == Quarter(2024, 2))
        #expect(Quarter("2025") == nil)
        #expect(Quarter("2025M03") == nil)
        #expect(Quarter(code: 2025201) == nil)
        #expect(Quarter(.year(2024)) == nil)
        #expect(Quarter(2024, 4) < Quarter(2025, 1))
        #expect(Quarter(2024, 4).period == .quarter(2024, 4))
    }
}
