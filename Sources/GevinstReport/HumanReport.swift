import GevinstCore

/// A cell of a human report's table.
enum TableCell {
    case text(String)
    /// A traffic light, shown with its symbol and word (and colour in HTML).
    case light(GainStatus)
}

/// A table as the HTML and Markdown reports show it, in the report's language.
struct ReportTable {
    struct Column {
        let title: String
        let numeric: Bool
        /// Shown in HTML as a line under the first column's cell rather than as a column of its own.
        var secondary = false
    }

    let columns: [Column]
    let rows: [[TableCell]]
    /// Said under the table when it shows fewer rows than there are.
    let capNote: String?
}

/// One gain type's line of the summary.
struct SummaryItem {
    let gainType: String
    /// `78,4 %`, nil when nothing was planned to date.
    let rate: Double?
    let rateText: String?
    /// `1 234,00 kr av 1 575,00 kr`.
    let figures: String
    let deviation: String?
    let light: GainStatus
    /// Said on the card when double counting inflates the total.
    let doubleCount: String?
}

/// The words, figures and tables that the HTML and Markdown reports share.
/// A finding as a report lists it: its severity, the severity's word and its sentence.
typealias ListedFinding = (severity: Severity, label: String, message: String)

struct HumanReport {
    let content: ReportContent
    let format: HumanFormat
    /// The files this run writes, for the pointer to the machine formats.
    let machineFiles: [String]
    /// The budget plans and the comments on the gains.
    var budget = BudgetContent()
    /// The A3 sheets written, which the report lists at its end.
    var a3Sheets: [A3Link] = []

    var text: Localization { format.text }

    var title: String { "\(text[.reportTitle]) – \(content.metadata.title)" }

    var asOfText: String? { content.metadata.asOf.map { format.period($0.period) } }

    var lead: String {
        asOfText.map { text(.figuresThrough, ["as_of": $0]) } ?? text[.noGainsComputed]
    }

    var summaryIntro: String? {
        guard let asOfText, !content.summary.isEmpty else { return nil }
        return text(.summaryIntro, ["as_of": asOfText])
    }

    var summary: [SummaryItem] {
        content.summary.map { figure in
            let planned = format.amount(figure.cumPlanned, figure.unit)
            let realised = format.amount(figure.cumRealised ?? 0, figure.unit)
            let rate = figure.cumPlanned == 0 ? nil : figure.rate
            return SummaryItem(
                gainType: format.gainType(figure.gainType), rate: rate, rateText: rate.map(format.percent),
                figures: rate == nil
                    ? text(.summaryNothingPlanned, ["as_of": asOfText ?? "–"])
                    : text(.summaryFigure, ["realised": realised, "planned": planned]),
                deviation: figure.deviation.map { "\(text[.colDeviation]): \(format.amount($0, figure.unit))" },
                light: figure.light, doubleCount: doubleCountNote(figure.gainType))
        }
    }

    /// Quality gains, one line per initiative: levels in their own units, never in a total.
    var summaryQuality: [(text: String, light: GainStatus)] {
        content.initiativeRows.filter { $0.figure.gainType == .quality }.map { row in
            let figure = row.figure
            let planned = figure.light == .future ? "–" : format.amount(figure.cumPlanned, figure.unit)
            return (text(.summaryQualityItem, ["name": initiativeName(row.initiative), "planned": planned,
                                               "realised": figure.cumRealised.map { format.amount($0, figure.unit) } ?? "–"]),
                    figure.light)
        }
    }

    /// The kinds of warning that change the reading of the figures, shown at the top of the report.
    static let topKinds: Set<FindingKind> = [.rowsRejected, .fileFailed, .linkWithoutMeasurements, .linkRefused,
                                             .doubleCount, .futurePeriod, .asOfInFuture]

    /// The warnings shown at the top, each with the name of the initiative it affects.
    var topWarnings: [(initiative: String?, message: String)] {
        let messages = FindingMessages(format: format)
        return content.findings.topWarnings.map { finding in
            (finding.initiative.map { initiativeName(content.initiativeInfo[$0] ?? InitiativeInfo(id: $0)) }, messages.message(finding))
        }
    }

    var topWarningsCapNote: String? {
        let total = content.findings.topWarningCount
        guard total > ReportCaps.warningsListed else { return nil }
        return text(.warningsCapped, ["shown": String(ReportCaps.warningsListed), "total": String(total), "file": "findings.csv"])
    }

    /// `● Grøn: 12 · ▲ Gul: 3 …`, over every initiative and gain type.
    var lightCounts: String? {
        guard content.initiativeRowCount > 0 else { return nil }
        let counts = GainStatus.allCases.compactMap { light in
            content.lightCounts[light].map { "\(light.label(text)): \($0)" }
        }
        return "\(text[.lightCountsIntro]) \(counts.joined(separator: " · "))"
    }

    /// The lights' thresholds, and what ⚠ beside an initiative means when a row has it.
    var legend: String {
        let lights = text(.lightLegend, ["green": format.percent(content.thresholds.green),
                                         "yellow": format.percent(content.thresholds.yellow), "as_of": asOfText ?? "–"])
        let warned = content.initiativeRows.contains { content.findings.warned.contains($0.initiative.id) }
        return warned ? "\(lights) \(text[.warnedRowNote])" : lights
    }

    func capNote(shown: Int, total: Int, file: String) -> String? {
        shown < total ? text(.rowsCapped, ["shown": String(shown), "total": String(total), "file": file]) : nil
    }

    func initiativeName(_ info: InitiativeInfo) -> String {
        info.title.map { "\(info.id) \($0)" } ?? info.id
    }

    /// The initiative's name, marked ⚠ when a warning finding concerns it.
    func warnedName(_ info: InitiativeInfo) -> String {
        initiativeName(info) + (content.findings.warned.contains(info.id) ? " \(text[.warningMark])" : "")
    }

    /// `Ansvarleg: … · Område: … · pågår, frist 31. desember 2026`.
    func initiativeFacts(_ info: InitiativeInfo) -> String {
        guard info.title != nil else { return text[.notInRegister] }
        var facts: [String] = []
        if let owner = info.owner { facts.append(text(.ownerLabel, ["owner": owner])) }
        if let area = info.area { facts.append(text(.areaLabel, ["area": area])) }
        var state = info.status.map(format.initiativeStatus) ?? ""
        if let deadline = info.deadline {
            state += (state.isEmpty ? "" : ", ") + text(.deadline, ["date": format.date(deadline)])
        }
        if !state.isEmpty { facts.append(state) }
        return facts.joined(separator: " · ")
    }

    /// Where the initiative stands in its life: `Fase: gjennomføre · Gevinsteigar: … · Utgangspunkt målt
    /// 31. januar 2024 · Overført til linja …`; nil when the register gives none of these.
    func lifecycleFacts(_ info: InitiativeInfo) -> String? {
        var facts: [String] = []
        if let phase = info.phase {
            facts.append(text(.phaseLabel, ["phase": Phase(name: phase).map(format.phase) ?? phase]))
        }
        if let owner = info.gainOwner { facts.append(text(.gainOwnerLabel, ["owner": owner])) }
        if let date = info.baselineDate { facts.append(text(.baselineDateLabel, ["date": format.date(date)])) }
        if let date = info.handoverDate { facts.append(text(.handoverDateLabel, ["date": format.date(date)])) }
        return facts.isEmpty ? nil : facts.joined(separator: " · ")
    }

    /// The findings that name an initiative, worded as in the findings section.
    func initiativeFindings(_ id: String) -> [ListedFinding] {
        listed(content.findings.initiativeFindings[id] ?? [])
    }

    /// A key that starts after as_of has nothing planned to date: its figures show as `–`.
    private func figureCells(_ figure: GainFigure) -> [TableCell] {
        [.text(figure.gainType == .quality ? text[.gainQualityLevel] : format.gainType(figure.gainType)),
         .text(figure.light == .future ? "–" : format.amount(figure.cumPlanned, figure.unit)),
         .text(figure.cumRealised.map { format.amount($0, figure.unit) } ?? "–"),
         .text(figure.deviation.map { format.amount($0, figure.unit) } ?? "–"),
         .text(figure.rate.map(format.percent) ?? "–"), .light(figure.light)]
    }

    private var figureColumns: [ReportTable.Column] {
        [.init(title: text[.colGainType], numeric: false), .init(title: text[.colPlannedToDate], numeric: true),
         .init(title: text[.colRealisedToDate], numeric: true), .init(title: text[.colDeviation], numeric: true),
         .init(title: text[.colRate], numeric: true), .init(title: text[.colLight], numeric: false)]
    }

    /// The comment of the as_of quarter stands beside its row, when any row has one.
    var initiativeTable: ReportTable {
        let comments = budget.hasCurrentComments
        return ReportTable(
            columns: [.init(title: text[.colInitiative], numeric: false),
                      .init(title: text[.colOwner], numeric: false, secondary: true),
                      .init(title: text[.colArea], numeric: false, secondary: true),
                      .init(title: text[.colRealisedSource], numeric: false, secondary: true)] + figureColumns
                + (comments ? [.init(title: text[.budgetColComment], numeric: false)] : []),
            rows: content.initiativeRows.map { row in
                [.text(warnedName(row.initiative)),
                 .text(row.initiative.owner ?? "–"),
                 .text(row.initiative.area ?? "–"),
                 .text(realisedSource(row.initiative.id, row.figure.gainType))] + figureCells(row.figure)
                    + (comments ? [.text(commentText(row.initiative.id, row.figure.gainType))] : [])
            },
            capNote: capNote(shown: content.initiativeRows.count, total: content.initiativeRowCount,
                             file: TableExport.gains.file))
    }

    /// Areas; the all-areas row of a gain type that double counting inflates is marked ⚠.
    var areaTable: ReportTable {
        ReportTable(columns: [.init(title: text[.colArea], numeric: false)] + figureColumns,
                    rows: content.areaRows.map { row in
                        let inflated = row.key == Area.all && doubleCountNote(row.gainType) != nil
                        return [.text(format.area(row.key) + (inflated ? " \(text[.warningMark])" : ""))] + figureCells(row)
                    }, capNote: nil)
    }

    /// Where the realised figures of a key up to as_of come from, in words.
    func realisedSource(_ initiative: String, _ type: GainType) -> String {
        guard let source = content.realisedSources[initiative]?[type], source.reported + source.derived > 0 else {
            return text[.sourceNone]
        }
        let indicators = source.indicators.map { indicatorName($0.indicator, $0.name) }.joined(separator: ", ")
        if source.derived == 0 { return text[.sourceReported] }
        if source.reported == 0 { return text(.sourceDerived, ["indicators": indicators]) }
        return text(.sourceMixed, ["reported": String(source.reported), "derived": String(source.derived), "indicators": indicators])
    }

    /// What each gain type means: only budget gains release money.
    var gainLegend: [String] {
        [text[.legendBudget], text[.legendEfficiency], text[.legendTime], text[.legendQuality]]
    }

    /// The warning on a total of `type` that double counting inflates, naming the initiatives.
    func doubleCountNote(_ type: GainType) -> String? {
        let pairs = content.findings.doubleCounts.filter { finding in
            finding.details["gain_type"].flatMap(GainType.init(name:)) == type
        }.compactMap { finding in
            finding.initiative.map { text(.pairPattern, ["first": $0, "second": finding.relatedInitiative ?? "–"]) }
        }
        guard !pairs.isEmpty else { return nil }
        return text(.doubleCountMark, ["pairs": Array(Set(pairs)).sorted().joined(separator: ", ")])
    }

    // MARK: The as_of year

    var yearHeading: String? {
        content.metadata.asOf.map { text(.yearHeading, ["year": String($0.period.year)]) }
    }

    var yearIntro: String? {
        guard let asOf = content.metadata.asOf else { return nil }
        return text(.yearIntro, ["year": String(asOf.period.year), "as_of": format.period(asOf.period)])
    }

    /// One card per flow gain type: the year's forecast (its big figure), plan and realised so far.
    var yearCards: [(gainType: GainType, title: String, forecast: String, lines: [String], light: GainStatus?)] {
        content.yearTotals.map { total in
            let forecast = total.forecast ?? total.planned
            return (total.gainType, format.gainType(total.gainType), format.amount(forecast, total.unit), [
                text(.yearPlanned, ["amount": format.amount(total.planned, total.unit)]),
                text(.yearRealised, ["realised": format.amount(total.realisedYTD ?? 0, total.unit),
                                     "planned": format.amount(total.plannedYTD, total.unit)]),
                text(.yearForecast, ["amount": format.amount(forecast, total.unit),
                                     "deviation": format.amount(forecast &- total.planned, total.unit)]),
            ], forecastLight(planned: total.planned, forecast: forecast))
        }
    }

    /// The forecast's light against the year's plan, by the report's thresholds.
    private func forecastLight(planned: Int64, forecast: Int64) -> GainStatus? {
        guard planned > 0 else { return nil }
        let rate = Double(forecast) / Double(planned)
        return rate >= content.thresholds.green ? .green : rate >= content.thresholds.yellow ? .yellow : .red
    }

    /// How a row's forecast came about.
    private func forecastSource(_ row: YearFigure) -> String {
        if row.forecastSource == .finance { return text[.forecastByFinance] }
        if row.gainType == .quality { return text[.forecastLevel] }
        if row.plannedYTD == row.planned, row.planned != 0 { return text[.forecastYearDone] }
        if let rate = row.rateYTD { return text(.forecastByRate, ["rate": format.percent(rate)]) }
        return text[.forecastAsPlanned]
    }

    var yearTable: ReportTable {
        ReportTable(
            columns: [.init(title: text[.colInitiative], numeric: false), .init(title: text[.colGainType], numeric: false),
                      .init(title: text[.colYearPlanned], numeric: true), .init(title: text[.colPlannedYTD], numeric: true),
                      .init(title: text[.colRealisedYTD], numeric: true), .init(title: text[.colForecast], numeric: true),
                      .init(title: text[.colForecastSource], numeric: false)],
            rows: content.yearRows.map { row in
                let info = row.initiative ?? InitiativeInfo(id: "–")
                return [.text(warnedName(info)),
                        .text(row.gainType == .quality ? text[.gainQualityLevel] : format.gainType(row.gainType)),
                        .text(format.amount(row.planned, row.unit)), .text(format.amount(row.plannedYTD, row.unit)),
                        .text(row.realisedYTD.map { format.amount($0, row.unit) } ?? "–"),
                        .text(row.forecast.map { format.amount($0, row.unit) } ?? "–"), .text(forecastSource(row))]
            },
            capNote: capNote(shown: content.yearRows.count, total: content.yearRowCount, file: TableExport.gainsByYear.file))
    }

    /// A statistic of an indicator, with at most two decimals.
    func value(_ value: Double?) -> String { value.map { format.number($0) } ?? "–" }

    func indicatorName(_ indicator: String, _ name: String?) -> String {
        name.map { "\($0) (\(indicator))" } ?? indicator
    }

    var trendTable: ReportTable {
        ReportTable(
            columns: [.init(title: text[.colIndicator], numeric: false), .init(title: text[.colOrgUnit], numeric: false),
                      .init(title: text[.colUnit], numeric: false),
                      .init(title: text[.colFrequency], numeric: false), .init(title: text[.colLatestPeriod], numeric: false),
                      .init(title: text[.colLatestValue], numeric: true), .init(title: text[.colChangeYoY], numeric: true),
                      .init(title: text[.colTrend], numeric: false), .init(title: text[.colAssessment], numeric: false),
                      .init(title: text[.colTarget], numeric: true)],
            rows: content.trendRows.map { row in
                [.text(indicatorName(row.indicator, row.name)), .text(format.orgUnit(row.orgUnit)), .text(row.unit ?? "–"),
                 .text(format.frequency(row.frequency)), .text(row.lastPeriod.map(format.period) ?? "–"),
                 .text(value(row.lastValue)), .text(value(row.changeYoY)), .text(format.trend(row.trend)),
                 .text(format.assessment(row.assessment)), .text(value(row.target))]
            },
            capNote: capNote(shown: content.trendRows.count, total: content.trendCount, file: TableExport.trends.file))
    }

    // MARK: Indicators

    /// Control limits as a chart draws them: a lower limit below 0 is raised to 0 when no value of the
    /// series is negative, an upper limit above 100 lowered to 100 for a percentage whose values all lie
    /// in 0–100. Such values cannot leave the bounds, so no signal changes. Nil without limits.
    static func drawnLimits(_ data: TrendChartData) -> (lower: Double, upper: Double, clamped: Bool)? {
        guard var lower = data.lower, var upper = data.upper else { return nil }
        let values = data.points.map(\.value)
        var clamped = false
        if lower < 0, !values.isEmpty, values.allSatisfy({ $0 >= 0 }) {
            lower = 0
            clamped = true
        }
        if upper > 100, let unit = data.summary.unit, HumanFormat.percentUnits.contains(unit.lowercased()),
           !values.isEmpty, values.allSatisfy({ $0 >= 0 && $0 <= 100 }) {
            upper = 100
            clamped = true
        }
        return (lower, max(lower, upper), clamped)
    }

    /// The ordinal, in a series of `kind`, of the first period of `quarter`.
    static func ordinal(of quarter: Quarter, in kind: PeriodKind) -> Int {
        quarter.period.year * kind.periodsPerYear + (quarter.period.indexInYear - 1) * kind.periodsPerYear / 4
    }

    /// The gain links that use a series, each with its baseline and start, and how the series moved since.
    func linkLines(_ data: TrendChartData) -> [String] {
        let summary = data.summary
        guard let marks = content.linkMarks[summary.indicator]?[summary.orgUnit], !marks.isEmpty,
              let kind = data.points.first?.period.kind else { return [] }
        var lines: [String] = []
        for mark in marks {
            let start = mark.start.map { format.period($0.period) } ?? "–"
            var line = text(.linkUse, ["initiative": initiativeName(mark.initiative),
                                       "gain_type": format.gainType(mark.gainType).lowercased(),
                                       "start": start, "baseline": baseline(mark, data).text])
            if let startQuarter = mark.start,
               let first = data.points.first(where: { $0.period.ordinal >= HumanReport.ordinal(of: startQuarter, in: kind) }),
               let last = data.points.last, last.period.ordinal > first.period.ordinal {
                let change = last.value - first.value
                line += " " + text(.sinceStart, [
                    "first": format.number(first.value), "first_period": format.period(first.period),
                    "last": format.number(last.value), "last_period": format.period(last.period),
                    "change": format.number(change), "assessment": direction(change, summary.polarity).map(format.assessment),
                ].compactMapValues { $0 })
            }
            lines.append(line)
        }
        if let first = data.points.first, let last = data.points.last {
            let assessment = summary.assessment == .notApplicable ? nil : format.assessment(summary.assessment)
            lines.append(text(.longTrend, ["from": format.period(first.period), "to": format.period(last.period),
                                           "trend": format.trend(summary.trend), "assessment": assessment].compactMapValues { $0 }))
        }
        return lines
    }

    /// A link's baseline on the scale of a series' chart (`LinkBaseline`).
    func baseline(_ mark: LinkMark, _ data: TrendChartData) -> (value: Double, text: String) {
        let baseline = LinkBaseline(mark.baseline, kind: data.points.first?.period.kind, aggregation: data.summary.aggregation)
        return (baseline.perPoint, baseline.text(format) { format.number($0) })
    }

    /// Better or worse by the indicator's polarity; nil when it has none.
    private func direction(_ change: Double, _ polarity: Polarity?) -> TrendAssessment? {
        switch polarity {
        case .higherIsBetter: change > 0 ? .improving : change < 0 ? .worsening : .stable
        case .lowerIsBetter: change < 0 ? .improving : change > 0 ? .worsening : .stable
        case .neutral, nil: nil
        }
    }

    var findingsIntro: String {
        let findings = content.findings
        guard findings.count > 0 else { return text[.findingsNone] }
        return text(.findingsIntro, ["count": String(findings.count), "warnings": String(findings.warnings),
                                     "infos": String(findings.count - findings.warnings)])
    }

    var findingsByKind: ReportTable {
        let counts = content.findings.byKind
        return ReportTable(
            columns: [.init(title: text[.colKind], numeric: false), .init(title: text[.colCount], numeric: true)],
            rows: FindingKind.allCases.compactMap { kind in
                counts[kind].map { [.text(text[FindingMessages.title(kind)]), .text(String($0))] }
            },
            capNote: nil)
    }

    /// The first findings, each as its severity and sentence.
    var findingsListed: [ListedFinding] { listed(content.findings.first) }

    private func listed(_ findings: some Sequence<Finding>) -> [ListedFinding] {
        let messages = FindingMessages(format: format)
        return findings.map { ($0.severity, format.severity($0.severity), messages.message($0)) }
    }

    var findingsCapNote: String? {
        capNote(shown: min(content.findings.count, ReportCaps.findingsListed), total: content.findings.count,
                file: "findings.csv")
    }

    var rejectsIntro: String {
        content.rejectCount == 0
            ? text[.rejectsNone]
            : text(.rejectsIntro, ["count": String(content.rejectCount), "file": TableExport.rejects.file])
    }

    /// Rejects with their position as `file:line` or `file:line:column`. The importer words its
    /// reasons in English: an English report shows that sentence, a Norwegian one the reason's kind
    /// in its language (the sentence stays in `rejects.csv`).
    var rejectsTable: ReportTable {
        let titles: [Phrase] = [.colSource, .colFile, .colField, .colReason, .colText]
        return ReportTable(
            columns: titles.map { .init(title: text[$0], numeric: false) },
            rows: content.rejects.map { reject in
                let reason = text.language == .en ? reject.reason : reject.kind.map { text[$0.phrase] } ?? reject.reason
                return [.text(reject.source), .text(placeText(reject.file, line: reject.line, column: reject.column)), .text(reject.field.map(format.field) ?? "–"),
                        .text(reason), .text(reject.text ?? "")]
            },
            capNote: capNote(shown: content.rejects.count, total: content.rejectCount, file: TableExport.rejects.file))
    }

    var freshnessLines: [String] {
        var lines: [String] = []
        if let finished = content.metadata.finishedAt("gains"), let asOfText {
            lines.append(text(.freshnessGains, ["time": format.timestamp(finished), "as_of": asOfText]))
        }
        if let finished = content.metadata.finishedAt("trends") {
            lines.append(text(.freshnessTrends, ["time": format.timestamp(finished)]))
        }
        if let imported = content.sources.map(\.lastImported).max() {
            lines.append(text(.freshnessImport, ["time": format.timestamp(imported)]))
        }
        for file in content.metadata.files {
            guard let published = file.published else { continue }
            lines.append(text(.freshnessPublished, ["file": file.path, "source": file.source, "date": format.date(String(published.prefix(10)))]))
        }
        return lines
    }

    var freshnessTable: ReportTable {
        ReportTable(
            columns: [.init(title: text[.colIndicator], numeric: false), .init(title: text[.colLatestPeriod], numeric: false),
                      .init(title: text[.colSeries], numeric: true)],
            rows: content.freshness.map { row in
                [.text(indicatorName(row.indicator, row.name)),
                 .text(row.latestPeriod.map(format.period) ?? "–"), .text(String(row.series))]
            },
            capNote: capNote(shown: content.freshness.count, total: content.indicatorCount, file: TableExport.trends.file))
    }

    var sourcesTable: ReportTable {
        ReportTable(
            columns: [.init(title: text[.colSource], numeric: false), .init(title: text[.colFiles], numeric: true),
                      .init(title: text[.colLastImported], numeric: false)],
            rows: content.sources.map { [.text($0.source), .text(String($0.files)), .text(format.timestamp($0.lastImported))] },
            capNote: nil)
    }

    var machineFilesLine: String? {
        machineFiles.isEmpty ? nil : text(.machineFiles, ["files": machineFiles.joined(separator: ", ")])
    }
}

extension RejectKind {
    /// How a report names this kind of reject.
    var phrase: Phrase {
        switch self {
        case .fieldCount: .rejectFieldCount
        case .nulByte: .rejectNulByte
        case .requiredEmpty: .rejectRequiredEmpty
        case .unknownName: .rejectUnknownName
        case .invalidPeriod: .rejectInvalidPeriod
        case .periodKind: .rejectPeriodKind
        case .coarserThanFrequency: .rejectCoarserThanFrequency
        case .invalidNumber: .rejectInvalidNumber
        case .numberTooLarge: .rejectNumberTooLarge
        case .amountTooLarge: .rejectAmountTooLarge
        case .lineLength: .rejectLineLength
        case .accountClass: .rejectAccountClass
        case .invalidDate: .rejectInvalidDate
        case .outOfRange: .rejectOutOfRange
        case .duplicateKey: .rejectDuplicateKey
        case .orgUnitConflict: .rejectOrgUnitConflict
        case .conflictingValue: .rejectConflictingValue
        }
    }
}
