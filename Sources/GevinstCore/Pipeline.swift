/// A pipeline file, read and checked: every path is absolute, every default filled in.
public struct Pipeline: Sendable, Equatable {
    public var name: String
    /// What the reports call the pipeline (`title:`, "Havbrekk kommune"); the name when not given.
    public var title: String
    /// The pipeline file itself.
    public var file: String
    /// The directory that relative paths resolve against.
    public var root: String
    /// The warehouse file.
    public var warehouse: String
    public var asOf: AsOfSetting
    public var reports: ReportSettings
    public var sources: [Source]
    /// Where `publish` copies the municipality's state; nil when the pipeline has no `publish:`.
    public var publish: PublishSettings?

    public init(name: String, file: String, root: String, warehouse: String, asOf: AsOfSetting,
                reports: ReportSettings, sources: [Source], title: String? = nil, publish: PublishSettings? = nil) {
        self.name = name
        self.title = title ?? name
        self.file = file
        self.root = root
        self.warehouse = warehouse
        self.asOf = asOf
        self.reports = reports
        self.sources = sources
        self.publish = publish
    }

    /// Sources in import order (SPEC §3): by kind, then as they stand in the file.
    public var sourcesInImportOrder: [Source] {
        sources.enumerated().sorted { ($0.element.kind, $0.offset) < ($1.element.kind, $1.offset) }.map(\.element)
    }

    /// A path relative to `root` when it lies below it, for rejects, findings and reports.
    public func relativePath(_ path: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// The `publish:` section: a PostgreSQL server shared by many municipalities. The url never holds
/// a password (that comes from the environment or `~/.pgpass`, as libpq reads it).
public struct PublishSettings: Sendable, Equatable {
    /// `postgresql://user@host:port/database`; parts left out come from `PGHOST`, `PGPORT`, … as in libpq.
    public var url: String
    /// The PostgreSQL schema that holds gevinst's tables and views.
    public var schema: String
    /// The kommunenummer (or another stable code) that names this pipeline's slice of every table.
    public var municipality: String

    public init(url: String, schema: String = "gevinst", municipality: String) {
        self.url = url
        self.schema = schema
        self.municipality = municipality
    }
}

/// The quarter that gains are assessed at.
public enum AsOfSetting: Sendable, Equatable {
    /// The latest quarter holding a measurement or a reported gain.
    case auto
    case quarter(Quarter)
}

/// Where and how the report stage writes.
public struct ReportSettings: Sendable, Equatable {
    public var dir: String
    public var formats: [ReportFormat]
    public var language: ReportLanguage
    public var thresholds: Thresholds
    public var csvStyle: CSVStyle

    public init(dir: String, formats: [ReportFormat] = ReportFormat.allCases, language: ReportLanguage = .nn,
                thresholds: Thresholds = .standard, csvStyle: CSVStyle = .standard) {
        self.dir = dir
        self.formats = formats
        self.language = language
        self.thresholds = thresholds
        self.csvStyle = csvStyle
    }
}

public enum ReportFormat: String, NamedValue, Codable {
    public static let byName = nameTable()
    case html, md, csv, json
    public var name: String { rawValue }
}

/// The language of every human-readable word in the reports.
public enum ReportLanguage: String, NamedValue, Codable {
    public static let byName = nameTable()
    /// Nynorsk.
    case nn
    /// Bokmål.
    case nb
    case en
    public var name: String { rawValue }
}

/// How the report's CSV files are written.
public enum CSVStyle: String, NamedValue, Codable {
    public static let byName = nameTable()
    /// RFC 4180 with `,` and `.`, UTF-8 without BOM.
    case standard
    /// `;`, decimal comma and a UTF-8 BOM, so that Norwegian Excel opens the files right.
    case excelNorwegian = "excel-no"
    public var name: String { rawValue }
}

/// The realisation rates at which a quarter turns green or yellow.
public struct Thresholds: Sendable, Equatable, Codable {
    public var green: Double
    public var yellow: Double
    public static let standard = Thresholds(green: 0.9, yellow: 0.7)

    public init(green: Double, yellow: Double) {
        self.green = green
        self.yellow = yellow
    }
}

/// One `sources:` entry.
public struct Source: Sendable, Equatable {
    public var id: String
    public var kind: InputKind
    public var format: SourceFormat
    /// An absolute file path or glob pattern.
    public var path: String
    public var required: Bool
    public var mode: ImportMode
    /// `mode: replace`: whether an import without data rows clears what the source had.
    public var allowEmpty: Bool
    public var onError: ErrorPolicy
    /// Canonical field → the source's column name (CSV) or path (XML).
    public var fields: [String: String]
    /// Canonical field → a fixed value for every row.
    public var constants: [String: String]
    public var missing: MissingTokens
    public var decimal: DecimalSetting
    public var csv: CSVOptions
    /// The record element (`format: xml`).
    public var record: String?
    public var saft: SAFTOptions?
    /// The cube mapping (`format: jsonstat` and `px`).
    public var cube: CubeOptions?
    /// Whether a file that is a symbolic link to somewhere outside the directory the path searches is read.
    public var followSymlinks = false
    public var kostra: KOSTRAOptions?

    public init(id: String, kind: InputKind, format: SourceFormat, path: String, required: Bool = true,
                mode: ImportMode? = nil, allowEmpty: Bool = false, onError: ErrorPolicy = .skip, fields: [String: String] = [:],
                constants: [String: String] = [:], missing: MissingTokens = .defaults, decimal: DecimalSetting = .auto,
                csv: CSVOptions = CSVOptions(), record: String? = nil, saft: SAFTOptions? = nil,
                kostra: KOSTRAOptions? = nil) {
        self.id = id
        self.kind = kind
        self.format = format
        self.path = path
        self.required = required
        self.mode = mode ?? kind.defaultMode
        self.allowEmpty = allowEmpty
        self.onError = onError
        self.fields = fields
        self.constants = constants
        self.missing = missing
        self.decimal = decimal
        self.csv = csv
        self.record = record
        self.saft = saft
        self.kostra = kostra
    }
}

/// The keys of a cube source (`format: jsonstat` and `px`): which dimension gives each field,
/// which category other dimensions are fixed to, and whether codes or labels are stored.
public struct CubeOptions: Sendable, Equatable {
    /// `indicator`, `org_unit`, `period` → a dimension id (JSON-stat) or variable name or code (PX).
    public var dimensions: [String: String]
    /// A dimension → the code of the one category to keep.
    public var filter: [String: String]
    public var use: CubeUse

    public init(dimensions: [String: String] = [:], filter: [String: String] = [:], use: CubeUse = .code) {
        self.dimensions = dimensions
        self.filter = filter
        self.use = use
    }
}

/// Whether a cube category's code (`0301`) or its label (`Oslo`) is stored.
public enum CubeUse: String, NamedValue, Codable {
    public static let byName = nameTable()
    case code, label

    public var name: String { rawValue }
}

/// The CSV keys of a source.
public struct CSVOptions: Sendable, Equatable {
    /// `auto`, or one of `,` `;` tab `|`.
    public var delimiter: UInt8?
    public var encoding: SourceEncoding
    /// The 1-based physical line that holds the header.
    public var headerRow: Int
    public var layout: CSVLayout
    /// Fields whose value is cut at the first space (`0301 Oslo` → `0301`).
    public var codePrefix: Set<String>

    public init(delimiter: UInt8? = nil, encoding: SourceEncoding = .auto, headerRow: Int = 1,
                layout: CSVLayout = .long, codePrefix: Set<String> = []) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.headerRow = headerRow
        self.layout = layout
        self.codePrefix = codePrefix
    }
}

/// The text encoding a source declares.
public enum SourceEncoding: String, NamedValue, Codable {
    public static let byName = nameTable()
    /// A UTF-8 or UTF-16 byte-order mark, else valid UTF-8, else Windows-1252.
    case auto
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case windows1252 = "windows-1252"
    case iso88591 = "iso-8859-1"

    public var name: String { rawValue }
    public var aliases: [String] {
        switch self {
        case .auto: []
        case .utf8: ["utf8"]
        case .utf16: ["utf16"]
        case .windows1252: ["cp1252", "windows1252"]
        case .iso88591: ["latin1", "latin-1", "iso8859-1"]
        }
    }
}

/// `long`: one value a row. `wide`: the columns that are not mapped are periods.
public enum CSVLayout: String, NamedValue, Codable {
    public static let byName = nameTable()
    case long, wide
    public var name: String { rawValue }
}

/// The SAF-T keys of a source.
public struct SAFTOptions: Sendable, Equatable {
    /// Indicators in the order the pipeline lists them.
    public var indicators: [AccountSelection]
    /// The `AnalysisType` whose `AnalysisID` is the org unit; nil counts every line under `total`.
    public var analysisType: String?

    public init(indicators: [AccountSelection], analysisType: String?) {
        self.indicators = indicators
        self.analysisType = analysisType
    }
}

/// Which ledger accounts feed one indicator, and with which sign.
public struct AccountSelection: Sendable, Equatable {
    public var indicator: String
    public var accounts: [AccountPattern]
    /// `true` when the indicator counts credit minus debit.
    public var creditPositive: Bool

    public init(indicator: String, accounts: [AccountPattern], creditPositive: Bool) {
        self.indicator = indicator
        self.accounts = accounts
        self.creditPositive = creditPositive
    }

    public func matches(_ account: String) -> Bool { accounts.contains { $0.matches(account) } }
}

/// An account ID, or an inclusive numeric range `"6700-6799"`.
public enum AccountPattern: Sendable, Equatable, CustomStringConvertible {
    case id(String)
    case range(Int, Int)

    /// Reads `6700` or `6700-6799`; nil for a reversed or non-numeric range.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard let low = Int(parts[0].trimmingSpaces), let high = Int(parts[1].trimmingSpaces), low <= high else { return nil }
            self = .range(low, high)
        } else {
            let id = text.trimmingSpaces
            guard !id.isEmpty else { return nil }
            self = .id(id)
        }
    }

    public func matches(_ account: String) -> Bool {
        switch self {
        case .id(let id): return id == account
        case .range(let low, let high):
            guard let number = Int(account) else { return false }
            return number >= low && number <= high
        }
    }

    public var description: String {
        switch self {
        case .id(let id): id
        case .range(let low, let high): "\(low)-\(high)"
        }
    }
}
