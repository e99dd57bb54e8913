import Foundation
import GRDB
import Testing

/// Statistics cubes (`format: jsonstat`, `format: px`) through the built binary: counts and cells
/// equal the conformance fixtures' `expected.json` (computed by `expected.py`, an independent
/// reader), the refusals of bad input, and `inspect`.
@Suite("Statistics cubes, end to end")
struct CubeEndToEndTests {
    static let fixtures = Gevinst.packageRoot.appendingPathComponent("Tests/GevinstImportTests/Fixtures/cubes")

    /// A pipeline with one cube source over `data/in/<file>`, with extra source keys.
    func scratch(format: String, file: String, bytes: Data, keys: String = "") throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("data/in/\(file)", bytes: bytes)
        try scratch.write("test.yml", """
            name: test
            sources:
              - id: cube
                kind: measurements
                format: \(format)
                path: data/in/\(file)
            \(keys.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            """)
        return scratch
    }

    func fixture(_ relative: String) throws -> Data {
        try Data(contentsOf: Self.fixtures.appendingPathComponent(relative))
    }

    /// The oracle's case of this name in expected.json.
    func expected(_ name: String) throws -> [String: Any] {
        let cases = try JSONSerialization.jsonObject(with: fixture("expected.json")) as! [[String: Any]]
        return cases.first { $0["name"] as? String == name }!
    }

    /// Imports a fixture with the oracle case's keys and checks counts, sum and sample cells.
    func importMatches(_ name: String, format: String, keys: String) throws -> Scratch {
        let oracle = try expected(name)
        let file = oracle["file"] as! String
        let scratch = try scratch(format: format, file: URL(fileURLWithPath: file).lastPathComponent, bytes: try fixture(file), keys: keys)
        let run = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        let counts = try scratch.query("data/test.sqlite", "SELECT rows_loaded, rows_missing, rows_rejected, published FROM files WHERE source = 'cube'")
        let published = ((oracle["cube"] as! [String: Any])["updated"] as? String) ?? ""
        #expect(counts == [["\(oracle["rows"] as! Int)", "\(oracle["missing"] as! Int)", "\(oracle["rejected"] as! Int)", published]])
        let sum = Double(try scratch.query("data/test.sqlite", "SELECT SUM(value) FROM measurements")[0][0]) ?? .nan
        #expect(abs(sum - (oracle["sum"] as! Double)) < 1e-6 * max(1, abs(sum)))
        for sample in oracle["samples"] as! [[String: Any]] {
            let stored = try scratch.query("data/test.sqlite", """
                SELECT value FROM measurements_readable WHERE indicator = '\(sample["indicator"]!)' AND org_unit = '\(sample["org_unit"]!)'
                AND period = '\(sample["period"]!)'
                """)
            #expect(stored == [[String(sample["value"] as! Double)]], "\(sample)")
        }
        return scratch
    }

    @Test("a JSON-stat file from Statistics Norway: filtered cells, missing symbols counted, the publication date kept")
    func jsonStat() throws {
        _ = try importMatches("ssb-05300-filtered", format: "jsonstat", keys: "filter: { Avstand1: \"02\", Kulturtilbud: \"07\" }")
    }

    @Test("a PC-Axis file with the default mapping; a UTF-8 file declaring Latin-1 gives an info finding")
    func px() throws {
        _ = try importMatches("px-11820-defaults", format: "px", keys: "")
        let scratch = try importMatches("px-utf8-under-latin1", format: "px", keys: "")
        let findings = try scratch.query("data/test.sqlite", "SELECT kind, severity, details FROM findings WHERE kind = 'px_read_as_utf8'")
        #expect(findings.count == 1 && findings.first?[1] == "info" && findings.first?[2].contains("iso-8859-1") == true, "\(findings)")
    }

    /// A small cube: two regions × one statistic × two years.
    static func cube(version: String = "2.0", values: String = #"[1.5, null, 3, "x"]"#) -> String {
        #"{"version":"\#(version)","class":"dataset","updated":"2024-03-01","id":["region","ContentsCode","Tid"],"size":[2,1,2],"#
            + #""role":{"time":["Tid"],"geo":["region"],"metric":["ContentsCode"]},"dimension":{"region":{"category":{"index":["0301","4601"]}},"#
            + #""ContentsCode":{"category":{"index":["innb"]}},"Tid":{"category":{"index":["2023","2024"]}}},"value":\#(values)}"#
    }

    @Test("a rejected cell names its line and column; null is missing")
    func rejectedCell() throws {
        let scratch = try scratch(format: "jsonstat", file: "a.json", bytes: Data(Self.cube().utf8))
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        #expect(try scratch.query("data/test.sqlite", "SELECT rows_read, rows_loaded, rows_missing, rows_rejected FROM files") == [["4", "2", "1", "1"]])
        let reject = try scratch.query("data/test.sqlite", #"SELECT line, "column", field, text FROM rejects"#)
        #expect(reject.count == 1 && reject[0][0] == "1" && Int(reject[0][1])! > 1 && reject[0][2] == "value", "\(reject)")
        #expect(reject.first?[3].hasPrefix("4601;innb;2024;x") == true, "\(reject)")
    }

    @Test("bad files fail naming the place", arguments: [
        (#"{"version":"2.0","#, "JSON"),
        (CubeEndToEndTests.cube(version: "1.0"), "2.0"),
        (CubeEndToEndTests.cube(values: "[1, 2, 3, 4, 5]"), "5 cells"),
        (CubeEndToEndTests.cube(values: "[1, 2]"), "2 cells"),
    ])
    func badFile(text: String, cause: String) throws {
        let scratch = try scratch(format: "jsonstat", file: "a.json", bytes: Data(text.utf8))
        let run = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("data/in/a.json") && run.stderr.contains(cause), "\(run.stderr)")
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM measurements") == 0)
    }

    @Test("mapping errors: the pipeline alone (64 before any import), or the file's dimensions and categories (the file fails, 65, naming the key)",
          arguments: [
            ("dimensions: { value: region }", 64, "not a field a cube fills"),
            ("use: both", 64, "'use'"),
            ("constants: { period: soon }", 64, "not a period"),
            ("dimensions: { org_unit: kommune }", 65, "'kommune', which the file does not have"),
            ("filter: { Kjønn: \"2\" }", 65, "'Kjønn', which the file does not have"),
            ("dimensions: { org_unit: Tid }", 65, "gives both"),
          ])
    func mappingError(keys: String, status: Int32, cause: String) throws {
        let scratch = try scratch(format: "jsonstat", file: "a.json", bytes: Data(Self.cube().utf8), keys: keys)
        let run = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.contains(cause), "\(run.stderr)")
    }

    @Test("an unknown category in filter: fails the file, naming the dimension and the category")
    func unknownCategory() throws {
        let text = Self.cube().replacingOccurrences(of: #""index":["innb"]"#, with: #""index":["innb","menn"]"#)
            .replacingOccurrences(of: "[2,1,2]", with: "[2,2,2]").replacingOccurrences(of: #"[1.5, null, 3, "x"]"#, with: "[1,2,3,4,5,6,7,8]")
        let scratch = try scratch(format: "jsonstat", file: "a.json", bytes: Data(text.utf8), keys: "filter: { ContentsCode: kvinner }\nconstants: { indicator: folk }")
        let run = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("data/in/a.json") && run.stderr.contains("'ContentsCode' has no category 'kvinner'"), "\(run.stderr)")
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM measurements") == 0)
    }

    @Test("a dimension one file lacks fails that file (65, file_failed); the source's other files import")
    func mappingErrorOfOneFile() throws {
        let kommune = Self.cube().replacingOccurrences(of: "region", with: "kommune")
        let scratch = try scratch(format: "jsonstat", file: "a.json", bytes: Data(kommune.utf8), keys: "dimensions: { org_unit: kommune }")
        try scratch.write("data/in/b.json", Self.cube())
        let pipeline = scratch.url.appendingPathComponent("test.yml")
        try String(contentsOf: pipeline, encoding: .utf8).replacingOccurrences(of: "data/in/a.json", with: "data/in/*.json")
            .write(to: pipeline, atomically: true, encoding: .utf8)
        let run = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("data/in/b.json") && run.stderr.contains("'kommune', which the file does not have"), "\(run.stderr)")
        #expect(try scratch.query("data/test.sqlite", "SELECT path, rows_loaded FROM files") == [["data/in/a.json", "2"]])
        let failed = try scratch.query("data/test.sqlite", "SELECT file FROM findings WHERE kind = 'file_failed'")
        #expect(failed == [["data/in/b.json"]], "\(failed)")
    }

    @Test("a revised publication at the same path supersedes the old one: its values and its date are current")
    func revisedPublication() throws {
        let scratch = try scratch(format: "jsonstat", file: "a.json", bytes: Data(Self.cube(values: "[1.5, 2, 3, 4]").utf8))
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        let revised = Self.cube(values: "[1.5, 2.5, 3, null]").replacingOccurrences(of: "2024-03-01", with: "2024-06-13")
        try scratch.write("data/in/a.json", revised)
        let run = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try scratch.query("data/test.sqlite", "SELECT current, published FROM files ORDER BY id") == [["0", "2024-03-01"], ["1", "2024-06-13"]])
        let values = try scratch.query("data/test.sqlite", "SELECT org_unit, period, value FROM measurements_readable ORDER BY org_unit, period")
        #expect(values == [["0301", "2023", "1.5"], ["0301", "2024", "2.5"], ["4601", "2023", "3.0"]], "\(values)")
    }

    @Test("a sparse PX file (KEYS) is refused")
    func keysRefused() throws {
        let scratch = try scratch(format: "px", file: "a.px", bytes: try fixture("pxweb/BE0101F1symbnotkeys.px"))
        let run = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("data/in/a.px") && run.stderr.contains("a sparse PX file (KEYS)"), "\(run.stderr)")
    }

    @Test("inspect shows dimensions, roles, sizes, first categories and the publication date, as text and JSON")
    func inspect() throws {
        let scratch = try scratch(format: "jsonstat", file: "a.json", bytes: Data(Self.cube().utf8))
        let text = try Gevinst.run(["inspect", "data/in/a.json"], in: scratch.url)
        #expect(text.status == 0, "\(text.stderr)")
        for part in ["JSON-stat 2.0, 4 cells, updated 2024-03-01", "region: 2 categories, geo", "0301", "Tid: 2 categories, time",
                     "default mapping: indicator = ContentsCode (metric), org_unit = region (geo), period = Tid (time)"] {
            #expect(text.stdout.contains(part), "\(part) in \(text.stdout)")
        }
        let json = try Gevinst.run(["inspect", "data/in/a.json", "--format", "json"], in: scratch.url)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["updated"] as? String == "2024-03-01" && object?["cells"] as? Int == 4, "\(json.stdout)")
        try scratch.write("b.px", bytes: try fixture("pcaxis-serializers/MultipleContentSmall.px"))
        let px = try Gevinst.run(["inspect", "b.px"], in: scratch.url)
        #expect(px.status == 0 && px.stdout.contains("PC-Axis, 12 cells, updated 2023-06-15T08:00"), "\(px.stdout)\(px.stderr)")
    }
}
