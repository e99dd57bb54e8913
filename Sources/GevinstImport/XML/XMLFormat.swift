import GevinstCore

/// Generic XML exports (`format: xml`): one element per row (`record:`), fields by path
/// (`fields:`), mapped by `XMLRows`.
struct XMLFormat: RowFormat {
    var format: SourceFormat { .xml }
    var pipelineKeys: [String] { ["record", "fields"] }

    func check(_ source: Source) throws(SourceProblem) {
        let context = "source '\(source.id)'"
        guard let record = source.record else { throw SourceProblem(key: nil, "\(context) reads XML and needs 'record:', the element that is one row") }
        guard !source.fields.isEmpty else { throw SourceProblem(key: nil, "\(context) reads XML and needs 'fields:' mapping canonical fields to paths") }
        do {
            _ = try XMLRecordMapping(record: record, paths: [])
        } catch {
            throw SourceProblem(key: "record", error.description)
        }
        for (field, text) in source.fields.sorted(by: { $0.key < $1.key }) {
            do { _ = try XMLFieldPath(text) } catch {
                throw SourceProblem(key: "fields", "'fields' of \(context): \(field): \(error.description)")
            }
        }
        for field in source.kind.requiredFields where source.fields[field] == nil && source.constants[field] == nil {
            throw SourceProblem(key: nil, "\(context) has no path for the required field '\(field)'; add it to 'fields:' or 'constants:'")
        }
    }

    func rowReader(for file: SniffedFile) throws(ImportError) -> any MappedRowReader {
        try XMLRows(path: file.path, display: file.display, source: file.source)
    }

    /// A file whose name ends in `.xml` or whose first character is `<` (after a byte-order mark
    /// and white space, in UTF-8 or UTF-16): its element paths, counts and examples.
    func inspect(_ request: InspectRequest, head: [UInt8]) throws(ImportError) -> (any FileInspection)? {
        let bytes = head.drop { [0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard request.path.lowercased().hasSuffix(".xml") || bytes.first == UInt8(ascii: "<")
                || head.starts(with: [0xFF, 0xFE, 0x3C]) || head.starts(with: [0xFE, 0xFF, 0x00, 0x3C]) else { return nil }
        do {
            return try XMLInspector.inspect(path: request.path, limit: request.rows ?? (request.record == nil ? 10_000 : 100), record: request.record)
        } catch {
            throw XMLRows.importError(error)
        }
    }
}
