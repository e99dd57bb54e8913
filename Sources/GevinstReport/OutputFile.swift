import CSystemCalls
import Foundation
import GevinstCore

/// One report file being written: bytes collect in a buffer that goes to a new file in the run's
/// staging directory (see `ReportFiles`); `finish` closes it and gives its buffer back (a report
/// with 10 000 A3 sheets opens 20 000 files), and `ReportFiles.commit` syncs them all at once.
final class OutputFile {
    let path: String
    /// Bytes not yet written. Writers append here and call `flushIfFull()` after each row.
    var buffer: [UInt8] = []
    private var descriptor: Int32
    private var failure: String?
    private static let capacity = 1 << 18

    /// Creates `path`, which must not exist: `O_EXCL | O_NOFOLLOW`, so that a planted file or
    /// symbolic link is never written through.
    init(path: String) throws(ReportError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            // No descriptor left (EMFILE, ENFILE) is an I/O error (74), not an unwritable folder.
            let category: FailureCategory = errno == EMFILE || errno == ENFILE ? .io : .cannotWrite
            throw ReportError(path: path, cause: OutputFile.systemError(), category: category)
        }
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

    /// Writes the rest, closes the file and releases the buffer.
    func finish() throws(ReportError) {
        flush()
        buffer = []
        if Foundation.close(descriptor) != 0, failure == nil { failure = OutputFile.systemError() }
        descriptor = -1
        if let failure { throw ReportError(path: path, cause: failure) }
    }

    /// Closes the file when still open (its directory is removed by the caller).
    func abandon() {
        if descriptor >= 0 { Foundation.close(descriptor) }
        descriptor = -1
    }

    static func systemError() -> String { String(cString: strerror(errno)) }
}

/// The files of one report run, replaced as a whole: they are written into a new staging
/// directory beside the report folder (`.NAME.gevinst-RANDOM`), and `commit` swaps it with the
/// folder in one `renameat2(RENAME_EXCHANGE)`, so that a reader, or a kill at any moment, sees the
/// complete old set or the complete new one. The folder keeps its path (and its mode).
///
/// When the folder holds files gevinst did not write, is a symbolic link, or the file system
/// cannot exchange, the new files are renamed into it one by one instead (each file whole).
final class ReportFiles {
    let directory: String
    /// Where this run writes; a fresh directory with an unpredictable name.
    private let staging: String
    /// True when `staging` is inside `directory` (its parent is not writable): no exchange then.
    private let stagingInside: Bool
    private var files: [OutputFile] = []
    /// The files' names relative to the folder (`a3/T01.html`), in the order they were opened.
    private var names: [String] = []
    /// The subfolders created in the staging directory.
    private var subfolders: Set<String> = []

    /// The names the report stage writes; a folder holding only these may be exchanged whole.
    static let reportNames: Set<String> = [
        "trends.csv", "gains.csv", "gains_by_year.csv", "gains_by_area.csv", "budget_balance.csv", "findings.csv", "rejects.csv",
        "report.json", "summary.md", "report.html",
    ]
    /// The subfolder of the A3 sheets; it may hold only files whose names end in `a3Extensions`.
    static let a3Folder = "a3"
    static let a3Extensions = [".html", ".md"]
    private static let stagingMark = ".gevinst-"

    /// Creates the report folder's parents when missing, removes what killed runs left, and
    /// creates this run's staging directory.
    init(directory: String) throws(ReportError) {
        let directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        self.directory = directory
        let url = URL(fileURLWithPath: directory)
        let parent = url.deletingLastPathComponent().path
        try ReportFiles.createDirectories(parent, for: directory)
        var status = stat()
        if lstat(directory, &status) == 0, status.st_mode & S_IFMT != S_IFDIR {
            // A symbolic link to a directory is followed (the administrator's choice); anything else is not a folder.
            guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                throw ReportError(path: directory, cause: String(cString: strerror(ENOTDIR)))
            }
        }
        ReportFiles.removeLeftovers(in: parent) { $0.hasPrefix(".\(url.lastPathComponent)\(ReportFiles.stagingMark)") }
        ReportFiles.removeLeftovers(in: directory) { $0.hasPrefix(ReportFiles.stagingMark) || ($0.hasPrefix(".") && $0.contains(".tmp-")) }
        let name = "\(ReportFiles.stagingMark)\(String(UInt64.random(in: 0 ... .max), radix: 36))"
        let sibling = "\(parent)/.\(url.lastPathComponent)\(name)"
        if mkdir(sibling, 0o755) == 0 {
            (staging, stagingInside) = (sibling, false)
        } else if errno == EACCES || errno == EPERM || errno == EROFS {
            try ReportFiles.createDirectories(directory, for: directory)
            (staging, stagingInside) = ("\(directory)/\(name)", true)
            guard mkdir(staging, 0o755) == 0 else { throw ReportError(path: directory, cause: OutputFile.systemError()) }
        } else {
            throw ReportError(path: directory, cause: OutputFile.systemError())
        }
    }

    /// Creates `path` and its missing parents; `reported` names the folder in an error.
    private static func createDirectories(_ path: String, for reported: String) throws(ReportError) {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/\(component)"
            var status = stat()
            if stat(partial, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { continue }
            guard mkdir(partial, 0o755) == 0 || errno == EEXIST else {
                throw ReportError(path: reported, cause: OutputFile.systemError())
            }
        }
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw ReportError(path: reported, cause: String(cString: strerror(ENOTDIR)))
        }
    }

    /// Removes the staging directories (and, in the folder, the `.NAME.tmp-PID` files of older
    /// versions) that killed runs left in `directory`. The caller holds the warehouse lock, so none
    /// of them is in use. Nothing is followed: a symbolic link is removed, not its target.
    private static func removeLeftovers(in directory: String, matching matches: (String) -> Bool) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where matches(name) {
            removeTree("\(directory)/\(name)")
        }
    }

    /// Removes a file, a link, or a directory of files and directories, never following a symbolic link.
    static func removeTree(_ path: String) {
        guard unlink(path) != 0, errno == EISDIR || errno == EPERM else { return }
        let descriptor = Foundation.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0, let stream = fdopendir(descriptor) else {
            if descriptor >= 0 { Foundation.close(descriptor) }
            return
        }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard name != ".", name != ".." else { continue }
            // Files and links go; a directory inside (the A3 sheets') goes with its files.
            if unlinkat(descriptor, name, 0) != 0, errno == EISDIR || errno == EPERM {
                removeTree("\(path)/\(name)")
            }
        }
        closedir(stream)
        rmdir(path)
    }

    /// Opens the file `name` of this run (in a subfolder when it holds a `/`, such as `a3/T01.html`);
    /// the caller writes it and calls `finish`.
    func open(_ name: String) throws(ReportError) -> OutputFile {
        if let slash = name.lastIndex(of: "/") {
            let folder = String(name[..<slash])
            if !subfolders.contains(folder) {
                guard mkdir("\(staging)/\(folder)", 0o755) == 0 else { throw failure("\(directory)/\(folder)") }
                subfolders.insert(folder)
            }
        }
        let file = try OutputFile(path: "\(staging)/\(name)")
        files.append(file)
        names.append(name)
        return file
    }

    /// Puts every file, all finished, in place: the staging directory is exchanged with the
    /// folder (or renamed to it on the first run), and the old set is removed.
    func commit() throws(ReportError) {
        files.removeAll()
        try syncFiles()
        syncDirectory(staging)
        if !stagingInside, canExchange() {
            var status = stat()
            if lstat(directory, &status) != 0 {
                guard errno == ENOENT, rename(staging, directory) == 0 else { throw failure(directory) }
                syncDirectory((directory as NSString).deletingLastPathComponent)
                return
            }
            // The new folder keeps the old one's permissions (a group's read access, say).
            chmod(staging, status.st_mode & 0o7777)
            if gevinst_rename_exchange(AT_FDCWD, staging, AT_FDCWD, directory) == 0 {
                syncDirectory((directory as NSString).deletingLastPathComponent)
                ReportFiles.removeTree(staging)
                return
            }
            guard errno == EINVAL || errno == ENOSYS else { throw failure(directory) }
        }
        // One by one: a subfolder is created when missing (a sheet of an initiative that is gone stays).
        for folder in subfolders.sorted() {
            guard mkdir("\(directory)/\(folder)", 0o755) == 0 || errno == EEXIST else { throw failure("\(directory)/\(folder)") }
            syncDirectory("\(staging)/\(folder)")
        }
        for name in names {
            guard rename("\(staging)/\(name)", "\(directory)/\(name)") == 0 else { throw failure("\(directory)/\(name)") }
        }
        for folder in subfolders { syncDirectory("\(directory)/\(folder)") }
        syncDirectory(directory)
        ReportFiles.removeTree(staging)
    }

    /// Whether the folder may be exchanged whole: absent, or a real directory (not a link) that
    /// holds only report files (regular files of the report's names, and a real `a3` folder of
    /// regular `.html` and `.md` files).
    private func canExchange() -> Bool {
        var status = stat()
        guard lstat(directory, &status) == 0 else { return errno == ENOENT }
        guard status.st_mode & S_IFMT == S_IFDIR, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return false }
        func isFile(_ path: String) -> Bool {
            var file = stat()
            return lstat(path, &file) == 0 && file.st_mode & S_IFMT == S_IFREG
        }
        return names.allSatisfy { name in
            if name == ReportFiles.a3Folder {
                let folder = "\(directory)/\(name)"
                var status = stat()
                guard lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR,
                      let sheets = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return false }
                return sheets.allSatisfy { sheet in
                    ReportFiles.a3Extensions.contains { sheet.hasSuffix($0) } && isFile("\(folder)/\(sheet)")
                }
            }
            return ReportFiles.reportNames.contains(name) && isFile("\(directory)/\(name)")
        }
    }

    /// Makes every file of the run durable before it is put in place: one `syncfs` of the staging
    /// directory's file system instead of an `fsync` per file (20 000 of them cost minutes), or,
    /// where that call fails, each file in turn.
    private func syncFiles() throws(ReportError) {
        let descriptor = Foundation.open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(staging) }
        defer { Foundation.close(descriptor) }
        if gevinst_syncfs(descriptor) == 0 { return }
        for name in names {
            let path = "\(staging)/\(name)"
            let file = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard file >= 0 else { throw failure(path) }
            defer { Foundation.close(file) }
            guard fsync(file) == 0 else { throw failure(path) }
        }
    }

    private func failure(_ path: String) -> ReportError {
        ReportError(path: path, cause: OutputFile.systemError())
    }

    /// Makes renames in `path` durable (best effort: a failure here loses nothing written).
    private func syncDirectory(_ path: String) {
        let descriptor = Foundation.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        Foundation.close(descriptor)
    }

    /// Removes the files of an unfinished run.
    func discard() {
        for file in files { file.abandon() }
        files.removeAll()
        names.removeAll()
        ReportFiles.removeTree(staging)
    }
}
