import Foundation
import GevinstCore
import GevinstWarehouse

/// One writer per warehouse: an exclusive `flock` on `<warehouse>.lock`, which also names the
/// holder (pid and start time) for the message others get. The kernel releases the lock when
/// the process ends, however it ends, so a killed run never leaves a stale lock behind.
final class WarehouseLock {
    private let descriptor: Int32
    let path: String

    /// Takes the lock, waiting up to `wait` seconds (nil: not at all).
    init(warehouse: String, wait: Double?, startedAt: Date) throws(RunnerError) {
        path = warehouse + ".lock"
        let directory = (warehouse as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw RunnerError(file: path, "the warehouse's directory \(directory) is a file, not a directory", category: .cannotWrite)
            }
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                let underlying = (error as? CocoaError)?.underlying.map { $0 as NSError }
                let reason = underlying.map { $0.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32($0.code))) : $0.localizedDescription }
                    ?? Warehouse.describe(error)
                throw RunnerError(file: path, "cannot create the warehouse's directory \(directory): \(reason)", category: .cannotWrite)
            }
        }
        // O_NOFOLLOW: a symbolic link planted as the lock file is refused, never written through.
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 || errno != ELOOP else {
            throw RunnerError(file: path, "the lock file is a symbolic link; gevinst does not follow it (remove it)", category: .cannotWrite)
        }
        guard fd >= 0 else {
            // Any reason the file cannot be created (read-only, full, not a directory, …) means the
            // output cannot be written (73); a failing device or no descriptor left is an I/O error (74).
            let code = errno
            throw RunnerError(file: path, "cannot create the lock file: \(String(cString: strerror(code)))",
                            category: [EIO, EMFILE, ENFILE].contains(code) ? .io : .cannotWrite)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw RunnerError(file: path, "the lock file is not a regular file; remove it", category: .cannotWrite)
        }
        descriptor = fd
        let deadline = Date().addingTimeInterval(wait ?? 0)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                close(fd)
                throw RunnerError(file: path, "cannot lock: \(String(cString: strerror(errno)))", category: .io)
            }
            if Date() >= deadline {
                let holder = WarehouseLock.holder(fd)
                close(fd)
                var cause = "another gevinst run holds the warehouse (\(holder))"
                cause += wait == nil ? "; try again later or use --wait SECONDS" : "; waited \(Int(wait!)) s"
                throw RunnerError(file: path, cause, category: .locked)
            }
            usleep(100_000)
        }
        let note = "pid \(getpid()), started \(SharedRecords.timestamp(startedAt))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The holder's note. A run that has just taken the lock writes its note a moment later, so
    /// an empty file is read again for up to half a second.
    private static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        for _ in 0..<50 {
            let count = pread(fd, &buffer, 255, 0)
            let text = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingSpaces : ""
            if !text.isEmpty { return text }
            usleep(10_000)
        }
        return "pid unknown"
    }
}
