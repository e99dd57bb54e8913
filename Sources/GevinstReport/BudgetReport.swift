import GRDB
import GevinstCore
import GevinstWarehouse

/// One year of a budget and economy plan as the "Budsjett i balanse" section shows it, from the
/// rows of `budget_balance`; amounts in øre.
struct BudgetYear {
    let year: Int
    let requirement: Int64
    /// The planned budget gains of each area a target of the plan names, in area order.
    var plannedByArea: [(area: String, amount: Int64)] = []
    /// Of all initiatives, whatever their area (the `*` row).
    var planned: Int64 = 0
    var realised: Int64 = 0
    var forecast: Int64 = 0
    var gap: Int64 = 0
    var coverage: Double?
    var balanced = true

    /// Planned gains of initiatives in areas no target of the plan names.
    var plannedElsewhere: Int64 { planned - plannedByArea.reduce(0) { $0 + $1.amount } }
}

struct BudgetPlan {
    let name: String
    var years: [BudgetYear]
}

/// A row of `gain_comments`; a nil gain type comments on all of the initiative's gain types.
struct GainComment {
    let quarter: Quarter
    let gainType: GainType?
    let comment: String
    let author: String?
}

/// What the budget section and the comments beside the traffic lights read from the warehouse.
struct BudgetContent {
    var asOf: Quarter?
    var plans: [BudgetPlan] = []
    /// Each initiative's comments up to as_of, oldest first.
    var comments: [String: [GainComment]] = [:]

    init() {}

    init(_ db: Database, asOf: Quarter?) throws {
        self.asOf = asOf
        typealias B = BudgetBalanceTable.Column
        for row in try Row.fetchAll(db, sql: BudgetBalanceTable.selectAll("ORDER BY \(BudgetBalanceTable.keyOrder)")) {
            let plan: String = row[B.plan], year: Int = row[B.year], area: String = row[B.area]
            if plans.last?.name != plan { plans.append(BudgetPlan(name: plan, years: [])) }
            if plans[plans.count - 1].years.last?.year != year {
                plans[plans.count - 1].years.append(BudgetYear(year: year, requirement: 0))
            }
            let planned: Int64 = row[B.plannedBudget]
            var entry = plans[plans.count - 1].years.removeLast()
            if area == Area.all {
                entry = BudgetYear(year: year, requirement: row[B.requirement], plannedByArea: entry.plannedByArea, planned: planned,
                                   realised: row[B.realisedYtd], forecast: row[B.forecast], gap: row[B.gap], coverage: row[B.coverage],
                                   balanced: (row[B.status] as String) == "balanced")
            } else {
                entry.plannedByArea.append((area, planned))
            }
            plans[plans.count - 1].years.append(entry)
        }
        guard let asOf else { return }
        typealias C = GainCommentsTable.Column
        for row in try Row.fetchAll(db, sql: GainCommentsTable.selectAll("WHERE \(C.quarter.quoted) <= ? ORDER BY \(GainCommentsTable.keyOrder)"),
                                    arguments: [asOf.code]) {
            guard let quarter = Quarter(code: row[C.quarter]) else { continue }
            let type: String = row[C.gainType]
            comments[row[C.initiative], default: []].append(GainComment(quarter: quarter, gainType: GainType(name: type),
                                                                        comment: row[C.comment], author: row[C.author]))
        }
    }

    /// The comment of the as_of quarter on a gain type of an initiative: its own, or one on all types.
    func comment(_ initiative: String, _ gainType: GainType) -> GainComment? {
        guard let asOf, let list = comments[initiative] else { return nil }
        let current = list.filter { $0.quarter == asOf }
        return current.first { $0.gainType == gainType } ?? current.first { $0.gainType == nil }
    }

    /// An initiative's comments of the latest quarter up to as_of: the as_of quarter's, else the
    /// latest earlier ones.
    func latestComments(_ initiative: String) -> [GainComment] {
        guard let list = comments[initiative], let quarter = list.last?.quarter else { return [] }
        return list.filter { $0.quarter == quarter }
    }

    var hasCurrentComments: Bool { comments.values.contains { $0.contains { $0.quarter == asOf } } }
}

/// A quarter's step in the årshjul of the budget and economy plan: K1 skaffe overblikk (estimate
/// the gain potential), K2 gjere djupdykk (calculate it), K3 velje endringstiltak (choose the
/// initiatives of a plan in balance), K4 førebu endring (plan realisation and measurement).
enum AnnualCycleStep: Int, CaseIterable {
    case overview = 1, deepDive, chooseInitiatives, prepareChange

    init(_ quarter: Quarter) { self = AnnualCycleStep(rawValue: quarter.index)! }

    /// The step's word in report.json.
    var word: String {
        switch self {
        case .overview: "overview"
        case .deepDive: "deep_dive"
        case .chooseInitiatives: "choose_initiatives"
        case .prepareChange: "prepare_change"
        }
    }

    /// The step with its quarter (`K3 Velje endringstiltak`).
    var label: Phrase { [.budgetQuarter1, .budgetQuarter2, .budgetQuarter3, .budgetQuarter4][rawValue - 1] }

    /// What the cycle asks for in this step, for next year's budget (`{next}`).
    var ask: Phrase { [.budgetAsk1, .budgetAsk2, .budgetAsk3, .budgetAsk4][rawValue - 1] }
}

extension Localization {
    /// What the cycle asks for in the step of `quarter`, preparing the budget of the year after it.
    func cycleAsk(_ quarter: Quarter) -> String {
        self(AnnualCycleStep(quarter).ask, ["next": String(quarter.year + 1)])
    }
}

extension HumanFormat {
    /// A comment with its quarter, gain type and author: `K2 2025 (budsjett): Tekst (Forfattar)`.
    func comment(_ comment: GainComment) -> String {
        let type = comment.gainType.map { " (\(gainType($0).lowercased()))" } ?? ""
        return "\(period(comment.quarter.period))\(type): \(commentBody(comment))"
    }

    /// A comment's text with its author.
    func commentBody(_ comment: GainComment) -> String {
        comment.author.map { text(.commentBy, ["comment": comment.comment, "author": $0]) } ?? comment.comment
    }
}

extension HumanReport {
    /// Per year of a plan: the requirement, the planned gains by area, the forecast and the gaps.
    func budgetTable(_ plan: BudgetPlan) -> ReportTable {
        let money = { (value: Int64) in format.amount(value, .money) }
        return ReportTable(
            columns: [.init(title: text[.budgetColYear], numeric: false),
                      .init(title: text[.budgetColPlannedByArea], numeric: false, secondary: true),
                      .init(title: text[.budgetColRequirement], numeric: true), .init(title: text[.budgetColPlanned], numeric: true),
                      .init(title: text[.budgetColCoverage], numeric: true), .init(title: text[.budgetColGap], numeric: true),
                      .init(title: text[.colRealisedToDate], numeric: true), .init(title: text[.budgetColForecast], numeric: true),
                      .init(title: text[.budgetColForecastGap], numeric: true), .init(title: text[.budgetColStatus], numeric: false)],
            rows: plan.years.map { year in
                var areas = year.plannedByArea.filter { $0.amount != 0 }.map { "\(format.area($0.area)) \(money($0.amount))" }
                if year.plannedElsewhere != 0 { areas.append("\(text[.budgetElsewhere]) \(money(year.plannedElsewhere))") }
                return [.text(String(year.year)), .text(areas.isEmpty ? "–" : areas.joined(separator: " · ")),
                        .text(money(year.requirement)), .text(money(year.planned)),
                        .text(year.coverage.map(format.percent) ?? "–"), .text(money(year.gap)), .text(money(year.realised)),
                        .text(money(year.forecast)), .text(money(year.requirement - year.forecast)),
                        .text(text[year.balanced ? .budgetBalanced : .budgetNotBalanced])]
            },
            capNote: nil)
    }

    /// The årshjul: its four quarters, the as_of quarter's position and what the cycle asks for now.
    var annualCycle: (steps: [(text: String, current: Bool)], now: String?) {
        let current = budget.asOf.map(AnnualCycleStep.init)
        let steps = AnnualCycleStep.allCases.map { (text[$0.label], $0 == current) } + [(text[.budgetCycleYearTwo], false)]
        guard let asOf = budget.asOf else { return (steps, nil) }
        return (steps, text(.budgetCycleNow, ["quarter": format.period(asOf.period), "ask": text.cycleAsk(asOf)]))
    }

    /// The comment of the as_of quarter beside a traffic light, with its author.
    func commentText(_ initiative: String, _ gainType: GainType) -> String {
        budget.comment(initiative, gainType).map(format.commentBody) ?? "–"
    }

    /// An initiative's comments before the as_of quarter, newest first.
    func earlierComments(_ initiative: String) -> [String] {
        (budget.comments[initiative] ?? []).filter { $0.quarter != budget.asOf }.reversed().map(format.comment)
    }
}

extension HTMLReport {
    /// "Budsjett i balanse": the årshjul, then per plan a table and a chart.
    func budgetSection() -> String {
        var html = paragraph(text[.budgetIntro], class: "note")
        let cycle = report.annualCycle
        html += "<h3>\(escape(text[.budgetCycleHeading]))</h3>\n<ol class=\"arshjul\">"
        for step in cycle.steps {
            html += step.current ? "<li class=\"now\" aria-current=\"step\">\(escape(step.text))</li>" : "<li>\(escape(step.text))</li>"
        }
        html += "</ol>\n" + paragraph(cycle.now)
        for (index, plan) in report.budget.plans.enumerated() {
            html += "<h3>\(escape(plan.name))</h3>\n" + table(report.budgetTable(plan))
            html += "<div class=\"grid\">\n" + budgetChart(plan, id: "b\(index)") + "</div>\n"
        }
        return html
    }

    /// Per year a bar of the planned gains stacked by area, the requirement as a line across it and
    /// the forecast as a diamond. Areas differ by shade and by hatching, so that it reads in black
    /// and white.
    func budgetChart(_ plan: BudgetPlan, id: String) -> String {
        let width = 420.0, height = 240.0, left = 58.0, right = 12.0, top = 26.0, bottom = 40.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func kroner(_ value: Int64) -> Double { Double(value) / 100 }
        var values: [Double] = [0]
        for year in plan.years {
            // The top and the bottom of each stacked bar, the requirement and the forecast.
            let parts = year.plannedByArea.map(\.amount) + [year.plannedElsewhere]
            values += [kroner(year.requirement), kroner(year.forecast), kroner(parts.filter { $0 > 0 }.reduce(0, +)),
                       kroner(parts.filter { $0 < 0 }.reduce(0, +))]
        }
        let scale = NiceScale(min: values.min()!, max: values.max()!)
        func y(_ value: Double) -> Double {
            top + (scale.upper / 2 - value / 2) / (scale.upper / 2 - scale.lower / 2) * plotHeight
        }
        let millions = Swift.max(abs(scale.lower), abs(scale.upper)) >= 1_000_000
        let divisor = millions ? 1_000_000.0 : 1
        let unit = format.text[.unitKroner]
        let slot = plotWidth / Double(Swift.max(plan.years.count, 1))
        let bar: Double = Swift.min(slot * 0.5, 48)
        let title = text(.budgetChartCaption, ["plan": plan.name])
        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="\(id)-t \(id)-d">\
            <title id="\(id)-t">\(escape(title))</title><desc id="\(id)-d">\(escape(text(.budgetChartDescription, ["plan": plan.name])))</desc>
            """
        svg += "<text class=\"unit\" x=\"\(charts.fmt(left - 6))\" y=\"14\">\(escape(millions ? text(.millionsOf, ["unit": unit]) : unit))</text>\n"
        for tick in scale.ticks {
            let label = format.number(tick / divisor, decimals: scale.decimals(dividedBy: divisor), fixed: true)
            svg += "<line class=\"gridline\" x1=\"\(charts.fmt(left))\" x2=\"\(charts.fmt(width - right))\" y1=\"\(charts.fmt(y(tick)))\" y2=\"\(charts.fmt(y(tick)))\"/>"
            svg += "<text class=\"tick\" x=\"\(charts.fmt(left - 6))\" y=\"\(charts.fmt(y(tick) + 4))\" text-anchor=\"end\">\(label)</text>\n"
        }
        svg += "<line class=\"axis\" x1=\"\(charts.fmt(left))\" x2=\"\(charts.fmt(width - right))\" y1=\"\(charts.fmt(y(0)))\" y2=\"\(charts.fmt(y(0)))\"/>\n"
        let areaNames = (plan.years.first?.plannedByArea.map(\.area) ?? []) + [budgetElsewhere]
        for (index, year) in plan.years.enumerated() {
            let centre = left + slot * (Double(index) + 0.5)
            // Positive parts stack up from 0, negative ones (planned costs) down from it.
            var up = 0.0, down = 0.0
            let parts = year.plannedByArea.map(\.amount) + [year.plannedElsewhere]
            for (position, amount) in parts.enumerated() where amount != 0 {
                let value = kroner(amount)
                let (from, to) = value > 0 ? (up, up + value) : (down + value, down)
                if value > 0 { up += value } else { down += value }
                svg += "<rect class=\"bb bb-\(position % 6)\" x=\"\(charts.fmt(centre - bar / 2))\" y=\"\(charts.fmt(y(to)))\" "
                    + "width=\"\(charts.fmt(bar))\" height=\"\(charts.fmt(y(from) - y(to)))\"><title>\(escape(format.area(areaNames[Swift.min(position, areaNames.count - 1)]))): "
                    + "\(escape(format.amount(amount, .money)))</title></rect>"
            }
            let need = y(kroner(year.requirement))
            svg += "<line class=\"rule-target\" x1=\"\(charts.fmt(centre - bar / 2 - 6))\" x2=\"\(charts.fmt(centre + bar / 2 + 6))\" y1=\"\(charts.fmt(need))\" y2=\"\(charts.fmt(need))\"/>"
            let forecast = y(kroner(year.forecast))
            svg += "<path class=\"pt-forecast\" d=\"M\(charts.fmt(centre)) \(charts.fmt(forecast - 6))L\(charts.fmt(centre + 6)) \(charts.fmt(forecast))"
                + "L\(charts.fmt(centre)) \(charts.fmt(forecast + 6))L\(charts.fmt(centre - 6)) \(charts.fmt(forecast))Z\"/>"
            svg += "<text class=\"tick\" x=\"\(charts.fmt(centre))\" y=\"\(charts.fmt(top + plotHeight + 16))\" text-anchor=\"middle\">\(year.year)</text>\n"
        }
        svg += "</svg>"
        var legend = areaNames.enumerated().compactMap { position, area -> String? in
            let used = plan.years.contains { year in
                position < year.plannedByArea.count ? year.plannedByArea[position].amount != 0 : year.plannedElsewhere != 0
            }
            guard used else { return nil }
            let name = area == budgetElsewhere ? text[.budgetElsewhere] : format.area(area)
            return charts.key("<rect class=\"bb bb-\(position % 6)\" x=\"5\" y=\"1\" width=\"20\" height=\"10\"/>", name)
        }
        legend.append(charts.ruleKey(.target, text[.budgetChartRequirement]))
        legend.append(charts.key("<path class=\"pt-forecast\" d=\"M15 0L21 6L15 12L9 6Z\"/>", text[.budgetChartForecast]))
        return "<figure><figcaption>\(escape(title))</figcaption>\(svg)<ul class=\"legend\">"
            + legend.map { "<li>\($0)</li>" }.joined() + "</ul></figure>\n"
    }

    /// An initiative's comments before the as_of quarter, under its charts.
    func earlierComments(_ initiative: String) -> String {
        let comments = report.earlierComments(initiative)
        guard !comments.isEmpty else { return "" }
        return "<h4>\(escape(text[.earlierComments]))</h4><ul class=\"comments\">"
            + comments.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
    }

    /// Stands for the initiatives in areas no target names; no area can be called this.
    private var budgetElsewhere: String { "\u{0}" }

    /// The styles of the budget section: six area shades with hatching, the forecast and the årshjul.
    static let budgetStyle = """
        .bb{stroke:#333;stroke-width:.6}
        .bb-0{fill:#1f5fa8}.bb-1{fill:#8fb8e8}.bb-2{fill:#2e7d32}.bb-3{fill:#a5d6a7}.bb-4{fill:#6b6b6b}.bb-5{fill:#d0d0d0}
        .pt-forecast{fill:#fff;stroke:#b45309;stroke-width:2}
        .arshjul{display:flex;flex-wrap:wrap;gap:6px;padding:0;list-style:none;margin:6px 0}
        .arshjul li{border:1px solid var(--line);border-radius:14px;padding:2px 10px;font-size:.9rem}
        .arshjul li.now{border:2px solid var(--ink);font-weight:700}

        """
}

extension MarkdownReport {
    /// "Budsjett i balanse" in Markdown: the årshjul, then per plan its table.
    func budgetSection() -> String {
        var md = "## \(text[.budgetHeading])\n\n\(escape(text[.budgetIntro]))\n\n"
        let cycle = report.annualCycle
        md += "### \(escape(text[.budgetCycleHeading]))\n\n"
        for step in cycle.steps { md += "- " + (step.current ? "**\(escape(step.text))**" : escape(step.text)) + "\n" }
        md += "\n" + (cycle.now.map { "\(escape($0))\n\n" } ?? "")
        for plan in report.budget.plans {
            md += "### \(escape(plan.name))\n\n" + table(report.budgetTable(plan))
        }
        return md
    }
}
