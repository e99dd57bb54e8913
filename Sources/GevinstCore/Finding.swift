/// Something a reader must know that does not stop a run (SPEC §7): it is stored in the
/// warehouse and written, in the report's language, to `findings.csv` and every report.
public struct Finding: Sendable, Hashable, Codable {
    public var kind: FindingKind
    public var severity: Severity
    public var source: String?
    /// Relative to the pipeline's root.
    public var file: String?
    public var initiative: String?
    public var relatedInitiative: String?
    public var indicator: String?
    public var orgUnit: String?
    public var quarter: Quarter?
    /// Named values the message quotes (amounts, counts, periods), as canonical text.
    public var details: [String: String]

    public init(_ kind: FindingKind, severity: Severity? = nil, source: String? = nil, file: String? = nil,
                initiative: String? = nil, relatedInitiative: String? = nil, indicator: String? = nil,
                orgUnit: String? = nil, quarter: Quarter? = nil, details: [String: String] = [:]) {
        self.kind = kind
        self.severity = severity ?? kind.defaultSeverity
        self.source = source
        self.file = file
        self.initiative = initiative
        self.relatedInitiative = relatedInitiative
        self.indicator = indicator
        self.orgUnit = orgUnit
        self.quarter = quarter
        self.details = details
    }

    enum CodingKeys: String, CodingKey {
        case kind, severity, source, file, initiative, relatedInitiative, indicator, orgUnit, quarter, details
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(FindingKind.self, forKey: .kind)
        severity = try c.decode(Severity.self, forKey: .severity)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        file = try c.decodeIfPresent(String.self, forKey: .file)
        initiative = try c.decodeIfPresent(String.self, forKey: .initiative)
        relatedInitiative = try c.decodeIfPresent(String.self, forKey: .relatedInitiative)
        indicator = try c.decodeIfPresent(String.self, forKey: .indicator)
        orgUnit = try c.decodeIfPresent(String.self, forKey: .orgUnit)
        quarter = try c.decodeIfPresent(String.self, forKey: .quarter).flatMap(Quarter.init)
        details = try c.decode([String: String].self, forKey: .details)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(severity, forKey: .severity)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(file, forKey: .file)
        try c.encodeIfPresent(initiative, forKey: .initiative)
        try c.encodeIfPresent(relatedInitiative, forKey: .relatedInitiative)
        try c.encodeIfPresent(indicator, forKey: .indicator)
        try c.encodeIfPresent(orgUnit, forKey: .orgUnit)
        try c.encodeIfPresent(quarter?.description, forKey: .quarter)
        try c.encode(details, forKey: .details)
    }
}

public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
    case warning, info
}

/// Every kind of finding, with the stage that raises it.
public enum FindingKind: String, Sendable, Hashable, Codable, CaseIterable {
    // import
    /// A measurement names an indicator no catalogue lists; it was registered with defaults.
    case indicatorRegistered = "indicator_registered"
    /// A plan, report or link names an initiative that is not in the register.
    case unknownInitiative = "unknown_initiative"
    /// A link names an indicator that is not in the catalogue.
    case unknownIndicator = "unknown_indicator"
    /// SAF-T header totals or entry count differ from the lines.
    case saftTotalsMismatch = "saft_totals_mismatch"
    /// A SAF-T transaction whose debits and credits differ.
    case saftUnbalancedTransaction = "saft_unbalanced_transaction"
    /// A SAF-T transaction with a Period outside 1–12; its month came from TransactionDate.
    case saftPeriodOutOfRange = "saft_period_out_of_range"
    /// SAF-T lines without the configured Analysis, counted under `unassigned`.
    case saftLineWithoutAnalysis = "saft_line_without_analysis"
    /// A quarterly KOSTRA file whose previous quarter (same identity) was never imported: the
    /// quarter has no values until it is.
    case kostraYearToDateGap = "kostra_ytd_gap"
    /// A PC-Axis file whose text is valid UTF-8 was read as UTF-8, not as the character set it declares.
    case pxReadAsUTF8 = "px_read_as_utf8"
    // trends
    /// Values stored at a period coarser than the indicator's frequency were left out.
    case coarserThanFrequency = "coarser_than_frequency"
    // gains
    /// Two initiatives' links claim the same indicator, unit and gain type.
    case doubleCount = "double_count"
    /// A link to a neutral or yearly indicator; it cannot yield a gain and was left out.
    case linkRefused = "link_refused"
    /// A link whose indicator has no measurement from its start on; without any data, it names
    /// the closest org units or indicators that have some.
    case linkWithoutMeasurements = "link_without_measurements"
    /// `as_of: auto` left out values for periods after the run's quarter (the earliest in details).
    case futurePeriod = "future_period"
    /// The as_of given is after the run's quarter.
    case asOfInFuture = "as_of_in_future"
    /// An initiative has plans but no link and no reported gain.
    case unmeasurableInitiative = "unmeasurable_initiative"
    /// Reported and derived gains differ by more than 10 %.
    case reportedDerivedDisagree = "reported_derived_disagree"
    // gains: the budget cycle (SPEC §11)
    /// A plan's year and area whose planned budget gains fall short of the savings requirement.
    case budgetNotBalanced = "budget_not_balanced"
    /// A stopped initiative with budget gains planned in the as_of year or later.
    case stoppedWithPlans = "stopped_with_plans"
    /// In the third or fourth quarter: next year's planned budget gains do not cover its requirement.
    case nextYearNotCovered = "next_year_not_covered"
    /// In the fourth quarter: an initiative with plans next year and neither a gain link nor a measurement note.
    case noMeasurementPlan = "no_measurement_plan"
    // gains: the gain life cycle (SPEC §12)
    /// A planned or active initiative whose deadline has passed.
    case deadlinePassed = "deadline_passed"
    /// An initiative handed over or realising its gains without a realised figure yet.
    case realisingWithoutMeasurement = "realising_without_measurement"
    /// Quarters up to as_of with a planned flow gain and no realised figure.
    case plannedPastNoData = "planned_past_no_data"
    /// An initiative still identifying or planning while its gains were due.
    case phaseBehindPlan = "phase_behind_plan"
    /// A gain link whose series has no value before its start: no baseline was measured.
    case noBaselineMeasurement = "no_baseline_measurement"
    /// An initiative carried out, handed over or realising without a gain owner.
    case missingGainOwner = "missing_gain_owner"
    /// A closed or completed initiative whose flow gain is red at as_of.
    case closedWithGap = "closed_with_gap"
    /// A gain red at as_of without a comment for that quarter.
    case redWithoutComment = "red_without_comment"
    /// A comment for a quarter after as_of.
    case commentAfterAsOf = "comment_after_as_of"
    /// A `replace` source's new export held no data rows and did not replace what the source had.
    case emptyReplacement = "empty_replacement"
    /// A file of the last import failed and was left out whole (its cause in `details`).
    case fileFailed = "file_failed"
    /// Rows of a current file were rejected: per initiative they name, with `count`, the source's
    /// `input` kind and the `years` of their periods in `details`.
    case rowsRejected = "rows_rejected"
    /// An initiative under way whose A3 sheet leaves section 1, 2, 3 or 5 empty (`sections` in details).
    case a3Incomplete = "a3_incomplete"
    /// An action neither done nor cancelled whose deadline has passed by the end of the as_of quarter.
    case actionOverdue = "action_overdue"

    var defaultSeverity: Severity {
        switch self {
        case .saftLineWithoutAnalysis, .pxReadAsUTF8, .noBaselineMeasurement, .missingGainOwner, .closedWithGap, .redWithoutComment, .a3Incomplete: .info
        default: .warning
        }
    }
}
