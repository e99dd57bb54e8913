import Foundation

/// One report file being written: bytes collect in a buffer that goes to a temporary file in
/// the target's directory; `finish` syncs it, and `ReportFiles.commit` renames it into place, so
/// a reader sees the old file or the whole new one, never half of it.
final class OutputFile {
    let path: String
    let temporaryPath: String
    /// Bytes not yet written. Writers append here and call `flushIfFull()` after each row.
    var buffer: [UInt8] = []
    private var descriptor: Int32
    private var failure: String?
    private static let capacity = 1 << 18

    init(path: String) throws(ReportError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ReportError(path: path, cause: OutputFile.systemError()) }
        buffer.reserveCapacity(OutputFile.capacity + 4096)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        flushIfFull()
    }

    func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        flushIfFull()
    }

    func flushIfFull() {
        if buffer.count >= OutputFile.capacity { flush() }
    }

    /// Writes what is buffered; the first failure is kept and reported by `finish`.
    private func flush() {
        guard failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = OutputFile.systemError()
                    return
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the rest, syncs and closes the temporary file.
    func finish() throws(ReportError) {
        flush()
        if failure == nil, fsync(descriptor) != 0 { failure = OutputFile.systemError() }
        if close(descriptor) != 0, failure == nil { failure = OutputFile.systemError() }
        descriptor = -1
        if let failure { throw ReportError(path: path, cause: failure) }
    }

    /// Closes (when still open) and removes the temporary file.
    func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }

    static func systemError() -> String { String(cString: strerror(errno)) }
}

/// The files of one report run. Each is written to a temporary name; `commit` renames them all
/// into place once every one is complete, and a failure removes the temporary files.
final class ReportFiles {
    let directory: String
    private var files: [OutputFile] = []

    /// Creates the report directory when it is missing.
    init(directory: String) throws(ReportError) {
        self.directory = directory
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/\(component)"
            var status = stat()
            if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { continue }
            guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
                throw ReportError(path: directory, cause: OutputFile.systemError())
            }
        }
        var status = stat()
        guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw ReportError(path: directory, cause: String(cString: strerror(ENOTDIR)))
        }
        removeLeftovers()
    }

    /// Removes the temporary files (`.NAME.tmp-PID`) a killed report run left behind, when that
    /// process is gone.
    private func removeLeftovers() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") {
            guard let mark = name.range(of: ".tmp-", options: .backwards), let pid = Int32(name[mark.upperBound...]),
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(URL(fileURLWithPath: directory).appendingPathComponent(name).path)
        }
    }

    /// Opens the file `name` of this run; the caller writes it and calls `finish`.
    func open(_ name: String) throws(ReportError) -> OutputFile {
        let file = try OutputFile(path: URL(fileURLWithPath: directory).appendingPathComponent(name).path)
        files.append(file)
        return file
    }

    /// Renames every file, all finished, into place.
    func commit() throws(ReportError) {
        for file in files {
            guard rename(file.temporaryPath, file.path) == 0 else {
                throw ReportError(path: file.path, cause: OutputFile.systemError())
            }
        }
        files.removeAll()
    }

    /// Removes the temporary files of an unfinished run.
    func discard() {
        for file in files { file.discard() }
        files.removeAll()
    }
}
