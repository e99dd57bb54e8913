import Foundation
import GevinstCore
@testable import GevinstImport
import Testing

@Suite("Generic XML records")
struct XMLRecordReaderTests {
    @Test("Default and prefixed namespaces match by local name")
    func namespaces() throws {
        let path = XMLFixtures.path("handmade/namespaces.xml")
        let records = try XMLFixtures.records(path, record: "Fravaer",
                                              paths: ["@eining", "Periode", "Prosent", "ancestor::Eining/@kode"])
        #expect(records.map(\.values) == [
            ["A1", "2024K1", "5,2", "0301"],
            ["A2", "2024K2", "6,1", "0301"],
            ["B1", "2024K3", "4.9", "1103"],
        ])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(records.map(\.position) == XMLFixtures.startTags(of: "Fravaer", in: text))
    }

    @Test("Every path form: own text with CDATA, children, attributes, ancestors, empty and missing")
    func pathForms() throws {
        let paths = [".", "Merknad", "@kode", "@type", "Verdi", "Verdi/@eining", "Tom", "TomPar",
                     "Nivå/Under", "Nivå/Under/@attr", "ancestor::Sektor/@id", "ancestor::Kommune/@namn",
                     "Finst/Ikkje", "@manglar", "./Verdi"]
        let path = XMLFixtures.path("handmade/mapping.xml")
        let records = try XMLFixtures.records(path, record: "Rad", paths: paths)
        #expect(records.count == 4)
        let r1 = records[0].values
        #expect(r1[0] == "12,5 & <meir> ")
        #expect(r1[1] == "fyrste")
        #expect(Array(r1[2...4]) == ["R1", "a", nil])
        #expect(Array(r1[10...11]) == ["helse", "Bergen"])

        let r2 = records[1].values
        #expect(r2[0]?.trimmingSpaces == "")
        #expect(r2[3] == nil)
        #expect(r2[4] == "7", "the first matching element wins")
        #expect(r2[5] == "prosent")
        #expect(r2[6] == "" && r2[7] == "", "an empty element gives an empty value")
        #expect(r2[8] == "djup" && r2[9] == "x")
        #expect(r2[12] == nil && r2[13] == nil, "a path that matches nothing leaves the field absent")
        #expect(r2[14] == "7")

        let r3 = records[2].values
        #expect(r3[4] == "9" && r3[5] == nil)
        #expect(r3[8] == "fyrst utan attr")
        #expect(r3[9] == "y", "the first element that has the attribute")

        let r4 = records[3].values
        #expect(r4[0] == "utanfor sektor")
        #expect(r4[10] == nil && r4[11] == "Bergen")

        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(records.map(\.position) == XMLFixtures.startTags(of: "Rad", in: text))
    }

    @Test("The reader trims values when asked, as SPEC §4 trims mapped fields")
    func trimming() throws {
        let path = XMLFixtures.path("handmade/mapping.xml")
        let mapping = try XMLRecordMapping(record: "Rad", paths: [".", "Verdi", "Tom"].map { try XMLFieldPath($0) })
        var records: [XMLRecord] = []
        try XMLRecordReader(path: path, mapping: mapping, trimming: true).forEachRecord { records.append($0) }
        #expect(records.map(\.values) == [
            ["12,5 & <meir>", nil, nil],
            ["", "7", ""],
            ["", "9", nil],
            ["utanfor sektor", nil, nil],
        ])
    }

    @Test("Nested records are each a record, handed over at their end tag")
    func nestedRecords() throws {
        let path = XMLFixtures.path("handmade/nested.xml")
        let records = try XMLFixtures.records(path, record: "Eining", paths: ["@id", "Kostnad", "ancestor::Eining/@namn"])
        #expect(records.map(\.values) == [
            ["1.1.1", "5", "Skule"],
            ["1.1", "40", "Kommune"],
            ["1.2", "60", "Kommune"],
            ["1", "100", nil],
        ])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let starts = XMLFixtures.startTags(of: "Eining", in: text)
        #expect(records.map(\.position) == [starts[2], starts[1], starts[3], starts[0]])
    }

    @Test("Encodings from the declaration or byte-order mark", arguments: [
        ("latin1.xml", "ISO-8859-1", String.Encoding.isoLatin1, "blåbærsyltetøy ÆØÅ"),
        ("windows1252.xml", "WINDOWS-1252", String.Encoding.windowsCP1252, "blåbærsyltetøy ÆØÅ – “sitat” €"),
        ("utf16le-bom.xml", "UTF-16", String.Encoding.utf16, "blåbærsyltetøy ÆØÅ"),
        ("utf16be-bom.xml", "UTF-16", String.Encoding.utf16, "blåbærsyltetøy ÆØÅ"),
        ("utf8-bom-crlf.xml", "UTF-8", String.Encoding.utf8, "blåbærsyltetøy ÆØÅ"),
    ])
    func encodings(file: String, encoding: String, decoding: String.Encoding, text: String) throws {
        let path = XMLFixtures.path("handmade/\(file)")
        let mapping = try XMLRecordMapping(record: "Post", paths: [try XMLFieldPath("@eining"), try XMLFieldPath("@staður"), try XMLFieldPath("Tekst")])
        var records: [XMLRecord] = []
        let summary = try XMLRecordReader(path: path, mapping: mapping).forEachRecord { records.append($0) }
        #expect(summary.encoding == encoding)
        #expect(summary.records == 1)
        #expect(records.map(\.values) == [["Særskilt øving", "Ål", text]])
        var decoded = try String(contentsOfFile: path, encoding: decoding)
        if decoded.hasPrefix("\u{FEFF}") { decoded.removeFirst() }
        #expect(records.map(\.position) == XMLFixtures.startTags(of: "Post", in: decoded))
        #expect(records.first?.position == XMLRecordPosition(line: 3, column: 3))
    }

    @Test("Non-UTF-8 bytes without a declaration fail with libxml2's position")
    func undeclaredEncoding() throws {
        let error = #expect(throws: XMLReadError.self) {
            try XMLFixtures.records(XMLFixtures.path("handmade/undeclared-latin1.xml"), record: "Post", paths: ["@eining"])
        }
        guard case .malformed(_, let line, _, let message) = error else { Issue.record("expected malformed, got \(String(describing: error))"); return }
        #expect(line == 2)
        #expect(message.contains("UTF-8"))
        #expect(error?.category == .data)
    }

    @Test("A truncated file fails with line and column")
    func truncated() throws {
        let path = XMLFixtures.path("handmade/truncated.xml")
        var seen = 0
        let mapping = try XMLRecordMapping(record: "Fravaer", paths: [try XMLFieldPath("@eining")])
        let error = #expect(throws: XMLReadError.self) {
            try XMLRecordReader(path: path, relativePath: "inbox/truncated.xml", mapping: mapping).forEachRecord { _ in seen += 1 }
        }
        guard case .malformed(let file, let line, let column, let message)? = error else {
            Issue.record("expected malformed, got \(String(describing: error))"); return
        }
        #expect(file == "inbox/truncated.xml")
        #expect(line == 4 && column > 0)
        #expect(!message.isEmpty)
        #expect(error!.description.hasPrefix("inbox/truncated.xml:4:"))
        #expect(seen == 1, "records before the damage were handed over; the caller discards them with the file")
    }

    @Test("Mismatched tags name libxml2's message and position")
    func mismatched() throws {
        let error = #expect(throws: XMLReadError.self) {
            try XMLFixtures.records(XMLFixtures.path("handmade/mismatched.xml"), record: "Fravaer", paths: ["@eining"])
        }
        guard case .malformed(_, let line, _, let message)? = error else { Issue.record("expected malformed"); return }
        #expect(line == 3)
        #expect(message.contains("mismatch"))
    }

    @Test("Start tags over several lines, tabs and records on one line keep their own positions")
    func multilinePositions() throws {
        let path = XMLFixtures.path("handmade/multiline-tags.xml")
        let records = try XMLFixtures.records(path, record: "Fravaer", paths: ["@eining", "@periode", "."])
        #expect(records.map { $0.values[0] } == ["A", "B", "C", "D", "inner", "Ø"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let starts = XMLFixtures.startTags(of: "Fravaer", in: text)
        #expect(records.map(\.position) == [starts[0], starts[1], starts[2], starts[3], starts[5], starts[4]])
        #expect(starts[0] == XMLRecordPosition(line: 2, column: 3))
    }

    @Test("Lone carriage returns do not end lines, as for libxml2's own messages")
    func loneCarriageReturns() throws {
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("cr.xml")
        try "<r>\r<a x=\"1\"\r y=\"2\"/>\r<a/>\r</r>".write(to: file, atomically: false, encoding: .utf8)
        let records = try XMLFixtures.records(file.path, record: "a", paths: ["@x"])
        #expect(records.map(\.position) == [XMLRecordPosition(line: 1, column: 5), XMLRecordPosition(line: 1, column: 23)])
    }

    @Test("Positions stay exact deep into a large file with long lines and multi-line start tags")
    func positionsInLargeFile() throws {
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = "<?xml version=\"1.0\"?>\n<Rapport>\n"
        for index in 0..<6_000 {
            let filler = String(repeating: "æ", count: index % 97) + String(repeating: "x", count: index % 131)
            switch index % 4 {
            case 0: text += "  <Fravaer eining=\"\(index)\">\(filler)</Fravaer>\n"
            case 1: text += "<Merknad>\(filler)</Merknad><Fravaer\n    eining=\"\(index)\"\n  >v</Fravaer>\n"
            case 2: text += "\(filler)<Fravaer eining=\"\(index)\"/><Fravaer\teining=\"\(index)b\"/>\n"
            default: text += "<!-- \(filler) --><Fravaer\r\n eining=\"\(index)\"><Prosent>\(index)</Prosent></Fravaer>\r\n"
            }
        }
        text += "</Rapport>\n"
        let file = directory.appendingPathComponent("large.xml")
        try text.write(to: file, atomically: false, encoding: .utf8)
        let records = try XMLFixtures.records(file.path, record: "Fravaer", paths: ["@eining"])
        let expected = XMLFixtures.startTags(of: "Fravaer", in: text)
        #expect(records.count == expected.count)
        let wrong = zip(records.map(\.position), expected).filter { $0.0 != $0.1 }
        #expect(wrong.isEmpty, "first differences (reported, expected): \(wrong.prefix(5))")
    }

    @Test("Predefined entities and character references are decoded")
    func predefinedEntities() throws {
        let records = try XMLFixtures.records(XMLFixtures.path("handmade/predefined-entities.xml"), record: "Fravaer", paths: ["@eining", "."])
        #expect(records.map(\.values) == [["<A>", "5 & 6 åæ '\""]])
    }

    @Test("A DOCTYPE with element declarations only is read")
    func elementDeclarationsOnly() throws {
        let records = try XMLFixtures.records(XMLFixtures.path("handmade/dtd-elements-only.xml"), record: "Fravaer", paths: ["@eining", "."])
        #expect(records.map(\.values) == [["A", "5"]])
    }

    @Test("A missing file and a directory are input errors")
    func missingInput() throws {
        let missing = #expect(throws: XMLReadError.self) {
            try XMLFixtures.records(XMLFixtures.path("handmade/no-such-file.xml"), record: "R", paths: ["."])
        }
        #expect(missing == .notFound(file: XMLFixtures.path("handmade/no-such-file.xml")))
        #expect(missing?.category == .inputMissing)
        let directory = #expect(throws: XMLReadError.self) {
            try XMLFixtures.records(XMLFixtures.path("handmade"), record: "R", paths: ["."])
        }
        #expect(directory == .isDirectory(file: XMLFixtures.path("handmade")))
    }

    @Test("An error thrown by the caller stops the read and comes back unchanged")
    func callerErrorStops() throws {
        struct Enough: Error, Equatable {}
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("many.xml")
        let body = (0..<50_000).map { "<R n=\"\($0)\"/>" }.joined(separator: "\n")
        try "<Rs>\n\(body)\n</Rs>\n".write(to: file, atomically: false, encoding: .utf8)
        let mapping = try XMLRecordMapping(record: "R", paths: [try XMLFieldPath("@n")])
        var seen = 0
        #expect(throws: Enough()) {
            try XMLRecordReader(path: file.path, mapping: mapping).forEachRecord { _ in
                seen += 1
                if seen == 3 { throw Enough() }
            }
        }
        #expect(seen == 3)
    }

    @Test("A field value over 1 MiB is refused instead of filling memory")
    func oversizedValue() throws {
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.xml")
        let piece = "<![CDATA[" + String(repeating: "x", count: 100_000) + "]]>"
        try "<Rs>\n<R n=\"1\">\(String(repeating: piece, count: 12))</R>\n</Rs>\n".write(to: file, atomically: false, encoding: .utf8)
        let error = #expect(throws: XMLReadError.self) { try XMLFixtures.records(file.path, record: "R", paths: ["@n", "."]) }
        guard case .refused(_, let line, let column, let reason)? = error else { Issue.record("expected a refusal"); return }
        #expect(line == 2 && column == 1)
        #expect(reason.contains("'.'") && reason.contains("1 MiB"))
        #expect(try XMLFixtures.records(file.path, record: "R", paths: ["@n"]).map(\.values) == [["1"]], "text no path asks for is not kept")
    }

    @Test("The sample holds the records that start within the byte limit")
    func sample() throws {
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sample.xml")
        let body = (0..<10_000).map { "  <R n=\"\($0)\"><V>\($0),5</V></R>" }.joined(separator: "\n")
        try "<Rs>\n\(body)\n</Rs>\n".write(to: file, atomically: false, encoding: .utf8)
        let mapping = try XMLRecordMapping(record: "R", paths: [try XMLFieldPath("V")])
        let sample = try XMLRecordReader(path: file.path, mapping: mapping).sample(byteLimit: 4096)
        #expect(sample.encoding == "UTF-8")
        // Each record line is 28–33 bytes: the first 4 KiB hold about 130 records.
        #expect((100...160).contains(sample.records.count))
        #expect(sample.records.first?.values == ["0,5"])
        #expect(sample.records.enumerated().allSatisfy { $0.element.values == ["\($0.offset),5"] })
    }
}

@Suite("XML field paths")
struct XMLFieldPathTests {
    @Test("Valid paths", arguments: [
        (".", [String](), nil as String?, nil as String?),
        ("Child", ["Child"], nil, nil),
        ("Child/Grandchild", ["Child", "Grandchild"], nil, nil),
        ("@attr", [], "attr", nil),
        ("Child/@attr", ["Child"], "attr", nil),
        ("n1:Line/n1:Amount", ["Line", "Amount"], nil, nil),
        ("ancestor::Eining/@kode", [], "kode", "Eining"),
        (" ./Verdi ", ["Verdi"], nil, nil),
        ("Nivå/@ståd", ["Nivå"], "ståd", nil),
    ])
    func valid(text: String, steps: [String], attribute: String?, ancestor: String?) throws {
        let path = try XMLFieldPath(text)
        #expect(path.steps == steps)
        #expect(path.attribute == attribute)
        #expect(path.ancestor == ancestor)
        #expect(path.description == text)
    }

    @Test("Unsupported paths are pipeline errors", arguments: [
        "", "/Rapport/Fravaer", "Child//Grandchild", "@a/Child", "Child[1]", "*", "ancestor::Eining",
        "ancestor::Eining/Kode", "Child/@", "Child/text()", "a:b:c", "1Child",
    ])
    func invalid(text: String) {
        let error = #expect(throws: XMLPathError.self) { try XMLFieldPath(text) }
        #expect(error?.category == .usage)
        #expect(error?.description.contains("ancestor::Name/@attr") == true)
    }

    @Test("A record must be one element name")
    func recordName() throws {
        #expect(try XMLRecordMapping(record: "n1:Fravaer", paths: []).record == "Fravaer")
        #expect(throws: XMLPathError.self) { try XMLRecordMapping(record: "Eining/Fravaer", paths: []) }
        #expect(throws: XMLPathError.self) { try XMLRecordMapping(record: "@eining", paths: []) }
        #expect(throws: XMLPathError.self) { try XMLRecordMapping(record: "", paths: []) }
    }
}
