#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a CSV file cannot be read. Each case names the file and, where there is one, the 1-based
/// physical line; `description` is a sentence for the log.
enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist.
    case notFound(path: String)
    /// Opening or reading failed with the `errno` value `code`.
    case io(path: String, code: Int32)
    case isDirectory(path: String)
    /// The file starts with a UTF-32 byte-order mark; UTF-32 is not supported.
    case unsupportedEncoding(path: String, byteOrderMark: ByteOrderMark)
    /// Bytes that are not valid in `encoding`, at a 0-based offset in the file, on `line`.
    case undecodableBytes(path: String, line: Int, byteOffset: Int, encoding: CSVEncoding)
    /// A quoted field that opened on `line` is still open at the end of the file.
    case unterminatedQuote(path: String, line: Int)
    /// The record starting on `line` is longer than `limit` bytes (UTF-8, quotes included).
    case recordTooLong(path: String, line: Int, limit: Int)
    /// The record starting on `line` has more than `limit` fields.
    case tooManyColumns(path: String, line: Int, limit: Int)

    /// The file the error is about.
    var path: String {
        switch self {
        case .notFound(let path), .io(let path, _), .isDirectory(let path), .unsupportedEncoding(let path, _),
             .undecodableBytes(let path, _, _, _), .unterminatedQuote(let path, _), .recordTooLong(let path, _, _),
             .tooManyColumns(let path, _, _):
            path
        }
    }

    /// The 1-based physical line, where the error has one.
    var line: Int? {
        switch self {
        case .notFound, .io, .isDirectory, .unsupportedEncoding: nil
        case .undecodableBytes(_, let line, _, _), .unterminatedQuote(_, let line), .recordTooLong(_, let line, _),
             .tooManyColumns(_, let line, _):
            line
        }
    }

    /// What went wrong, without the file and line (for messages that show the path their own way).
    var cause: String {
        switch self {
        case .notFound: "no such file"
        case .io(_, let code): "cannot read the file: \(String(cString: strerror(code)))"
        case .isDirectory: "is a directory, not a CSV file"
        case .unsupportedEncoding(_, let mark):
            "starts with a \(mark == .utf32BigEndian ? "UTF-32BE" : "UTF-32LE") byte-order mark; UTF-32 is not supported (save the file as UTF-8)"
        case .undecodableBytes(_, _, let offset, let encoding):
            "byte offset \(offset) is not valid \(encoding.rawValue); set the source's encoding"
        case .unterminatedQuote: "a quoted field opened on this line is never closed"
        case .recordTooLong(_, _, let limit): "record is longer than \(limit) bytes"
        case .tooManyColumns(_, _, let limit): "record has more than \(limit) fields"
        }
    }

    /// `path:line: cause`.
    var description: String {
        if let line { "\(path):\(line): \(cause)" } else { "\(path): \(cause)" }
    }
}
