import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension Reliability {
    /// Issue item 5: hostile and broken inputs through the built binary. Each is refused (or read)
    /// clearly — its exit code, a message naming the file and the place — within bounded memory
    /// (< 256 MiB peak resident, measured with wait4 on the child) and time. Big inputs are made on
    /// the fly in the scratch folder and removed with it.
    @Suite("hostile and broken inputs")
    struct HostileInputTests {
        static let memoryLimit = 256 << 20
        static let fixtures = Gevinst.packageRoot.appendingPathComponent("Tests/GevinstImportTests/Fixtures/xml/hostile").path

        /// A pipeline of one measurement source.
        func pipeline(path: String, extra: String = "") -> String {
            "name: hostile\nsources:\n  - id: main\n    kind: measurements\n    path: \(path)\n"
                + extra.split(separator: "\n").map { "    \($0)\n" }.joined()
        }

        func expectBounded(_ outcome: Child.Outcome, seconds: Double = 60, _ what: String) {
            #expect(!outcome.timedOut && outcome.signal == nil, "\(what): \(outcome.summary)")
            #expect(outcome.peakMemory < Self.memoryLimit, "\(what): peak memory \(outcome.peakMemory >> 20) MiB")
            #expect(outcome.seconds < seconds, "\(what): took \(outcome.seconds) s")
            print("reliability: \(what): exit \(outcome.status.map(String.init) ?? "signal") in \(String(format: "%.1f", outcome.seconds)) s, peak \(outcome.peakMemory >> 20) MiB")
        }

        // MARK: hostile XML

        @Test("every file of the xml-hostile conformance folders: entity bombs and external entities refused, nothing fetched")
        func hostileXML() throws {
            let scratch = try Scratch()
            var names: [String] = []
            for folder in ["libxml2-recurse", "defusedxml"] {
                for name in try FileManager.default.contentsOfDirectory(atPath: "\(Self.fixtures)/\(folder)")
                where [".xml", ".ent", ".dtd", ".xsd"].contains(where: name.hasSuffix) {
                    try FileManager.default.copyItem(atPath: "\(Self.fixtures)/\(folder)/\(name)", toPath: scratch.path("data/hostile/\(name)").withDirectory())
                    if name.hasSuffix(".xml") { names.append(name) }
                }
            }
            try scratch.write("hostile.yml", pipeline(path: "data/hostile/*.xml", extra: """
                format: xml
                record: element
                fields: { indicator: "@key", period: "@period", value: "." }
                """))
            let outcome = try Child.run(["import", scratch.path("hostile.yml")], in: scratch, measured: true)
            expectBounded(outcome, seconds: 30, "hostile XML")
            #expect(outcome.status == 65, "\(outcome.summary)")
            let readable: Set = ["simple.xml", "simple-ns.xml", "dtd_element.xml"]
            for name in names.sorted() {
                let line = outcome.stderr.split(separator: "\n").first { $0.contains("data/hostile/\(name):") }
                if readable.contains(name) {
                    #expect(line == nil, "\(name) should be read: \(line ?? "")")
                    #expect(try scratch.count("data/hostile.sqlite", "SELECT COUNT(*) FROM files WHERE path = 'data/hostile/\(name)'") == 1)
                } else {
                    #expect(line?.contains("refused") == true, "\(name): \(line ?? "no message")")
                    #expect(line.map { $0.range(of: #"\.xml:\d+:\d+: "#, options: .regularExpression) != nil } == true, "\(name) without line:column")
                }
            }
            #expect(try scratch.count("data/hostile.sqlite", "SELECT COUNT(*) FROM files") == readable.count)

            // Under strace: no entity file, DTD or /etc/passwd is opened, and no socket is made.
            let trace = scratch.path("strace.log")
            let traced = try Child(["-f", "-qq", "-e", "trace=open,openat,socket,connect", "-o", trace, Gevinst.binary.path, "import",
                                    scratch.path("hostile.yml"), "--force"], executable: "/usr/bin/strace", logDirectory: scratch.logs).wait()
            let log = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
            if traced.status == 65, log.contains("openat(") {
                let opened = log.split(separator: "\n").filter { $0.contains("open") && !$0.contains("ENOENT") }
                let fetched = opened.filter { [".ent\"", ".dtd\"", ".xsd\"", "/etc/passwd", "PATH/TO"].contains(where: $0.contains) }
                #expect(fetched.isEmpty, "entity or DTD files were opened: \(fetched)")
                #expect(!log.contains("connect("), "a connection was attempted")
                #expect(!log.split(separator: "\n").contains { $0.contains("socket(AF_INET") }, "a network socket was made")
            } else {
                print("reliability: strace is not usable here (\(traced.status.map(String.init) ?? "signal")); the open/connect check was skipped")
            }
        }

        // MARK: truncated files

        static let smallCSV = """
            indicator;org_unit;period;value
            sick;"Heim ""A""; sør";2024M01;7,5
            sick;Heimetenesta;2024M02;8
            places;"to
            tal";2024;120

            """

        static let smallXML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Rapport id="sick">
              <Fravaer eining="Heim"><Periode>2024M01</Periode><Prosent>7.5</Prosent></Fravaer>
              <Fravaer eining="Sør"><Periode>2024M02</Periode><Prosent>8</Prosent></Fravaer>
            </Rapport>

            """

        @Test("every prefix of a small CSV: a clear failure, or the complete records in and the cut one read or rejected")
        func truncatedCSV() throws {
            let scratch = try Scratch()
            let bytes = Array(Self.smallCSV.utf8)
            for length in 0...bytes.count {
                try scratch.write("data/pre/p\(String(format: "%04d", length)).csv", bytes: Data(bytes[0..<length]))
            }
            try scratch.write("hostile.yml", pipeline(path: "data/pre/*.csv", extra: "delimiter: \";\"\nencoding: utf-8\ndecimal: comma"))
            let outcome = try Child.run(["import", scratch.path("hostile.yml")], in: scratch, measured: true)
            expectBounded(outcome, seconds: 60, "prefixes")
            #expect(outcome.status == 65, "\(outcome.summary)")
            #expect(try WarehouseContent.integrity(scratch.path("data/hostile.sqlite")) == "ok")
            let rows = try scratch.query("data/hostile.sqlite", """
                SELECT path, rows_read, rows_loaded, rows_missing, rows_rejected, rows_collapsed FROM files
                """)
            let imported = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1...].map { Int($0)! }) })
            let header = "indicator;org_unit;period;value".utf8.count
            for length in 0...bytes.count {
                let name = "data/pre/p\(String(format: "%04d", length)).csv"
                let message = outcome.stderr.split(separator: "\n").first { $0.contains("\(name)") }
                guard let text = String(validating: bytes[0..<length], as: UTF8.self) else {
                    // Cut inside a character: the file cannot be decoded as the UTF-8 it declares.
                    #expect(imported[name] == nil && message?.contains("not valid utf-8") == true, "\(name): \(message ?? "no message")")
                    continue
                }
                if length < header {
                    // The header is incomplete: a required column is missing.
                    #expect(imported[name] == nil && message != nil, "\(name): \(message ?? "no message")")
                    continue
                }
                if text.filter({ $0 == "\"" }).count % 2 == 1 {
                    // Inside a quoted field that never closes.
                    #expect(imported[name] == nil && message?.contains("quote") == true, "\(name): \(message ?? "no message")")
                    continue
                }
                guard let counts = imported[name] else {
                    Issue.record("\(name) failed: \(message ?? "no message")")
                    continue
                }
                // Records started after the header; those whose line break is in the prefix are complete.
                let records = Self.records(in: String(text.dropFirst(header)))
                let complete = records.filter(\.complete).count
                #expect(counts[0] == records.count, "\(name): read \(counts[0]) of \(records.count) records")
                #expect(counts[1] + counts[2] + counts[3] + counts[4] == counts[0], "\(name): counts do not add up \(counts)")
                #expect(counts[1] >= complete, "\(name): only \(counts[1]) of \(complete) complete records loaded")
            }
        }

        /// The records of a CSV text (quotes respected), and whether each ends with its line break.
        static func records(in text: String) -> [(text: String, complete: Bool)] {
            var result: [(String, Bool)] = []
            var current = "", quoted = false
            for character in text {
                if character == "\"" { quoted.toggle() }
                if character == "\n" && !quoted {
                    if !current.isEmpty { result.append((current, true)) }
                    current = ""
                } else {
                    current.append(character)
                }
            }
            if !current.isEmpty { result.append((current, false)) }
            return result
        }

        @Test("every prefix of a small XML file: malformed (65, naming line:column) and nothing stored, until the document is whole")
        func truncatedXML() throws {
            let scratch = try Scratch()
            let bytes = Array(Self.smallXML.utf8)
            let whole = Self.smallXML.utf8.distance(from: Self.smallXML.startIndex, to: Self.smallXML.range(of: "</Rapport>")!.upperBound)
            for length in 0...bytes.count {
                try scratch.write("data/pre/p\(String(format: "%04d", length)).xml", bytes: Data(bytes[0..<length]))
            }
            try scratch.write("hostile.yml", pipeline(path: "data/pre/*.xml", extra: """
                format: xml
                record: Fravaer
                fields: { indicator: "ancestor::Rapport/@id", org_unit: "@eining", period: Periode, value: Prosent }
                """))
            let outcome = try Child.run(["import", scratch.path("hostile.yml")], in: scratch, measured: true)
            expectBounded(outcome, seconds: 60, "XML prefixes")
            #expect(outcome.status == 65, "\(outcome.summary)")
            let imported = Dictionary(uniqueKeysWithValues: try scratch.query("data/hostile.sqlite", "SELECT path, rows_loaded FROM files").map { ($0[0], $0[1]) })
            for length in 0...bytes.count {
                let name = "data/pre/p\(String(format: "%04d", length)).xml"
                let message = outcome.stderr.split(separator: "\n").first { $0.contains("\(name):") }
                if length >= whole {
                    #expect(imported[name] == "2", "\(name) is whole: \(message ?? "")")
                } else {
                    #expect(imported[name] == nil, "\(name) is cut but was imported")
                    #expect(message?.contains("malformed XML") == true, "\(name): \(message ?? "no message")")
                    if length > 0 {
                        #expect(message.map { $0.range(of: #"\.xml:\d+:\d+: "#, options: .regularExpression) != nil } == true, "\(name): \(message ?? "")")
                    }
                }
            }
            #expect(try scratch.count("data/hostile.sqlite", "SELECT COUNT(*) FROM measurements") == 2)
        }

        // MARK: huge inputs

        @Test("a 2 GiB line without a line break (a sparse file): refused at 16 MiB with the line, in bounded memory")
        func twoGigabyteLine() throws {
            let scratch = try Scratch()
            try scratch.write("hostile.yml", pipeline(path: "data/huge.csv"))
            let path = scratch.path("data/huge.csv")
            try scratch.write("data/huge.csv", "indicator;org_unit;period;value\nsick;total;2024M01;7")
            // Extend to 2 GiB without writing the bytes: the rest of line 2 reads as NUL bytes.
            #expect(truncate(path, 2 << 30) == 0)
            let outcome = try Child.run(["import", scratch.path("hostile.yml")], in: scratch, timeout: 240, measured: true)
            expectBounded(outcome, seconds: 180, "2 GiB line")
            #expect(outcome.status == 65, "\(outcome.summary)")
            #expect(outcome.stderr.contains("data/huge.csv:2: record is longer than 16777216 bytes"), "\(outcome.stderr)")
            #expect(try scratch.count("data/hostile.sqlite", "SELECT COUNT(*) FROM files") == 0)
        }

        @Test("a million columns, in the header and in a row: refused naming the line, in bounded memory")
        func millionColumns() throws {
            let scratch = try Scratch()
            let wide = (0..<1_000_000).map { "c\($0)" }.joined(separator: ";")
            try scratch.write("data/cols/header.csv", "indicator;org_unit;period;value;\(wide)\nsick;total;2024M01;7\n")
            try scratch.write("data/cols/row.csv", "indicator;org_unit;period;value\nsick;total;2024M01;7\nsick;total;2024M02;8;\(wide)\n")
            try scratch.write("hostile.yml", pipeline(path: "data/cols/*.csv"))
            let outcome = try Child.run(["import", scratch.path("hostile.yml")], in: scratch, measured: true)
            expectBounded(outcome, seconds: 60, "a million columns")
            #expect(outcome.status == 65, "\(outcome.summary)")
            #expect(outcome.stderr.contains("data/cols/header.csv:1: record has more than 100000 fields"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("data/cols/row.csv:3: record has more than 100000 fields"), "\(outcome.stderr)")
            #expect(try scratch.count("data/hostile.sqlite", "SELECT COUNT(*) FROM files") == 0)
        }

        @Test("an XML file nested 100 000 levels deep: refused quickly in bounded memory")
        func deepXML() throws {
            let scratch = try Scratch()
            let depth = 100_000
            try scratch.write("data/deep.xml", String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth))
            try scratch.write("hostile.yml", pipeline(path: "data/deep.xml", extra: "format: xml\nrecord: a\nfields: { indicator: \"@i\", period: \"@p\", value: . }"))
            let outcome = try Child.run(["import", scratch.path("hostile.yml")], in: scratch, measured: true)
            expectBounded(outcome, seconds: 30, "deep XML")
            #expect(outcome.status == 65, "\(outcome.summary)")
            #expect(outcome.stderr.contains("data/deep.xml:1:"), "\(outcome.stderr)")
        }

        // MARK: bytes that are not text

        @Test("NUL bytes in a field: the row is rejected naming the line, the file's other rows load")
        func nulBytes() throws {
            let scratch = try Scratch()
            try scratch.write("data/nul.csv", bytes: Data("indicator;org_unit;period;value\nsick;Heim\u{0}eining;2024M01;7\nsick;total;2024M02;7\u{0}\nsick;total;2024M03;8\n".utf8))
            try scratch.write("hostile.yml", pipeline(path: "data/nul.csv"))
            let outcome = try Child.run(["import", scratch.path("hostile.yml")], in: scratch, measured: true)
            expectBounded(outcome, seconds: 30, "NUL")
            #expect(outcome.status == 0, "\(outcome.summary)")
            let rejects = try scratch.query("data/hostile.sqlite", "SELECT line, field, reason FROM rejects ORDER BY line")
            #expect(rejects.map { $0[0] } == ["2", "3"], "\(rejects)")
            #expect(rejects.map { $0[1] } == ["org_unit", "value"], "\(rejects)")
            #expect(rejects.allSatisfy { $0[2].contains("NUL byte") }, "\(rejects)")
            #expect(try scratch.query("data/hostile.sqlite", "SELECT org_unit, period, value FROM measurements_readable") == [["total", "2024M03", "8.0"]])
        }

        @Test("invalid UTF-8 in a file declared UTF-8 (CSV and XML): the file fails naming the line, nothing of it stored")
        func invalidUTF8() throws {
            let scratch = try Scratch()
            var csv = Data("indicator;org_unit;period;value\nsick;total;2024M01;7\nsick;S".utf8)
            csv.append(contentsOf: [0xFF, 0xFE])
            csv.append(Data("r;2024M02;8\n".utf8))
            try scratch.write("data/bad.csv", bytes: csv)
            var xml = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<R>\n<F e=\"a\"><P>2024M01</P><V>7</V></F>\n<F e=\"S".utf8)
            xml.append(contentsOf: [0xC3, 0x28])
            xml.append(Data("r\"><P>2024M02</P><V>8</V></F>\n</R>\n".utf8))
            try scratch.write("data/bad.xml", bytes: xml)
            try scratch.write("csv.yml", pipeline(path: "data/bad.csv", extra: "encoding: utf-8"))
            try scratch.write("xml.yml", pipeline(path: "data/bad.xml", extra: """
                format: xml
                record: F
                fields: { org_unit: "@e", period: P, value: V }
                constants: { indicator: sick }
                """))
            let csvRun = try Child.run(["import", scratch.path("csv.yml")], in: scratch, measured: true)
            expectBounded(csvRun, seconds: 30, "invalid UTF-8 CSV")
            #expect(csvRun.status == 65, "\(csvRun.summary)")
            #expect(csvRun.stderr.contains("data/bad.csv:3"), "\(csvRun.stderr)")
            #expect(csvRun.stderr.contains("is not valid utf-8; set the source's encoding"), "\(csvRun.stderr)")
            let xmlRun = try Child.run(["import", scratch.path("xml.yml")], in: scratch, measured: true)
            expectBounded(xmlRun, seconds: 30, "invalid UTF-8 XML")
            #expect(xmlRun.status == 65, "\(xmlRun.summary)")
            #expect(xmlRun.stderr.contains("data/bad.xml:4:"), "\(xmlRun.stderr)")
            #expect(try scratch.count("data/hostile.sqlite", "SELECT COUNT(*) FROM files") == 0)
            #expect(try scratch.count("data/hostile.sqlite", "SELECT COUNT(*) FROM measurements") == 0)
        }

        @Test("a pipeline file with exponentially expanding YAML aliases: refused with 64, quickly, in bounded memory",
              arguments: ["name: *i", "name: laughs\nlaughs: *i", "name: laughs\nsources: *i",
                          "name: laughs\nsources:\n  - id: a\n    kind: measurements\n    path: x.csv\n    missing: *i",
                          "name: laughs\nsources:\n  - id: a\n    kind: measurements\n    path: x.csv\n    constants: { indicator: *i }",
                          "name: laughs\nreports: { formats: *i }", "name: laughs\nsources:\n  - *i",
                          // An expanding alias as a mapping key: Yams would hash it whole (a fuzzing finding).
                          "name: laughs\nsources:\n  - { *i: x }", "*i : laughs"])
        func yamlBillionLaughs(use: String) throws {
            let scratch = try Scratch()
            // Nine levels of nine aliases: 9^9 (387 million) strings once expanded.
            var yaml = ""
            var previous = "[" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]"
            for name in ["a", "b", "c", "d", "e", "f", "g", "h", "i"] {
                yaml += "x_\(name): &\(name) \(previous)\n"
                previous = "[" + Array(repeating: "*\(name)", count: 9).joined(separator: ",") + "]"
            }
            try scratch.write("laughs.yml", yaml + use + "\n")
            let outcome = try Child.run(["import", scratch.path("laughs.yml")], in: scratch, timeout: 60, measured: true)
            expectBounded(outcome, seconds: 10, "YAML aliases (\(use.replacingOccurrences(of: "\n", with: " / ")))")
            #expect(outcome.status == 64, "\(outcome.summary)")
            #expect(outcome.stderr.contains("laughs.yml:"), "\(outcome.stderr)")
            if use.contains("*i:") || use.hasPrefix("*i") {
                #expect(outcome.stderr.contains("alias bomb"), "\(outcome.stderr)")
            }
        }
    }
}

private extension String {
    /// Creates the parent directory of this path and returns the path.
    func withDirectory() -> String {
        try? FileManager.default.createDirectory(atPath: (self as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return self
    }
}
