import GevinstCore

/// A file fingerprinted and ready to read: its SHA-256, size and modification time, and for CSV
/// the encoding decided from the same pass over its bytes.
struct SniffedFile {
    let path: String
    let display: String
    let source: Source
    let fingerprint: FileFingerprint
    /// The CSV encoding with `auto` resolved.
    private let encoding: CSVEncoding?

    init(path: String, display: String, source: Source) throws(ImportError) {
        self.path = path
        self.display = display
        self.source = source
        if !source.followSymlinks { try InputFiles.checkInside(path, pattern: source.path, display: display) }
        if source.format == .csv {
            var sniffer = EncodingSniffer()
            fingerprint = try FileFingerprint.compute(path: path, display: display) { sniffer.feed($0) }
            do {
                encoding = try sniffer.resolve(CSVEncoding(rawValue: source.csv.encoding.rawValue) ?? .auto, path: path)
            } catch {
                throw CSVRows.importError(error, display: display)
            }
        } else {
            fingerprint = try FileFingerprint.compute(path: path, display: display) { _ in }
            encoding = nil
        }
    }

    /// A reader of the file's rows (CSV or generic XML).
    func rowReader() throws(ImportError) -> any MappedRowReader {
        switch source.format {
        case .csv: try CSVRows(path: path, display: display, source: source, encoding: encoding!)
        case .xml, .saft: try XMLRows(path: path, display: display, source: source)
        }
    }
}
