import Foundation
import GevinstCore
@testable import GevinstImport

/// The CSV fixtures copied into the test bundle.
let csvFixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/csv")

/// A directory under the system's temporary directory, removed when released.
final class CSVTemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `bytes` to a file called `name` and returns its path.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let fileURL = url.appendingPathComponent(name)
        try Data(bytes).write(to: fileURL)
        return fileURL.path
    }

    /// Writes `text` as UTF-8 to a file called `name` and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        try file(name, Array(text.utf8))
    }
}

/// Options with the internal knobs set, for tests.
func csvOptions(encoding: CSVEncoding = .auto, delimiter: Character? = nil, headerRow: Int = 1,
                maxRecordBytes: Int = 16 * 1024 * 1024, maxColumns: Int = 100_000, chunkSize: Int = 256 * 1024,
                skipsEmptyLines: Bool = true) -> CSVReader.Options {
    var options = CSVReader.Options(encoding: encoding, delimiter: delimiter.map { $0.asciiValue! }, headerRow: headerRow,
                                    maxRecordBytes: maxRecordBytes, maxColumns: maxColumns)
    options.chunkSize = chunkSize
    options.skipsEmptyLines = skipsEmptyLines
    return options
}

/// Every record of the file at `path`, or the error that stopped the reader.
func readCSV(_ path: String, _ options: CSVReader.Options = CSVReader.Options()) -> Result<[CSVRecord], CSVError> {
    Result(catching: { () throws(CSVError) -> [CSVRecord] in
        let reader = try CSVReader(path: path, options: options)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(CSVRecord(record)) }
        return records
    })
}

/// The fields of every record, or the error.
func readFields(_ path: String, _ options: CSVReader.Options = CSVReader.Options()) -> Result<[[String]], CSVError> {
    readCSV(path, options).map { $0.map(\.fields) }
}

/// The records as dictionaries keyed by the header (the first record).
func keyedRecords(_ records: [CSVRecord]) -> [[String: String]] {
    guard let header = records.first?.fields else { return [] }
    return records.dropFirst().map { record in
        Dictionary(uniqueKeysWithValues: zip(header, record.fields).map { ($0, $1) })
    }
}

/// The chunk sizes the boundary tests read with, besides the default.
let tinyChunkSizes = [1, 2, 3, 7]
