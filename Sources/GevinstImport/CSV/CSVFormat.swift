import GevinstCore

/// CSV files (`format: csv`): the encoding is settled while the file is fingerprinted, the rows
/// are mapped by `CSVRows`, and measurements take its byte-level fast path.
struct CSVFormat: RowFormat {
    var format: SourceFormat { .csv }
    var pipelineKeys: [String] { ["columns", "delimiter", "encoding", "header_row", "layout", "code_prefix"] }

    func sniff(path: String, display: String, source: Source) throws(ImportError) -> SniffedFile {
        var sniffer = EncodingSniffer()
        let fingerprint = try FileFingerprint.compute(path: path, display: display) { sniffer.feed($0) }
        let encoding: CSVEncoding
        do {
            encoding = try sniffer.resolve(CSVEncoding(rawValue: source.csv.encoding.rawValue) ?? .auto, path: path)
        } catch {
            throw CSVRows.importError(error, display: display)
        }
        return SniffedFile(path: path, display: display, source: source, format: self, fingerprint: fingerprint, encoding: encoding)
    }

    func rowReader(for file: SniffedFile) throws(ImportError) -> any MappedRowReader {
        try CSVRows(path: file.path, display: file.display, source: file.source, encoding: file.encoding!)
    }

    /// Any file another format does not claim is shown as CSV.
    func inspect(_ request: InspectRequest, head: [UInt8]) throws(ImportError) -> (any FileInspection)? {
        try CSVInspection.inspect(path: request.path, headerRow: request.headerRow, limit: request.rows)
    }
}
