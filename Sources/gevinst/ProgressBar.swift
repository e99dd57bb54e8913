import Foundation
import GevinstImport

/// A one-line progress bar on stderr, shown only when stderr is a terminal.
final class ProgressBar: Sendable {
    static func forStandardError(enabled: Bool) -> ProgressBar? {
        enabled && isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
    }

    func update(_ progress: ImportProgress) {
        let width = 30
        let done = progress.filesTotal == 0 ? width : width * progress.filesDone / progress.filesTotal
        let bar = String(repeating: "█", count: done) + String(repeating: "·", count: width - done)
        let name = progress.file.count > 40 ? "…" + progress.file.suffix(39) : progress.file
        FileHandle.standardError.write(Data("\r\u{1B}[2K[\(bar)] \(progress.filesDone)/\(progress.filesTotal) \(name)".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
