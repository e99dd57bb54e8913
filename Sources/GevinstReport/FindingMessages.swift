import GevinstCore

/// Findings as sentences in the report's language, built from their fields and `details`.
///
/// The `details` keys a message quotes, where the stage that raised the finding gives them:
/// `frequency`, `count`, `gain_type`, `start`, `total`, `declared`, `computed`, `transaction`,
/// `debit`, `credit`, `period`, `periods`, `years`, `analysis_type`, `reported`, `derived`, `form`, `region`, and for the budget cycle
/// and the life cycle `plan`, `year`, `area`, `requirement`, `planned_budget`, `gap`, `amount`, `deadline`, `status`, `phase`. A sentence leaves out the
/// part whose value is missing. Amounts and counts are written in the language's form, periods
/// as the reader writes them; other values as they are.
struct FindingMessages {
    let format: HumanFormat

    /// The columns of `findings.csv` (SPEC §7); gain_type, area and year come from the details.
    static let columns = ["kind", "severity", "source", "file", "initiative", "related_initiative", "indicator",
                          "org_unit", "quarter", "gain_type", "area", "year", "message"]
    static let gainTypeColumn = columns.firstIndex(of: "gain_type")!

    func message(_ finding: Finding) -> String {
        var values: [String: String] = [:]
        for (key, value) in finding.details { values[key] = detail(key, value) }
        values["initiative"] = finding.initiative
        values["related_initiative"] = finding.relatedInitiative
        values["indicator"] = finding.indicator
        values["org_unit"] = finding.orgUnit.map(format.orgUnit)
        values["quarter"] = finding.quarter.map { format.period($0.period) }
        values["source"] = finding.source
        values["file"] = finding.file
        // One rejected row is singular: "1 rad i tiltaksregisteret vart avvist".
        let oneRow = finding.kind == .rowsRejected && finding.details["count"] == "1"
        if let input = finding.details["input"].flatMap(InputKind.init(name:)) {
            values["rows"] = format.text[oneRow ? FindingMessages.rejectedRow(input) : FindingMessages.rejectedRows(input)]
            values["what"] = format.text[FindingMessages.rejectedWhat(input)]
        }
        // Beyond the listed ones, one finding of the same kind gives the total.
        let summary = finding.details["listed"] != nil
        let phrase: Phrase = switch finding.kind {
        case .saftUnbalancedTransaction where summary: .messageSaftUnbalancedSummary
        case .saftPeriodOutOfRange where summary: .messageSaftPeriodSummary
        case .rowsRejected where oneRow: .messageRowRejected
        default: FindingMessages.message(finding.kind)
        }
        return format.text(phrase, values)
    }

    /// A detail value in the reader's form: gain types and frequencies in words, periods and
    /// numbers as the language writes them.
    private func detail(_ key: String, _ value: String) -> String {
        switch key {
        case "gain_type":
            return format.gainType(name: value).lowercased()
        case "frequency":
            return format.frequency(value)
        case "period", "start":
            return format.period(text: value)
        case "sections":
            return format.a3Sections(value)
        case "periods":
            return value.split(separator: ", ").map { format.period(text: String($0)) }.joined(separator: ", ")
        case "count":
            guard case .success(let number) = NumberParser.parse(value, mark: .point) else { return value }
            return format.number(number.double, decimals: 0)
        case "year":
            return value
        case "status":
            // An action's status (action_overdue) or an initiative's; their names differ.
            return ActionStatus(name: value).map(format.actionStatus) ?? format.initiativeStatus(value)
        case "area":
            return format.area(value)
        case "phase":
            return Phase(name: value).map(format.phase) ?? value
        case "deadline":
            return format.date(value)
        case "declared", "computed", "debit", "credit", "reported", "derived", "requirement", "planned_budget", "gap", "amount":
            // Amounts: always two decimals, as in the tables; a SAF-T total that counts (NumberOfEntries)
            // is a whole number.
            guard case .success(let number) = NumberParser.parse(value, mark: .point) else { return value }
            let isCount = (key == "declared" || key == "computed") && !value.contains(".")
            return format.number(number.double, decimals: isCount ? 0 : 2, fixed: !isCount)
        default:
            return value
        }
    }

    /// The row of `findings.csv`.
    func cells(_ finding: Finding) -> [Cell] {
        func text(_ value: String?) -> Cell { value.map(Cell.text) ?? .null }
        return [.text(finding.kind.rawValue), .text(finding.severity.rawValue), text(finding.source), text(finding.file),
                text(finding.initiative), text(finding.relatedInitiative), text(finding.indicator), text(finding.orgUnit),
                text(finding.quarter?.description), text(finding.details["gain_type"]), text(finding.details["area"]),
                finding.details["year"].flatMap { Int64($0) }.map(Cell.integer) ?? .null, .text(message(finding))]
    }

    static func title(_ kind: FindingKind) -> Phrase {
        switch kind {
        case .indicatorRegistered: .kindIndicatorRegistered
        case .unknownInitiative: .kindUnknownInitiative
        case .unknownIndicator: .kindUnknownIndicator
        case .saftTotalsMismatch: .kindSaftTotalsMismatch
        case .saftUnbalancedTransaction: .kindSaftUnbalancedTransaction
        case .saftPeriodOutOfRange: .kindSaftPeriodOutOfRange
        case .saftLineWithoutAnalysis: .kindSaftLineWithoutAnalysis
        case .kostraYearToDateGap: .kindKostraYearToDateGap
        case .pxReadAsUTF8: .kindPxReadAsUTF8
        case .coarserThanFrequency: .kindCoarserThanFrequency
        case .doubleCount: .kindDoubleCount
        case .linkRefused: .kindLinkRefused
        case .linkWithoutMeasurements: .kindLinkWithoutMeasurements
        case .futurePeriod: .kindFuturePeriod
        case .asOfInFuture: .kindAsOfInFuture
        case .unmeasurableInitiative: .kindUnmeasurableInitiative
        case .reportedDerivedDisagree: .kindReportedDerivedDisagree
        case .fileFailed: .kindFileFailed
        case .emptyReplacement: .kindEmptyReplacement
        case .rowsRejected: .kindRowsRejected
        case .budgetNotBalanced: .kindBudgetNotBalanced
        case .stoppedWithPlans: .kindStoppedWithPlans
        case .nextYearNotCovered: .kindNextYearNotCovered
        case .noMeasurementPlan: .kindNoMeasurementPlan
        case .deadlinePassed: .kindDeadlinePassed
        case .realisingWithoutMeasurement: .kindRealisingWithoutMeasurement
        case .plannedPastNoData: .kindPlannedPastNoData
        case .phaseBehindPlan: .kindPhaseBehindPlan
        case .noBaselineMeasurement: .kindNoBaselineMeasurement
        case .missingGainOwner: .kindMissingGainOwner
        case .closedWithGap: .kindClosedWithGap
        case .redWithoutComment: .kindRedWithoutComment
        case .commentAfterAsOf: .kindCommentAfterAsOf
        case .a3Incomplete: .kindA3Incomplete
        case .actionOverdue: .kindActionOverdue
        }
    }

    static func message(_ kind: FindingKind) -> Phrase {
        switch kind {
        case .indicatorRegistered: .messageIndicatorRegistered
        case .unknownInitiative: .messageUnknownInitiative
        case .unknownIndicator: .messageUnknownIndicator
        case .saftTotalsMismatch: .messageSaftTotalsMismatch
        case .saftUnbalancedTransaction: .messageSaftUnbalancedTransaction
        case .saftPeriodOutOfRange: .messageSaftPeriodOutOfRange
        case .saftLineWithoutAnalysis: .messageSaftLineWithoutAnalysis
        case .kostraYearToDateGap: .messageKostraYearToDateGap
        case .pxReadAsUTF8: .messagePxReadAsUTF8
        case .coarserThanFrequency: .messageCoarserThanFrequency
        case .doubleCount: .messageDoubleCount
        case .linkRefused: .messageLinkRefused
        case .linkWithoutMeasurements: .messageLinkWithoutMeasurements
        case .futurePeriod: .messageFuturePeriod
        case .asOfInFuture: .messageAsOfInFuture
        case .unmeasurableInitiative: .messageUnmeasurableInitiative
        case .reportedDerivedDisagree: .messageReportedDerivedDisagree
        case .fileFailed: .messageFileFailed
        case .emptyReplacement: .messageEmptyReplacement
        case .rowsRejected: .messageRowsRejected
        case .budgetNotBalanced: .messageBudgetNotBalanced
        case .stoppedWithPlans: .messageStoppedWithPlans
        case .nextYearNotCovered: .messageNextYearNotCovered
        case .noMeasurementPlan: .messageNoMeasurementPlan
        case .deadlinePassed: .messageDeadlinePassed
        case .realisingWithoutMeasurement: .messageRealisingWithoutMeasurement
        case .plannedPastNoData: .messagePlannedPastNoData
        case .phaseBehindPlan: .messagePhaseBehindPlan
        case .noBaselineMeasurement: .messageNoBaselineMeasurement
        case .missingGainOwner: .messageMissingGainOwner
        case .closedWithGap: .messageClosedWithGap
        case .redWithoutComment: .messageRedWithoutComment
        case .commentAfterAsOf: .messageCommentAfterAsOf
        case .a3Incomplete: .messageA3Incomplete
        case .actionOverdue: .messageActionOverdue
        }
    }

    /// What a `rows_rejected` finding calls the rows of an input kind ("planrader").
    static func rejectedRows(_ kind: InputKind) -> Phrase {
        switch kind {
        case .indicators: .rejectedRowsIndicators
        case .initiatives: .rejectedRowsInitiatives
        case .gainPlans: .rejectedRowsGainPlans
        case .gainsReported: .rejectedRowsGainsReported
        case .gainLinks: .rejectedRowsGainLinks
        case .orgUnits: .rejectedRowsOrgUnits
        case .budgetTargets: .rejectedRowsBudgetTargets
        case .gainComments: .rejectedRowsGainComments
        case .gainForecasts: .rejectedRowsGainForecasts
        case .actions: .rejectedRowsActions
        case .measurements: .rejectedRowsMeasurements
        }
    }

    /// One rejected row of an input kind ("planrad").
    static func rejectedRow(_ kind: InputKind) -> Phrase {
        switch kind {
        case .indicators: .rejectedRowIndicators
        case .initiatives: .rejectedRowInitiatives
        case .gainPlans: .rejectedRowGainPlans
        case .gainsReported: .rejectedRowGainsReported
        case .gainLinks: .rejectedRowGainLinks
        case .orgUnits: .rejectedRowOrgUnits
        case .budgetTargets: .rejectedRowBudgetTargets
        case .gainComments: .rejectedRowGainComments
        case .gainForecasts: .rejectedRowGainForecasts
        case .actions: .rejectedRowActions
        case .measurements: .rejectedRowMeasurements
        }
    }

    /// What may be incomplete when rows of an input kind are rejected ("planen").
    static func rejectedWhat(_ kind: InputKind) -> Phrase {
        switch kind {
        case .indicators: .rejectedWhatIndicators
        case .initiatives: .rejectedWhatInitiatives
        case .gainPlans: .rejectedWhatGainPlans
        case .gainsReported: .rejectedWhatGainsReported
        case .gainLinks: .rejectedWhatGainLinks
        case .orgUnits: .rejectedWhatOrgUnits
        case .budgetTargets: .rejectedWhatBudgetTargets
        case .gainComments: .rejectedWhatGainComments
        case .gainForecasts: .rejectedWhatGainForecasts
        case .actions: .rejectedWhatActions
        case .measurements: .rejectedWhatMeasurements
        }
    }
}
