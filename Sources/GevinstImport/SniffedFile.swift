import GevinstCore

/// A file fingerprinted and ready to read: its SHA-256, size and modification time, the format
/// that reads it, and what that format learnt from the same pass over its bytes.
struct SniffedFile {
    let path: String
    let display: String
    let source: Source
    let format: any InputFormat
    let fingerprint: FileFingerprint
    /// The text encoding with `auto` resolved (CSV); nil for a format that settles it as it reads.
    let encoding: CSVEncoding?
}
