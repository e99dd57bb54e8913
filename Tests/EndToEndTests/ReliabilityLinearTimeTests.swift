import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension Reliability {
    /// Issue 14: every reader takes time linear in its input, also on input crafted against it, and
    /// `inspect` reads regular files only. Through the built binary, each under a timeout that the
    /// quadratic readers missed by far (figures in docs/reliability.md).
    @Suite("crafted input, linear time")
    struct LinearTimeTests {
        func pipeline(_ path: String) -> String {
            """
            name: crafted
            sources:
              - id: main
                kind: measurements
                format: xml
                path: \(path)
                record: Fravaer
                fields: { org_unit: "@eining", period: "@periode", value: "@verdi" }
                constants: { indicator: sick }

            """
        }

        static let record = #"<Fravaer eining="Heim" periode="2024M01" verdi="7.5"/>"#

        @Test("one start tag with 200 000 attributes: refused at once, naming line:column and the limit; 1 000 (3 of them fields) are read")
        func manyAttributes() throws {
            let scratch = try Scratch()
            func attributes(_ count: Int) -> String { (0..<count).map { "a\($0)=\"\($0)\"" }.joined(separator: " ") }
            // Before the prefilter libxml2 compared each attribute with every earlier one: 37 s for this tag.
            try scratch.write("data/in/a.xml", "<Rapport>\n  <Fravaer \(attributes(200_000))/>\n</Rapport>\n")
            try scratch.write("data/in/b.xml", "<Rapport>\n\(Self.record.replacingOccurrences(of: "/>", with: " \(attributes(997))/>"))\n</Rapport>\n")
            try scratch.write("crafted.yml", pipeline("data/in/*.xml"))
            let outcome = try Child.run(["import", scratch.path("crafted.yml")], in: scratch, timeout: 20)
            #expect(!outcome.timedOut && outcome.status == 65, "\(outcome.summary)")
            #expect(outcome.stderr.contains("data/in/a.xml:2:3: refused: this start tag has more than 1000 attributes, the limit of one tag"), "\(outcome.stderr)")
            #expect(try scratch.query("data/crafted.sqlite", "SELECT path, rows_loaded FROM files") == [["data/in/b.xml", "1"]])
        }

        @Test("attribute values of 200 KB and 1 MiB are read; one byte over 1 MiB is refused, naming line:column and the limit")
        func longAttributes() throws {
            let scratch = try Scratch()
            for (name, length) in [("a", 200_000), ("b", 1 << 20), ("c", (1 << 20) + 1)] {
                let note = String(repeating: "x", count: length)
                try scratch.write("data/in/\(name).xml", "<Rapport>\n\(Self.record)\n  \(Self.record.replacingOccurrences(of: "2024M01", with: "2024M02").replacingOccurrences(of: "/>", with: " merknad=\"\(note)\"/>"))\n</Rapport>\n")
            }
            try scratch.write("crafted.yml", pipeline("data/in/*.xml"))
            let outcome = try Child.run(["import", scratch.path("crafted.yml")], in: scratch, timeout: 30)
            #expect(!outcome.timedOut && outcome.status == 65, "\(outcome.summary)")
            // Before: the 1 MiB + 1 value passed the field limit unchecked.
            #expect(outcome.stderr.contains("data/in/c.xml:3:3: refused: an attribute value in this start tag is longer than 1048576 bytes, the limit of a field value"),
                    "\(outcome.stderr)")
            #expect(try scratch.query("data/crafted.sqlite", "SELECT path, rows_loaded FROM files ORDER BY path") == [["data/in/a.xml", "2"], ["data/in/b.xml", "2"]])
        }

        @Test("one SAF-T transaction with 50 000 lines of distinct analysis: read in linear time")
        func saftTransaction() throws {
            let scratch = try Scratch()
            var xml = "<AuditFile><GeneralLedgerEntries><Journal><Transaction><TransactionID>T1</TransactionID>"
                + "<Period>1</Period><PeriodYear>2024</PeriodYear><TransactionDate>2024-01-15</TransactionDate>\n"
            for line in 0..<50_000 {
                xml += "<Line><AccountID>6700</AccountID><Analysis><AnalysisType>A</AnalysisType><AnalysisID>u\(line)</AnalysisID></Analysis>"
                    + "<DebitAmount><Amount>1.00</Amount></DebitAmount></Line>\n"
            }
            xml += "</Transaction></Journal></GeneralLedgerEntries></AuditFile>\n"
            try scratch.write("data/ledger.xml", xml)
            try scratch.write("crafted.yml", """
                name: crafted
                sources:
                  - { id: ledger, kind: measurements, format: saft, path: data/ledger.xml, accounts: { konsulent: ["6700-6799"] }, org_unit: { analysis_type: A } }

                """)
            // Before: a linear search of the transaction's sums per line, quadratic in its lines — over 300 s
            // for this file with a debug build (7 s after the fix; the test allows for a loaded machine).
            let outcome = try Child.run(["import", scratch.path("crafted.yml")], in: scratch, timeout: 120)
            #expect(!outcome.timedOut && outcome.status == 0, "\(outcome.summary)")
            #expect(try scratch.query("data/crafted.sqlite", "SELECT rows_loaded FROM files") == [["50000"]])
            print("reliability: SAF-T transaction of 50 000 lines in \(String(format: "%.1f", outcome.seconds)) s")
        }

        @Test("inspect refuses a FIFO, /dev/zero and /dev/null at once with 66, and a FIFO behind a symbolic link")
        func inspectNonRegular() throws {
            let scratch = try Scratch()
            let fifo = scratch.path("data/pipe.csv")
            try scratch.write("data/x.csv", "a;b\n")
            #expect(mkfifo(fifo, 0o600) == 0)
            #expect(symlink(fifo, scratch.path("data/link.xml")) == 0)
            for (path, words) in [(fifo, "is a named pipe (FIFO), not a file"), (scratch.path("data/link.xml"), "is a named pipe (FIFO), not a file"),
                                  ("/dev/zero", "is a device or a socket, not a file"), ("/dev/null", "is a device or a socket, not a file")] {
                for format in ["text", "json"] {
                    // Before: inspect blocked on the FIFO and read /dev/zero for ever.
                    let outcome = try Child.run(["inspect", path, "--format", format], in: scratch, timeout: 10)
                    #expect(!outcome.timedOut && outcome.status == 66, "\(path): \(outcome.summary)")
                    #expect(outcome.stderr.contains("\(path): \(words); gevinst reads regular files only"), "\(outcome.stderr)")
                }
            }
            let regular = try Child.run(["inspect", scratch.path("data/x.csv")], in: scratch, timeout: 10)
            #expect(regular.status == 0 && regular.stdout.contains("[a] [b]"), "\(regular.summary)")
        }
    }
}
