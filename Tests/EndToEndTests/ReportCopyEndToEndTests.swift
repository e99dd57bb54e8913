import Foundation
import Testing
import GevinstTestSupport

/// A night's report copies the trend rows no run computed since the report before from the files
/// that report wrote (`PreviousTrends`), and its files are the ones a fresh warehouse writes over
/// the same files: with keys that CSV quotes or marks as text, in either CSV style, for the formats
/// that allow it; and when the previous files do not hold what the warehouse says, it writes every
/// row afresh.
@Suite("Report copies unchanged trend rows, end to end")
struct ReportCopyEndToEndTests {
    /// Keys a CSV file quotes (`,`, `"`, `;`), prints after a `'` (`=`, `-`), or not at all; `=i4`
    /// and `'=i4` print alike in CSV.
    static let indicators = ["i1", "i,2", "i\"3", "=i4", "'=i4", "-i5", "Ålesund"]
    static let orgUnits = ["total", "eining; a", "b \"c\"", "Øst"]
    static let quarters = (2023...2024).flatMap { year in (1...4).map { "\(year)K\($0)" } }

    static func pipeline(formats: String, style: String) -> String {
        """
        name: copy
        reports:
          formats: [\(formats)]
          csv_style: \(style)
        sources:
          - id: values
            kind: measurements
            path: data/m/*.csv
        """
    }

    /// A measurement file for `quarter` with a value for each series `includes` picks.
    static func file(_ quarter: String, seed: Int, includes: (Int) -> Bool = { _ in true }) -> String {
        func quoted(_ text: String) -> String { "\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\"" }
        var lines = ["indicator,org_unit,period,value"]
        for (i, indicator) in indicators.enumerated() {
            for (o, orgUnit) in orgUnits.enumerated() where includes(i * orgUnits.count + o) {
                let value = (i * 37 + o * 11 + seed * 7) % 100
                lines.append("\(quoted(indicator)),\(quoted(orgUnit)),\(quarter),\(value).\(seed % 10)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func copied(_ stderr: String) -> Int? {
        stderr.firstMatch(of: /trend_rows_copied=(\d+)/).flatMap { Int($0.1) }
    }

    /// Runs `copy.yml` fresh over `scratch`'s files in another folder, and compares every report file
    /// (`ReportContent.dump`: CSV byte for byte, the others with run ids and timestamps masked).
    static func expectSameAsFresh(_ scratch: Scratch, _ pipeline: String, _ step: String) throws {
        let fresh = try Scratch()
        try fresh.write("copy.yml", pipeline)
        try FileManager.default.copyItem(at: scratch.url.appendingPathComponent("data/m"), to: fresh.url.appendingPathComponent("data/m"))
        let full = try Gevinst.run(["run", "copy.yml"], in: fresh.url)
        #expect(full.status == 0, "\(full.stderr)")
        let expected = try ReportContent.dump(fresh.path("reports/copy"))
        let actual = try ReportContent.dump(scratch.path("reports/copy"))
        #expect(!expected.isEmpty)
        #expect(actual.keys.sorted() == expected.keys.sorted(), "\(step)")
        for (name, text) in expected {
            #expect(actual[name] == text, "\(step): \(name) differs")
        }
    }

    @Test("a night copies the rows of the series it left alone and writes what a fresh run writes",
          arguments: [("html, md, csv, json", "standard"), ("csv, json", "excel-no"), ("json", "standard"), ("csv", "standard")])
    func copiesUnchangedRows(formats: String, style: String) throws {
        let scratch = try Scratch()
        let pipeline = Self.pipeline(formats: formats, style: style)
        try scratch.write("copy.yml", pipeline)
        for (index, quarter) in Self.quarters.enumerated() { try scratch.write("data/m/\(quarter).csv", Self.file(quarter, seed: index)) }
        let first = try Gevinst.run(["run", "copy.yml"], in: scratch.url)
        #expect(first.status == 0, "\(first.stderr)")
        let series = Self.indicators.count * Self.orgUnits.count
        #expect(try scratch.count("data/copy.sqlite", "SELECT COUNT(*) FROM trends") == series)
        #expect(Self.copied(first.stderr) == 0)
        try Self.expectSameAsFresh(scratch, pipeline, "the first run")

        // A new quarter for every seventh series, and a file correcting a value of another (series 3,
        // i1 in Øst; read after the quarters by a fresh run too): fewer than a quarter of the series,
        // so that trends computes only those.
        try scratch.write("data/m/2025K1.csv", Self.file("2025K1", seed: 9) { $0 % 7 == 0 })
        try scratch.write("data/m/retting.csv", "indicator,org_unit,period,value\ni1,Øst,2024K4,99.5\n")
        let changed = (0..<series).filter { $0 % 7 == 0 || $0 == 3 }.count
        let night = try Gevinst.run(["run", "copy.yml"], in: scratch.url)
        #expect(night.status == 0, "\(night.stderr)")
        #expect(Self.copied(night.stderr) == (formats.contains("json") ? series - changed : 0), "\(night.stderr)")
        #expect(!night.stderr.contains("written afresh"))
        try Self.expectSameAsFresh(scratch, pipeline, "the night")
    }

    @Test("previous files that do not hold the rows the warehouse says they should are not copied from")
    func mismatchWritesAfresh() throws {
        let scratch = try Scratch()
        let pipeline = Self.pipeline(formats: "csv, json", style: "standard")
        try scratch.write("copy.yml", pipeline)
        for (index, quarter) in Self.quarters.enumerated() { try scratch.write("data/m/\(quarter).csv", Self.file(quarter, seed: index)) }
        #expect(try Gevinst.run(["run", "copy.yml"], in: scratch.url).status == 0)
        // The key of a series the night leaves alone changes in report.json; its size and
        // modification time stay as the report recorded them.
        let path = scratch.path("reports/copy/report.json")
        var status = stat()
        #expect(stat(path, &status) == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let tampered = text.replacingOccurrences(of: "[\"i1\",\"Øst\",", with: "[\"i9\",\"Øst\",")
        #expect(tampered != text)
        try tampered.write(toFile: path, atomically: false, encoding: .utf8)
        var times = [status.st_atim, status.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)

        try scratch.write("data/m/2025K1.csv", Self.file("2025K1", seed: 9) { $0 % 7 == 0 })
        let night = try Gevinst.run(["run", "copy.yml"], in: scratch.url)
        #expect(night.status == 0, "\(night.stderr)")
        #expect(night.stderr.contains("every trend row is written afresh"), "\(night.stderr)")
        #expect(Self.copied(night.stderr) == 0)
        try Self.expectSameAsFresh(scratch, pipeline, "the night after the tampering")
    }
}
