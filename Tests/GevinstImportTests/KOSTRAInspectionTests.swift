import Foundation
@testable import GevinstImport
import Testing

@Suite("KOSTRA inspect")
struct KOSTRAInspectionTests {
    @Test("The real 0A file: identity, counts, sums per kontoklasse and the largest combinations as the script finds them")
    func realFile() throws {
        let expected = KOSTRAFixtures.expected
        let inspection = try KOSTRAInspection.inspect(path: KOSTRAFixtures.real, displayPath: "inbox/0A.dat", top: 5)
        #expect(inspection.summary.records == 1644 && inspection.rejects.isEmpty)
        #expect(inspection.accountClasses.map { String(Unicode.Scalar($0.code)) } == expected.kontoklasse.keys.sorted())
        for total in inspection.accountClasses {
            let oracle = try #require(expected.kontoklasse[String(Unicode.Scalar(total.code))])
            #expect(total.records == oracle.records && total.sum == oracle.sum)
        }
        #expect(inspection.largest.map { "\(Unicode.Scalar($0.accountClass)) \($0.function) \($0.art) \($0.records) \($0.sum)" }
            == expected.largest.map { "\($0.kontoklasse) \($0.funksjon) \($0.art) \($0.records) \($0.sum)" })
        let lines = inspection.lines
        #expect(Array(lines.prefix(6)) == [
            "form:        0A Bevilgningsregnskap kommunekasse",
            "year:        2019",
            "quarter:     4 (the year to date, 2019K4)",
            "region:      040200 (org unit 0402)",
            "orgnr:       blank",
            "lines:       1644 (records 1644, rejected 0)",
        ])
        #expect(lines[7...9] == [
            "kontoklasse  kind          records   sum (1 000 NOK)",
            "        '0'  investering       144            113385",
            "        '1'  drift            1500             35838",
        ])
        #expect(lines.contains("largest funksjon/art combinations by absolute sum:"))
        #expect(lines.contains("        '1'  840       800            1           -547580"))
    }

    @Test("A file with rejects lists the first of them; a balance form names kapittel and sektor")
    func rejectsAndBalance() throws {
        let directory = try CSVTemporaryDirectory()
        let path = try directory.file("k.dat", [KOSTRAFixtures.record(form: "0B", accountClass: "2", function: "10  ", art: "000", amount: "5"),
                                                "short", KOSTRAFixtures.record(form: "0B", accountClass: "1", amount: "1")].joined(separator: "\n"))
        let inspection = try KOSTRAInspection.inspect(path: path, displayPath: "k.dat", shownRejects: 1)
        #expect(inspection.summary.rejected == 2 && inspection.rejects.map(\.line) == [2])
        #expect(inspection.lines.contains("largest kapittel/sektor combinations by absolute sum:"))
        #expect(Array(inspection.lines.suffix(2)) == ["first rejected lines:", "line 2: the line is 5 characters long, not 48"])
    }
}
