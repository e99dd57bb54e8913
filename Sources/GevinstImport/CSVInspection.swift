public import GevinstCore

/// How gevinst reads a CSV file, for `gevinst inspect`: the detected encoding, delimiter and
/// decimal mark, and the records exactly as read (not trimmed), header first.
public struct CSVInspection: Sendable {
    public var encoding: String
    public var delimiter: String
    public var decimalMark: DecimalMark
    /// Records in file order, the header first; each with the physical line it starts on.
    public var records: [(line: Int, fields: [String])]

    /// Reads `path` with `encoding: auto`, `delimiter: auto` (unless given) and the header on
    /// `headerRow`; `limit` caps the records after the header (nil: all).
    public static func inspect(path: String, delimiter: UInt8? = nil, headerRow: Int = 1, limit: Int? = nil) throws(ImportError) -> CSVInspection {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, options: CSVReader.Options(encoding: .auto, delimiter: delimiter, headerRow: headerRow))
        } catch {
            throw CSVRows.importError(error, display: path)
        }
        var records: [(Int, [String])] = []
        var vote = DecimalMarkVote()
        do {
            while let record = try reader.next() {
                if let limit, records.count > limit { break }
                let fields = (0..<record.count).map { record.string($0) }
                if !records.isEmpty, reader.recordOffset < 64 * 1024 { fields.forEach { vote.observe($0.trimmingSpaces) } }
                records.append((record.line, fields))
            }
        } catch {
            throw CSVRows.importError(error, display: path)
        }
        return CSVInspection(encoding: reader.encoding.rawValue, delimiter: CSVRows.delimiterName(reader.delimiter),
                             decimalMark: vote.decide(delimiter: reader.delimiter), records: records)
    }
}
