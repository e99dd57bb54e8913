import Foundation
import GevinstCore
import Testing
@testable import GevinstImport

/// The JSON-stat and PC-Axis readers on forms derived from the public files (value before
/// dimension, sparse values) and on the inputs they must refuse.
@Suite("cubes: readers and refusals")
struct CubeReaderTests {
    static let ssb = cubeFixtures.appendingPathComponent("dapla-statbank-client/ssb-05300.json").path
    static let kostra = cubeFixtures.appendingPathComponent("pcaxis-serializers/MultipleContentSmall.px").path
    static let ssbKeys = CubeMapping.Keys(dimensions: ["org_unit": "Avstand1", "indicator": "Kulturtilbud"])

    static func ssbText() throws -> String { try String(contentsOfFile: ssb, encoding: .utf8) }

    /// The `"value":[…]` member of the SSB file and the text around it.
    static func ssbValueMember() throws -> (before: String, member: String, after: String) {
        let text = try ssbText()
        let start = text.range(of: ",\"value\":[")!.lowerBound
        let end = text[start...].range(of: "]")!.upperBound
        return (String(text[..<start]), String(text[text.index(after: start)..<end]), String(text[end...]))
    }

    static func error(_ body: () throws -> Void) -> ImportError? {
        do {
            try body()
            return nil
        } catch {
            return error as? ImportError
        }
    }

    @Test("value before dimension reads the same rows as value after it")
    func valueFirst() throws {
        let scratch = try CSVTemporaryDirectory()
        let (before, member, after) = try Self.ssbValueMember()
        let moved = "{" + member + "," + before.dropFirst() + after
        let original = try readCube(Self.ssb, keys: Self.ssbKeys)
        let reordered = try readCube(try scratch.file("first.json", moved), keys: Self.ssbKeys)
        #expect(reordered.rows.count == 404 && reordered.missing == 28)
        #expect(reordered.cells == original.cells.map { CubeCell(index: $0.index, value: $0.value, line: $0.line, column: $0.column - before.count) })
        #expect(reordered.rows.map(\.value) == original.rows.map(\.value))
    }

    @Test("a sparse value object, in order or not, reads as the array with its nulls left out", arguments: [false, true])
    func sparseValues(shuffled: Bool) throws {
        let scratch = try CSVTemporaryDirectory()
        let (before, member, after) = try Self.ssbValueMember()
        let values = member.dropFirst("\"value\":[".count).dropLast().split(separator: ",").map(String.init)
        var entries = values.enumerated().filter { $0.element != "null" }.map { "\"\($0.offset)\":\($0.element)" }
        if shuffled { entries.reverse() }
        let sparse = before + ",\"value\":{" + entries.joined(separator: ",") + "}" + after
        let original = try readCube(Self.ssb, keys: Self.ssbKeys)
        let reading = try readCube(try scratch.file("sparse.json", sparse), keys: Self.ssbKeys)
        #expect(reading.cells.count == entries.count)
        #expect(reading.cells.map(\.index) == reading.cells.map(\.index).sorted())
        #expect(reading.rows.map(\.value) == original.rows.map(\.value))
        #expect(reading.rows.map(\.period) == original.rows.map(\.period))
        #expect(reading.missing == original.missing)
    }

    @Test("a value object naming a cell twice fails")
    func sparseTwice() throws {
        let scratch = try CSVTemporaryDirectory()
        let (before, _, after) = try Self.ssbValueMember()
        let path = try scratch.file("twice.json", before + ",\"value\":{\"5\":1,\"3\":2,\"5\":3}" + after)
        let error = Self.error { _ = try readCube(path, keys: Self.ssbKeys) }
        #expect(error?.cause.contains("names cell 5 twice") == true)
    }

    @Test("JSON-stat 1.x and other versions are refused", arguments: [
        #"{"dataset":{"value":[1],"dimension":{"id":["a"],"size":[1],"a":{"category":{"index":{"x":0}}}}}}"#,
        #"{"version":"1.0","class":"dataset","id":["a"],"size":[1],"value":[1],"dimension":{"a":{"category":{"index":["x"]}}}}"#,
    ])
    func otherVersions(text: String) throws {
        let scratch = try CSVTemporaryDirectory()
        let path = try scratch.file("old.json", text)
        let error = Self.error { _ = try JSONStatReader(path: path, file: "old.json") }
        #expect(error?.category == .data)
        #expect(error?.cause.contains("only") == true || error?.cause.contains("1.x") == true, "\(String(describing: error))")
    }

    @Test("a value array shorter than the cube fails naming both counts")
    func shortValue() throws {
        let scratch = try CSVTemporaryDirectory()
        let text = try Self.ssbText().replacingOccurrences(of: ",3,2,2,3,3,3,2,null]", with: ",3,2,2,3,3,3,2]")
        let error = Self.error { _ = try JSONStatReader(path: try scratch.file("short.json", text), file: "short.json") }
        #expect(error?.cause == "the value array has 431 cells, but the dimension sizes (6 × 8 × 1 × 9) make 432")
        #expect(error?.file == "short.json" && error?.line == 1)
    }

    @Test("a size that does not match the categories fails")
    func sizeMismatch() throws {
        let scratch = try CSVTemporaryDirectory()
        let text = try Self.ssbText().replacingOccurrences(of: "\"size\":[6,8,1,9]", with: "\"size\":[6,8,1,10]")
        let error = Self.error { _ = try JSONStatReader(path: try scratch.file("size.json", text), file: "size.json") }
        #expect(error?.cause == "dimension 'Tid' has 9 categories, but 'size' says 10")
    }

    @Test("invalid JSON fails with its line and column", arguments: [
        ("{\n  \"version\": \"2.0\",\n  \"id\": [\"a\" \"b\"]\n}", 3, 14, "expected ',' or ']'"),
        ("{\"version\": \"2.0\", \"id\": [\"a\"", 1, 30, "the file ends inside a value"),
        ("{\"version\": \"2.0\",}", 1, 19, "expected a member name in quotes"),
        ("{\"label\": \"a\u{01}b\"}", 1, 14, "a control character inside a string"),
        ("{\"value\": [1, 01]}", 1, 16, "expected ',' or ']'"),
        ("{} []", 1, 4, "text after the end of the document"),
    ])
    func invalidJSON(text: String, line: Int, column: Int, cause: String) throws {
        let scratch = try CSVTemporaryDirectory()
        let error = Self.error { _ = try JSONStatReader(path: try scratch.file("bad.json", text), file: "bad.json") }
        #expect(error?.line == line && error?.column == column, "\(String(describing: error))")
        #expect(error?.cause.hasPrefix("invalid JSON: \(cause)") == true, "\(String(describing: error))")
        #expect(error?.category == .data)
    }

    @Test("strings: escapes, surrogate pairs and UTF-8 are decoded")
    func escapes() throws {
        let scratch = try CSVTemporaryDirectory()
        let text = #"{"version":"2.0","label":"B\u00e6rum \"x\" \ud83d\ude00 Tromsø\/\t","id":["a"],"size":[1],"value":[1.5e2],"#
            + #""dimension":{"a":{"category":{"index":["x"]}}},"role":{"time":["a"]}}"#
        let reader = try JSONStatReader(path: try scratch.file("esc.json", text), file: "esc.json")
        #expect(reader.cube.label == "Bærum \"x\" 😀 Tromsø/\t")
        var cells: [CubeCell] = []
        try reader.forEachCell { cells.append($0) }
        #expect(cells == [CubeCell(index: 0, value: .number(150), line: 1, column: 100)])
    }

    @Test("a string value that is not a number is a rejected cell, a missing symbol a missing one")
    func stringValues() throws {
        let scratch = try CSVTemporaryDirectory()
        let text = #"{"version":"2.0","id":["t"],"size":[4],"value":["12.5","..","x",true],"#
            + #""dimension":{"t":{"category":{"index":["2021","2022","2023","2024"]}}},"role":{"time":["t"]}}"#
        let reading = try readCube(try scratch.file("s.json", text), keys: CubeMapping.Keys(constants: ["indicator": "i"]))
        #expect(reading.rows.map(\.value) == [12.5])
        #expect(reading.missing == 1)
        #expect(reading.rejected.map(\.kind) == [.invalidNumber, .invalidNumber])
    }

    @Test("a sparse KEYS file is refused")
    func keysRefused() throws {
        let path = cubeFixtures.appendingPathComponent("pxweb/BE0101F1symbnotkeys.px").path
        let error = Self.error { _ = try PXReader(path: path, file: "keys.px") }
        #expect(error?.cause.contains("a sparse PX file (KEYS)") == true, "\(String(describing: error))")
        #expect(error?.category == .data && error?.line != nil)
    }

    @Test("PX DATA with fewer or more cells than the product of the sizes fails", arguments: [
        ("31444 31730 15563 15720 15881 16010\n50290 51240 25283 25807 25007\n;", "DATA holds 11 cells, but the dimension sizes (2 × 3 × 2) make 12"),
        ("31444 31730 15563 15720 15881 16010\n50290 51240 25283 25807 25007 25433 7\n;", "DATA holds more than 12 cells, the product of the dimension sizes (2 × 3 × 2)"),
    ])
    func pxCellCount(data: String, cause: String) throws {
        let scratch = try CSVTemporaryDirectory()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.kostra)))
        let header = bytes.indices.first { bytes[$0...].starts(with: "DATA=".utf8) }!
        let path = try scratch.file("count.px", Array(bytes[..<header]) + Array("DATA=\n\(data)\n".utf8))
        #expect(try readCube(Self.kostra).rows.count == 12)
        let error = Self.error { _ = try readCube(path) }
        #expect(error?.cause == cause)
        #expect(error?.category == .data)
    }

    @Test("PX: the nil symbol is 0, dot symbols are missing, TLIST ranges and compact quarters are periods")
    func pxSymbolsAndTimes() throws {
        let scratch = try CSVTemporaryDirectory()
        let text = """
            CHARSET="ANSI";
            LANGUAGE="no";
            STUB="region";
            HEADING="år";
            VALUES("region")="Bærum","Asker";
            CODES("region")="3201","3203";
            VALUES("år")="2019","2020","2021";
            TIMEVAL("år")=TLIST(A1, "2019"-"2021");
            VARIABLE-TYPE("region")="G";
            VALUES[en]("region")="Baerum","Asker";
            DATA=
            "-" ".." 3.5
            "....." 7 "x";

            """
        let latin1 = text.unicodeScalars.map { UInt8($0.value) }
        let reading = try readCube(try scratch.file("t.px", latin1), keys: CubeMapping.Keys(constants: ["indicator": "i"], use: .label))
        #expect(reading.rows.map { "\($0.orgUnit) \($0.period) \($0.value)" } == ["Bærum 2019 0.0", "Bærum 2021 3.5", "Asker 2020 7.0"])
        #expect(reading.missing == 2)
        #expect(reading.rejected.map(\.reason) == ["'\"x\"' is neither a number nor a missing-value symbol"])
        #expect(reading.cube.utf8InsteadOf == nil)
    }

    @Test("periods: canonical forms and PX TLIST forms", arguments: [
        ("2024", nil, "2024"), ("2024K1", nil, "2024K1"), ("2024M01", nil, "2024M01"), ("2024Q3", nil, "2024K3"),
        ("20041", "Q1", "2004K1"), ("2025K4", "Q1", "2025K4"), ("200601", "M1", "2006M01"), ("2000M01", "M1", "2000M01"),
        ("2021", "A1", "2021"), ("2004Q1", "A1", nil), ("20045", "Q1", nil), ("2013T4", nil, nil), ("2024H1", "H1", nil),
    ] as [(String, String?, String?)])
    func periods(text: String, scale: String?, expected: String?) {
        #expect(CubePeriod.parse(text, scale: scale)?.description == expected)
    }

    @Test("mapping errors name the key and the dimension or category", arguments: [
        (CubeMapping.Keys(dimensions: ["region": "Tid"]), "dimensions: 'region' is not a field a cube fills (indicator, org_unit or period)"),
        (CubeMapping.Keys(dimensions: ["org_unit": "Tid"]), "dimension 'Tid' gives both org_unit and period"),
        (CubeMapping.Keys(dimensions: ["org_unit": "Avstand1"], filter: ["Avstand1": "01"]), "filter: 'Avstand1' is the dimension that gives org_unit; it cannot also be filtered"),
        (CubeMapping.Keys(dimensions: ["org_unit": "Avstand1", "indicator": "Kulturtilbud"], constants: ["indicator": "x"]), "indicator is both in dimensions: and in constants:"),
        (CubeMapping.Keys(dimensions: ["org_unit": "Avstand1", "indicator": "Kulturtilbud"], filter: ["Tid": "1990"]), "filter: 'Tid' is the dimension that gives period; it cannot also be filtered"),
        (CubeMapping.Keys(dimensions: ["org_unit": "Avstand1", "indicator": "Kulturtilbud", "period": "ContentsCode"], filter: ["Tid": "1990"]), "filter: 'Tid' has no category '1990' (its codes: 1991, 1994, 1997, 2000, 2004, 2008, 2012, 2016, …)"),
    ])
    func mappingErrors(keys: CubeMapping.Keys, cause: String) throws {
        let cube = try JSONStatReader(path: Self.ssb, file: "ssb.json").cube
        let error = Self.error { _ = try CubeMapping(cube: cube, keys: keys, file: "ssb.json") }
        #expect(error?.cause == cause)
        #expect(error?.category == .data && error?.file == "ssb.json")
    }

    @Test("inspect shows dimensions, roles, sizes, first categories, the date and the default mapping")
    func inspect() throws {
        let inspection = try CubeInspection.inspect(path: Self.kostra, file: "11820.px", format: .px)
        #expect(inspection.description == """
            11820.px: PC-Axis, 12 cells, updated 2023-06-15T08:00
            11820: Utvalgte nøkkeltall befolkningsprofil , etter region, statistikkvariabel og år
              region (code KOKkommuneregion0000): 2 categories, geo
                3001 = Halden
                3002 = Moss
              statistikkvariabel (code ContentsCode): 3 categories, metric
                KOSfolkemengde0000 = Innbyggere (antall) [antall]
                KOSkvinne0000 = Kvinner (antall) [antall]
                KOSmenn0000 = Menn (antall) [antall]
              år (code Tid): 2 categories, time, TLIST(A1)
                2021
                2022
            default mapping: indicator = statistikkvariabel (metric), org_unit = region (geo), period = år (time)
            """)
        let ssb = try CubeInspection.inspect(path: Self.ssb, file: "05300.json", format: .jsonstat)
        #expect(ssb.description.hasPrefix("05300.json: JSON-stat 2.0, 432 cells, updated 2022-05-24T06:00:00Z\n"))
        #expect(ssb.description.contains("  Avstand1: 6 categories — avstand\n    01 = Under 1 km\n"))
        #expect(ssb.description.contains("    … 3 more\n"))
        #expect(ssb.defaults.hasPrefix("none: dimension 'Avstand1' has 6 categories and is neither mapped nor filtered"))
    }
}
