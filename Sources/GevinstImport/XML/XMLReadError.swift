import GevinstCore

/// Why an XML or SAF-T file could not be read. Every case names the file as the caller labelled
/// it, and the line:column where libxml2 or the reader stopped when there is one.
enum XMLReadError: CategorizedError, Equatable, Sendable {
    /// The file does not exist.
    case notFound(file: String)
    /// The path is a directory.
    case isDirectory(file: String)
    /// The path is a named pipe, a device or a socket.
    case notRegular(file: String)
    /// The file exists but cannot be opened or read.
    case unreadable(file: String, reason: String)
    /// Not well-formed XML, or text that cannot be decoded: libxml2's message and position.
    case malformed(file: String, line: Int, column: Int, message: String)
    /// A DOCTYPE that declares entities or names an external DTD, a reference to an entity, or a
    /// field value too large to hold.
    case refused(file: String, line: Int, column: Int, reason: String)
    /// Well-formed XML that is not usable SAF-T Financial (wrong root element, an amount that
    /// is not a decimal number, a transaction without a month).
    case invalidSAFT(file: String, line: Int, column: Int, reason: String)

    var file: String {
        switch self {
        case .notFound(let file), .isDirectory(let file), .notRegular(let file), .unreadable(let file, _),
             .malformed(let file, _, _, _), .refused(let file, _, _, _), .invalidSAFT(let file, _, _, _):
            file
        }
    }

    var line: Int? {
        switch self {
        case .notFound, .isDirectory, .notRegular, .unreadable: nil
        case .malformed(_, let line, _, _), .refused(_, let line, _, _), .invalidSAFT(_, let line, _, _): line
        }
    }

    var column: Int? {
        switch self {
        case .notFound, .isDirectory, .notRegular, .unreadable: nil
        case .malformed(_, _, let column, _), .refused(_, _, let column, _), .invalidSAFT(_, _, let column, _): column
        }
    }

    /// What went wrong, without the file and position.
    var cause: String {
        switch self {
        case .notFound: "the file does not exist"
        case .isDirectory: "the path is a directory, not a file"
        case .notRegular: "this is a named pipe, a device or a socket, not a file; gevinst reads regular files only"
        case .unreadable(_, let reason): "cannot read the file: \(reason)"
        case .malformed(_, _, _, let message): "malformed XML: \(message)"
        case .refused(_, _, _, let reason): "refused: \(reason)"
        case .invalidSAFT(_, _, _, let reason): "not usable SAF-T Financial: \(reason)"
        }
    }

    var category: FailureCategory {
        switch self {
        case .notFound, .isDirectory, .notRegular: .inputMissing
        case .unreadable: .io
        case .malformed, .refused, .invalidSAFT: .data
        }
    }

    var description: String {
        "\(placeText(file, line: line, column: column)): \(cause)"
    }
}
