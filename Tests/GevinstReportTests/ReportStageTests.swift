import Foundation
import GevinstCore
import Logging
import Testing
@testable import GevinstReport

@Suite struct ReportStageTests {
    static let allFiles = ["budget_balance.csv", "findings.csv", "gains.csv", "gains_by_area.csv", "gains_by_year.csv", "rejects.csv",
                           "report.html", "report.json", "summary.md", "trends.csv"]
    /// The folder of the A3 sheets, one per initiative in the register.
    static let listing = ["a3"] + allFiles

    func listing(_ fixture: Fixture) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixture.reportDirectory).sorted()
    }

    @Test(arguments: ReportLanguage.allCases)
    func sameWarehouseSameBytes(_ language: ReportLanguage) throws {
        let fixture = try Fixture.realistic()
        defer { fixture.remove() }
        let summary = try fixture.report(language: language, runID: 7, now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(summary.stage == "report")
        #expect(summary.asOf == Quarter(2025, 3))
        // The ten files and an A3 sheet in HTML and Markdown for each of the ten initiatives.
        #expect(summary.counts["files_written"] == 10 + 20)
        let first = try Dictionary(uniqueKeysWithValues: ReportStageTests.allFiles.map { ($0, try fixture.bytes($0)) })
        try fixture.report(language: language, runID: 8, now: Date(timeIntervalSince1970: 1_800_000_000))
        for name in ReportStageTests.allFiles {
            #expect(try fixture.bytes(name) == first[name], "\(name) differs between runs")
        }
        // Only the finished files: no temporary file is left behind.
        #expect(try listing(fixture) == ReportStageTests.listing)
    }

    @Test func writesOnlyTheFormatsAskedFor() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        let sheets = { try FileManager.default.contentsOfDirectory(atPath: "\(fixture.reportDirectory)/a3").sorted() }
        try fixture.report(formats: [.md])
        #expect(try listing(fixture) == ["a3", "summary.md"])
        #expect(try sheets() == ["T01.md", "T02.md", "T03.md", "T04.md"])
        // The set is replaced as a whole: a format no longer asked for goes with the old set.
        try fixture.report(formats: [.json, .html])
        #expect(try listing(fixture) == ["a3", "report.html", "report.json"])
        #expect(try sheets() == ["T01.html", "T02.html", "T03.html", "T04.html"])
        #expect(try fixture.file("report.html").contains("report.json"))
        try fixture.report(formats: [.json])
        #expect(try listing(fixture) == ["report.json"])
    }

    /// The human reports' findings (counts, lists, ⚠ marks, the findings of each charted initiative) are
    /// gathered while the machine files stream them: the same without those files. Only the freshness
    /// section at the end, which points to the machine files, differs.
    @Test func humanReportsShowTheFindingsWithoutTheMachineFiles() throws {
        let fixture = try Fixture.realistic()
        defer { fixture.remove() }
        let freshness = ["report.html": "<section id=\"freshness\">", "summary.md": "## \(Localization(.nn)[.freshnessHeading])"]
        func beforeFreshness(_ name: String) throws -> String {
            let text = try fixture.file(name)
            let end = try #require(text.range(of: freshness[name]!)).lowerBound
            return String(text[..<end])
        }
        try fixture.report(runID: 7, now: Date(timeIntervalSince1970: 1_700_000_000))
        let all = try freshness.keys.sorted().map(beforeFreshness)
        #expect(all.allSatisfy { $0.contains("T05") && $0.contains(Localization(.nn)[.warningMark]) })
        try fixture.report(formats: [.html, .md], runID: 7, now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try freshness.keys.sorted().map(beforeFreshness) == all)
    }

    @Test func createsTheReportDirectory() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        let nested = fixture.directory.appendingPathComponent("a/b/c").path
        _ = try fixture.report(formats: [.csv], dir: nested)
        #expect(FileManager.default.fileExists(atPath: nested + "/gains.csv"))
    }

    @Test func aDirectoryThatCannotBeCreatedIsCannotWrite() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        let blocker = fixture.directory.appendingPathComponent("blocker").path
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        let dir = blocker + "/reports"
        #expect {
            try ReportStage.run(fixture.warehouse, pipeline: fixture.pipeline(dir: dir), force: true, runID: 1, now: Date(),
                                logger: Logger(label: "test"))
        } throws: { error in
            guard let error = error as? ReportError else { return false }
            return error.path == dir && error.category == .cannotWrite && !error.cause.isEmpty
                && error.description.hasPrefix("cannot write report \(dir): ")
        }
    }

    @Test func aFileThatCannotBeRenamedIntoPlaceIsCannotWriteAndLeavesNoTemporaryFiles() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        // A non-empty directory where report.json should go makes the rename fail.
        try FileManager.default.createDirectory(atPath: fixture.reportDirectory + "/report.json/x", withIntermediateDirectories: true)
        #expect {
            try fixture.report(formats: [.csv, .json])
        } throws: { error in
            guard let error = error as? ReportError else { return false }
            return error.path == fixture.reportDirectory + "/report.json" && error.category == .cannotWrite
        }
        #expect(try !listing(fixture).contains { $0.hasPrefix(".") })
    }
}
