#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GevinstCore

/// Why a KOSTRA accounting file cannot be read as a whole. Every case names the file as the caller
/// labelled it and, where there is one, the 1-based line; `description` is a sentence for the log.
enum KOSTRAError: CategorizedError, Equatable, Sendable {
    /// The file does not exist.
    case notFound(file: String)
    case isDirectory(file: String)
    /// Opening or reading failed with the `errno` value `code`.
    case io(file: String, code: Int32)
    /// The file holds no bytes, or only line breaks and spaces.
    case empty(file: String)
    /// The file starts like an XML document.
    case xml(file: String)
    /// A byte that is no ISO-8859-1 text (a NUL or another control character), at `column` of `line`.
    case notText(file: String, line: Int, column: Int, byte: UInt8)
    /// No line is 48 characters long, so nothing in the file is a KOSTRA record.
    case noRecords(file: String, lines: Int)
    /// The skjema code in positions 1–2 is no form the file description lists.
    case unknownForm(file: String, line: Int, form: String)
    /// Year (3–6) or quarter (7) of the first record cannot be read.
    case invalidIdentity(file: String, line: Int, reason: String)
    /// A record whose skjema, year, quarter, region or orgnr differs from the file's first record.
    case mixedIdentity(file: String, line: Int, expected: String, found: String)
    /// A sum that no longer fits in 64 bits once scaled.
    case overflow(file: String, line: Int?)

    var file: String {
        switch self {
        case .notFound(let file), .isDirectory(let file), .io(let file, _), .empty(let file), .xml(let file),
             .notText(let file, _, _, _), .noRecords(let file, _), .unknownForm(let file, _, _),
             .invalidIdentity(let file, _, _), .mixedIdentity(let file, _, _, _), .overflow(let file, _):
            file
        }
    }

    var line: Int? {
        switch self {
        case .notFound, .isDirectory, .io, .empty, .xml, .noRecords: nil
        case .notText(_, let line, _, _), .unknownForm(_, let line, _), .invalidIdentity(_, let line, _),
             .mixedIdentity(_, let line, _, _):
            line
        case .overflow(_, let line): line
        }
    }

    var column: Int? {
        if case .notText(_, _, let column, _) = self { column } else { nil }
    }

    /// What went wrong, without the file and position.
    var cause: String {
        switch self {
        case .notFound: "no such file"
        case .isDirectory: "is a directory, not a KOSTRA file"
        case .io(_, let code): "cannot read the file: \(String(cString: strerror(code)))"
        case .empty: "the file is empty: a KOSTRA file holds one 48-character record a line"
        case .xml: "this is an XML document, not a KOSTRA file (48-character records, ISO-8859-1)"
        case .notText(_, _, _, let byte):
            "byte 0x\(String(byte, radix: 16, uppercase: true).leftPadded(to: 2)) is a control character, "
                + "not ISO-8859-1 text: not a KOSTRA file"
        case .noRecords(_, let lines):
            "none of its \(lines) lines is 48 characters long: not a KOSTRA file"
        case .unknownForm(_, _, let form):
            "skjema '\(form)' is no KOSTRA accounting form (expected one of \(KOSTRAForm.all.map(\.code).joined(separator: ", ")))"
        case .invalidIdentity(_, _, let reason): reason
        case .mixedIdentity(_, _, let expected, let found):
            "skjema, year, quarter, region and orgnr '\(found)' differ from the file's first record '\(expected)': "
                + "one file holds one form of one unit and period"
        case .overflow: "the sum is too large for 64-bit integers after scaling"
        }
    }

    var category: FailureCategory {
        switch self {
        case .notFound, .isDirectory: .inputMissing
        case .empty, .xml, .notText, .noRecords, .unknownForm, .invalidIdentity, .mixedIdentity, .overflow: .data
        case .io: .io
        }
    }

    /// `file:line:column: cause`.
    var description: String { "\(placeText(file, line: line, column: column)): \(cause)" }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
