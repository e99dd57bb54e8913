import Foundation
import GevinstCore
@testable import GevinstImport
import Testing

/// Expected figures come from `saft-norway/STRUCTURE.md` and from Python's ElementTree + Decimal
/// over the same files, not from this reader.
@Suite("SAF-T Financial")
struct SAFTReaderTests {
    static let example888 = XMLFixtures.path("saft-norway/ExampleFile SAF-T Financial_888888888_20180228235959.xml")
    static let example999 = XMLFixtures.path("saft-norway/ExampleFile SAF-T Financial_999999999_20161125213512.xml")

    static func money(_ text: String) -> Amount {
        guard case .success(let number) = NumberParser.parse(text, mark: .point), let money = Amount(number) else {
            preconditionFailure("bad test amount \(text)")
        }
        return money
    }

    static func selection(_ indicator: String, _ accounts: [String], creditPositive: Bool = false) -> AccountSelection {
        AccountSelection(indicator: indicator, accounts: accounts.map { AccountPattern($0)! }, creditPositive: creditPositive)
    }

    static func read(_ path: String, _ indicators: [AccountSelection] = [], analysisType: String? = nil) throws -> SAFTLedger {
        try SAFTReader(path: path, relativePath: "inbox/saft.xml", options: SAFTOptions(indicators: indicators, analysisType: analysisType)).read()
    }

    @Test("The 888888888 example: counts, totals and periods match the oracle")
    func example888Totals() throws {
        let ledger = try Self.read(Self.example888)
        #expect(ledger.transactions == 53)
        #expect(ledger.lines == 170)
        #expect(ledger.totalDebit == Self.money("9487049.35"))
        #expect(ledger.totalCredit == Self.money("9487049.35"))
        #expect(ledger.header == SAFTHeaderTotals(numberOfEntries: 53, totalDebit: Self.money("9487049.35"), totalCredit: Self.money("9487049.35")))
        #expect(ledger.transactionsPerMonth == [.month(2017, 1): 14, .month(2017, 2): 13, .month(2017, 3): 13, .month(2017, 4): 13])
        #expect(ledger.findings.isEmpty)
        #expect(ledger.measurements.isEmpty)
        #expect(ledger.encoding == "UTF-8")
    }

    @Test("The 888888888 example: per-account sums from STRUCTURE.md", arguments: [
        ("1250", "13000", "0"), ("1500", "2895422.50", "2806722.50"), ("1900", "0", "632.50"),
        ("1920", "2806722.50", "2452315.50"), ("2400", "572913.75", "609938.75"), ("2711", "82.50", "82.85"),
        ("2740", "552709.85", "552709.5"), ("3000", "0", "2316338.00"), ("5000", "1496000", "0"), ("7195", "699.00", "0"),
    ])
    func example888Accounts(account: String, debit: String, credit: String) throws {
        let ledger = try Self.read(Self.example888)
        #expect(ledger.accounts[account] == SAFTAccountTotal(debit: Self.money(debit), credit: Self.money(credit)))
        #expect(ledger.accounts.count == 17)
    }

    @Test("Monthly sums per indicator with ranges, single accounts and credit sign")
    func example888Measurements() throws {
        let ledger = try Self.read(Self.example888, [
            Self.selection("konsulent", ["6200-6499"]),
            Self.selection("salsinntekt", ["3000"], creditPositive: true),
        ])
        let expected: [(String, Int, String)] = [
            ("konsulent", 1, "111500"), ("konsulent", 2, "16500"), ("konsulent", 3, "111500"), ("konsulent", 4, "16500"),
            ("salsinntekt", 1, "717838.00"), ("salsinntekt", 2, "493000.00"), ("salsinntekt", 3, "433000"), ("salsinntekt", 4, "672500.00"),
        ]
        #expect(ledger.measurements.map { [$0.indicator, $0.orgUnit, $0.month.description, $0.amount.description] }
            == expected.map { [$0.0, "total", Period.month(2017, $0.1).description, Self.money($0.2).description] })
        let total = ledger.measurements.filter { $0.indicator == "konsulent" }.reduce(Amount.zero) { $0 + $1.amount }
        #expect(total == Self.money("256000"), "6200 + 6300 + 6400 in STRUCTURE.md")
        #expect(ledger.findings.isEmpty)
    }

    @Test("Org units from the line's Analysis of the configured type, else unassigned with one finding")
    func example888Analysis() throws {
        let ledger = try Self.read(Self.example888, [Self.selection("varekost", ["4000"])], analysisType: "A")
        let rows = ledger.measurements.map { "\($0.orgUnit) \($0.month) \($0.amount)" }
        #expect(rows == ["102 2017M01 15000.00", "102 2017M02 32900.00", "102 2017M03 33050.00", "102 2017M04 30550.00",
                         "unassigned 2017M01 25302.00", "unassigned 2017M04 50000.00"])
        #expect(ledger.findings == [Finding(.saftLineWithoutAnalysis, file: "inbox/saft.xml", indicator: "varekost",
                                            orgUnit: "unassigned", details: ["analysis_type": "A", "count": "2"])])
    }

    @Test("The 999999999 example: 2 transactions totalling 25 000")
    func example999() throws {
        let ledger = try Self.read(Self.example999, [Self.selection("varekost", ["4000"]), Self.selection("avgift", ["2740"])], analysisType: "A")
        #expect(ledger.transactions == 2)
        #expect(ledger.totalDebit == Self.money("25000") && ledger.totalCredit == Self.money("25000"))
        #expect(ledger.transactionsPerMonth == [.month(2015, 10): 2])
        #expect(ledger.measurements.map { "\($0.indicator) \($0.orgUnit) \($0.month) \($0.amount) \($0.lines)" }
            == ["varekost 100 2015M10 10000.00 1", "avgift unassigned 2015M10 2500.00 1"])
        #expect(ledger.findings.map(\.kind) == [.saftLineWithoutAnalysis])
    }

    @Test("The v1.30 sample without a namespace on its root parses; its Period 0 and count are flagged")
    func sample130() throws {
        let ledger = try Self.read(XMLFixtures.path("saft-norway/v1.30_Eksempelfil fra xmlSpy.xml"), [Self.selection("alt", ["a"])])
        #expect(ledger.transactions == 1 && ledger.lines == 1)
        #expect(ledger.transactionsPerMonth == [.month(1957, 8): 1])
        #expect(ledger.measurements.map(\.amount) == [.zero])
        #expect(ledger.findings.map(\.kind) == [.saftTotalsMismatch, .saftPeriodOutOfRange])
        #expect(ledger.findings[0].details == ["total": "NumberOfEntries", "declared": "0", "computed": "1"])
        #expect(ledger.findings[1].details["period"] == "0")
        #expect(ledger.findings[1].details["month"] == "1957M08")
    }

    @Test("The v2.0 draft is flagged: Period 31, header totals and an unbalanced transaction")
    func draft20() throws {
        let account = "Szxgon6YBoLRz6ktwkB9BZcBgU8om3rcj4GTLbVYEbqkrRhW0aYXVY4dONupFiFerq4AjR"
        let ledger = try Self.read(XMLFixtures.path("saft-norway/v2.0-draft_generated_auditfile_formatted.xml"), [Self.selection("x", [account])])
        #expect(ledger.transactions == 1 && ledger.lines == 1)
        #expect(ledger.measurements.map { "\($0.month) \($0.amount)" } == ["2024M10 -1485649363493059.00"])
        let byKind = Dictionary(grouping: ledger.findings, by: \.kind)
        #expect(byKind[.saftTotalsMismatch]?.map(\.details) == [
            ["total": "NumberOfEntries", "declared": "83", "computed": "1"],
            ["total": "TotalDebit", "declared": "6531847451773948.00", "computed": "0.00"],
            ["total": "TotalCredit", "declared": "8431886345813578.00", "computed": "1485649363493059.00"],
        ])
        #expect(byKind[.saftPeriodOutOfRange]?.first?.details["period"] == "31")
        #expect(byKind[.saftPeriodOutOfRange]?.first?.details["month"] == "2024M10")
        let unbalanced = try #require(byKind[.saftUnbalancedTransaction]?.first)
        #expect(unbalanced.details["transaction"]?.hasPrefix("NfGIYozj7OeSRCg1C8yNUjo29") == true)
        #expect(unbalanced.details["difference"] == "-1485649363493059.00")
        #expect(unbalanced.details["line"] == "486" && unbalanced.details["column"] == "13")
    }

    @Test("No namespace, Analysis choice, exact IDs beside ranges, Period outside 1–12 and missing")
    func handmadeLedger() throws {
        let ledger = try Self.read(XMLFixtures.path("saft-handmade/ledger-no-namespace.xml"), [
            Self.selection("konsulent", ["6700-6799"]),
            Self.selection("bank", ["1920"], creditPositive: true),
            Self.selection("annan", ["A100", "7000-7999"], creditPositive: true),
        ], analysisType: "A")
        #expect(ledger.measurements.map { "\($0.indicator) \($0.orgUnit) \($0.month) \($0.amount)" } == [
            "konsulent 200 2024M01 1000.25", "konsulent 300 2024M05 500.25", "konsulent unassigned 2024M06 0.00",
            "bank unassigned 2024M01 1000.25", "annan unassigned 2024M05 500.25",
        ])
        #expect(ledger.transactionsPerMonth == [.month(2024, 1): 1, .month(2024, 5): 1, .month(2024, 6): 1])
        #expect(ledger.accounts["6700"] == SAFTAccountTotal(debit: Self.money("500.25"), credit: .zero), "master data is not a line")
        let periods = ledger.findings.filter { $0.kind == .saftPeriodOutOfRange }
        #expect(periods.map { $0.details["transaction"] } == ["T2", "T3"])
        #expect(periods.map { $0.details["month"] } == ["2024M05", "2024M06"])
        #expect(periods[0].details["line"] == "32" && periods[0].details["column"] == "7")
        let missing = ledger.findings.filter { $0.kind == .saftLineWithoutAnalysis }
        #expect(missing.map { "\($0.indicator!) \($0.details["count"]!)" } == ["konsulent 1", "bank 1", "annan 1"])
        #expect(!ledger.findings.contains { $0.kind == .saftTotalsMismatch || $0.kind == .saftUnbalancedTransaction })
    }

    @Test("An amount that is not a decimal number fails the file at its position")
    func badAmount() throws {
        let error = #expect(throws: XMLReadError.self) { try Self.read(XMLFixtures.path("saft-handmade/bad-amount.xml"), [Self.selection("k", ["6700"])]) }
        guard case .invalidSAFT(let file, let line, let column, let reason)? = error else { Issue.record("expected invalidSAFT"); return }
        #expect(file == "inbox/saft.xml")
        #expect(line == 4 && column == 20)
        #expect(reason.contains("DebitAmount/Amount") && reason.contains("12,50") && reason.contains("RecordID 7"))
        #expect(error?.category == .data)
    }

    @Test("A transaction whose month cannot be told fails the file")
    func noMonth() throws {
        let error = #expect(throws: XMLReadError.self) { try Self.read(XMLFixtures.path("saft-handmade/no-month.xml")) }
        guard case .invalidSAFT(_, let line, let column, let reason)? = error else { Issue.record("expected invalidSAFT"); return }
        #expect(line == 2 && column == 3)
        #expect(reason.contains("T9") && reason.contains("ukjend"))
    }

    @Test("A file whose root is not AuditFile is not SAF-T Financial")
    func cashRegister() throws {
        let error = #expect(throws: XMLReadError.self) {
            try Self.read(XMLFixtures.path("saft-norway/ExampleFile SAF-T Cash Register_999999999_20210330104000.xml"))
        }
        guard case .invalidSAFT(_, let line, _, let reason)? = error else { Issue.record("expected invalidSAFT"); return }
        #expect(line == 2)
        #expect(reason.contains("<auditfile>"))
    }

    @Test("Unbalanced transactions: the first 20 by name, then one summary")
    func manyUnbalanced() throws {
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let transactions = (1...25).map { index in
            """
            <Transaction><TransactionID>T\(index)</TransactionID><Period>2</Period><PeriodYear>2024</PeriodYear>
            <Line><AccountID>6700</AccountID><DebitAmount><Amount>10.00</Amount></DebitAmount></Line>
            <Line><AccountID>1920</AccountID><CreditAmount><Amount>9.99</Amount></CreditAmount></Line></Transaction>
            """
        }.joined(separator: "\n")
        let file = directory.appendingPathComponent("unbalanced.xml")
        try "<AuditFile><GeneralLedgerEntries><Journal>\n\(transactions)\n</Journal></GeneralLedgerEntries></AuditFile>\n"
            .write(to: file, atomically: false, encoding: .utf8)
        let ledger = try Self.read(file.path, [Self.selection("k", ["6700"])])
        let unbalanced = ledger.findings.filter { $0.kind == .saftUnbalancedTransaction }
        #expect(unbalanced.count == 21)
        #expect(unbalanced.prefix(20).map { $0.details["transaction"] } == (1...20).map { "T\($0)" })
        #expect(unbalanced[0].details["difference"] == "0.01")
        #expect(unbalanced[20].details == ["count": "25", "listed": "20"])
        #expect(ledger.measurements.map(\.amount) == [Self.money("250.00")])
    }

    @Test("Sums beyond 64-bit øre fail instead of wrapping")
    func overflow() throws {
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 10^15 each (the largest amount read), 100 of them: beyond Int64's 9.2 × 10^18 øre.
        let lines = (1...100).map { _ in "<Line><AccountID>6700</AccountID><DebitAmount><Amount>1000000000000000.00</Amount></DebitAmount></Line>" }
        let file = directory.appendingPathComponent("huge.xml")
        try "<AuditFile><GeneralLedgerEntries><Journal><Transaction><Period>1</Period><PeriodYear>2024</PeriodYear>\n\(lines.joined(separator: "\n"))\n</Transaction></Journal></GeneralLedgerEntries></AuditFile>\n"
            .write(to: file, atomically: false, encoding: .utf8)
        let error = #expect(throws: XMLReadError.self) { try Self.read(file.path, [Self.selection("k", ["6700"])]) }
        guard case .invalidSAFT(_, _, _, let reason)? = error else { Issue.record("expected invalidSAFT"); return }
        #expect(reason.contains("cannot be summed exactly"))
    }

    @Test("An over-long field fails the file at its line")
    func oversizedField() throws {
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("long.xml")
        let account = String(repeating: "9", count: 70_000)
        try "<AuditFile><GeneralLedgerEntries><Journal><Transaction><Period>1</Period><PeriodYear>2024</PeriodYear>\n<Line><AccountID>\(account)</AccountID></Line></Transaction></Journal></GeneralLedgerEntries></AuditFile>\n"
            .write(to: file, atomically: false, encoding: .utf8)
        let error = #expect(throws: XMLReadError.self) { try Self.read(file.path) }
        guard case .invalidSAFT(_, let line, let column, let reason)? = error else { Issue.record("expected invalidSAFT"); return }
        #expect(line == 2 && column == 1)
        #expect(reason.contains("AccountID"))
    }

    @Test("Malformed and hostile SAF-T files fail like any XML")
    func malformed() throws {
        #expect(throws: XMLReadError.self) { try Self.read(XMLFixtures.path("hostile/defusedxml/xmlbomb.xml")) }
        let error = #expect(throws: XMLReadError.self) { try Self.read(XMLFixtures.path("kostra/15F_Testfil_00_Junk.dat")) }
        guard case .malformed? = error else { Issue.record("expected malformed"); return }
    }
}
