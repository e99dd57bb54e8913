#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GevinstCore

/// A cube file read byte by byte through a 64 KiB buffer, counting lines and columns (in
/// characters: UTF-8 continuation bytes do not count) so that errors can name a place.
final class CubeInput {
    let file: String
    /// Line and column of the next byte.
    private(set) var line = 1
    private(set) var column = 1
    private let fd: Int32
    private let path: String
    private let buffer: UnsafeMutablePointer<UInt8>
    private static let capacity = 64 * 1024
    private var start = 0
    private var end = 0
    private var atEOF = false

    /// Opens `path`; `file` is how errors name it.
    init(path: String, file: String) throws(ImportError) {
        self.path = path
        self.file = file
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw code == ENOENT
                ? ImportError(source: nil, file: file, cause: "the file does not exist", category: .inputMissing)
                : ImportError(source: nil, file: file, cause: "cannot open the file: \(String(cString: strerror(code)))", category: .io)
        }
        var status = stat()
        if fstat(fd, &status) != 0 || status.st_mode & 0o170000 == 0o040000 {
            close(fd)
            throw ImportError(source: nil, file: file, cause: "the path is a directory, not a file", category: .inputMissing)
        }
        buffer = .allocate(capacity: Self.capacity)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// The next byte without consuming it; nil at the end of the file.
    @inline(__always)
    func peek() throws(ImportError) -> UInt8? {
        if start == end, try !refill() { return nil }
        return buffer[start]
    }

    /// Consumes the byte `peek` returned.
    @inline(__always)
    func advance() {
        let byte = buffer[start]
        start += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    /// The next byte, consumed; nil at the end of the file.
    @inline(__always)
    func next() throws(ImportError) -> UInt8? {
        guard let byte = try peek() else { return nil }
        advance()
        return byte
    }

    /// Starts again from the first byte (JSON-stat reads the file twice).
    func rewind() throws(ImportError) {
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw ioError(errno) }
        start = 0
        end = 0
        atEOF = false
        line = 1
        column = 1
    }

    private func refill() throws(ImportError) -> Bool {
        guard !atEOF else { return false }
        while true {
            let count = read(fd, buffer, Self.capacity)
            if count > 0 {
                start = 0
                end = count
                return true
            }
            if count == 0 {
                atEOF = true
                return false
            }
            if errno != EINTR { throw ioError(errno) }
        }
    }

    private func ioError(_ code: Int32) -> ImportError {
        ImportError(source: nil, file: file, cause: "cannot read the file: \(String(cString: strerror(code)))", category: .io)
    }

    /// An error at the current position.
    func error(_ cause: String) -> ImportError { .cube(file, line: line, column: column, cause) }
}
