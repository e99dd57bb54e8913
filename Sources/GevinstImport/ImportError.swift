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

    /// A file whose values show both decimal marks (`decimal: auto`): no `decimal:` reads all of
    /// them right. Names a value of each mark with its line; fails at the later one.
    static func mixedDecimalMarks(_ vote: DecimalMarkVote, source: String, relativePath: String) -> ImportError {
        let comma = vote.firstComma!, point = vote.firstPoint!
        let later = max(comma.line, point.line)
        return ImportError(source: source, file: relativePath, line: later,
                           cause: "the numbers use both decimal marks: '\(comma.text)' on line \(comma.line) has a decimal comma, '\(point.text)' on line \(point.line) a decimal point; set decimal: comma or decimal: point on the source",
                           category: .data)
    }
}
