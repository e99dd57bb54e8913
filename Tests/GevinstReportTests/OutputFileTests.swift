import Foundation
import Testing
@testable import GevinstReport

@Suite struct OutputFileTests {
    /// A finished file gives its buffer back: the run keeps every file it opened until the commit,
    /// and a report of 10 000 initiatives opens 20 000 A3 files (each held 256 KiB, 1.7 GB in all).
    @Test func finishedFilesHoldNoBuffer() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try ReportFiles(directory: "\(directory)/reports")
        var opened: [OutputFile] = []
        for index in 0 ..< 50 {
            let file = try files.open("a3/T\(index).html")
            file.write("<p>ark \(index)</p>\n")
            try file.finish()
            opened.append(file)
        }
        #expect(opened.allSatisfy { $0.buffer.capacity == 0 })
        try files.commit()
        let sheets = try FileManager.default.contentsOfDirectory(atPath: "\(directory)/reports/a3")
        #expect(sheets.count == 50)
        #expect(try String(contentsOfFile: "\(directory)/reports/a3/T7.html", encoding: .utf8) == "<p>ark 7</p>\n")
    }
}
