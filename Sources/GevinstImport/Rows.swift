import Foundation
import GevinstCore

/// One row of input after mapping: canonical field values (trimmed, `code_prefix` applied,
/// constants filled in) and where it came from.
struct MappedRow {
    /// 1-based physical line of the CSV record, or the line of the XML record's start tag.
    var line: Int
    /// Column of the XML record's start tag; nil for CSV.
    var column: Int?
    /// Values by the kind's field index (`InputKind.fields`); nil when the field is absent.
    var values: [String?]
    /// The record as read, for the reject table; built only when a row is rejected.
    var text: () -> String
    /// Set when the record is unusable as a whole (wrong field count).
    var problem: RowProblem? = nil

    /// The value of the canonical field `field` of `kind`; nil when absent or empty.
    func value(of field: String, _ kind: InputKind) -> String? {
        guard let index = kind.fields.firstIndex(of: field), index < values.count, let value = values[index], !value.isEmpty else { return nil }
        return value
    }

    /// What the warning about this row, if rejected, names.
    func rejectPlace(_ kind: InputKind) -> RejectPlace {
        RejectPlace(owner: value(of: kind == .measurements ? "indicator" : "initiative", kind),
                    period: value(of: "period", kind).flatMap(Period.init))
    }
}

/// What a rejected row's warning names, so that a reader knows which figures lack data: the
/// initiative (registers) or indicator (measurements) the row names, and its period.
struct RejectPlace: Sendable {
    var owner: String?
    var period: Period?
}

/// A row that could not be used: the field to blame and a reason a person understands.
struct RowProblem: Error, Equatable {
    var kind: RejectKind
    var field: String?
    var reason: String
    /// The problem is the file's, not the row's: it fails the file whatever `on_error` says.
    var failsFile = false

    init(_ kind: RejectKind, field: String?, reason: String, failsFile: Bool = false) {
        self.kind = kind
        self.field = field
        self.reason = reason
        self.failsFile = failsFile
    }
}

/// What one mapped row turned out to be.
enum RowOutcome<Row> {
    case row(Row)
    /// A required numeric field holds a missing-value token: counted, not stored.
    case missing
    case rejected(RowProblem)
}

struct IndicatorRow: Equatable {
    var indicator: String
    var name, unit: String?
    var polarity: Polarity?
    var aggregation: Aggregation?
    var frequency: PeriodKind?
    var target: Double?
}

struct InitiativeRow: Equatable {
    var initiative, title: String
    var owner, area, description: String?
    var status: InitiativeStatus
    var deadline: CalendarDate?
    var phase: Phase?
    var gainOwner: String?
    var baselineDate, handoverDate: CalendarDate?
    var a3 = A3Text()
}

/// The text of an initiative's A3 sheet; multi-line text is kept as it is.
struct A3Text: Equatable {
    var rationale, currentState, rootCauses, targetState, measurementNote, version: String?
    var date: CalendarDate?
}

/// A row of `actions`: one action (4. Endringstiltak) of an initiative.
struct ActionRow: Equatable {
    var initiative, action: String
    var owner: String?
    var deadline: CalendarDate?
    var status: ActionStatus
    var order: Double?
}

/// A row of `budget_targets`: what `plan` must save in `year` (in `area`, empty for none), in øre.
struct BudgetTargetRow: Equatable {
    var plan: String
    var year: Int
    var area: String
    var amount: Int64
    var label, caseRef: String?
}

/// A row of `gain_comments`; a nil gain type comments on all of the initiative's gain types.
struct CommentRow: Equatable {
    var initiative: String
    var quarter: Quarter
    var gainType: GainType?
    var comment: String
    var author: String?
}

/// A row of `gain_forecasts`: finance's year-end forecast, in hundredths.
struct ForecastRow: Equatable {
    var initiative: String
    var gainType: GainType
    var year: Int
    var amount: Int64
    var comment: String?
}

struct LinkRow: Equatable {
    var initiative, indicator, orgUnit: String
    var gainType: GainType
    var baseline, factor: Double
    var start: Period?
}

struct OrgUnitRow: Equatable {
    var orgUnit, name: String
    var parent: String?
    /// Other codes of the unit, in the order given, without repeats or the unit's own code.
    var aliases: [String]
}

struct MeasurementRow: Equatable {
    var indicator, orgUnit: String
    var period: Period
    var value: Double
}

/// Turns mapped rows of one kind into typed rows, applying SPEC §4–§5: required fields, enum
/// aliases, periods, numbers with the file's decimal mark, and missing-value tokens (in numeric
/// fields only).
struct RowInterpreter {
    let kind: InputKind
    let mark: DecimalMark
    let missing: MissingTokens
    /// `decimal: auto` decided from the start of the file by this value: a number showing the
    /// other mark fails the file.
    let evidence: (text: String, line: Int)?
    private let fields: [String]
    /// Where a measurement row's fields are in `MappedRow.values` (measurements only).
    private let measurementIndices: (indicator: Int, period: Int, value: Int, orgUnit: Int)

    init(kind: InputKind, mark: DecimalMark, missing: MissingTokens, evidence: (text: String, line: Int)? = nil) {
        self.kind = kind
        self.mark = mark
        self.missing = missing
        self.evidence = evidence
        let fields = kind.fields
        self.fields = fields
        measurementIndices = kind == .measurements
            ? (fields.firstIndex(of: "indicator")!, fields.firstIndex(of: "period")!, fields.firstIndex(of: "value")!,
               fields.firstIndex(of: "org_unit")!)
            : (0, 0, 0, 0)
    }

    /// A key or text field's value, nil when absent or empty: missing-value tokens are text
    /// here (an org unit called `NA` is `NA`). Kinds have at most eighteen fields, and only
    /// measurements are read in a hot loop (by index), so a linear search is enough.
    private func value(_ row: MappedRow, _ field: String) -> String? {
        var index = 0
        while fields[index] != field { index += 1 }
        return value(row, at: index)
    }

    private func value(_ row: MappedRow, at index: Int) -> String? {
        guard let text = row.values[index], !text.isEmpty else { return nil }
        return text
    }

    /// A numeric field's text, nil when absent or a missing-value token.
    private func numeric(_ row: MappedRow, _ field: String) -> String? {
        var index = 0
        while fields[index] != field { index += 1 }
        return numeric(row, at: index)
    }

    private func numeric(_ row: MappedRow, at index: Int) -> String? {
        guard let text = row.values[index], !missing.contains(text) else { return nil }
        return text
    }

    private func required(_ row: MappedRow, _ field: String) throws(RowProblem) -> String {
        try required(value(row, field), field)
    }

    /// `text` (a field's value as `value` gives it), or the problem of its absence.
    private func required(_ text: String?, _ field: String) throws(RowProblem) -> String {
        guard let text else { throw RowProblem(.requiredEmpty, field: field, reason: "the required field \(field) has no value (empty or absent)") }
        return text
    }

    /// `listingAliases`: the reason lists the Norwegian aliases too, for values people type.
    private func named<T: NamedValue>(_ row: MappedRow, _ field: String, as type: T.Type,
                                      listingAliases: Bool = false) throws(RowProblem) -> T? {
        guard let text = value(row, field) else { return nil }
        guard let parsed = T(name: text) else {
            let names = listingAliases ? T.acceptedNamesWithAliases : T.acceptedNames
            throw RowProblem(.unknownName, field: field, reason: "'\(text.excerpt)' is not a valid \(field); use one of: \(names)")
        }
        return parsed
    }

    /// A date field (`2025-06-30` or `30.06.2025`), nil when absent or empty.
    private func date(_ row: MappedRow, _ field: String) throws(RowProblem) -> CalendarDate? {
        guard let text = value(row, field) else { return nil }
        guard let date = CalendarDate(text) else {
            throw RowProblem(.invalidDate, field: field, reason: "'\(text.excerpt)' is not a date (2025-06-30 or 30.06.2025)")
        }
        return date
    }

    private func gainType(_ row: MappedRow) throws(RowProblem) -> GainType {
        guard let gainType = try named(row, "gain_type", as: GainType.self) else {
            throw RowProblem(.requiredEmpty, field: "gain_type", reason: "the required field gain_type has no value (empty or absent)")
        }
        return gainType
    }

    /// `kinds` in increasing order; a linear search of at most three beats hashing.
    private func period(_ row: MappedRow, _ field: String, kinds: [PeriodKind]) throws(RowProblem) -> Period {
        try period(value(row, field), field, kinds: kinds)
    }

    private func period(_ text: String?, _ field: String, kinds: [PeriodKind]) throws(RowProblem) -> Period {
        let text = try required(text, field)
        guard let period = Period(text) else { throw RowProblem(.invalidPeriod, field: field, reason: "'\(text.excerpt)' is not a period (2024, 2024K1, 2024M03, 2024-03 or a date)") }
        guard kinds.contains(period.kind) else {
            let allowed = kinds.map(\.name).joined(separator: " or ")
            throw RowProblem(.periodKind, field: field, reason: "'\(text.excerpt)' is a \(period.kind.name); \(field) must be a \(allowed)")
        }
        return period
    }

    /// A numeric field: nil when absent or missing, else the parsed number.
    private func number(_ row: MappedRow, _ field: String) throws(RowProblem) -> ParsedNumber? {
        try number(numeric(row, field), field)
    }

    private func number(_ text: String?, _ field: String) throws(RowProblem) -> ParsedNumber? {
        guard let text else { return nil }
        if let evidence, showsOtherMark(text) {
            throw RowProblem(.invalidNumber, field: field, reason: "the numbers use both decimal marks: '\(evidence.text)' on line \(evidence.line) has a decimal \(mark.rawValue), '\(text)' on this line a decimal \(mark == .comma ? "point" : "comma"); set decimal: comma or decimal: point on the source", failsFile: true)
        }
        switch NumberParser.parse(text, mark: mark) {
        case .success(let number): return number
        case .failure(.tooLarge(let text)): throw RowProblem(.numberTooLarge, field: field, reason: "\(NumberError.tooLarge(text))")
        case .failure(let error):
            throw RowProblem(.invalidNumber, field: field, reason: "\(error) (decimal \(mark.rawValue))" + (Self.hint(text, mark: mark).map { "; \($0)" } ?? ""))
        }
    }

    /// Whether `text` shows the decimal mark that `decimal: auto` did not choose.
    func showsOtherMark(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { showsOtherMark(utf8: $0) }
    }

    func showsOtherMark(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let shown = DecimalMarkVote.mark(utf8: bytes) else { return false }
        return shown != mark
    }

    /// What would have read a rejected number: the other decimal mark, or the number without
    /// the unit written beside it (`800 000 kr`).
    static func hint(_ text: String, mark: DecimalMark) -> String? {
        let other: DecimalMark = mark == .comma ? .point : .comma
        if case .success(let number) = NumberParser.parse(text, mark: other) {
            return "'\(text)' would read as \(number.double) with decimal: \(other.rawValue)"
        }
        let bare = text.trimmingCharacters(in: Self.unitCharacters)
        guard !bare.isEmpty, bare.count < text.count, let range = text.range(of: bare) else { return nil }
        let unit = (text[..<range.lowerBound] + " " + text[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        for candidate in [mark, other] {
            if case .success = NumberParser.parse(bare, mark: candidate) {
                return "'\(text)': remove the unit (\(unit))"
                    + (candidate == mark ? "" : " and set decimal: \(candidate.rawValue)")
            }
        }
        return nil
    }

    /// What may stand around a number as its unit: letters, spaces and a period (`kr.`).
    private static let unitCharacters = CharacterSet.letters.union(.whitespaces).union(["\u{A0}", "."])

    private func amount(_ number: ParsedNumber, _ field: String) throws(RowProblem) -> Amount {
        guard let money = Amount(number) else { throw RowProblem(.amountTooLarge, field: field, reason: "the amount has too many digits") }
        return money
    }

    func indicator(_ row: MappedRow) -> RowOutcome<IndicatorRow> {
        interpret {
            IndicatorRow(indicator: try required(row, "indicator"), name: value(row, "name"), unit: value(row, "unit"),
                         polarity: try named(row, "polarity", as: Polarity.self),
                         aggregation: try named(row, "aggregation", as: Aggregation.self),
                         frequency: try named(row, "frequency", as: PeriodKind.self),
                         target: try number(row, "target")?.double)
        }
    }

    func initiative(_ row: MappedRow) -> RowOutcome<InitiativeRow> {
        interpret {
            let deadline = try date(row, "deadline")
            let a3 = A3Text(rationale: value(row, "rationale"), currentState: value(row, "current_state"),
                            rootCauses: value(row, "root_causes"), targetState: value(row, "target_state"),
                            measurementNote: value(row, "measurement_note"), version: value(row, "a3_version"),
                            date: try date(row, "a3_date"))
            return InitiativeRow(initiative: try required(row, "initiative"), title: try required(row, "title"),
                                 owner: value(row, "owner"), area: value(row, "area"), description: value(row, "description"),
                                 status: try named(row, "status", as: InitiativeStatus.self, listingAliases: true) ?? .active,
                                 deadline: deadline, phase: try named(row, "phase", as: Phase.self, listingAliases: true),
                                 gainOwner: value(row, "gain_owner"), baselineDate: try date(row, "baseline_date"),
                                 handoverDate: try date(row, "handover_date"), a3: a3)
        }
    }

    func action(_ row: MappedRow) -> RowOutcome<ActionRow> {
        interpret {
            ActionRow(initiative: try required(row, "initiative"), action: try required(row, "action"), owner: value(row, "owner"),
                      deadline: try date(row, "deadline"),
                      status: try named(row, "status", as: ActionStatus.self, listingAliases: true) ?? .notStarted,
                      order: try number(row, "order")?.double)
        }
    }

    /// `gain_plans` (quarter or year) and `gains_reported` (quarter).
    func amount(_ row: MappedRow) -> RowOutcome<AmountRow> {
        interpret {
            let initiative = try required(row, "initiative")
            let gainType = try gainType(row)
            let period = try period(row, "period", kinds: kind == .gainPlans ? Self.quarterOrYear : Self.quarterOnly)
            guard let number = try number(row, "amount") else { throw Missing() }
            return AmountRow(initiative: initiative, gainType: gainType, period: period, amount: try amount(number, "amount").hundredths)
        }
    }

    func link(_ row: MappedRow) -> RowOutcome<LinkRow> {
        interpret {
            let initiative = try required(row, "initiative")
            let indicator = try required(row, "indicator")
            let gainType = try gainType(row)
            let factor = try number(row, "factor")?.double ?? 1
            var start: Period?
            if value(row, "start") != nil { start = try period(row, "start", kinds: Self.quarterOnly) }
            guard let baseline = try number(row, "baseline") else { throw Missing() }
            return LinkRow(initiative: initiative, indicator: indicator, orgUnit: value(row, "org_unit") ?? OrgUnit.total,
                           gainType: gainType, baseline: baseline.double, factor: factor, start: start)
        }
    }

    /// An org unit: `aliases` is `;`-separated, each alias trimmed; a unit cannot be its own parent.
    func orgUnit(_ row: MappedRow) -> RowOutcome<OrgUnitRow> {
        interpret {
            let code = try required(row, "org_unit")
            let name = try required(row, "name")
            let parent = value(row, "parent")
            if parent == code {
                throw RowProblem(.orgUnitConflict, field: "parent", reason: "the org unit \(code.excerpt) cannot be its own parent")
            }
            var aliases: [String] = []
            for part in (value(row, "aliases") ?? "").split(separator: ";") {
                let alias = String(part).trimmingSpaces
                guard !alias.isEmpty, alias != code, !aliases.contains(alias) else { continue }
                aliases.append(alias)
            }
            return OrgUnitRow(orgUnit: code, name: name, parent: parent, aliases: aliases)
        }
    }

    /// A savings requirement: not negative, and in a plan whose name holds a range of years
    /// (`B+Ø 2025–2028`) within that range. The plan defaults to the source's id.
    func budgetTarget(_ row: MappedRow, source: String) -> RowOutcome<BudgetTargetRow> {
        interpret {
            let year = try period(row, "year", kinds: Self.yearOnly).year
            let plan = value(row, "plan") ?? source
            if let years = Self.years(named: plan), !years.contains(year) {
                throw RowProblem(.outOfRange, field: "year", reason: "\(year) is outside the plan \(plan.excerpt), which runs \(years.lowerBound)–\(years.upperBound)")
            }
            guard let number = try number(row, "amount") else { throw Missing() }
            let amount = try amount(number, "amount").hundredths
            guard amount >= 0 else {
                throw RowProblem(.outOfRange, field: "amount", reason: "the savings requirement \(Amount(hundredths: amount)) is negative; a requirement is what the plan must save, 0 or more")
            }
            return BudgetTargetRow(plan: plan, year: year, area: value(row, "area") ?? Area.none, amount: amount,
                                   label: value(row, "label"), caseRef: value(row, "case_ref"))
        }
    }

    /// The years a plan's name spans: two four-digit years joined by `-` or `–` (`2025–2028`).
    static func years(named plan: String) -> ClosedRange<Int>? {
        let scalars = Array(plan.unicodeScalars)
        func year(at index: Int) -> Int? {
            guard index >= 0, index + 4 <= scalars.count,
                  scalars[index..<index + 4].allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
            if index > 0, ("0"..."9").contains(scalars[index - 1]) { return nil }
            if index + 4 < scalars.count, ("0"..."9").contains(scalars[index + 4]) { return nil }
            return Int(String(String.UnicodeScalarView(scalars[index..<index + 4])))
        }
        for index in scalars.indices where scalars[index] == "-" || scalars[index] == "–" {
            if let first = year(at: index - 4), let last = year(at: index + 1), first <= last { return first...last }
        }
        return nil
    }

    func comment(_ row: MappedRow) -> RowOutcome<CommentRow> {
        interpret {
            let initiative = try required(row, "initiative")
            let quarter = Quarter(ordinal: try period(row, "period", kinds: Self.quarterOnly).ordinal)
            return CommentRow(initiative: initiative, quarter: quarter, gainType: try named(row, "gain_type", as: GainType.self),
                              comment: try required(row, "comment"), author: value(row, "author"))
        }
    }

    func forecast(_ row: MappedRow) -> RowOutcome<ForecastRow> {
        interpret {
            let initiative = try required(row, "initiative")
            let gainType = try gainType(row)
            let year = try period(row, "year", kinds: Self.yearOnly).year
            guard let number = try number(row, "amount") else { throw Missing() }
            return ForecastRow(initiative: initiative, gainType: gainType, year: year, amount: try amount(number, "amount").hundredths,
                               comment: value(row, "comment"))
        }
    }

    /// The checks of the other kinds in the same order, with the field positions known in advance
    /// and no error thrown for a missing number: this runs once per measurement.
    func measurement(_ row: MappedRow) -> RowOutcome<MeasurementRow> {
        let at = measurementIndices
        do throws(RowProblem) {
            let indicator = try required(value(row, at: at.indicator), "indicator")
            let period = try period(value(row, at: at.period), "period", kinds: Self.anyKind)
            guard let number = try number(numeric(row, at: at.value), "value") else { return .missing }
            return .row(MeasurementRow(indicator: indicator, orgUnit: value(row, at: at.orgUnit) ?? OrgUnit.total, period: period,
                                       value: number.double))
        } catch {
            return .rejected(error)
        }
    }

    private static let quarterOnly: [PeriodKind] = [.quarter]
    private static let quarterOrYear: [PeriodKind] = [.quarter, .year]
    private static let yearOnly: [PeriodKind] = [.year]
    private static let anyKind: [PeriodKind] = [.month, .quarter, .year]

    private struct Missing: Error {}

    /// Runs a conversion; a `Missing` thrown after every other field was checked means the row
    /// only lacks its required number.
    private func interpret<Row>(_ body: () throws -> Row) -> RowOutcome<Row> {
        do {
            return .row(try body())
        } catch let problem as RowProblem {
            return .rejected(problem)
        } catch {
            return .missing
        }
    }
}
