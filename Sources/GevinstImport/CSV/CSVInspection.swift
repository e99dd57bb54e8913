import Foundation
import GevinstCore

/// How gevinst reads a CSV file, for `gevinst inspect`: the detected encoding, delimiter and
/// decimal mark, and the records exactly as read (not trimmed), header first.
struct CSVInspection: FileInspection {
    var file: String
    var encoding: String
    var delimiter: String
    var decimalMark: DecimalMark
    /// Records in file order, the header first; each with the physical line it starts on.
    var records: [(line: Int, fields: [String])]
    /// The cap on records after the header, nil for all.
    var limit: Int?

    /// Reads `path` with `encoding: auto`, `delimiter: auto` (unless given) and the header on
    /// `headerRow`; `limit` caps the records after the header (nil: all).
    static func inspect(path: String, delimiter: UInt8? = nil, headerRow: Int = 1, limit: Int? = nil) throws(ImportError) -> CSVInspection {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, options: CSVReader.Options(encoding: .auto, delimiter: delimiter, headerRow: headerRow))
        } catch {
            throw CSVRows.importError(error, relativePath: path)
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
            throw CSVRows.importError(error, relativePath: path)
        }
        return CSVInspection(file: path, encoding: reader.encoding.rawValue, delimiter: CSVRows.delimiterName(reader.delimiter),
                             decimalMark: vote.decide(delimiter: reader.delimiter), records: records, limit: limit)
    }

    /// The settings, the header and one line per record with its line number.
    func text() -> String {
        var out = "file:         \(file)\nencoding:     \(encoding)\ndelimiter:    \(delimiter)\n"
        out += "decimal mark: \(decimalMark.rawValue)\n"
        if let header = records.first {
            out += "header (line \(header.line)): \(header.fields.map { "[\($0)]" }.joined(separator: " "))\n"
            if let line = CSVRows.likelyHeaderLine(records) {
                out += "hint:         line \(header.line) looks like a title; if the header is on line \(line), try --header-row \(line) (header_row: \(line) in a pipeline)\n"
            }
        }
        out += "records:      \(max(0, records.count - 1))\(limit.map { " (first \($0))" } ?? "")\n\n"
        for record in records.dropFirst() {
            out += "\(String(record.line).padding(toLength: 6, withPad: " ", startingAt: 0)) \(record.fields.map { "[\($0)]" }.joined(separator: " "))\n"
        }
        return out
    }

    /// The records as a JSON array of arrays of strings, header first.
    func json() throws -> String {
        let data = try JSONSerialization.data(withJSONObject: records.map(\.fields), options: [.withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
