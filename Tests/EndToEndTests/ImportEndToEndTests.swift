import Foundation
import GRDB
import Testing

/// The foundation's promises, tried as a user would: the built binary on files in a scratch folder.
@Suite("Import, end to end")
struct ImportEndToEndTests {
    /// A one-source pipeline over `file`, with extra source keys.
    func pipeline(kind: String = "measurements", path: String = "data/in/*.csv", extra: String = "") -> String {
        """
        name: test
        sources:
          - id: catalogue
            kind: indicators
            path: data/indicators.csv
          - id: main
            kind: \(kind)
            path: \(path)
        \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    let catalogue = "indicator;name;frequency;polarity\nsick;Sjukefråvær;month;lower_is_better\nplaces;Plassar;year;higher_is_better\n"

    func scratch(measurements: [String: String], extra: String = "") throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("data/indicators.csv", catalogue)
        for (name, text) in measurements { try scratch.write("data/in/\(name)", text) }
        try scratch.write("test.yml", pipeline(extra: extra))
        return scratch
    }

    @Test("bad rows are rejected with line and reason; good rows are stored; a second run imports nothing")
    func rejectsAndIdempotence() throws {
        let scratch = try scratch(measurements: ["a.csv": """
            indicator;org_unit;period;value
            sick;Heimetenesta Sør;2024M01;7,5
            sick;Heimetenesta Sør;2024M02;abc
            sick;Heimetenesta Sør;2024M13;7,1
            sick;Heimetenesta Sør;2024M03
            sick;Heimetenesta Sør;2024M04;..
            sick;Heimetenesta Sør;2024M05;1.234,5
            sick;Heimetenesta Sør;2024;7,0
            sick;Heimetenesta Sør;2024M01;+7,50
            sick;Heimetenesta Sør;2024M05;99
            places;total;2024;120

            """])
        let first = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(first.status == 0, "\(first.stderr)")
        let rejects = try scratch.query("data/test.sqlite", "SELECT line, field, reason, kind FROM rejects ORDER BY line")
        #expect(rejects.map { $0[0] } == ["3", "4", "5", "8", "10"])
        #expect(rejects.map { $0[3] } == ["invalid_number", "invalid_period", "field_count", "coarser_than_frequency", "conflicting_value"])
        #expect(rejects[0][1] == "value" && rejects[0][2].contains("'abc' is not a number"))
        #expect(rejects[1][1] == "period" && rejects[1][2].contains("not a period"))
        #expect(rejects[2][2].contains("fields"))
        #expect(rejects[3][1] == "period" && rejects[3][2].contains("coarser"))
        #expect(rejects[4][2].contains("another value"))
        let stored = try scratch.query("data/test.sqlite", "SELECT indicator, org_unit, period, value FROM measurements_readable ORDER BY indicator, period")
        #expect(stored == [["places", "total", "2024", "120.0"], ["sick", "Heimetenesta Sør", "2024M01", "7.5"],
                           ["sick", "Heimetenesta Sør", "2024M05", "1234.5"]])
        let counts = try scratch.query("data/test.sqlite", "SELECT rows_read, rows_loaded, rows_missing, rows_collapsed, rows_rejected FROM files WHERE source = 'main'")
        #expect(counts == [["10", "3", "1", "1", "5"]])

        let second = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(second.status == 0)
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM files") == 2)
        #expect(second.stderr.contains("files_skipped 2"), "\(second.stderr)")
        #expect(!second.stderr.contains("files_imported"))
        let forced = try Gevinst.run(["import", "test.yml", "--force"], in: scratch.url)
        #expect(forced.status == 0)
        #expect(forced.stderr.contains("files_imported 2"), "\(forced.stderr)")
    }

    @Test("a corrected file: newer values win and the old ones are kept in history")
    func revisions() throws {
        let scratch = try scratch(measurements: ["a.csv": "indicator;period;value\nsick;2024M01;7,5\nsick;2024M02;8\n"])
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        try scratch.write("data/in/a.csv", "indicator;period;value\nsick;2024M01;6,5\nsick;2024M02;8\n")
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        #expect(try scratch.query("data/test.sqlite", "SELECT period, value FROM measurements_readable ORDER BY period")
                == [["2024M01", "6.5"], ["2024M02", "8.0"]])
        #expect(try scratch.query("data/test.sqlite", "SELECT value, new_value FROM measurement_history") == [["7.5", "6.5"]])
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM files WHERE current = 1") == 2)
    }

    @Test("an unterminated quote fails the file, names its line, and stores nothing of it")
    func unterminatedQuote() throws {
        let scratch = try scratch(measurements: [
            "a.csv": "indicator;period;value\nsick;2024M01;7\nsick;\"2024M02;8\nsick;2024M03;9\n",
            "b.csv": "indicator;period;value\nsick;2024M04;5\n",
        ])
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 65)
        #expect(result.stderr.contains("data/in/a.csv:3"), "\(result.stderr)")
        #expect(result.stderr.contains("quote"))
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM files WHERE path = 'data/in/a.csv'") == 0)
        #expect(try scratch.query("data/test.sqlite", "SELECT period FROM measurements_readable") == [["2024M04"]])
    }

    @Test("on_error: fail fails the file at its first bad row")
    func onErrorFail() throws {
        let scratch = try scratch(measurements: ["a.csv": "indicator;period;value\nsick;2024M01;7\nsick;2024M02;x7\n"], extra: "on_error: fail")
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 65)
        #expect(result.stderr.contains("data/in/a.csv:3"), "\(result.stderr)")
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM measurements") == 0)
    }

    @Test("Windows-1252 with æøå is read correctly, and the encoding is recorded")
    func windows1252() throws {
        let scratch = try scratch(measurements: [:])
        let text = "indicator;org_unit;period;value\r\nsick;Heimetenesta Sør;2024M01;7,5\r\nsick;Åsane bydel;2024M01;6\r\n"
        try scratch.write("data/in/a.csv", bytes: text.data(using: .windowsCP1252)!)
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        #expect(try scratch.query("data/test.sqlite", "SELECT org_unit FROM measurements_readable ORDER BY org_unit")
                == [["Heimetenesta Sør"], ["Åsane bydel"]])
        #expect(try scratch.query("data/test.sqlite", "SELECT encoding, delimiter, decimal_mark FROM files WHERE source = 'main'")
                == [["windows-1252", ";", "comma"]])
    }

    @Test("a file that failed is named in the reports until it imports; SAF-T totals say which total is off")
    func failuresAndControlTotalsInReports() throws {
        let scratch = try Scratch()
        try scratch.write("data/indicators.csv", catalogue)
        try scratch.write("data/in/a.csv", "indicator;org_unit;period;value\nsick;total;2024M01;7,5\n")
        try scratch.write("data/in/b.csv", "indicator;org_unit;period;value\nsick;total;2024M02;7,1\nsick;total;\"2024M03;7,0\n")
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("data/saft"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Gevinst.packageRoot.appendingPathComponent("Tests/GevinstImportTests/Fixtures/xml/saft-norway/v2.0-draft_generated_auditfile_formatted.xml"),
            to: scratch.url.appendingPathComponent("data/saft/ledger.xml"))
        try scratch.write("test.yml", """
            name: test
            reports: { dir: out, formats: [csv, md], language: nn }
            sources:
              - { id: catalogue, kind: indicators, path: data/indicators.csv }
              - { id: main, kind: measurements, path: data/in/*.csv }
              - { id: ledger, kind: measurements, format: saft, path: data/saft/*.xml, accounts: { konto: ["1000-9999"] } }
            """)
        let failed = try Gevinst.run(["run", "test.yml"], in: scratch.url)
        #expect(failed.status == 65, "\(failed.stderr)")
        let findings = try String(contentsOf: scratch.url.appendingPathComponent("out/findings.csv"), encoding: .utf8)
        #expect(findings.contains("file_failed,warning,main,data/in/b.csv,"), "\(findings)")
        #expect(findings.contains("Fila data/in/b.csv (kjelde main) vart ikkje importert og er ikkje med i tala; feilen er på linje 3"))
        #expect(findings.contains("(NumberOfEntries: oppgitt 83, rekna ut 1)"), "\(findings)")
        #expect(findings.contains("(TotalDebit: oppgitt "), "\(findings)")
        #expect(try String(contentsOf: scratch.url.appendingPathComponent("out/summary.md"), encoding: .utf8).contains("data/in/b.csv"))

        try scratch.write("data/in/b.csv", "indicator;org_unit;period;value\nsick;total;2024M02;7,1\nsick;total;2024M03;7,0\n")
        let repaired = try Gevinst.run(["run", "test.yml"], in: scratch.url)
        #expect(repaired.status == 0, "\(repaired.stderr)")
        let after = try String(contentsOf: scratch.url.appendingPathComponent("out/findings.csv"), encoding: .utf8)
        #expect(!after.contains("file_failed"), "\(after)")
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM measurements_readable WHERE indicator = 'sick'") == 3)
    }

    @Test("--log-format json: every line on stderr is a JSON object; counts are numbers; the summary carries the exit code")
    func jsonLogs() throws {
        let scratch = try scratch(measurements: ["a.csv": "indicator;org_unit;period;value\nsick;total;2024M01;7,5\nsick;total;2024M02;abc\n"])
        let result = try Gevinst.run(["import", "test.yml", "--log-format", "json"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try result.stderr.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        let imported = try #require(objects.first { $0["message"] as? String == "imported" && $0["file"] as? String == "data/in/a.csv" })
        #expect(imported["rows"] as? Int == 1 && imported["rejected"] as? Int == 1 && imported["run"] as? Int == 1)
        #expect(objects.contains { $0["summary"] as? Bool == true && $0["exit"] as? Int == 0 })

        try scratch.write("bad.yml", "name: x\nsources: [{ id: a, kind: measurement, path: a.csv }]\n")
        let bad = try Gevinst.run(["import", "bad.yml", "--log-format", "json"], in: scratch.url)
        #expect(bad.status == 64)
        let failure = try JSONSerialization.jsonObject(with: Data(bad.stderr.utf8)) as? [String: Any]
        #expect(failure?["level"] as? String == "error" && failure?["exit"] as? Int == 64, "\(bad.stderr)")
    }

    @Test("--log-format json on run: every key has the same JSON type on every line (the run id is a number in every stage)")
    func jsonLogTypes() throws {
        let scratch = try scratch(measurements: ["a.csv": "indicator;org_unit;period;value\nsick;total;2024M01;7,5\n"])
        let result = try Gevinst.run(["run", "test.yml", "--log-format", "json"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        var kinds: [String: Set<String>] = [:]
        for line in result.stderr.split(whereSeparator: \.isNewline) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            for (key, value) in object { kinds[key, default: []].insert(value is String ? "string" : value is NSNumber ? "number" : "other") }
        }
        #expect(kinds["run"] == ["number"], "\(result.stderr)")
        #expect(kinds.filter { $0.value.count > 1 }.isEmpty, "\(kinds)")
    }

    @Test("plan rows with the same key add up, across and within the importer's batches; a bad row in between is rejected")
    func planRowsAddUp() throws {
        // 100 rows over 7 keys: row i (1-based) plans i,25 kr for T(i % 7); row 40 has a bad amount.
        var lines = ["initiative;gain_type;period;amount"]
        var expected: [String: Int] = [:]
        for i in 1...100 {
            let initiative = "T\(i % 7)"
            if i == 40 {
                lines.append("\(initiative);budsjett;2025K1;40,2,5")
                continue
            }
            lines.append("\(initiative);\(i.isMultiple(of: 2) ? "budsjett" : "Budget");2025K1;\(i),25")
            expected[initiative, default: 0] += i * 100 + 25
        }
        let scratch = try Scratch()
        try scratch.write("data/indicators.csv", catalogue)
        try scratch.write("data/plans.csv", lines.joined(separator: "\n") + "\n")
        try scratch.write("test.yml", pipeline(kind: "gain_plans", path: "data/plans.csv"))
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        let stored = try scratch.query("data/test.sqlite", "SELECT initiative, amount FROM gain_plans WHERE gain_type = 'budget' ORDER BY initiative")
        #expect(stored == expected.sorted { $0.key < $1.key }.map { [$0.key, String($0.value)] })
        #expect(try scratch.query("data/test.sqlite", "SELECT line, field, kind FROM rejects") == [["41", "amount", "invalid_number"]])
        #expect(try scratch.query("data/test.sqlite", "SELECT rows_read, rows_loaded, rows_rejected FROM files WHERE source = 'main'")
                == [["100", "99", "1"]])
    }

    @Test("a warehouse of schema v1 is upgraded in place: its rejects keep their sentence, new ones get a kind")
    func upgradeFromSchemaV1() throws {
        let scratch = try scratch(measurements: ["a.csv": "indicator;org_unit;period;value\nsick;total;2024M01;abc\n"])
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
        // What gevinst of schema v1 left: no kind column, no v2 migration recorded.
        try DatabaseQueue(path: scratch.path("data/test.sqlite")).write { db in
            try db.execute(sql: "ALTER TABLE rejects DROP COLUMN kind; DELETE FROM grdb_migrations WHERE identifier = 'v2'")
        }
        try scratch.write("data/in/b.csv", "indicator;org_unit;period;value\nsick;total;2024M02;def\n")
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.query("data/test.sqlite", "SELECT file, kind, reason LIKE '%not a number%' FROM rejects ORDER BY file")
                == [["data/in/a.csv", "", "1"], ["data/in/b.csv", "invalid_number", "1"]])
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM grdb_migrations WHERE identifier = 'v2'") == 1)
    }

    @Test("an unknown indicator is registered with a finding; unknown enum values are rejected")
    func unknownIndicatorAndEnums() throws {
        let scratch = try Scratch()
        try scratch.write("data/indicators.csv", "indicator;polarity;frequency\nsick;lower;month\nbad;sideways;month\nworse;higher_is_better;weekly\n")
        try scratch.write("data/in/a.csv", "indicator;period;value\nnew;2024K1;1\nnew;2024;4\n")
        try scratch.write("test.yml", pipeline())
        let result = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.query("data/test.sqlite", "SELECT line, field, kind FROM rejects ORDER BY line")
                == [["3", "polarity", "unknown_name"], ["4", "frequency", "unknown_name"]])
        #expect(try scratch.query("data/test.sqlite", "SELECT frequency, in_catalogue FROM indicator_settings WHERE indicator = 'new'") == [["year", "0"]])
        #expect(try scratch.query("data/test.sqlite", "SELECT kind, indicator FROM findings ORDER BY kind")
                == [["indicator_registered", "new"], ["rows_rejected", ""]])
    }

    @Test("pipeline and input problems exit with their sysexits code and a clear message")
    func exitCodes() throws {
        let scratch = try scratch(measurements: ["a.csv": "indicator;period;value\nsick;2024M01;7\n"])
        try scratch.write("typo.yml", "name: t\nsources:\n  - id: a\n    kind: measurements\n    path: x.csv\n    colums: {}\n")
        let typo = try Gevinst.run(["import", "typo.yml"], in: scratch.url)
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("typo.yml:6:5: unknown key 'colums'"), "\(typo.stderr)")

        try scratch.write("nomatch.yml", pipeline(path: "data/nothing/*.csv"))
        let nomatch = try Gevinst.run(["import", "nomatch.yml"], in: scratch.url)
        #expect(nomatch.status == 66)
        #expect(nomatch.stderr.contains("no file matches"), "\(nomatch.stderr)")

        try FileManager.default.createDirectory(atPath: scratch.path("data/dir.csv"), withIntermediateDirectories: true)
        try scratch.write("dir.yml", pipeline(path: "data/dir.csv"))
        let directory = try Gevinst.run(["import", "dir.yml"], in: scratch.url)
        #expect(directory.status == 66)
        #expect(directory.stderr.contains("data/dir.csv: is a directory"), "\(directory.stderr)")

        try FileManager.default.createSymbolicLink(atPath: scratch.path("data/in/gone.csv"), withDestinationPath: scratch.path("nowhere.csv"))
        let gone = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(gone.status == 66, "\(gone.stderr)")
        #expect(gone.stderr.contains("data/in/gone.csv: does not exist"), "\(gone.stderr)")
        // The other file was imported all the same.
        #expect(try scratch.count("data/test.sqlite", "SELECT COUNT(*) FROM measurements") == 1)

        let missing = try Gevinst.run(["import", "absent.yml"], in: scratch.url)
        #expect(missing.status == 66)
    }

    @Test("a second run while one holds the warehouse exits 75 and names the holder")
    func lock() throws {
        let scratch = try scratch(measurements: ["a.csv": "indicator;period;value\nsick;2024M01;7\n"])
        try FileManager.default.createDirectory(atPath: scratch.path("data"), withIntermediateDirectories: true)
        let lockPath = scratch.path("data/test.sqlite.lock")
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        _ = "pid 4242, started 2026-01-01T00:00:00Z\n".withCString { write(fd, $0, strlen($0)) }
        let started = Date()
        let blocked = try Gevinst.run(["import", "test.yml"], in: scratch.url)
        #expect(blocked.status == 75)
        #expect(blocked.stderr.contains("pid 4242, started 2026-01-01T00:00:00Z"), "\(blocked.stderr)")
        #expect(Date().timeIntervalSince(started) < 10)
        let waited = try Gevinst.run(["import", "test.yml", "--wait", "0.5"], in: scratch.url)
        #expect(waited.status == 75)
        flock(fd, LOCK_UN)
        #expect(try Gevinst.run(["import", "test.yml"], in: scratch.url).status == 0)
    }
}
