import Foundation
import Crypto
import GevinstCore

/// Finds a source's files and fingerprints them before they are read.
enum InputFiles {
    /// The files a path or glob pattern names, in sorted path order. Directories a glob matches
    /// are left out; a plain path is returned as it is, so that a missing file or a directory
    /// gets its own clear error when it is read.
    static func expand(_ pattern: String) -> [String] {
        guard pattern.contains(where: { "*?[".contains($0) }) else {
            return FileManager.default.fileExists(atPath: pattern) ? [pattern] : []
        }
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            guard let cString = result.gl_pathv[i] else { continue }
            let path = String(cString: cString)
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { continue }
            paths.append(path)
        }
        return paths.sorted()
    }

    /// The first 64 bytes of a file (fewer when it is shorter or unreadable), for recognising its
    /// format. Refuses a named pipe, a device or a socket: opened without blocking and checked
    /// before a byte is read, so that neither a FIFO without a writer nor `/dev/zero` holds it up.
    /// A path that cannot be opened, and a directory, are left to the format's reader to name.
    static func head(_ path: String) throws(ImportError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return [] }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFDIR: break
        case S_IFIFO: throw ImportError(source: nil, file: path, cause: "is a named pipe (FIFO), not a file; gevinst reads regular files only", category: .inputMissing)
        default: throw ImportError(source: nil, file: path, cause: "is a device or a socket, not a file; gevinst reads regular files only", category: .inputMissing)
        }
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 64) }
        return Array(bytes.prefix(max(0, count)))
    }

    /// Refuses a file whose real path lies outside the directory `pattern` searches (the part
    /// before the first glob character; a plain path's own directory), so that a symbolic link
    /// planted in an inbox cannot make gevinst read, and quote, a file elsewhere. Nothing of the
    /// file is read. A path that does not resolve is left to the read, which names the cause.
    static func checkInside(_ path: String, pattern: String, relativePath: String) throws(ImportError) {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let plain = components.prefix { !$0.contains(where: { "*?[".contains($0) }) }
        let searched = (plain.count == components.count ? plain.dropLast() : plain).joined(separator: "/")
        guard let directory = realPath(searched.isEmpty ? (pattern.hasPrefix("/") ? "/" : ".") : searched),
              let file = realPath(path) else { return }
        guard file.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/") else {
            throw ImportError(source: nil, file: relativePath,
                              cause: "is a symbolic link to a file outside the directory the source's path searches; it is not read "
                                  + "(set follow_symlinks: true on the source to read such files)", category: .inputMissing)
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// A file's identity at the moment it was fingerprinted: SHA-256, size and modification time,
/// plus whatever the format's sniffer learnt from the same bytes.
struct FileFingerprint: Equatable {
    var sha256: String
    var size: Int64
    var modified: Int64

    /// Reads the whole file once in large chunks; `inspect` sees every chunk (for encoding
    /// detection). Refuses anything that is not a regular file before opening it, so that a FIFO
    /// never blocks the run.
    static func compute(path: String, relativePath: String, inspect: (UnsafeRawBufferPointer) -> Void) throws(ImportError) -> FileFingerprint {
        let before = try status(path, relativePath: relativePath)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw openError(errno, relativePath: relativePath) }
        defer { close(descriptor) }
        var hasher = SHA256()
        let chunkSize = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var size: Int64 = 0
        while true {
            if Interruption.isRequested { throw ImportError(source: nil, file: relativePath, cause: "interrupted", category: .interrupted) }
            let count = read(descriptor, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw ImportError(source: nil, file: relativePath, cause: "cannot be read: \(String(cString: strerror(errno)))", category: .io)
            }
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            hasher.update(bufferPointer: chunk)
            inspect(chunk)
            size += Int64(count)
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let fingerprint = FileFingerprint(sha256: digest, size: size, modified: before.modified)
        guard before.size == size else {
            throw ImportError(source: nil, file: relativePath, cause: "the file changed while it was being read; run again when it is complete", category: .io)
        }
        return fingerprint
    }

    /// Size and modification time (nanoseconds) of a regular file.
    static func status(_ path: String, relativePath: String) throws(ImportError) -> (size: Int64, modified: Int64) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw openError(errno, relativePath: relativePath) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ImportError(source: nil, file: relativePath, cause: "is a directory, not a file", category: .inputMissing)
        case S_IFIFO: throw ImportError(source: nil, file: relativePath, cause: "is a named pipe (FIFO), not a file; gevinst reads regular files only", category: .inputMissing)
        default: throw ImportError(source: nil, file: relativePath, cause: "is not a regular file", category: .inputMissing)
        }
        return (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// Fails when the file is no longer what was fingerprinted (it changed or vanished meanwhile).
    func verifyUnchanged(path: String, relativePath: String) throws(ImportError) {
        let now = try FileFingerprint.status(path, relativePath: relativePath)
        guard now.size == size, now.modified == modified else {
            throw ImportError(source: nil, file: relativePath, cause: "the file changed while it was being imported; nothing of it was stored — run again", category: .io)
        }
    }

    static func openError(_ code: Int32, relativePath: String) -> ImportError {
        switch code {
        case ENOENT: ImportError(source: nil, file: relativePath, cause: "does not exist (it may have been moved or deleted)", category: .inputMissing)
        case EACCES, EPERM: ImportError(source: nil, file: relativePath, cause: "cannot be read: permission denied", category: .inputMissing)
        default: ImportError(source: nil, file: relativePath, cause: "cannot be opened: \(String(cString: strerror(code)))", category: .io)
        }
    }
}
