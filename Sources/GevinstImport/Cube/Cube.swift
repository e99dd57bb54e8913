import GevinstCore

/// A statistics cube as JSON-stat 2.0 and PC-Axis describe one: dimensions in row-major order
/// (the first varies slowest), each with ordered categories, and the dataset's publication date.
/// The cells stream separately (`JSONStatReader`, `PXReader`); this is what is known before them.
struct Cube: Equatable {
    enum Format: String { case jsonstat, px }

    let format: Format
    /// The dataset's title (JSON-stat `label`, PX `TITLE`).
    let label: String?
    /// When the figures were published or last revised, as the file writes it (JSON-stat
    /// `updated`; PX `LAST-UPDATED`, the latest one, as `2023-06-15T08:00`).
    let updated: String?
    let dimensions: [CubeDimension]
    /// PX only: the character set the file declared when it was read as UTF-8 instead, because
    /// its text is valid UTF-8 (the importer reports this as an info finding).
    let utf8InsteadOf: String?

    /// The product of the dimension sizes (never overflows: readers refuse larger cubes).
    var cellCount: Int { dimensions.reduce(1) { $0 * $1.categories.count } }
}

/// What a dimension stands for, as the file marks it (JSON-stat `role`; PX `TIMEVAL`, `MAP` or
/// `VARIABLE-TYPE="G"`, `CONTVARIABLE`).
enum CubeRole: String, Equatable { case time, geo, metric }

/// One dimension (JSON-stat) or variable (PX).
struct CubeDimension: Equatable {
    /// The JSON-stat id or the PX variable name.
    let id: String
    /// PX `VARIABLECODE` (`Tid`, `ContentsCode`), which a mapping may use instead of the name.
    let code: String?
    let label: String
    let role: CubeRole?
    let categories: [CubeCategory]
    /// PX `TIMEVAL`'s unit (`A1`, `Q1`, `M1`…), when the file gives one for this variable.
    let timeScale: String?

    /// Whether a mapping's name for a dimension means this one: its id or code, or either with
    /// surrounding spaces trimmed (PX names such as `"sexo "`).
    func isNamed(_ name: String) -> Bool {
        if name == id || name == code { return true }
        let trimmed = name.trimmingSpaces
        return trimmed == id.trimmingSpaces || (code.map { trimmed == $0.trimmingSpaces } ?? false)
    }
}

struct CubeCategory: Equatable {
    let code: String
    let label: String
    /// The unit where the file gives one (JSON-stat `category.unit`; PX `UNITS` of a content).
    let unit: String?
    /// PX `TIMEVAL`'s value for this category (`20041` under `TLIST(Q1)`), when the file has one;
    /// a period is read from it before the code and the label.
    let time: String?

    init(code: String, label: String, unit: String? = nil, time: String? = nil) {
        self.code = code
        self.label = label
        self.unit = unit
        self.time = time
    }
}

/// One cell as read: its row-major index in the cube, its value, and where the value stands.
struct CubeCell: Equatable {
    let index: Int
    let value: CubeValue
    /// 1-based line and column of the value in the file (of the index key for a sparse value).
    let line: Int
    let column: Int
}

enum CubeValue: Equatable {
    case number(Double)
    /// `null`, a missing status symbol (`.`, `..`, `...`, `:`), or a PX dot symbol.
    case missing
    /// Text that is neither a number nor a symbol: the cell is rejected, the file is not.
    case invalid(String)
}

extension ImportError {
    /// A cube file that cannot be read (65).
    static func cube(_ file: String, line: Int? = nil, column: Int? = nil, _ cause: String) -> ImportError {
        ImportError(source: nil, file: file, line: line, column: column, cause: cause, category: .data)
    }
}
