import GevinstCore

/// Maps a generic XML export's records to canonical rows (SPEC §5 "XML (generic)"): `record:`,
/// `fields:` paths, `constants:`, and `decimal: auto` from the numbers of the whole file, as for CSV.
final class XMLRows: MappedRowReader {
    private let reader: XMLRecordReader
    private let relativePath: String
    private let source: Source
    /// For each canonical field, the index of its path in the mapping, or nil.
    private let pathOfField: [Int?]
    private let mark: DecimalMark
    /// The value that decided `decimal: auto` in the first 64 KiB, which the rest must agree with.
    private var evidence: (text: String, line: Int)?
    /// The document's encoding, known after the sample or the read.
    private var encoding: String?
    var dialect: FileDialect { FileDialect(encoding: encoding, delimiter: nil, decimalMark: mark, decimalEvidence: evidence) }

    init(path: String, relativePath: String, source: Source) throws(ImportError) {
        self.relativePath = relativePath
        self.source = source
        let fields = source.kind.fields
        var paths: [XMLFieldPath] = []
        var pathOfField: [Int?] = []
        do {
            for field in fields {
                if let text = source.fields[field] {
                    pathOfField.append(paths.count)
                    paths.append(try XMLFieldPath(text))
                } else {
                    pathOfField.append(nil)
                }
            }
            reader = XMLRecordReader(path: path, relativePath: relativePath,
                                     mapping: try XMLRecordMapping(record: source.record ?? "", paths: paths), trimming: true)
        } catch {
            throw ImportError(source: source.id, file: relativePath, cause: error.description, category: .usage)
        }
        self.pathOfField = pathOfField
        switch source.decimal {
        case .comma: mark = .comma
        case .point: mark = .point
        case .auto:
            let sample: XMLSample
            do { sample = try reader.sample() } catch { throw XMLRows.importError(error) }
            encoding = sample.encoding
            var vote = DecimalMarkVote()
            let numeric = source.kind.numericFields.compactMap { field in fields.firstIndex(of: field).flatMap { pathOfField[$0] } }
            for record in sample.records {
                for index in numeric { if let text = record.values[index] { vote.observe(text, line: record.line) } }
            }
            if vote.decided == nil, !vote.isMixed, !sample.complete {
                // The start did not decide: the whole file does (a second read).
                vote = try XMLRows.vote(reader, numeric: numeric)
            } else if let decided = vote.decided, !sample.complete {
                // The import checks the rest of the file against the value that decided.
                evidence = decided == .comma ? vote.firstComma : vote.firstPoint
            }
            if vote.isMixed { throw ImportError.mixedDecimalMarks(vote, source: source.id, relativePath: relativePath) }
            mark = vote.decide(delimiter: nil)
        }
    }

    /// The decimal marks of the numeric fields (`numeric`: their path indices) of the whole file,
    /// read until both marks have shown.
    private static func vote(_ reader: XMLRecordReader, numeric: [Int]) throws(ImportError) -> DecimalMarkVote {
        var vote = DecimalMarkVote()
        do {
            try reader.forEachRecord { record in
                for index in numeric { if let text = record.values[index] { vote.observe(text, line: record.line) } }
                if vote.isMixed { throw XMLStream.Finish() }
            }
        } catch let error as XMLReadError {
            throw importError(error)
        } catch {
            preconditionFailure("the vote throws only to finish: \(error)")
        }
        return vote
    }

    func forEachRow(_ body: (MappedRow) throws -> Void) throws {
        let fields = source.kind.fields
        let constants = fields.map { source.constants[$0] }
        var values = [String?](repeating: nil, count: fields.count)
        do {
            encoding = try reader.forEachRecord { record in
                for i in 0..<fields.count {
                    if let index = pathOfField[i] {
                        values[i] = record.values[index]
                    } else {
                        values[i] = constants[i]
                    }
                }
                let paths = reader.mapping.paths
                let text = {
                    zip(paths, record.values).compactMap { path, value in value.map { "\(path)=\($0)" } }.joined(separator: "; ")
                }
                try body(MappedRow(line: record.line, column: record.column, values: values, text: text))
            }.encoding
        } catch let error as XMLReadError {
            throw XMLRows.importError(error)
        }
    }

    static func importError(_ error: XMLReadError) -> ImportError {
        ImportError(source: nil, file: error.file, line: error.line, column: error.column, cause: error.cause, category: error.category)
    }
}
