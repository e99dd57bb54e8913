import Foundation
import GevinstCore
@testable import GevinstImport
import Testing

/// Sums per indicator are checked against `expected.json` (make_expected.py), built with the
/// same selectors by plain slicing.
@Suite("KOSTRA mapping")
struct KOSTRAMappingTests {
    static func options(_ classes: [String]?, orgUnit: KOSTRAOrgUnit = .total, forms: Set<String>? = nil,
                        indicators: [KOSTRAIndicatorSelection] = KOSTRAFixtures.indicators, scale: Int64 = 1000) -> KOSTRAOptions {
        KOSTRAOptions(forms: forms, accountClasses: classes?.map { KOSTRAAccountClassSelection($0)! }, indicators: indicators,
                      scale: scale, orgUnit: orgUnit)
    }

    static func selection(_ name: String, art: [String]? = nil, funksjon: [String]? = nil, kapittel: [String]? = nil,
                          sektor: [String]? = nil) -> KOSTRAIndicatorSelection {
        func patterns(_ texts: [String]?) -> [AccountPattern]? { texts?.map { AccountPattern($0)! } }
        return KOSTRAIndicatorSelection(indicator: name, art: patterns(art), funksjon: patterns(funksjon),
                                        kapittel: patterns(kapittel), sektor: patterns(sektor))
    }

    @Test("The real 0A file: drift and investering sums per indicator equal the script's")
    func realFileTotals() throws {
        let expected = KOSTRAFixtures.expected
        let drift = try KOSTRAFixtures.sums(KOSTRAFixtures.real, Self.options(["drift"]))
        #expect(drift.rejects.isEmpty && drift.sums.formSelected)
        #expect(drift.sums.sums == KOSTRAFixtures.keyed(expected.drift_total))
        #expect(drift.sums.sums[KOSTRAKey(indicator: "vikarer", orgUnit: "total")] == 51_970_000)
        #expect(drift.sums.sums[KOSTRAKey(indicator: "utgifter", orgUnit: "total")]! +
                drift.sums.sums[KOSTRAKey(indicator: "inntekter", orgUnit: "total")]! == 35_838_000)
        let investering = try KOSTRAFixtures.sums(KOSTRAFixtures.real, Self.options(["0"]))
        #expect(investering.sums.sums == KOSTRAFixtures.keyed(expected.investering_total))
        // Without account_class every class the form allows counts: drift plus investering.
        let both = try KOSTRAFixtures.sums(KOSTRAFixtures.real, Self.options(nil))
        var added = KOSTRAFixtures.keyed(expected.drift_total)
        for (key, value) in KOSTRAFixtures.keyed(expected.investering_total) { added[key, default: 0] += value }
        #expect(both.sums.sums == added)
    }

    @Test("org_unit funksjon and region")
    func orgUnits() throws {
        let expected = KOSTRAFixtures.expected
        let byFunction = try KOSTRAFixtures.sums(KOSTRAFixtures.real, Self.options(["drift"], orgUnit: .funksjon))
        #expect(byFunction.sums.sums == KOSTRAFixtures.keyed(expected.drift_by_funksjon))
        #expect(byFunction.sums.sums[KOSTRAKey(indicator: "vikarer_barnehage", orgUnit: "201")] == 2_202_000)
        let byRegion = try KOSTRAFixtures.sums(KOSTRAFixtures.real, Self.options(["drift"], orgUnit: .region))
        #expect(byRegion.sums.sums == Dictionary(uniqueKeysWithValues: KOSTRAFixtures.keyed(expected.drift_total).map {
            (KOSTRAKey(indicator: $0.key.indicator, orgUnit: "0402"), $0.value)
        }))
    }

    @Test("A form not selected yields nothing; a class the form lacks selects nothing")
    func selection() throws {
        let other = try KOSTRAFixtures.sums(KOSTRAFixtures.real, Self.options(nil, forms: ["0B", "0C"]))
        #expect(!other.sums.formSelected && other.sums.sums.isEmpty && other.sums.summary.records == 1644)
        let balance = try KOSTRAFixtures.sums(KOSTRAFixtures.real, Self.options(["balanse"]))
        #expect(balance.sums.formSelected && balance.sums.sums.isEmpty)
        let selected = try KOSTRAFixtures.sums(KOSTRAFixtures.real, Self.options(["drift"], forms: ["0A"]))
        #expect(selected.sums.sums == KOSTRAFixtures.keyed(KOSTRAFixtures.expected.drift_total))
        #expect(KOSTRAAccountClassSelection("Drift") == .kind(.drift) && KOSTRAAccountClassSelection("1") == .code(0x31))
        #expect(KOSTRAAccountClassSelection("drift2") == nil)
    }

    @Test("Zero amounts make no key, repeated keys are summed, codes match by number and ranges inclusively")
    func rules() throws {
        let directory = try CSVTemporaryDirectory()
        let lines = [
            KOSTRAFixtures.record(function: "201 ", art: "020", amount: "10"),
            KOSTRAFixtures.record(function: "201 ", art: "020", amount: "5"),     // the same key again: summed
            KOSTRAFixtures.record(function: "202 ", art: "020", amount: "0"),     // zero: no key for 202
            KOSTRAFixtures.record(function: "254 ", art: "599", amount: "-4"),    // range ends are inclusive
            KOSTRAFixtures.record(function: "254 ", art: "600", amount: "100"),
            KOSTRAFixtures.record(function: "100 ", art: "010", amount: "3"),
            KOSTRAFixtures.record(function: "100 ", art: "010", amount: "-3"),    // cancels out: a sum of 0
            "too short",
        ]
        let path = try directory.file("k.dat", lines.joined(separator: "\n"))
        let indicators = [
            Self.selection("vikarer", art: ["20"]),
            Self.selection("utgifter", art: ["010-599"]),
            Self.selection("pleie", art: ["599-599"], funksjon: ["254"]),
            Self.selection("alle"),
            Self.selection("kapittel", kapittel: ["201"]),
        ]
        let (sums, rejects) = try KOSTRAFixtures.sums(path, Self.options(["drift"], orgUnit: .funksjon, indicators: indicators, scale: 1))
        #expect(rejects.map(\.line) == [8])
        let key = { (indicator: String, unit: String) in KOSTRAKey(indicator: indicator, orgUnit: unit) }
        #expect(sums.sums == [
            key("vikarer", "201"): 15,
            key("utgifter", "201"): 15, key("utgifter", "254"): -4, key("utgifter", "100"): 0,
            key("pleie", "254"): -4,
            key("alle", "201"): 15, key("alle", "254"): 96, key("alle", "100"): 0,
        ])
    }

    @Test("A balance form: kapittel and sektor select, funksjon and art never match")
    func balanceSelectors() throws {
        let indicators = [
            Self.selection("kap10", kapittel: ["10"]),
            Self.selection("sektor", sektor: ["070-080"]),
            Self.selection("funksjon", funksjon: ["10"]),
        ]
        let (sums, _) = try KOSTRAFixtures.sums(KOSTRAFixtures.path("0G.dat"), Self.options(["balanse"], orgUnit: .region, indicators: indicators))
        // By hand from 0G.dat: kapittel 10 holds 0 + 1139 + 24872; sektors 070–080 hold -17 674 over 12 lines.
        #expect(sums.sums == [KOSTRAKey(indicator: "kap10", orgUnit: "3805"): 26_011_000,
                              KOSTRAKey(indicator: "sektor", orgUnit: "3805"): -17_674_000])
    }

    @Test("Sums beyond 64 bits once scaled fail the file")
    func overflow() throws {
        #expect(throws: KOSTRAError.overflow(file: "inbox/kostra.dat", line: nil)) {
            try KOSTRAFixtures.sums(KOSTRAFixtures.real, Self.options(["drift"], scale: Int64.max / 1000))
        }
    }
}
