import Testing
import GevinstCore

@Suite("Numbers")
struct NumberTests {
    func value(_ text: String, _ mark: DecimalMark) -> Double? {
        if case .success(let number) = NumberParser.parse(text, mark: mark) { return number.double }
        return nil
    }

    @Test("SPEC §5 forms with a decimal comma", arguments: [
        ("1234,5", 1234.5), ("1 234,5", 1234.5), ("1\u{00A0}234,5", 1234.5), ("1\u{202F}234,5", 1234.5),
        ("1.234,5", 1234.5), ("1.234", 1234), ("1.234.567,89", 1234567.89), ("+17", 17), ("17,0", 17),
        ("-3,25", -3.25), ("\u{2212}3,25", -3.25), ("1,2e3", 1200), ("1,2E-3", 0.0012), ("12,5 %", 12.5),
        ("12,5%", 12.5), ("12,5\u{00A0}%", 12.5), ("0", 0), ("0,001", 0.001), ("007", 7),
    ])
    func comma(text: String, expected: Double) {
        #expect(value(text, .comma) == expected)
    }

    @Test("SPEC §5 forms with a decimal point", arguments: [
        ("1234.5", 1234.5), ("1,234.5", 1234.5), ("1,234", 1234), ("1 234.5", 1234.5), ("1.2e3", 1200),
        ("-0.5", -0.5), ("+1e-2", 0.01), ("0.1", 0.1), ("3 %", 3), ("1,234,567.891", 1234567.891),
        ("0.12345678901234567890", 0.12345678901234567890), ("1e15", 1e15), ("-1000000000000000", -1e15),
        ("0.30000000000000004", 0.30000000000000004),
    ])
    func point(text: String, expected: Double) {
        #expect(value(text, .point) == expected)
    }

    @Test("bad grouping and junk are refused", arguments: [
        ("1.23", DecimalMark.comma), ("1,23", .point), ("12 34,5", .comma), ("1 2345", .comma), ("1234.567,5", .comma),
        ("", .comma), ("-", .point), ("1,", .comma), (",5e", .comma), ("1e", .point), ("abc", .point), ("1.2.3", .point),
        ("1 234 56", .comma), ("12,5,0", .comma), ("%", .point), ("1..2", .point), ("NaN", .point), ("inf", .point),
        ("1e999", .point),
    ])
    func refused(text: String, mark: DecimalMark) {
        #expect(value(text, mark) == nil)
    }

    @Test("a magnitude above 10^15 is refused as too large, not stored", arguments: [
        "1000000000000000.5", "1e16", "-1e308", "1e308", "12345678901234567890",
    ])
    func tooLarge(text: String) {
        guard case .failure(.tooLarge) = NumberParser.parse(text, mark: .point) else {
            Issue.record("\(text) was not refused as too large")
            return
        }
    }

    @Test("exact significand for money")
    func exact() throws {
        guard case .success(let number) = NumberParser.parse("1 250 000,05", mark: .comma) else { Issue.record(); return }
        #expect(number.significand == 125_000_005)
        #expect(number.exponent == -2)
        #expect(Amount(number) == Amount(hundredths: 125_000_005))
    }

    @Test("decimal auto: comma if only commas sit between digits, point if only points, else by delimiter")
    func auto() {
        var vote = DecimalMarkVote()
        vote.observe("12,5"); vote.observe("7")
        #expect(vote.decide(delimiter: UInt8(ascii: ",")) == .comma)
        var points = DecimalMarkVote()
        points.observe("12.5")
        #expect(points.decide(delimiter: UInt8(ascii: ";")) == .point)
        var both = DecimalMarkVote()
        both.observe("1.234,5")
        #expect(both.decide(delimiter: UInt8(ascii: ";")) == .comma)
        #expect(both.decide(delimiter: UInt8(ascii: ",")) == .point)
        #expect(DecimalMarkVote().decide(delimiter: UInt8(ascii: "\t")) == .point)
    }

    @Test("missing-value tokens, any case")
    func missing() {
        let tokens = MissingTokens.defaults
        for text in ["", ".", "..", "...", ":", "x", "X", "NA", "na"] { #expect(tokens.contains(text)) }
        for text in ["0", "-", "n/a", "...."] { #expect(!tokens.contains(text)) }
        #expect(MissingTokens(["mangler"]).contains("MANGLER"))
    }
}

@Suite("Amount")
struct MoneyTests {
    func money(_ text: String, _ mark: DecimalMark = .point) -> Amount? {
        guard case .success(let number) = NumberParser.parse(text, mark: mark) else { return nil }
        return Amount(number)
    }

    @Test("amounts are exact øre; more decimals round half away from zero")
    func exact() {
        #expect(money("12,5", .comma) == Amount(hundredths: 1250))
        #expect(money("0.005") == Amount(hundredths: 1))
        #expect(money("-0.005") == Amount(hundredths: -1))
        #expect(money("0.0049") == Amount(hundredths: 0))
        #expect(money("1e3") == Amount(hundredths: 100_000))
        #expect(money("9487049.35")?.description == "9487049.35")
        #expect(Amount(hundredths: -5).description == "-0.05")
        #expect(Amount(hundredths: 0).description == "0.00")
    }

    @Test("computed amounts round half away from zero at their shortest decimal form")
    func rounding() {
        #expect(Amount(rounding: 0.025) == Amount(hundredths: 3))
        #expect(Amount(rounding: -0.025) == Amount(hundredths: -3))
        #expect(Amount(rounding: 0.125) == Amount(hundredths: 13))
        #expect(Amount(rounding: 1.005) == Amount(hundredths: 101))
        #expect(Amount(rounding: 2.675) == Amount(hundredths: 268))
        #expect(Amount(rounding: .nan) == nil)
    }

    @Test("a yearly amount splits into four quarters that add up exactly")
    func split() {
        let parts = Amount(hundredths: 100_001).split(into: 4)
        #expect(parts == [Amount(hundredths: 25_001), Amount(hundredths: 25_000), Amount(hundredths: 25_000), Amount(hundredths: 25_000)])
        #expect(Amount(hundredths: -7).split(into: 4) == [Amount(hundredths: -2), Amount(hundredths: -2), Amount(hundredths: -2), Amount(hundredths: -1)])
        #expect(Amount(hundredths: 7).split(into: 4).reduce(.zero, +) == Amount(hundredths: 7))
    }
}

@Suite("Vocabulary")
struct VocabularyTests {
    @Test("Norwegian aliases, any case")
    func aliases() {
        #expect(InitiativeStatus(name: "Pågår") == .active)
        #expect(InitiativeStatus(name: "avbrote") == .stopped)
        #expect(InitiativeStatus(name: "AVBRUTT") == .stopped)
        #expect(InitiativeStatus(name: "fullført") == .completed)
        #expect(InitiativeStatus(name: "planlagt") == .planned)
        #expect(GainType(name: "Budsjett") == .budget)
        #expect(GainType(name: "effektivisering") == .efficiency)
        #expect(GainType(name: "tid") == .time)
        #expect(GainType(name: "kvalitet") == .quality)
        #expect(Polarity(name: "LOWER_IS_BETTER") == .lowerIsBetter)
        #expect(PeriodKind(name: "kvartal") == .quarter)
        #expect(GainType(name: "bonus") == nil)
    }

    @Test("trimming removes spaces, tabs, line breaks and no-break spaces only")
    func trimming() {
        #expect(" \t\u{00A0}Heimetenesta Sør\r\n".trimmingSpaces == "Heimetenesta Sør")
        #expect("\u{00A0}".trimmingSpaces == "")
        #expect("a\u{00A0}b".trimmingSpaces == "a\u{00A0}b")
    }

    @Test("account patterns match IDs exactly and ranges numerically")
    func accounts() {
        let range = AccountPattern("6700-6799")
        #expect(range?.matches("6750") == true)
        #expect(range?.matches("6800") == false)
        #expect(range?.matches("67A0") == false)
        #expect(AccountPattern("1070")?.matches("1070") == true)
        #expect(AccountPattern("1070")?.matches("10700") == false)
        #expect(AccountPattern("6799-6700") == nil)
    }
}

@Suite("Numbers and periods at the edges (regressions found by fuzzing)")
struct NumberEdgeTests {
    @Test("19 digits beyond Int64 have no exact form but still a Double, and no crash")
    func nineteenDigits() throws {
        // Within 10^15 (larger numbers are refused), but with more digits than an Int64 holds.
        guard case .success(let number) = NumberParser.parse("99999.99999999999999", mark: .point) else {
            Issue.record("refused")
            return
        }
        #expect(number.significand == nil)
        #expect(number.double == 99999.99999999999999)
        #expect(Amount(number) == nil)
        guard case .success(let negative) = NumberParser.parse("-9.223372036854775808", mark: .point) else {
            Issue.record("refused")
            return
        }
        #expect(negative.double == -9.223372036854775808)
    }

    @Test("a dotted date needs a four-digit year")
    func dottedYear() {
        #expect(Period("15.03.0999") == nil)
        #expect(Period("15.03.1999") == .month(1999, 3))
    }
}
