/// The start of a CSV file, for decisions made before any row is imported (such as `decimal: auto`).
struct CSVSample: Sendable, Equatable {
    /// The encoding the file is read with.
    var encoding: CSVEncoding
    /// The delimiter in use.
    var delimiter: UInt8
    /// The header and the records that start within the sampled bytes.
    var records: [CSVRecord]
}

extension CSVReader {
    /// Reads the records that start within the first `byteLimit` bytes of the decoded text (title
    /// lines included) with the same options as the import. The importer then opens a new reader
    /// for the import itself; the second open costs no more than the sample.
    static func sample(path: String, options: Options = Options(), byteLimit: Int = 64 * 1024)
        throws(CSVError) -> CSVSample {
        let reader = try CSVReader(path: path, options: options)
        var records: [CSVRecord] = []
        while let record = try reader.next(), reader.recordOffset < byteLimit {
            records.append(CSVRecord(record))
        }
        return CSVSample(encoding: reader.encoding, delimiter: reader.delimiter, records: records)
    }
}
