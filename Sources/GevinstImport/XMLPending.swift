import GevinstCore
// TEMPORARY until the XML branch lands.
final class XMLRows: MappedRowReader {
    let dialect = FileDialect(encoding: nil, delimiter: nil, decimalMark: .point)
    init(path: String, display: String, source: Source) throws(ImportError) {
        throw ImportError(source: source.id, file: display, cause: "XML import is not built yet", category: .internal)
    }
    func forEachRow(_ body: (MappedRow) throws -> Void) throws {}
}
enum LedgerImport {
    static func read(path: String, display: String, source: Source) throws(ImportError) -> (rows: [MeasurementRow], indicators: [String], findings: [Finding]) {
        throw ImportError(source: source.id, file: display, cause: "SAF-T import is not built yet", category: .internal)
    }
}
