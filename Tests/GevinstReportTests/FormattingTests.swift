import Foundation
import GevinstCore
import Testing
@testable import GevinstReport

@Suite struct PlainNumberTests {
    @Test(arguments: [
        (1e-7, "0.0000001"), (1.5e20, "150000000000000000000"), (0.1, "0.1"), (100.0, "100"), (-0.0, "0"),
        (123.456, "123.456"), (1e16, "10000000000000000"), (-2.5e-5, "-0.000025"), (0.30000000000000004, "0.30000000000000004"),
        (-1234.5, "-1234.5"), (1.0e-3, "0.001"), (Double(1 << 53), "9007199254740992"), (.leastNonzeroMagnitude, "0." + String(repeating: "0", count: 323) + "5"),
    ])
    func shortestPlainDecimal(_ value: Double, _ expected: String) {
        #expect(PlainNumber.text(value) == expected)
        #expect(Double(PlainNumber.text(value)) == value)
    }

    /// The machine files' statistics: at most 12 significant digits, rounded half away from zero.
    @Test(arguments: [
        (-1.2999999999999972, "-1.3"), (0.30000000000000004, "0.3"), (2.700000000000003, "2.7"), (53.785185185185185, "53.7851851852"),
        (9.9999999999999982, "10"), (-0.99999999999999989, "-1"), (999999999999.5, "1000000000000"), (123456789012345.0, "123456789012000"),
        (0.001389789133215688, "0.00138978913322"), (1e-7, "0.0000001"), (1.5e20, "150000000000000000000"), (-0.0, "0"), (100.0, "100"),
    ])
    func statisticDigits(_ value: Double, _ expected: String) {
        #expect(PlainNumber.text(value, significantDigits: PlainNumber.statisticDigits) == expected)
    }

    @Test func undefinedFiguresAreEmpty() {
        #expect(PlainNumber.text(.nan) == "")
        #expect(PlainNumber.text(.infinity) == "")
        #expect(PlainNumber.text(-.infinity) == "")
    }

    @Test func decimalComma() {
        #expect(PlainNumber.text(1.5e-7, mark: UInt8(ascii: ",")) == "0,00000015")
        #expect(PlainNumber.hundredths(-123450, mark: UInt8(ascii: ",")) == "-1234,50")
    }

    @Test(arguments: [(Int64(-123450), "-1234.50"), (5, "0.05"), (-5, "-0.05"), (0, "0.00"), (100, "1.00"),
                      (Int64.max, "92233720368547758.07"), (Int64.min, "-92233720368547758.08")])
    func hundredths(_ value: Int64, _ expected: String) {
        #expect(PlainNumber.hundredths(value) == expected)
    }
}

@Suite struct HumanFormatTests {
    let nn = HumanFormat(.nn), nb = HumanFormat(.nb), en = HumanFormat(.en)

    @Test func norwegianNumbers() {
        #expect(nn.number(1234567.891) == "1\u{00A0}234\u{00A0}567,89")
        #expect(nn.number(-1234.5) == "\u{2212}1\u{00A0}234,5")
        #expect(nn.number(0.125) == "0,13")
        #expect(nn.number(9.996) == "10")
        #expect(nn.number(999.995) == "1\u{00A0}000")
        #expect(nn.number(-0.001) == "0")
        #expect(nn.number(1.5e20) == "150\u{00A0}000\u{00A0}000\u{00A0}000\u{00A0}000\u{00A0}000\u{00A0}000")
        #expect(nn.number(2, decimals: 1, fixed: true) == "2,0")
        #expect(en.number(1234567.891) == "1,234,567.89")
    }

    /// Money in whole thousand kroner and hours in whole hours, rounded half away from zero (SPEC §8 rev. 2).
    @Test func amountsAreRoundedForPeople() {
        #expect(nn.amount(460_427_315, .money) == "4\u{00A0}604\u{00A0}tkr")
        #expect(nn.amount(123_456_789, .money) == "1\u{00A0}235\u{00A0}tkr")
        #expect(nn.amount(49_999, .money) == "0\u{00A0}tkr")
        #expect(nn.amount(50_000, .money) == "1\u{00A0}tkr")
        #expect(nn.amount(-50_000, .money) == "\u{2212}1\u{00A0}tkr")
        #expect(nb.amount(-5, .money) == "0\u{00A0}tkr", "no sign on a zero")
        #expect(en.amount(123_456_789, .money) == "NOK\u{00A0}1,235k")
        #expect(nn.amount(110_000, .hours) == "1\u{00A0}100\u{00A0}timar")
        #expect(nb.amount(110_050, .hours) == "1\u{00A0}101\u{00A0}timer")
        #expect(nb.amount(-110_049, .hours) == "\u{2212}1\u{00A0}100\u{00A0}timer")
        // A quality gain on a percentage is a difference of percentages.
        #expect(nn.amount(300, .indicator("prosent")) == "3,00\u{00A0}prosentpoeng")
        #expect(en.amount(300, .indicator("%")) == "3.00\u{00A0}percentage points")
        #expect(nn.amount(300, .indicator("dagar")) == "3,00\u{00A0}dagar")
        #expect(nn.amount(300, .indicator(nil)) == "3,00\u{00A0}einingar")
        #expect(nn.unitName(.money) == "kr")
        #expect(en.unitName(.money) == "NOK")
    }

    @Test func percentages() {
        #expect(nn.percent(0.784) == "78,4\u{00A0}%")
        #expect(nn.percent(0.9186363636363637) == "91,9\u{00A0}%")
        #expect(en.percent(1) == "100.0%")
    }

    @Test func periodsAndDates() {
        #expect(nn.period(.quarter(2024, 1)) == "K1\u{00A0}2024")
        #expect(en.period(.quarter(2024, 1)) == "Q1\u{00A0}2024")
        #expect(nn.period(.month(2024, 3)) == "mars 2024")
        #expect(en.period(.month(2024, 3)) == "March 2024")
        #expect(nb.period(.year(2024)) == "2024")
        #expect(nn.period(text: "2025M08") == "august 2025")
        #expect(nn.date("31.12.2026") == "31. desember 2026")
        #expect(en.date("2026-12-31") == "31 December 2026")
        #expect(nn.timestamp("2025-10-06T06:15:00Z") == "6. oktober 2025 kl. 06.15 UTC")
        #expect(en.timestamp("2025-10-06T06:15:00Z") == "6 October 2025, 06:15 UTC")
    }

    @Test func words() {
        #expect(nn.orgUnit("total") == "heile kommunen")
        #expect(nb.orgUnit("total") == "hele kommunen")
        #expect(nn.orgUnit("unassigned") == "utan eining")
        #expect(nb.orgUnit("unassigned") == "uten enhet")
        #expect(en.orgUnit("unassigned") == "unassigned")
        #expect(nn.area("*") == "Alle område")
        #expect(nn.area("") == "Utan område")
        #expect(nn.initiativeStatus("stopped") == "avbrote")
        #expect(nb.initiativeStatus("stopped") == "avbrutt")
        #expect(GainStatus.red.label(nn.text) == "■ Raud")
        #expect(GainStatus.red.label(nb.text) == "■ Rød")
        #expect(GainStatus.green.label(en.text) == "● Green")
    }
}

@Suite struct NiceScaleTests {
    @Test func coversTheRangeInOneTwoFiveSteps() {
        let hours = NiceScale(min: 0, max: 17520)
        #expect(hours.step == 5000)
        #expect(hours.ticks == [0, 5000, 10000, 15000, 20000])
        let percent = NiceScale(min: 7.2, max: 13.1)
        #expect(percent.step == 2)
        #expect(percent.lower == 6 && percent.upper == 14)
        let small = NiceScale(min: 0.01, max: 0.034)
        #expect(small.step == 0.005)
        #expect(small.decimals() == 3)
        #expect(NiceScale(min: 0, max: 3.1e7).decimals(dividedBy: 1_000_000) == 0)
        #expect(NiceScale(min: 0, max: 2.4e6).decimals(dividedBy: 1_000_000) == 1)
    }

    @Test func flatSeriesGetARange() {
        let flat = NiceScale(min: 1500, max: 1500)
        #expect(flat.lower < 1500 && flat.upper > 1500)
        #expect(NiceScale(min: 0, max: 0).ticks.count >= 2)
    }

    @Test(arguments: [(0.0, 1.0), (-3.2, 8.7), (11_200, 11_600), (140_000, 165_000), (0.00012, 0.00019)])
    func everyStepIsOneTwoOrFiveTimesAPowerOfTen(_ low: Double, _ high: Double) {
        let scale = NiceScale(min: low, max: high)
        let mantissa = scale.step / pow(10, floor(log10(scale.step)))
        #expect([1, 2, 5].contains((mantissa * 1000).rounded() / 1000))
        #expect(scale.lower <= low && scale.upper >= high)
        #expect((3...11).contains(scale.ticks.count))
    }
}

@Suite struct TemplateTests {
    @Test func fillsValuesAndDropsOptionalPartsWithMissingValues() {
        let template = "Tiltak {initiative}[ ({gain_type})][ frå {quarter}] er {state}."
        #expect(Localization.fill(template, ["initiative": "T01", "gain_type": "tid", "state": "raudt"])
            == "Tiltak T01 (tid) er raudt.")
        #expect(Localization.fill(template, ["initiative": "T01"]) == "Tiltak T01 er –.")
    }

    @Test func findingMessagesUseTheLanguageForPeriodsNumbersAndWords() {
        let finding = Finding(.reportedDerivedDisagree, initiative: "T03", quarter: Quarter(2025, 2),
                              details: ["gain_type": "budget", "reported": "104900.00", "derived": "81400.5"])
        #expect(FindingMessages(format: HumanFormat(.nn)).message(finding)
            == "For tiltak T03 (budsjett) i K2\u{00A0}2025 skil rapportert gevinst (104\u{00A0}900,00) og utrekna gevinst (81\u{00A0}400,50) seg med meir enn 10\u{00A0}%.")
        #expect(FindingMessages(format: HumanFormat(.en)).message(finding)
            == "For initiative T03 (budget) in Q2\u{00A0}2025, the reported gain (104,900.00) and the derived gain (81,400.50) differ by more than 10%.")
        let bare = Finding(.saftLineWithoutAnalysis, file: "saft.xml")
        #expect(FindingMessages(format: HumanFormat(.nb)).message(bare)
            == "Linjer uten analyse i SAF-T-filen saft.xml er ført under «uten enhet».")
    }
}

/// Control limits are drawn within what an indicator can take (SPEC §8 rev. 2).
@Suite struct ControlLimitTests {
    func series(_ values: [Double], unit: String?, lower: Double?, upper: Double?) -> TrendChartData {
        let summary = TrendSummary(indicator: "x", name: nil, unit: unit, orgUnit: "total", frequency: "quarter", lastPeriod: nil,
                                   lastValue: values.last, changeYoY: nil, trend: nil, assessment: nil, target: nil,
                                   polarity: nil, aggregation: nil)
        let points = values.enumerated().map {
            TrendChartData.Point(period: Period(kind: .quarter, ordinal: 8096 + $0.offset), value: $0.element, signal: 0)
        }
        return TrendChartData(summary: summary, centre: 10, lower: lower, upper: upper, points: points)
    }

    @Test func aLowerLimitBelowZeroIsRaisedToZeroWhenNoValueIsNegative() throws {
        let limits = try #require(HumanReport.drawnLimits(series([0, 12, 30, 4], unit: "kWh/m²", lower: -8.5, upper: 31.2)))
        #expect(limits.lower == 0 && limits.upper == 31.2 && limits.clamped)
    }

    @Test func aSeriesWithANegativeValueKeepsItsLimits() throws {
        let limits = try #require(HumanReport.drawnLimits(series([3, -1, 5], unit: "NOK", lower: -8.5, upper: 12)))
        #expect(limits.lower == -8.5 && limits.upper == 12 && !limits.clamped)
    }

    @Test func aPercentageIsBoundedAtAHundred() throws {
        let share = try #require(HumanReport.drawnLimits(series([92, 97, 99], unit: "%", lower: 88, upper: 104.5)))
        #expect(share.lower == 88 && share.upper == 100 && share.clamped)
        // Not a percentage, or a percentage beyond 100 (a growth rate): left as computed.
        #expect(HumanReport.drawnLimits(series([92, 97, 99], unit: "kr", lower: 88, upper: 104.5))?.upper == 104.5)
        #expect(HumanReport.drawnLimits(series([92, 130, 99], unit: "prosent", lower: 50, upper: 160))?.upper == 160)
    }

    @Test func limitsInsideTheRangeAndMissingLimitsAreLeftAlone() throws {
        let limits = try #require(HumanReport.drawnLimits(series([5, 6, 7], unit: nil, lower: 4, upper: 8)))
        #expect(limits.lower == 4 && limits.upper == 8 && !limits.clamped)
        #expect(HumanReport.drawnLimits(series([5, 6], unit: nil, lower: nil, upper: nil)) == nil)
    }

    @Test func rejectedMeasurementsNameTheirIndicatorAndPeriods() {
        let finding = Finding(.rowsRejected, source: "hr", file: "hr.csv", indicator: "sjukefravaer",
                              details: ["count": "2", "input": "measurements", "periods": "2024M01, 2024K2"])
        #expect(FindingMessages(format: HumanFormat(.nn)).message(finding)
            == "2 målingar for indikator sjukefravaer vart avviste ved import (fil hr.csv): det kan mangle noko i måletala for januar 2024, K2\u{00A0}2024. Sjå rejects.csv.")
        #expect(FindingMessages(format: HumanFormat(.en)).message(finding)
            == "2 measurements for indicator sjukefravaer were rejected at import (file hr.csv): the measurements for January 2024, Q2\u{00A0}2024 may be incomplete. See rejects.csv.")
    }

    @Test func oneRejectedRowIsSingular() {
        let one = Finding(.rowsRejected, source: "tiltak", file: "tiltak.csv", details: ["count": "1", "input": "initiatives"])
        #expect(FindingMessages(format: HumanFormat(.nn)).message(one)
            == "1 rad i tiltaksregisteret vart avvist ved import (fil tiltak.csv): det kan mangle noko i tiltaksregisteret. Sjå rejects.csv.")
        #expect(FindingMessages(format: HumanFormat(.nb)).message(one)
            == "1 rad i tiltaksregisteret ble avvist ved import (fil tiltak.csv): det kan mangle noe i tiltaksregisteret. Se rejects.csv.")
        #expect(FindingMessages(format: HumanFormat(.en)).message(one)
            == "1 initiative register row was rejected at import (file tiltak.csv): the initiative register may be incomplete. See rejects.csv.")
        var three = one
        three.details["count"] = "3"
        #expect(FindingMessages(format: HumanFormat(.nn)).message(three)
            == "3 rader i tiltaksregisteret vart avviste ved import (fil tiltak.csv): det kan mangle noko i tiltaksregisteret. Sjå rejects.csv.")
        #expect(FindingMessages(format: HumanFormat(.en)).message(three)
            == "3 initiative register rows were rejected at import (file tiltak.csv): the initiative register may be incomplete. See rejects.csv.")
    }
}
