import Foundation
import GevinstCore
import Logging
import Testing
@testable import GevinstReport

/// Writes the realistic report in every language to `$GEVINST_REPORT_PREVIEW/<language>/`, for
/// `scripts/report-screenshots.sh`. Skipped unless the variable is set.
@Suite struct ReportPreview {
    static let directory = ProcessInfo.processInfo.environment["GEVINST_REPORT_PREVIEW"]

    @Test(.enabled(if: directory != nil), arguments: ReportLanguage.allCases)
    func writePreview(_ language: ReportLanguage) throws {
        let fixture = try Fixture.realistic()
        defer { fixture.remove() }
        let dir = "\(ReportPreview.directory!)/\(language.rawValue)"
        _ = try ReportStage.run(fixture.warehouse, pipeline: fixture.pipeline(language: language, dir: dir), runID: 1,
                                now: Date(), logger: Logger(label: "preview"))
    }
}
