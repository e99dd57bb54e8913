public import GevinstCore

/// One input format behind the import seam: the pipeline keys it accepts, how a file is
/// fingerprinted and read into the warehouse, and how `gevinst inspect` shows it. Each format is
/// one folder (`CSV/`, `XML/`, `SAFT/`, `KOSTRA/`) and one line in `InputFormats.all`.
protocol InputFormat: Sendable {
    /// The `format:` value of the sources it reads.
    var format: SourceFormat { get }
    /// The source keys it accepts besides `InputFormats.commonKeys`.
    var pipelineKeys: [String] { get }
    /// Checks a loaded source's settings for this format (the loader has parsed the keys).
    func check(_ source: Source) throws(SourceProblem)
    /// Fingerprints a file before it is read; a format may learn from the same bytes (the CSV
    /// encoding). The default only fingerprints.
    func sniff(path: String, relativePath: String, source: Source) throws(ImportError) -> SniffedFile
    /// Reads a fingerprinted file into `fileImport` and tells how it was read.
    func load(_ file: SniffedFile, into fileImport: inout FileImport) throws -> FileDialect
    /// How `gevinst inspect` shows the file; nil when it is not this format's to show (by its name
    /// or first bytes). The default shows nothing.
    func inspect(_ request: InspectRequest, head: [UInt8]) throws(ImportError) -> (any FileInspection)?
}

extension InputFormat {
    func check(_ source: Source) throws(SourceProblem) {}

    func sniff(path: String, relativePath: String, source: Source) throws(ImportError) -> SniffedFile {
        SniffedFile(path: path, relativePath: relativePath, source: source, format: self,
                    fingerprint: try FileFingerprint.compute(path: path, relativePath: relativePath) { _ in }, encoding: nil)
    }

    func inspect(_ request: InspectRequest, head: [UInt8]) throws(ImportError) -> (any FileInspection)? { nil }
}

/// A format whose files are read as mapped rows (CSV, generic XML): `load` goes through
/// `FileImport.importRows`, so registers and measurements are read the same way.
protocol RowFormat: InputFormat {
    func rowReader(for file: SniffedFile) throws(ImportError) -> any MappedRowReader
}

extension RowFormat {
    func load(_ file: SniffedFile, into fileImport: inout FileImport) throws -> FileDialect {
        let reader = try rowReader(for: file)
        try fileImport.importRows(from: reader)
        return reader.dialect
    }
}

/// How a format reader read one file: the encoding, delimiter and decimal mark it settled on.
struct FileDialect {
    var encoding: String?
    var delimiter: String?
    var decimalMark: DecimalMark
    /// `decimal: auto` decided from the start of the file: the value that decided it and its line.
    /// A later value that shows the other mark fails the file.
    var decimalEvidence: (text: String, line: Int)? = nil
    /// The dataset's publication date as the file gives it (a cube's `updated`), kept with the file record.
    var published: String? = nil
}

/// A reader that maps a file's records to canonical rows.
protocol MappedRowReader {
    /// How the file is read; complete once `forEachRow` or `forEachMeasurement` has run.
    var dialect: FileDialect { get }
    /// Calls `body` for every row in file order; throws an `ImportError` for a bad file.
    func forEachRow(_ body: (MappedRow) throws -> Void) throws
    /// The measurement fast path: `measurement` gets each row a reader can settle without mapping
    /// it (a measurement, or nil for a missing number) with its line and text; every other row goes
    /// to `other` as `forEachRow` maps it. The outcome must be the general path's, row for row
    /// (`interpreter.measurement` of each mapped row). The default sends every row to `other`.
    func forEachMeasurement(_ interpreter: RowInterpreter,
                            measurement: (_ row: MeasurementRow?, _ line: Int, _ text: () -> String) throws -> Void,
                            other: (MappedRow) throws -> Void) throws
}

extension MappedRowReader {
    func forEachMeasurement(_ interpreter: RowInterpreter,
                            measurement: (_ row: MeasurementRow?, _ line: Int, _ text: () -> String) throws -> Void,
                            other: (MappedRow) throws -> Void) throws {
        try forEachRow(other)
    }
}

/// A source setting its format does not accept: the key to point at (nil: the source as a whole)
/// and why.
public struct SourceProblem: Error, Equatable {
    public let key: String?
    public let message: String

    init(key: String?, _ message: String) {
        self.key = key
        self.message = message
    }
}

/// What `gevinst inspect` was asked to show.
public struct InspectRequest: Sendable {
    public var path: String
    /// CSV: records after the header (nil: all). XML: elements, or records with `record`.
    public var rows: Int?
    /// XML: the record element's local name.
    public var record: String?
    /// CSV: the 1-based line of the header.
    public var headerRow: Int

    public init(path: String, rows: Int?, record: String?, headerRow: Int) {
        self.path = path
        self.rows = rows
        self.record = record
        self.headerRow = headerRow
    }
}

/// A file as `gevinst inspect` shows it.
public protocol FileInspection {
    /// The text for a person.
    func text() -> String
    /// The JSON for a program.
    func json() throws -> String
}

/// The one table of input formats, used by the pipeline loader (keys and checks), the importer
/// and `inspect`.
public enum InputFormats {
    /// Every format. `inspect` asks them in this order, so CSV, which shows any file, is last.
    static let all: [any InputFormat] = [XMLFormat(), SAFTFormat(), KOSTRAFormat(), CubeFormat(cubeFormat: .jsonstat),
                                         CubeFormat(cubeFormat: .px), CSVFormat()]

    /// The source keys every format accepts.
    public static let commonKeys = ["id", "kind", "format", "path", "required", "mode", "allow_empty", "on_error", "decimal", "missing", "constants",
                                     "follow_symlinks"]

    /// Every format's own keys, without repeats, in table order.
    public static var formatKeys: [String] {
        var keys: [String] = []
        for format in all { keys += format.pipelineKeys.filter { !keys.contains($0) } }
        return keys
    }

    /// The keys a source of `format` accepts besides `commonKeys`.
    public static func pipelineKeys(of format: SourceFormat) -> [String] {
        self.format(format).pipelineKeys
    }

    /// Checks a loaded source's format-specific settings.
    public static func check(_ source: Source) throws(SourceProblem) {
        try format(source.format).check(source)
    }

    /// Shows a file the way the first format that recognises it reads it.
    public static func inspect(_ request: InspectRequest) throws(ImportError) -> any FileInspection {
        let head = InputFiles.head(request.path)
        for format in all {
            if let inspection = try format.inspect(request, head: head) { return inspection }
        }
        preconditionFailure("CSV shows any file")
    }

    static func format(_ format: SourceFormat) -> any InputFormat {
        guard let found = all.first(where: { $0.format == format }) else { preconditionFailure("format \(format.name) is not in InputFormats.all") }
        return found
    }

    /// Fingerprints a source's file with its format.
    static func sniff(path: String, relativePath: String, source: Source) throws(ImportError) -> SniffedFile {
        if !source.followSymlinks { try InputFiles.checkInside(path, pattern: source.path, relativePath: relativePath) }
        return try format(source.format).sniff(path: path, relativePath: relativePath, source: source)
    }
}
