import Foundation
import GevinstCore
@testable import GevinstImport
import Testing

/// Figures come from `Fixtures/kostra/expected.json`, which `make_expected.py` computes by plain
/// slicing of the same file, not from this reader.
@Suite("KOSTRA reader")
struct KOSTRAReaderTests {
    @Test("The real 0A file: identity, 1644 records, counts and sums per kontoklasse")
    func realFile() throws {
        let (summary, records, rejects) = try KOSTRAFixtures.read(KOSTRAFixtures.real)
        let expected = KOSTRAFixtures.expected
        #expect(rejects.isEmpty)
        #expect(summary.lines == expected.lines && summary.records == expected.records && records.count == 1644)
        #expect(summary.identity.form.code == "0A" && summary.identity.year == 2019 && summary.identity.quarter == 4)
        #expect(summary.identity.region == "040200" && summary.identity.orgnr == "" && summary.identity.regionUnit == "0402")
        #expect(summary.identity.period == .quarter(2019, 4) && summary.identity.description == "0A 2019K4 040200")
        var perClass: [String: (records: Int, sum: Int64)] = [:]
        for record in records {
            perClass[String(Unicode.Scalar(record.accountClass)), default: (0, 0)].records += 1
            perClass[String(Unicode.Scalar(record.accountClass))]!.sum += record.amount
        }
        #expect(perClass.count == expected.kontoklasse.count)
        for (code, total) in expected.kontoklasse {
            #expect(perClass[code]?.records == total.records && perClass[code]?.sum == total.sum, "kontoklasse \(code)")
        }
        #expect(perClass["1"]?.records == 1500 && perClass["1"]?.sum == 35_838)
        let first = try #require(records.first), last = try #require(records.last)
        #expect(first.line == 1 && first.function.text == "120" && first.function.number == 120 && first.art.text == "010")
        #expect(first.art.number == 10 && first.amount == 36_328 && last.line == 1644 && last.amount == -25_000)
    }

    @Test("Chunk boundaries anywhere in a line give the same records", arguments: [1, 2, 7, 47, 48, 49, 50, 97, 4096])
    func chunkSizes(chunkSize: Int) throws {
        let whole = try KOSTRAFixtures.read(KOSTRAFixtures.path("quarters/0A_2019_K1.dat"))
        let chunked = try KOSTRAFixtures.read(KOSTRAFixtures.path("quarters/0A_2019_K1.dat"), chunkSize: chunkSize)
        #expect(chunked.records == whole.records && chunked.summary == whole.summary)
        #expect(whole.records.count == 1644 && whole.rejects.isEmpty)
    }

    @Test("CRLF, empty and blank lines, a last line without newline")
    func lineEndings() throws {
        let directory = try CSVTemporaryDirectory()
        let a = KOSTRAFixtures.record(amount: "12"), b = KOSTRAFixtures.record(art: "040", amount: "-3")
        let path = try directory.file("k.dat", "\r\n" + a + "\r\n\n   \r\n" + b)
        let (summary, records, rejects) = try KOSTRAFixtures.read(path, chunkSize: 5)
        #expect(rejects.isEmpty && summary.lines == 2)
        #expect(records.map(\.line) == [2, 5] && records.map(\.amount) == [12, -3])
        // A long CRLF line cut by chunk boundaries: its length is counted whole, without the CR.
        let long = try directory.file("long.dat", a + "\r\n" + String(repeating: "x", count: 300) + "\r\n" + b + "\r\n")
        let cut = try KOSTRAFixtures.read(long, chunkSize: 16)
        #expect(cut.rejects.map(\.reason) == [.length(300)] && cut.rejects.first?.line == 2 && cut.records.map(\.line) == [1, 3])
    }

    @Test("A balance form: 0G with kapittel and sektor, kontoklasse 5")
    func balanceForm() throws {
        let (summary, records, rejects) = try KOSTRAFixtures.read(KOSTRAFixtures.path("0G.dat"))
        #expect(rejects.isEmpty && records.count == 20)
        #expect(summary.identity.form.code == "0G" && !summary.identity.form.isAppropriation)
        #expect(summary.identity.quarter == nil && summary.identity.period == .year(2022) && summary.identity.orgnr == "976990803")
        let first = try #require(records.first)
        #expect(first.accountClass == UInt8(ascii: "5") && first.function.text == "10" && first.art.text == "000")
    }

    @Test("Wrong length, non-integer amount and a kontoklasse the form does not allow are rejected with the line")
    func rejects() throws {
        let directory = try CSVTemporaryDirectory()
        let good = KOSTRAFixtures.record(amount: "7")
        let lines = [
            good,
            good + " ",                                                  // 49 characters
            String(good.dropLast()),                                     // 47
            KOSTRAFixtures.record(amount: "1.5"),
            KOSTRAFixtures.record(amount: "12 3"),
            KOSTRAFixtures.record(amount: "-"),
            KOSTRAFixtures.record(amount: "         "),
            KOSTRAFixtures.record(amount: "+5"),
            KOSTRAFixtures.record(amount: "5-"),
            KOSTRAFixtures.record(accountClass: "3", amount: "9"),      // 3 is a church account class
            KOSTRAFixtures.record(accountClass: "2", amount: "9"),      // balance, in an appropriation form
            KOSTRAFixtures.record(amount: "-000000012"),                // ten characters: 49 in all
            KOSTRAFixtures.record(accountClass: "0", amount: "      -42"),
        ]
        let path = try directory.file("k.dat", lines.joined(separator: "\n") + "\n" + String(repeating: "x", count: 300) + "\n")
        let (summary, records, rejects) = try KOSTRAFixtures.read(path, chunkSize: 64)
        #expect(records.map(\.line) == [1, 13] && records.map(\.amount) == [7, -42])
        #expect(rejects.map(\.line) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14])
        #expect(rejects.map(\.reason.kind.rawValue) == ["line_length", "line_length"] + Array(repeating: "invalid_number", count: 6)
            + ["account_class", "account_class", "line_length", "line_length"])
        #expect(rejects[0].reason == .length(49) && rejects[1].reason == .length(47) && rejects[11].reason == .length(300))
        #expect(rejects[2].reason == .amount("      1.5") && rejects[2].text == lines[3])
        #expect(rejects[8].reason == .accountClass("3", form: "0A"))
        #expect(rejects[0].reason.field == "record" && rejects[2].reason.field == "belop" && rejects[8].reason.field == "kontoklasse")
        #expect(rejects[8].reason.description.contains("'1' drift, '0' investering"))
        #expect(rejects[11].text.count == 64)
        #expect(summary.lines == 14 && summary.records == 2 && summary.rejected == 12)
    }

    @Test("Mixed identities fail the file, naming the first line that differs")
    func mixedIdentities() throws {
        let directory = try CSVTemporaryDirectory()
        let cases: [(String, String)] = [
            ("region", KOSTRAFixtures.record(region: "030100", amount: "1")),
            ("year", KOSTRAFixtures.record(year: "2025", amount: "1")),
            ("quarter", KOSTRAFixtures.record(quarter: "1", amount: "1")),
            ("orgnr", KOSTRAFixtures.record(orgnr: "976990803", amount: "1")),
            ("form", KOSTRAFixtures.record(form: "0C", amount: "1")),
        ]
        for (name, other) in cases {
            let path = try directory.file("\(name).dat", [KOSTRAFixtures.record(amount: "1"), "short", other,
                                                          KOSTRAFixtures.record(amount: "2")].joined(separator: "\n"))
            #expect(throws: KOSTRAError.mixedIdentity(file: "inbox/kostra.dat", line: 3, expected: "0A2024 040200",
                                                      found: String(other.prefix(22)).trimmingSpaces), "\(name)") {
                try KOSTRAFixtures.read(path)
            }
        }
    }

    @Test("An unknown form, a bad year, quarter or region fail the file")
    func badIdentity() throws {
        let directory = try CSVTemporaryDirectory()
        let unknown = try directory.file("u.dat", KOSTRAFixtures.record(form: "0Z", amount: "1"))
        #expect(throws: KOSTRAError.unknownForm(file: "inbox/kostra.dat", line: 1, form: "0Z")) { try KOSTRAFixtures.read(unknown) }
        let quarter = try directory.file("q.dat", KOSTRAFixtures.record(quarter: "5", amount: "1"))
        #expect(throws: KOSTRAError.invalidIdentity(file: "inbox/kostra.dat", line: 1,
                                                    reason: "quarter '5' in position 7 is neither blank nor 1–4")) {
            try KOSTRAFixtures.read(quarter)
        }
        let year = try directory.file("y.dat", KOSTRAFixtures.record(year: "20x4", amount: "1"))
        #expect(throws: KOSTRAError.self) { try KOSTRAFixtures.read(year) }
        let region = try directory.file("r.dat", KOSTRAFixtures.record(region: "04 200", amount: "1"))
        #expect(throws: KOSTRAError.self) { try KOSTRAFixtures.read(region) }
        let error = #expect(throws: KOSTRAError.self) { try KOSTRAFixtures.read(unknown) }
        #expect(error?.description.hasPrefix("inbox/kostra.dat:1: skjema '0Z' is no KOSTRA accounting form") == true)
        #expect(error?.category == .data)
    }

    @Test("Binary junk, an empty file, XML given as kostra and lines that are no records fail with a clear message")
    func notKOSTRA() throws {
        #expect(throws: KOSTRAError.notText(file: "inbox/kostra.dat", line: 1, column: 3, byte: 0x82)) {
            try KOSTRAFixtures.read(KOSTRAFixtures.path("bad/junk.dat"))
        }
        #expect(throws: KOSTRAError.empty(file: "inbox/kostra.dat")) { try KOSTRAFixtures.read(KOSTRAFixtures.path("bad/blank.dat")) }
        #expect(throws: KOSTRAError.xml(file: "inbox/kostra.dat")) { try KOSTRAFixtures.read(KOSTRAFixtures.path("bad/xml-as-kostra.dat")) }

        let directory = try CSVTemporaryDirectory()
        let nul = try directory.file("nul.dat", [UInt8](KOSTRAFixtures.record(amount: "1").utf8) + [0x0A, 0x30, 0x41, 0x00])
        #expect(throws: KOSTRAError.notText(file: "inbox/kostra.dat", line: 2, column: 3, byte: 0)) { try KOSTRAFixtures.read(nul, chunkSize: 3) }
        let spaces = try directory.file("spaces.dat", "\n  \r\n\n")
        #expect(throws: KOSTRAError.empty(file: "inbox/kostra.dat")) { try KOSTRAFixtures.read(spaces) }
        let csv = try directory.file("csv.dat", "region;art;belop\n0402;020;12\n")
        #expect(throws: KOSTRAError.noRecords(file: "inbox/kostra.dat", lines: 2)) { try KOSTRAFixtures.read(csv) }
        let bomXML = try directory.file("bom.dat", [0xEF, 0xBB, 0xBF] + Array("\n  <?xml version=\"1.0\"?><a/>".utf8))
        #expect(throws: KOSTRAError.xml(file: "inbox/kostra.dat")) { try KOSTRAFixtures.read(bomXML) }
        #expect(throws: KOSTRAError.notFound(file: "inbox/kostra.dat")) { try KOSTRAFixtures.read(directory.url.path + "/none.dat") }
        #expect(throws: KOSTRAError.isDirectory(file: "inbox/kostra.dat")) { try KOSTRAFixtures.read(directory.url.path) }

        let junk = #expect(throws: KOSTRAError.self) { try KOSTRAFixtures.read(KOSTRAFixtures.path("bad/junk.dat")) }
        #expect(junk?.description == "inbox/kostra.dat:1:3: byte 0x82 is a control character, not ISO-8859-1 text: not a KOSTRA file")
    }

    @Test("ISO-8859-1 letters are text: a line with æøå is judged by its length, not refused")
    func latin1() throws {
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("l.dat", [UInt8](KOSTRAFixtures.record(amount: "1").utf8) + [0x0A, 0xE6, 0xF8, 0xE5, 0x0A])
        let (_, records, rejects) = try KOSTRAFixtures.read(path)
        #expect(records.count == 1 && rejects.map(\.reason) == [.length(3)] && rejects.first?.text == "æøå")
    }
}
