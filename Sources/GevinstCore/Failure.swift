/// What kind of failure stopped a stage; the executable maps each to its sysexits code (SPEC §9).
public enum FailureCategory: String, Sendable, Hashable {
    /// A usage error or an invalid pipeline file (64).
    case usage
    /// A file failed, or rows were rejected under `on_error: fail` (65).
    case data
    /// An input is missing (66).
    case inputMissing
    /// An output cannot be written (73).
    case cannotWrite
    /// Reading or writing failed at the system level (74).
    case io
    /// Another run holds the warehouse lock (75).
    case locked
    /// A server gevinst needs (PostgreSQL, for publish) cannot be reached or refused the login (69).
    case unavailable
    /// A bug or a stage that does not exist yet (70).
    case `internal`
    /// SIGINT or SIGTERM stopped the run (128 + the signal: 130, 143).
    case interrupted
}

/// An error that knows its failure category and says what happened in a sentence that names
/// the file, position and cause where there is one.
public protocol CategorizedError: Error, CustomStringConvertible {
    var category: FailureCategory { get }
}

/// The figures a stage reports for the run record and the log.
public struct StageSummary: Sendable, Equatable {
    public var stage: String
    /// Counts for the run record (`files_imported`, `rows_rejected`, `series`, …).
    public var counts: [String: Int]
    /// Findings raised by this stage in this run.
    public var findings: Int
    /// Rows rejected in this run (import only).
    public var rejected: Int
    /// The quarter gains were assessed at, when the stage decided one.
    public var asOf: Quarter?

    public init(stage: String, counts: [String: Int] = [:], findings: Int = 0, rejected: Int = 0, asOf: Quarter? = nil) {
        self.stage = stage
        self.counts = counts
        self.findings = findings
        self.rejected = rejected
        self.asOf = asOf
    }
}

/// `file`, `file:line` or `file:line:column`: how errors, rejects and reports name a place.
public func placeText(_ file: String, line: Int?, column: Int?) -> String {
    file + [line, column].compactMap { $0.map { ":\($0)" } }.joined()
}
