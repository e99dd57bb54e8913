import Foundation
import Testing

/// The import rules that keep figures right on messy data (issue 12): versions of a file, empty
/// replacements, missing tokens, number hints — tried on the built binary.
@Suite("Import trust, end to end")
struct ImportTrustEndToEndTests {
    let warehouse = "data/test.sqlite"

    /// A workspace with a monthly indicator catalogue and one source `main` of `kind` over `path`,
    /// or the source `source` (a YAML flow mapping) when given.
    func scratch(kind: String = "measurements", path: String = "data/in/*.csv", extra: String = "", source: String? = nil) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("data/indicators.csv", "indicator;name;frequency\nsick;Sjukefråvær;month\n")
        try scratch.write("test.yml", """
            name: test
            sources:
              - { id: catalogue, kind: indicators, path: data/indicators.csv }
              - \(source ?? "{ id: main, kind: \(kind), path: \"\(path)\"\(extra.isEmpty ? "" : ", " + extra) }")
            """)
        return scratch
    }

    func values(_ scratch: Scratch) throws -> [[String]] {
        try scratch.query(warehouse, "SELECT org_unit, period, value FROM measurements_readable ORDER BY org_unit, period")
    }

    @Test("a re-export without a bad row, or with it turned into '..', removes its value; history names the file that removed it",
          arguments: [false, true])
    func correctedExport(force: Bool) throws {
        let scratch = try scratch()
        try scratch.write("data/in/a.csv", "indicator;period;value\nsick;2024M01;2,5\nsick;2024M02;1000\nsick;2024M03;2,8\nsick;2024M04;2,7\n")
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        try scratch.write("data/in/a.csv", "indicator;period;value\nsick;2024M01;2,5\nsick;2024M03;2,8\nsick;2024M04;..\n")
        let second = try Gevinst.run(["import", "test.yml"] + (force ? ["--force"] : []), in: scratch.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try values(scratch) == [["total", "2024M01", "2.5"], ["total", "2024M03", "2.8"]])
        let newFile = try scratch.query(warehouse, "SELECT MAX(id) FROM files WHERE source = 'main'")[0][0]
        #expect(try scratch.query(warehouse, "SELECT period, value, replaced_by_file_id, new_value FROM measurement_history ORDER BY period")
                == [["2024002", "1000.0", newFile, ""], ["2024004", "2.7", newFile, ""]])
    }

    @Test("a key another current file holds keeps that file's value when a newer version drops it")
    func keyHeldByAnotherFile() throws {
        let scratch = try scratch()
        try scratch.write("data/in/a.csv", "indicator;period;value\nsick;2024M01;5\n")
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        try scratch.write("data/in/b.csv", "indicator;period;value\nsick;2024M01;6\nsick;2024M02;7\n")
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        #expect(try values(scratch) == [["total", "2024M01", "6.0"], ["total", "2024M02", "7.0"]])
        // b.csv drops 2024M01: a.csv still says 5.
        try scratch.write("data/in/b.csv", "indicator;period;value\nsick;2024M02;7\n")
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        #expect(try values(scratch) == [["total", "2024M01", "5.0"], ["total", "2024M02", "7.0"]])
    }

    @Test("a file that disappears keeps its rows; forget removes one path's rows into history, with a run record")
    func disappearAndForget() throws {
        let scratch = try scratch()
        try scratch.write("data/in/a.csv", "indicator;period;value\nsick;2024M01;5\n")
        try scratch.write("data/in/b.csv", "indicator;period;value\nsick;2024M02;7\n")
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        try FileManager.default.removeItem(atPath: scratch.path("data/in/a.csv"))
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        #expect(try values(scratch).count == 2)

        let unknown = try Gevinst.run(["forget", "test.yml", "main", "data/in/x.csv"], in: scratch.url)
        #expect(unknown.status == 66, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("data/in/x.csv"), "\(unknown.stderr)")
        #expect(try Gevinst.run(["forget", "test.yml", "nosuch", "data/in/a.csv"], in: scratch.url).status == 64)

        let forgot = try Gevinst.run(["forget", "test.yml", "main", "data/in/a.csv"], in: scratch.url)
        #expect(forgot.status == 0, "\(forgot.stderr)")
        #expect(try values(scratch) == [["total", "2024M02", "7.0"]])
        #expect(try scratch.query(warehouse, "SELECT value, replaced_by_file_id FROM measurement_history") == [["5.0", "0"]])
        #expect(try scratch.query(warehouse, "SELECT stages, outcome FROM runs ORDER BY id DESC LIMIT 1") == [["forget", "success"]])
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM files WHERE path = 'data/in/a.csv' AND current = 1") == 0)
    }

    @Test("a register in mode upsert: rows a new version of the file drops, and rows forget removes, go to history")
    func registerVersions() throws {
        let scratch = try scratch(kind: "gain_plans", path: "data/plans.csv", extra: "mode: upsert")
        try scratch.write("data/plans.csv", "initiative;gain_type;period;amount\nT1;budget;2024;100\nT1;budget;2025;200\n")
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        try scratch.write("data/plans.csv", "initiative;gain_type;period;amount\nT1;budget;2024;100\n")
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        let plans = "SELECT period, amount FROM gain_plans ORDER BY period"
        #expect(try scratch.query(warehouse, plans) == [["2024201", "10000"]])
        let newest = try scratch.query(warehouse, "SELECT id FROM files WHERE source = 'main' AND current = 1")
        let history = "SELECT register, fields, replaced_by_file_id FROM register_history ORDER BY rowid"
        #expect(try scratch.query(warehouse, history) == [
            ["gain_plans", #"{"initiative":"T1","gain_type":"budget","period":2025201,"amount":20000}"#, newest[0][0]],
        ])

        #expect(try Gevinst.run(["forget", "test.yml", "main", "data/plans.csv"], in: scratch.url).status == 0)
        #expect(try scratch.query(warehouse, plans).isEmpty)
        #expect(try scratch.query(warehouse, history).last
                == ["gain_plans", #"{"initiative":"T1","gain_type":"budget","period":2024201,"amount":10000}"#, "0"])
    }

    @Test("XML: a record removed from a new version of the file removes its value")
    func xmlVersions() throws {
        let scratch = try scratch(source: """
            { id: hr, kind: measurements, format: xml, path: data/hr.xml, record: R, fields: { period: "@p", value: "@v" },
                  constants: { indicator: sick } }
            """)
        try scratch.write("data/hr.xml", #"<D><R p="2024M01" v="5"/><R p="2024M02" v="900"/></D>"#)
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        try scratch.write("data/hr.xml", #"<D><R p="2024M01" v="5"/></D>"#)
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        #expect(try values(scratch) == [["total", "2024M01", "5.0"]])
    }

    @Test("SAF-T: a ledger re-exported without a month removes that month")
    func saftVersions() throws {
        let scratch = try Scratch()
        try scratch.write("test.yml", """
            name: test
            sources:
              - { id: ledger, kind: measurements, format: saft, path: data/ledger.xml, accounts: { konsulent: ["6700-6799"] } }
            """)
        func ledger(_ months: [Int]) -> String {
            let transactions = months.map { month in
                """
                <Transaction><Period>\(month)</Period><PeriodYear>2024</PeriodYear><TransactionDate>2024-\(String(format: "%02d", month))-10</TransactionDate>
                <Line><AccountID>6710</AccountID><DebitAmount><Amount>100.00</Amount></DebitAmount></Line>
                <Line><AccountID>1920</AccountID><CreditAmount><Amount>100.00</Amount></CreditAmount></Line></Transaction>
                """
            }.joined()
            return """
                <?xml version="1.0" encoding="UTF-8"?>
                <AuditFile xmlns="urn:StandardAuditFile-Taxation-Financial:NO"><GeneralLedgerEntries>
                <NumberOfEntries>\(months.count)</NumberOfEntries><TotalDebit>\(months.count * 100).00</TotalDebit><TotalCredit>\(months.count * 100).00</TotalCredit>
                <Journal><JournalID>1</JournalID>\(transactions)</Journal></GeneralLedgerEntries></AuditFile>
                """
        }
        try scratch.write("data/ledger.xml", ledger([1, 2]))
        let first = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try values(scratch).count == 2)
        try scratch.write("data/ledger.xml", ledger([1]))
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        #expect(try values(scratch) == [["total", "2024M01", "100.0"]])
    }

    @Test("a header-only export of a register keeps what the source had, with a warning; allow_empty lets it clear")
    func emptyReplacement() throws {
        let scratch = try scratch(kind: "gain_plans", path: "data/plans.csv")
        try scratch.write("data/plans.csv", "initiative;gain_type;period;amount\nT1;budget;2025;1000\n")
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        try scratch.write("data/plans.csv", "initiative;gain_type;period;amount\n")
        for _ in 0..<2 {
            let empty = try Gevinst.run(["import", "test.yml"], in: scratch.url)
            #expect(empty.status == 0, "\(empty.stderr)")
            #expect(empty.stderr.contains("no data rows"), "\(empty.stderr)")
            #expect(try scratch.query(warehouse, "SELECT initiative, amount FROM gain_plans") == [["T1", "100000"]])
            #expect(try scratch.query(warehouse, "SELECT kind, severity, source, file FROM findings")
                    == [["empty_replacement", "warning", "main", "data/plans.csv"]])
        }
        try scratch.write("test.yml", String(contentsOfFile: scratch.path("test.yml"), encoding: .utf8)
            .replacingOccurrences(of: "path: \"data/plans.csv\"", with: "path: \"data/plans.csv\", allow_empty: true"))
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM gain_plans") == 0)
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM findings") == 0)
    }

    @Test("missing-value tokens count in numeric fields only: org units called NA and X keep their names beside the real total",
          arguments: ["long", "wide"])
    func missingTokensInNumbersOnly(layout: String) throws {
        let scratch = try scratch(extra: layout == "wide" ? "layout: wide" : "")
        let text = layout == "wide"
            ? "indicator;org_unit;2024M01;2024M02\nsick;NA;5;..\nsick;X;6;x\nsick;total;7;NA\nsick;;8;\n"
            : "indicator;org_unit;period;value\nsick;NA;2024M01;5\nsick;X;2024M01;6\nsick;total;2024M01;7\nsick;NA;2024M02;..\nsick;total;2024M02;NA\n"
        try scratch.write("data/in/a.csv", text)
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        if layout == "wide" {
            // The empty org unit is the total: its row repeats the total's key with another value.
            #expect(try values(scratch) == [["NA", "2024M01", "5.0"], ["X", "2024M01", "6.0"], ["total", "2024M01", "7.0"]])
            #expect(try scratch.query(warehouse, "SELECT kind FROM rejects") == [["conflicting_value"]])
        } else {
            #expect(try values(scratch) == [["NA", "2024M01", "5.0"], ["X", "2024M01", "6.0"], ["total", "2024M01", "7.0"]])
            #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM rejects") == 0)
        }
        #expect(try scratch.query(warehouse, "SELECT rows_missing FROM files WHERE source = 'main'") == [[layout == "wide" ? "4" : "2"]])
    }

    @Test("a missing token in an optional numeric field leaves it absent; in a text field it is text")
    func missingTokensInRegisters() throws {
        let scratch = try Scratch()
        try scratch.write("data/indicators.csv", "indicator;name;unit;target\nsick;NA;x;..\n")
        try scratch.write("test.yml", "name: test\nsources:\n  - { id: catalogue, kind: indicators, path: data/indicators.csv }\n")
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        #expect(try scratch.query(warehouse, "SELECT indicator, name, unit, target FROM indicators") == [["sick", "NA", "x", ""]])
    }

    @Test("a rejected number says what would have read it; quarters written as reports write them are accepted")
    func numberHintsAndReportQuarters() throws {
        let scratch = try scratch(kind: "gain_plans", path: "data/plans.csv", extra: "decimal: point")
        try scratch.write("data/plans.csv", """
            initiative;gain_type;period;amount
            T1;budget;K1 2024;5788.3
            T1;budget;2024 K2;5788,3
            T1;budget;2024K3;800 000 kr
            T1;budget;q4 2024;abc

            """)
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.query(warehouse, "SELECT period, amount FROM gain_plans") == [["2024101", "578830"]])
        let reasons = try scratch.query(warehouse, "SELECT line, reason FROM rejects ORDER BY line")
        #expect(reasons.map { $0[0] } == ["3", "4", "5"])
        #expect(reasons[0][1].contains("'5788,3' would read as 5788.3 with decimal: comma"), "\(reasons)")
        #expect(reasons[1][1].contains("'800 000 kr': remove the unit (kr)"), "\(reasons)")
        #expect(!reasons[2][1].contains("would read") && !reasons[2][1].contains("remove the unit"), "\(reasons)")
    }

    /// A measurements file with `count` monthly rows of integer values (about 30 bytes each)
    /// before `tail`.
    func longFile(count: Int, tail: String) -> String {
        var text = "indicator;org_unit;period;value\n"
        for i in 0..<count { text += "sick;eining-\(i / 12);\(2000 + i % 12 / 12 + i / 12 % 20)M\(String(format: "%02d", i % 12 + 1));\(i % 90)\n" }
        return text + tail
    }

    @Test("decimal: auto decides from the whole file: integers for 64 KiB, then 6.125, reads 6.125 in a ;-delimited file")
    func decimalDecidedLate() throws {
        let scratch = try scratch()
        try scratch.write("data/in/a.csv", longFile(count: 3000, tail: "sick;sein;2024M01;6.125\nsick;sein;2024M02;7\n"))
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.query(warehouse, "SELECT value FROM measurements_readable WHERE org_unit = 'sein' ORDER BY period") == [["6.125"], ["7.0"]])
        #expect(try scratch.query(warehouse, "SELECT decimal_mark FROM files WHERE source = 'main'") == [["point"]])
    }

    @Test("a file holding both decimal marks fails, naming a line of each, whether the start decided or not",
          arguments: [true, false])
    func decimalMixed(startDecides: Bool) throws {
        let scratch = try scratch()
        let head = startDecides ? "indicator;org_unit;period;value\nsick;fyrst;2024M01;5,5\n" : ""
        let body = longFile(count: 3000, tail: "sick;sein;2024M01;6.125\nsick;sein;2024M02;7,5\n")
        try scratch.write("data/in/a.csv", startDecides ? head + body.drop { $0 != "\n" }.dropFirst() : body)
        try scratch.write("data/in/b.csv", "indicator;period;value\nsick;2024M01;5,5\n")
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 65, "\(result.stderr)")
        // The file fails at the line that holds the second mark.
        #expect(result.stderr.contains("data/in/a.csv:3003"), "\(result.stderr)")
        let named = startDecides ? "'5,5' on line 2" : "'7,5' on line 3003"
        #expect(result.stderr.contains(named) && result.stderr.contains("'6.125'") && result.stderr.contains("decimal: comma or decimal: point"),
                "\(result.stderr)")
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM files WHERE path = 'data/in/a.csv'") == 0)
    }

    /// An XML measurements source `main` over `data/hr.xml`, with `decimal: auto`.
    func xmlScratch() throws -> Scratch {
        try scratch(source: """
            { id: main, kind: measurements, format: xml, path: data/hr.xml, record: R, decimal: auto,
                  fields: { org_unit: "@o", period: "@p", value: "@v" }, constants: { indicator: sick } }
            """)
    }

    /// An XML file of `count` records with integer values (one a line from line 2), then the records `tail`.
    func longXML(count: Int, tail: [(orgUnit: String, period: String, value: String)]) -> String {
        var text = "<D>\n"
        for i in 0..<count { text += "<R o=\"eining-\(i / 12)\" p=\"\(2000 + i / 12 % 20)M\(String(format: "%02d", i % 12 + 1))\" v=\"\(i % 90)\"/>\n" }
        for record in tail { text += "<R o=\"\(record.orgUnit)\" p=\"\(record.period)\" v=\"\(record.value)\"/>\n" }
        return text + "</D>\n"
    }

    @Test("XML: decimal: auto decides from the whole file: integers for 64 KiB, then 6,125, reads 6.125")
    func xmlDecimalDecidedLate() throws {
        let scratch = try xmlScratch()
        let text = longXML(count: 3000, tail: [("sein", "2024M01", "6,125"), ("sein", "2024M02", "7")])
        #expect(text.utf8.count > 65_536)
        try scratch.write("data/hr.xml", text)
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.query(warehouse, "SELECT value FROM measurements_readable WHERE org_unit = 'sein' ORDER BY period") == [["6.125"], ["7.0"]])
        #expect(try scratch.query(warehouse, "SELECT decimal_mark FROM files WHERE source = 'main'") == [["comma"]])
    }

    @Test("XML: a file holding both decimal marks fails, naming a line of each, whether the start decided or not",
          arguments: [true, false])
    func xmlDecimalMixed(startDecides: Bool) throws {
        let scratch = try xmlScratch()
        var text = longXML(count: 3000, tail: [("sein", "2024M01", "6.125"), ("sein", "2024M02", "7,5")])
        if startDecides { text = text.replacingOccurrences(of: "<D>\n", with: "<D>\n<R o=\"fyrst\" p=\"2024M01\" v=\"5,5\"/>\n") }
        try scratch.write("data/hr.xml", text)
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 65, "\(result.stderr)")
        // The file fails at the line that holds the second mark.
        #expect(result.stderr.contains("data/hr.xml:3003"), "\(result.stderr)")
        let named = startDecides ? "'5,5' on line 2" : "'7,5' on line 3003"
        #expect(result.stderr.contains(named) && result.stderr.contains("'6.125'") && result.stderr.contains("decimal: comma or decimal: point"),
                "\(result.stderr)")
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM files WHERE path = 'data/hr.xml'") == 0)
    }

    @Test("a file mixing UTF-8 with Windows-1252 bytes fails naming the first bad byte's line")
    func mixedEncoding() throws {
        let scratch = try scratch()
        var bytes = Data("indicator;org_unit;period;value\nsick;Tromsø;2024M01;5\nsick;Bod".utf8)
        bytes.append(0xF8)   // ø in Windows-1252
        bytes.append(contentsOf: Data(";2024M01;6\n".utf8))
        try scratch.write("data/in/a.csv", bytes: bytes)
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("data/in/a.csv:3") && result.stderr.contains("mixes UTF-8"), "\(result.stderr)")
        #expect(try scratch.count(warehouse, "SELECT COUNT(*) FROM measurements") == 0)
    }

    @Test("UTF-16 without a byte-order mark is read as such, little- or big-endian", arguments: [false, true])
    func unmarkedUTF16(bigEndian: Bool) throws {
        let scratch = try scratch()
        let text = "indicator;org_unit;period;value\r\nsick;Bodø;2024M01;5,5\r\n"
        try scratch.write("data/in/a.csv", bytes: text.data(using: bigEndian ? .utf16BigEndian : .utf16LittleEndian)!)
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try values(scratch) == [["Bodø", "2024M01", "5.5"]])
        #expect(try scratch.query(warehouse, "SELECT encoding FROM files WHERE source = 'main'") == [["utf-16"]])
    }
}
