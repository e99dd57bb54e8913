import Foundation
import Testing

/// Chromium prints each A3 sheet of the example (Havbrekk) on exactly one A3 landscape page.
/// Skipped, with a message, where Chromium or pdfinfo is not installed.
@Suite struct ExampleA3PrintTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `pdfinfo`'s output for `html` printed by Chromium.
    static func printed(_ html: String, in scratch: Scratch) throws -> String {
        let pdf = scratch.path("sheet.pdf")
        try? FileManager.default.removeItem(atPath: pdf)
        let chrome = Process()
        chrome.executableURL = URL(fileURLWithPath: chromium!)
        chrome.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            "--user-data-dir=\(scratch.path("chromium"))", "--print-to-pdf=\(pdf)",
                            URL(fileURLWithPath: html).absoluteString]
        chrome.standardOutput = FileHandle.nullDevice
        chrome.standardError = FileHandle.nullDevice
        try chrome.run()
        chrome.waitUntilExit()
        let info = Process()
        info.executableURL = URL(fileURLWithPath: "/usr/bin/pdfinfo")
        info.arguments = [pdf]
        let pipe = Pipe()
        info.standardOutput = pipe
        try info.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        info.waitUntilExit()
        return output
    }

    @Test func eachExampleSheetPrintsOnOneA3LandscapePage() throws {
        guard Self.chromium != nil, FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo") else {
            print("ExampleA3PrintTests skipped: chromium or pdfinfo is not installed")
            return
        }
        let scratch = try Scratch()
        try scratch.copyExample()
        let run = try Child.run(["run", scratch.path("pipelines/example.yml")], in: scratch, timeout: 300)
        try #require(run.status == 0, "\(run.summary)")
        let folder = scratch.path("reports/havbrekk/a3")
        let sheets = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".html") }.sorted()
        #expect(sheets.count == 10)
        for sheet in sheets {
            let info = try Self.printed("\(folder)/\(sheet)", in: scratch)
            #expect(info.contains("Pages:           1\n"), "\(sheet): \(info)")
            #expect(info.contains("Page size:       1191.12 x 841.92 pts (A3)"), "\(sheet): \(info)")
        }
    }
}
