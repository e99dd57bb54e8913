import GevinstCore

/// The sections of KS's A3 sheet, in the order the sheet numbers them.
enum A3Section: Int, CaseIterable {
    case rationale = 1, currentState, targetState, actions, measurement

    /// The section's name without its number.
    var name: Phrase {
        switch self {
        case .rationale: .a3Rationale
        case .currentState: .a3CurrentState
        case .targetState: .a3TargetState
        case .actions: .a3Actions
        case .measurement: .a3Measurement
        }
    }

    /// The template's guiding question, shown small under the title and, greyed, in an empty section.
    var question: Phrase {
        switch self {
        case .rationale: .a3AskRationale
        case .currentState: .a3AskCurrentState
        case .targetState: .a3AskTargetState
        case .actions: .a3AskActions
        case .measurement: .a3AskMeasurement
        }
    }
}

/// What the HTML and Markdown versions of an A3 sheet share: the header's facts, the actions'
/// cells and the sentences of section 5, in the report's language.
struct A3Content {
    let sheet: A3Sheet
    let format: HumanFormat
    let pipelineTitle: String
    let asOf: Quarter?
    /// The comments on the gains of the latest quarter up to as_of (`gain_comments`).
    var comments: [GainComment] = []

    var text: Localization { format.text }

    /// `T01 Tittel`, as the main report names the initiative.
    var title: String { sheet.info.title.map { "\(sheet.info.id) \($0)" } ?? sheet.info.id }

    /// The header's facts in the template's order (owner, area, status, date, version), with the
    /// phase and the gain owner after the status.
    var facts: [(label: String, value: String)] {
        var facts: [(String, String)] = []
        if let owner = sheet.info.owner { facts.append((text[.colOwner], owner)) }
        if let area = sheet.info.area { facts.append((text[.colArea], area)) }
        if let status = sheet.info.status {
            var value = format.initiativeStatus(status)
            if let deadline = sheet.info.deadline { value += ", " + text(.deadline, ["date": format.date(deadline)]) }
            facts.append((text[.a3Status], value))
        }
        if let phase = sheet.info.phase { facts.append((text[.a3Phase], Phase(name: phase).map(format.phase) ?? phase)) }
        if let owner = sheet.info.gainOwner { facts.append((text[.a3GainOwner], owner)) }
        facts.append((text[.a3Date], sheet.date.map(format.date) ?? "–"))
        facts.append((text[.a3Version], sheet.version ?? "–"))
        return facts
    }

    /// `Tal til og med K3 2025`.
    var figuresThrough: String {
        asOf.map { text(.figuresThrough, ["as_of": format.period($0.period)]) } ?? text[.noGainsComputed]
    }

    /// An action's cells: action, responsible, deadline, status (with "over fristen" when overdue).
    func cells(_ action: A3Sheet.Action) -> [String] {
        var status = action.status.map(format.actionStatus) ?? "–"
        if action.overdue { status += " – " + text[.a3Overdue] }
        return [action.action, action.owner ?? "–", action.deadline.map(format.date) ?? "–", status]
    }

    /// The link's indicator by name and code, with its org unit and gain type.
    func name(_ link: A3Sheet.LinkSeries) -> String {
        let indicator = link.name.map { "\($0) (\(link.indicator))" } ?? link.indicator
        return "\(indicator), \(format.orgUnit(link.orgUnit)) – \(gainTypes(link))"
    }

    /// The gain types a link's series measures, lower case: `effektivisering og tid`.
    func gainTypes(_ link: A3Sheet.LinkSeries) -> String {
        let names = link.gainTypes.map { format.gainType($0).lowercased() }
        guard let last = names.last, names.count > 1 else { return names.first ?? "" }
        return text(.pairPattern, ["first": names.dropLast().joined(separator: ", "), "second": last])
    }

    func value(_ number: Double, _ link: A3Sheet.LinkSeries) -> String {
        format.number(number) + (link.unit.map { " \($0)" } ?? "")
    }

    /// The link's baseline with its unit, per month beside per quarter for a monthly sum.
    func baseline(_ link: A3Sheet.LinkSeries) -> String {
        link.chartBaseline.text(format) { value($0, link) }
    }

    /// `Utgangsverdi 9,8 % · Mål 7,5 % · Start K1 2025 · Siste 8,6 % (august 2025) · Trend sidan start: 1,2 % betring`.
    func figures(_ link: A3Sheet.LinkSeries) -> String {
        var parts = ["\(text[.a3Baseline]) \(baseline(link))"]
        if let target = link.target { parts.append("\(text[.colTarget]) \(value(target, link))") }
        if let start = link.start { parts.append("\(text[.a3LinkStart]) \(format.period(start.period))") }
        if let last = link.points.last { parts.append("\(text[.a3Latest]) \(value(last.value, link)) (\(format.period(last.period)))") }
        if let improvement = link.improvement, link.polarity != .neutral {
            let direction = improvement > 0 ? text[.assessImproving] : improvement < 0 ? text[.assessWorsening] : text[.assessStable]
            parts.append("\(text[.a3TrendSince]): \(value(abs(improvement), link)) \(direction)")
        }
        return parts.joined(separator: " · ")
    }

    /// `Budsjett: 120 000 kr av 150 000 kr planlagt til no (80 %)`.
    func figures(_ gain: (series: CumulativeSeries, figure: GainFigure)) -> String {
        let figure = gain.figure
        var line = "\(format.gainType(figure.gainType)): "
        line += text(.summaryFigure, ["realised": format.amount(figure.cumRealised ?? 0, figure.unit),
                                      "planned": format.amount(figure.cumPlanned, figure.unit)])
        if let rate = figure.rate { line += " (\(format.percent(rate)))" }
        return line
    }
}
