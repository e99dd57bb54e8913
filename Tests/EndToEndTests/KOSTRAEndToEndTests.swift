import Foundation
import Testing

/// `format: kostra` as a user meets it: quarterly files in and out of order, a corrected file at
/// another path, bad lines and bad files, and `gevinst inspect`.
@Suite("KOSTRA, end to end")
struct KOSTRAEndToEndTests {
    /// One 48-character record of form 0A for Havbrekk (469900) in 2024; `quarter` nil for the year.
    static func record(_ quarter: Int?, _ accountClass: String, _ funksjon: String, _ art: String, _ amount: String) -> String {
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: width - text.count) }
        let amountField = String(repeating: " ", count: 9 - amount.count) + amount
        return "0A2024" + (quarter.map(String.init) ?? " ") + "469900" + String(repeating: " ", count: 18) + accountClass
            + padded(funksjon, 4) + padded(art, 3) + amountField
    }

    /// A quarterly file's year to date: temporary staff (art 020) per funksjon, in 1 000 NOK.
    static func quarter(_ quarter: Int, _ amounts: [(funksjon: String, amount: Int)]) -> String {
        (amounts.map { record(quarter, "1", $0.funksjon, "020", String($0.amount)) } + [record(quarter, "1", "201", "010", "900")])
            .joined(separator: "\r\n") + "\r\n"
    }

    static let pipeline = """
        name: test
        sources:
          - id: regnskap
            kind: measurements
            format: kostra
            path: data/kostra/*/*.dat
            form: 0A
            account_class: drift
            org_unit: funksjon
            indicators:
              vikarar: { art: [020], funksjon: ["200-299"] }
        """

    static let first = quarter(1, [("201", 100), ("202", 50)])
    static let second = quarter(2, [("201", 250)])
    static let third = quarter(3, [("201", 300), ("202", 80)])

    func scratch(_ files: [String: String]) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("test.yml", Self.pipeline)
        for (name, text) in files { try scratch.write("data/kostra/\(name.contains("/") ? name : "in/" + name)", text) }
        return scratch
    }

    func values(_ scratch: Scratch) throws -> [[String]] {
        try scratch.query("data/test.sqlite", "SELECT org_unit, period, value FROM measurements_readable ORDER BY period, org_unit")
    }

    @Test("quarterly files in order: each quarter is its year to date minus the quarter before, a key absent counting 0 (art: [020] unquoted is art 020)")
    func inOrder() throws {
        let scratch = try scratch(["q1.dat": Self.first, "q2.dat": Self.second, "q3.dat": Self.third])
        let run = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try values(scratch) == [["201", "2024K1", "100000.0"], ["202", "2024K1", "50000.0"],
                                        ["201", "2024K2", "150000.0"], ["202", "2024K2", "-50000.0"],
                                        ["201", "2024K3", "50000.0"], ["202", "2024K3", "80000.0"]])
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM findings") == 0)
        #expect(try scratch.query("data/test.sqlite", "SELECT aggregation, frequency FROM indicator_settings WHERE indicator = 'vikarar'")
            == [["sum", "quarter"]])
        let again = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(again.stderr.contains("files_skipped 3"), "\(again.stderr)")
    }

    @Test("a quarter whose previous quarter is missing gets no values and a kostra_ytd_gap; the missing quarter recomputes it")
    func outOfOrder() throws {
        let scratch = try scratch(["q1.dat": Self.first, "q3.dat": Self.third])
        let gap = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(gap.status == 0, "\(gap.stderr)")
        #expect(try values(scratch) == [["201", "2024K1", "100000.0"], ["202", "2024K1", "50000.0"]])
        let findings = try scratch.query("data/test.sqlite", "SELECT kind, severity, file, quarter, details FROM findings")
        #expect(findings == [["kostra_ytd_gap", "warning", "data/kostra/in/q3.dat", "2024103",
                              #"{"form":"0A","period":"2024K2","region":"469900"}"#]])

        try scratch.write("data/kostra/in/q2.dat", Self.second)
        let filled = try Gevinst.run(["run", "test.yml"], in: scratch.url)
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(try values(scratch) == [["201", "2024K1", "100000.0"], ["202", "2024K1", "50000.0"],
                                        ["201", "2024K2", "150000.0"], ["202", "2024K2", "-50000.0"],
                                        ["201", "2024K3", "50000.0"], ["202", "2024K3", "80000.0"]])
        // The recomputed quarter stays its own file's, and its gap is gone.
        #expect(try scratch.query("data/test.sqlite", "SELECT DISTINCT file FROM measurements_readable WHERE period = '2024K3'")
            == [["data/kostra/in/q3.dat"]])
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM findings WHERE kind = 'kostra_ytd_gap'") == 0)
    }

    @Test("a newer file with the same identity at another path supersedes the older one whole, and the next quarter follows")
    func supersession() throws {
        let scratch = try scratch(["2024/q1.dat": Self.first, "2024/q2.dat": Self.second])
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        try scratch.write("data/kostra/corrected/q1-v2.dat", Self.quarter(1, [("201", 120)]))
        let corrected = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(corrected.status == 0, "\(corrected.stderr)")
        // 202 is in neither quarter now: gone from Q1 and from Q2 (0 − 0), into history.
        #expect(try values(scratch) == [["201", "2024K1", "120000.0"], ["201", "2024K2", "130000.0"]])
        let history = try scratch.query("data/test.sqlite", """
            SELECT s.org_unit, h.value, h.new_value FROM measurement_history AS h JOIN series AS s ON s.id = h.series_id
            ORDER BY h.rowid
            """)
        #expect(Set(history.map { $0.joined(separator: " ") })
            == ["202 50000.0 ", "201 100000.0 120000.0", "202 -50000.0 ", "201 150000.0 130000.0"])
        #expect(try scratch.query("data/test.sqlite", "SELECT path, current FROM files ORDER BY id")
            == [["data/kostra/2024/q1.dat", "0"], ["data/kostra/2024/q2.dat", "1"], ["data/kostra/corrected/q1-v2.dat", "1"]])
    }

    @Test("bad lines are rejected with line and reason; the good ones count; on_error: fail fails the file at the first")
    func badLines() throws {
        let lines = [
            Self.record(1, "1", "201", "020", "100"),
            Self.record(1, "1", "201", "020", "100") + " ",
            Self.record(1, "1", "201", "020", "1.5"),
            Self.record(1, "2", "201", "020", "7"),
            Self.record(1, "1", "201", "020", "-30"),
        ]
        let scratch = try scratch(["q1.dat": lines.joined(separator: "\n")])
        let run = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        let rejects = try scratch.query("data/test.sqlite", "SELECT line, field, kind, reason FROM rejects ORDER BY line")
        #expect(rejects.map { Array($0.prefix(3)) } == [["2", "record", "line_length"], ["3", "belop", "invalid_number"],
                                                        ["4", "kontoklasse", "account_class"]])
        #expect(rejects[0][3].contains("49 characters long, not 48"))
        #expect(rejects[1][3].contains("'      1.5'") && rejects[2][3].contains("kontoklasse '2' is not allowed in form 0A"))
        #expect(try values(scratch) == [["201", "2024K1", "70000.0"]])
        let strict = try Gevinst.run(["import", "test.yml", "--force", "--strict"], in: scratch.url)
        #expect(strict.status == 65, "\(strict.stderr)")
        try scratch.write("fail.yml", Self.pipeline.replacingOccurrences(of: "form: 0A", with: "form: 0A\n    on_error: fail"))
        let fail = try Gevinst.run(["import", "fail.yml", "--force"], in: scratch.url)
        #expect(fail.status == 65, "\(fail.stderr)")
        #expect(fail.stderr.contains("data/kostra/in/q1.dat:2: record: the line is 49 characters long, not 48 (on_error: fail"), "\(fail.stderr)")
    }

    @Test("junk, an empty file, XML and mixed identities fail the file with a clear message (65); the good file is imported")
    func badFiles() throws {
        let mixed = Self.record(1, "1", "201", "020", "5") + "\n" + Self.record(2, "1", "201", "020", "5") + "\n"
        let scratch = try scratch(["good.dat": Self.first, "empty.dat": "", "doc.dat": "<?xml version=\"1.0\"?>\n<Regnskap/>\n",
                                   "mixed.dat": mixed])
        try scratch.write("data/kostra/in/junk.dat", bytes: Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01, 0xFF, 0x0A]))
        let run = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("data/kostra/in/empty.dat: the file is empty"), "\(run.stderr)")
        #expect(run.stderr.contains("data/kostra/in/doc.dat: this is an XML document, not a KOSTRA file"), "\(run.stderr)")
        #expect(run.stderr.contains("data/kostra/in/junk.dat:1:3: byte 0x03 is a control character"), "\(run.stderr)")
        #expect(run.stderr.contains("data/kostra/in/mixed.dat:2: skjema, year, quarter, region and orgnr"), "\(run.stderr)")
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM files") == 1)
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM kostra_files") == 1)
        #expect(try values(scratch).count == 2)
    }

    @Test("the pipeline refuses kostra keys it cannot read, and kostra keys on another format")
    func pipelineKeys() throws {
        let scratch = try Scratch()
        for (name, good, bad, message) in [
            ("scale", "form: 0A", "scale: 0", "'scale' must be a whole number from 1"),
            ("unit", "org_unit: funksjon", "org_unit: avdeling", "'org_unit' of a KOSTRA source must be total, region or funksjon"),
            ("form", "form: 0A", "form: 9Z", "'9Z' is no KOSTRA accounting form"),
            ("class", "account_class: drift", "account_class: driftt", "'driftt' is no kontoklasse"),
        ] {
            try scratch.write("\(name).yml", Self.pipeline.replacingOccurrences(of: good, with: bad))
            let run = try Gevinst.run(["validate", "\(name).yml"], in: scratch.url)
            #expect(run.status == 64 && run.stderr.contains(message), "\(name): \(run.stderr)")
        }
        try scratch.write("csv.yml", "name: t\nsources:\n  - { id: a, kind: measurements, path: x.csv, scale: 1000 }\n")
        let csv = try Gevinst.run(["validate", "csv.yml"], in: scratch.url)
        #expect(csv.status == 64 && csv.stderr.contains("'scale' does not apply to source 'a' with format csv"), "\(csv.stderr)")
    }

    @Test("inspect shows identity, line count, sums per kontoklasse and the largest funksjon/art combinations")
    func inspect() throws {
        let scratch = try scratch(["q3.dat": Self.third + Self.record(3, "0", "201", "230", "-40") + "\nshort\n"])
        let text = try Gevinst.run(["inspect", "data/kostra/in/q3.dat"], in: scratch.url)
        #expect(text.status == 0, "\(text.stderr)")
        for expected in ["form:        0A Bevilgningsregnskap kommunekasse", "quarter:     3 (the year to date, 2024K3)",
                         "region:      469900 (org unit 4699)", "lines:       5 (records 4, rejected 1)",
                         "'0'  investering         1               -40",
                         "'1'  drift               3              1280", "'1'  201       010            1               900"] {
            #expect(text.stdout.contains(expected), "\(expected) in \(text.stdout)")
        }
        #expect(text.stdout.contains("line 5: the line is 5 characters long, not 48"), "\(text.stdout)")
        let json = try Gevinst.run(["inspect", "data/kostra/in/q3.dat", "--format", "json"], in: scratch.url)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["form"] as? String == "0A" && object?["quarter"] as? Int == 3 && object?["records"] as? Int == 4)
        try scratch.write("data/kostra/in/empty.dat", "")
        let empty = try Gevinst.run(["inspect", "data/kostra/in/empty.dat"], in: scratch.url)
        #expect(empty.status == 65 && empty.stderr.contains("the file is empty"), "\(empty.stderr)")
    }
}
