public import GevinstCore

/// What stops the runner, the module's one error type: a pipeline file that cannot be used (its
/// place and a sentence that says what to change), a warehouse lock that cannot be taken (the lock
/// file), or a stage or the run itself failing (the stage, if one). Its category decides the exit code.
public struct RunnerError: CategorizedError, Equatable {
    /// The pipeline file or the lock file, when the error concerns one.
    public let file: String?
    public let line: Int?
    public let column: Int?
    /// The stage that failed (`import`, `status`, …), when one did.
    public let stage: String?
    public let cause: String
    public let category: FailureCategory

    /// A problem of `file` (the pipeline file, or the lock file), at `line` and `column` where known.
    init(file: String, line: Int? = nil, column: Int? = nil, _ cause: String, category: FailureCategory = .usage) {
        self.file = file
        self.line = line
        self.column = column
        self.stage = nil
        self.cause = cause
        self.category = category
    }

    /// A stage, or the run when `stage` is nil, failed.
    init(stage: String?, cause: String, category: FailureCategory) {
        self.file = nil
        self.line = nil
        self.column = nil
        self.stage = stage
        self.cause = cause
        self.category = category
    }

    public var description: String {
        if let file { return "\(placeText(file, line: line, column: column)): \(cause)" }
        return stage.map { "\($0): \(cause)" } ?? cause
    }
}
