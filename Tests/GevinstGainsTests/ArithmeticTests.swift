import GevinstCore
import Testing
@testable import GevinstGains

@Suite struct DerivedSumTests {
    /// One contribution `factor × (value − baseline)` rounded to hundredths.
    func rounded(factor: Double = 1, value: Double, baseline: Double) -> Int64? {
        var sum = DerivedSum()
        sum.add(factor: factor, improvement: value - baseline, value: value, baseline: baseline)
        return sum.roundedHundredths()
    }

    @Test func halvesRoundAwayFromZero() {
        #expect(rounded(factor: 0.5, value: 0.05, baseline: 0) == 3)     // 0.025 → 0.03
        #expect(rounded(factor: 0.5, value: -0.05, baseline: 0) == -3)   // −0.025 → −0.03
        #expect(rounded(value: 2.345, baseline: 0) == 235)
        #expect(rounded(value: -2.345, baseline: 0) == -235)
    }

    /// 1.125 − 1.1 is 0.02499999999999991 in binary; in decimals it is exactly half a hundredth.
    @Test func aBinaryHairBelowAHalfStillCountsAsTheHalf() {
        #expect((1.125 - 1.1) * 100 < 2.5)
        #expect(rounded(value: 1.125, baseline: 1.1) == 3)
        #expect(rounded(value: 1.075, baseline: 1.1) == -3)
        #expect(rounded(value: 1_000_000.005, baseline: 0) == 100_000_001)
    }

    @Test func valuesNearButNotAtAHalfRoundToNearest() {
        #expect(rounded(value: 0.0249, baseline: 0) == 2)
        #expect(rounded(value: 0.0251, baseline: 0) == 3)
        #expect(rounded(value: -0.0251, baseline: 0) == -3)
        #expect(rounded(value: 0.004999, baseline: 0) == 0)
    }

    @Test func severalContributionsAreRoundedOnceAsASum() {
        var sum = DerivedSum()
        sum.add(factor: 1, improvement: 0.004, value: 0.004, baseline: 0)
        sum.add(factor: 1, improvement: 0.004, value: 0.004, baseline: 0)
        #expect(sum.terms == 2)
        #expect(sum.roundedHundredths() == 1)   // 0.008 → 0.01, where rounding each would give 0.00
    }

    @Test func amountsBeyondRangeHaveNoValue() {
        #expect(rounded(value: 1e300, baseline: 0) == nil)
        #expect(rounded(factor: .infinity, value: 1, baseline: 0) == nil)
    }
}

@Suite struct RoundedProductTests {
    @Test(arguments: [
        (Int64(10), Int64(1), Int64(4), Int64(3)),       // 2.5 → 3
        (Int64(-10), Int64(1), Int64(4), Int64(-3)),     // −2.5 → −3
        (Int64(10), Int64(-1), Int64(-4), Int64(3)),
        (Int64(7), Int64(1), Int64(3), Int64(2)),        // 2.33 → 2
        (Int64(8), Int64(1), Int64(3), Int64(3)),        // 2.67 → 3
        (Int64(0), Int64(5), Int64(-3), Int64(0)),
        (Int64(2_500_000), Int64(6_500_000), Int64(8_000_001), Int64(2_031_250)),
        (Int64.max, Int64(2), Int64(4), Int64.max / 2 + 1),
    ])
    func exactHalfAwayFromZero(a: Int64, b: Int64, c: Int64, expected: Int64) {
        #expect(roundedProduct(a, b, dividedBy: c) == expected)
    }

    @Test func anUnrepresentableResultHasNoValue() {
        #expect(roundedProduct(Int64.max, 2, dividedBy: 1) == nil)
        #expect(roundedProduct(1, 1, dividedBy: 0) == nil)
    }
}

@Suite struct DisagreementTests {
    @Test func moreThanTenPercentOfTheReportedAmount() {
        #expect(!disagree(reported: 1000, derived: 1100))   // exactly 10 %
        #expect(disagree(reported: 1000, derived: 1101))
        #expect(!disagree(reported: 1000, derived: 900))
        #expect(disagree(reported: 1000, derived: 899))
        #expect(!disagree(reported: -1000, derived: -1100))
        #expect(disagree(reported: -1000, derived: -1101))
        #expect(!disagree(reported: 15, derived: 16))       // 1 is not more than 1.5
        #expect(disagree(reported: 15, derived: 17))
    }

    @Test func againstAReportedZeroAnyOtherAmountDisagrees() {
        #expect(!disagree(reported: 0, derived: 0))
        #expect(disagree(reported: 0, derived: 1))
        #expect(disagree(reported: 0, derived: -1))
    }
}

@Suite struct NearbyNamesTests {
    @Test func prefixesAndSmallEditsIgnoringCaseClosestFirst() {
        #expect(NearbyNames.closest("Heimeteneste", ["heimeteneste-nord", "heimeteneste-sor", "helse"])
                == ["heimeteneste-nord", "heimeteneste-sor"])
        #expect(NearbyNames.closest("sjukefraver", ["overtid", "sjukefravaer", "sjukefråvær"]) == ["sjukefravaer", "sjukefråvær"])
        #expect(NearbyNames.closest("RAD", ["rad", "tek", "bhg"]) == ["rad"])
        #expect(NearbyNames.closest("overtid", ["innbyggjarar", "heimebesok"]) == nil)
    }

    @Test func distanceStopsEarlyWhenTheLengthsAloneDifferTooMuch() {
        func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }
        #expect(NearbyNames.distance(scalars("kitten"), scalars("sitting"), limit: 3) == 3)
        #expect(NearbyNames.distance(scalars("a"), scalars("abcdef"), limit: 2) == 3)
    }
}

@Suite struct AmountBudgetTests {
    @Test func refusesAmountsWhoseMagnitudesReach2To62() {
        var budget = AmountBudget()
        let admitted = [budget.admit(Int64(1) << 61), budget.admit(-((Int64(1) << 61) - 1)), budget.admit(1)]
        #expect(admitted == [true, true, false])
    }
}
