public import GevinstCore

/// A file or source that could not be imported: the file (relative to the pipeline's root),
/// the position where one is known, and the cause.
public struct ImportError: CategorizedError, Equatable {
    public let source: String?
    public let file: String?
    public let line: Int?
    public let column: Int?
    public let cause: String
    public let category: FailureCategory

    public init(source: String?, file: String?, line: Int? = nil, column: Int? = nil, cause: String, category: FailureCategory) {
        self.source = source
        self.file = file
        self.line = line
        self.column = column
        self.cause = cause
        self.category = category
    }

    public var description: String {
        "\(placeText(file ?? source.map { "source '\($0)'" } ?? "import", line: line, column: column)): \(cause)"
    }

    func located(source: String, file: String) -> ImportError {
        ImportError(source: self.source ?? source, file: self.file ?? file, line: line, column: column, cause: cause, category: category)
    }
}
