import GevinstCore

/// `a3/<initiative>.html`: one initiative's A3 sheet as KS's template lays it out — a header, then
/// two columns of numbered boxes (1 and 2 left; 3, 4 and 5 right), each with its guiding question
/// as a small caption. Self-contained (inline CSS and SVG, no scripts, no network reference) and
/// printed on one A3 landscape sheet; a text too long for its box continues on a second sheet
/// rather than shrinking (the layout stays, the text stays readable).
struct A3HTML {
    let content: A3Content

    private var format: HumanFormat { content.format }
    private var text: Localization { content.text }
    private var sheet: A3Sheet { content.sheet }
    private var charts: ChartRenderer { ChartRenderer(format: format) }

    func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="\(format.text.language.rawValue)">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(escape("\(text[.a3Sheet]) – \(content.title)"))</title>
            <style>\(A3HTML.style)</style>
            </head>
            <body>
            <header class="head"><div class="name"><p class="kicker">\(escape("\(text[.a3Sheet]) · \(content.pipelineTitle)"))</p>\
            <h1>\(escape(content.title))</h1></div><dl class="facts">
            """
        for fact in content.facts {
            html += "<div><dt>\(escape(fact.label))</dt><dd>\(escape(fact.value))</dd></div>"
        }
        html += "</dl></header>\n<main class=\"columns\">\n<div class=\"column\">\n"
        html += box(.rationale, body: prose(sheet.rationale, .rationale))
        var current = prose(sheet.currentState, .currentState)
        if let causes = sheet.rootCauses {
            if sheet.currentState == nil { current = "" }
            current += "<h3>\(escape(text[.a3RootCauses]))</h3>\n" + paragraphs(causes)
        }
        html += box(.currentState, body: current)
        html += "</div>\n<div class=\"column\">\n"
        html += box(.targetState, body: prose(sheet.targetState, .targetState))
        html += box(.actions, body: actions())
        html += box(.measurement, body: measurement())
        html += "</div>\n</main>\n"
        html += "<footer><span>\(escape(content.figuresThrough))</span> <a href=\"../report.html\">\(escape(text[.a3BackToReport]))</a></footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    /// A numbered box; its guiding question stands under the title or, when the box is empty,
    /// greyed in its place (once).
    private func box(_ section: A3Section, body: String) -> String {
        let question = body.hasPrefix(A3HTML.emptyMark) ? "" : "<p class=\"question\">\(escape(text[section.question]))</p>"
        return """
            <section class="box" id="s\(section.rawValue)"><h2><span class="no">\(section.rawValue)</span> \(escape(text[section.name]))</h2>\
            \(question)
            \(body)</section>

            """
    }

    /// How an empty box's greyed question starts.
    private static let emptyMark = "<p class=\"empty\">"

    private func greyedQuestion(_ section: A3Section) -> String {
        A3HTML.emptyMark + "\(escape(text[section.question]))</p>\n"
    }

    /// The section's text, or its guiding question greyed when it has none.
    private func prose(_ text: String?, _ section: A3Section) -> String {
        guard let text else { return greyedQuestion(section) }
        return paragraphs(text)
    }

    /// Paragraphs at blank lines, line breaks kept.
    private func paragraphs(_ text: String) -> String {
        A3Text.paragraphs(text).map { lines in
            "<p>" + lines.map(escape).joined(separator: "<br/>") + "</p>\n"
        }.joined()
    }

    private func actions() -> String {
        guard !sheet.actions.isEmpty else { return greyedQuestion(.actions) }
        var html = "<table class=\"actions\"><thead><tr>"
        for label in [text[.a3Action], text[.a3Responsible], text[.a3Deadline], text[.a3Status]] {
            html += "<th>\(escape(label))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for action in sheet.actions {
            html += action.overdue ? "<tr class=\"overdue\">" : "<tr>"
            html += content.cells(action).map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// The note, then per gain link its indicator's chart, then per gain type cumulative planned
    /// against realised with its light, then the place of the latest comment.
    private func measurement() -> String {
        var html = ""
        if let note = sheet.measurementNote {
            html += paragraphs(note)
        } else if sheet.links.isEmpty {
            html += greyedQuestion(.measurement)
        }
        if !sheet.links.isEmpty {
            html += "<h3>\(escape(text[.a3IndicatorChart]))</h3>\n<div class=\"charts\">\n"
            for (index, link) in sheet.links.enumerated() { html += linkChart(link, id: "l\(index + 1)") }
            html += "</div>\n"
        }
        if !sheet.gains.isEmpty {
            html += "<h3>\(escape(text[.a3GainsHeading]))</h3>\n<div class=\"charts\">\n"
            for (index, gain) in sheet.gains.enumerated() { html += gainChart(gain, id: "g\(index + 1)") }
            html += "</div>\n"
        }
        html += "<div class=\"comment\" id=\"latest-comment\"><h3>\(escape(text[.a3LatestComment]))</h3>"
        if content.comments.isEmpty {
            html += "<p class=\"empty\">\(escape(text[.a3CommentPlace]))</p>"
        } else {
            html += content.comments.map { "<p>\(escape(format.comment($0)))</p>" }.joined(separator: " ")
        }
        html += "</div>\n"
        return html
    }

    private func linkChart(_ link: A3Sheet.LinkSeries, id: String) -> String {
        let name = content.name(link)
        let unit = link.unit ?? format.text[.unitGeneric]
        let kind = link.points.first?.period.kind ?? .quarter
        var chart = LineChart(title: name, description: content.figures(link), kind: kind, unit: unit, series: [
            LineChart.Series(label: format.text[.chartMeasured], style: .measured, points: link.points.map { ($0.period.ordinal, $0.value) }),
        ])
        var legend = [charts.ruleKey(.baseline, "\(text[.a3Baseline]): \(content.baseline(link))")]
        chart.rules.append(LineChart.Rule(style: .baseline, value: link.chartBaseline.perPoint))
        if let target = link.target {
            chart.rules.append(LineChart.Rule(style: .target, value: target))
            legend.append(charts.ruleKey(.target, format.text(.chartTarget, ["value": format.number(target)])))
        }
        if let start = link.start, !link.points.isEmpty {
            let label = "\(text[.a3LinkStart]) \(format.period(start.period))"
            chart.markers = [(A3Sheets.ordinal(of: start, in: kind), label, label)]
        }
        let caption = "\(link.name ?? link.indicator), \(format.orgUnit(link.orgUnit)) – \(content.gainTypes(link))"
        return "<div class=\"cell\">" + charts.figure(chart, id: id, caption: caption, legend: legend)
            + "<p class=\"figures\">\(escape(content.figures(link)))</p></div>\n"
    }

    private func gainChart(_ gain: (series: CumulativeSeries, figure: GainFigure), id: String) -> String {
        let series = gain.series
        let gainType = format.gainType(series.gainType)
        let level = series.gainType == .quality
        var chart = LineChart(
            title: "\(content.title): \(gainType)", description: content.figures(gain), kind: .quarter, unit: format.unitName(series.unit),
            series: [
                LineChart.Series(label: format.text[level ? .chartPlannedLevel : .chartPlanned], style: .planned,
                                 points: series.points.map { ($0.quarter.ordinal, Double($0.cumPlanned) / 100) }),
                LineChart.Series(label: format.text[level ? .chartRealisedLevel : .chartRealised], style: .realised,
                                 points: series.points.compactMap { point in point.cumRealised.map { (point.quarter.ordinal, Double($0) / 100) } }),
            ],
            includeZero: true)
        if let asOf = content.asOf { chart.markers = [(asOf.ordinal, content.figuresThrough, content.figuresThrough)] }
        return "<div class=\"cell\">" + charts.figure(chart, id: id, caption: gainType)
            + "<p class=\"figures\">\(escape(content.figures(gain))) <span class=\"tl tl-\(gain.figure.light.rawValue)\">"
            + "\(escape(gain.figure.light.label(format.text)))</span></p></div>\n"
    }

    /// The main report's chart and light rules (one look for both), then the sheet's own layout:
    /// a screen page that reads on a phone, and one A3 landscape sheet in print.
    static let style: String = {
        let shared = [":root", ".tl", "svg.chart", ".chart", ".gridline", ".axis", ".line-", ".pt-", ".rule-", ".marker", ".flag-",
                      ".legend", ".key", "figure", "figcaption"]
        let chartRules = HTMLReport.style.split(separator: "\n").filter { line in shared.contains { line.hasPrefix($0) } }
        return "\n" + chartRules.joined(separator: "\n") + "\n" + sheetStyle
    }()

    private static let sheetStyle = """
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:1500px;padding:12px;color:var(--ink);background:#fff;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;overflow-wrap:anywhere}
        .head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:flex-end;gap:8px 24px;border-bottom:3px solid var(--ink);padding-bottom:6px}
        .kicker{margin:0;color:var(--muted);font-size:.85rem;text-transform:uppercase;letter-spacing:.05em}
        h1{font-size:1.5rem;margin:0}
        .facts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0}
        .facts div{display:flex;flex-direction:column}
        .facts dt{font-size:.75rem;color:var(--muted)}
        .facts dd{margin:0;font-weight:600}
        .columns{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin-top:10px}
        .column{display:flex;flex-direction:column;gap:10px;min-width:0}
        .box{border:2px solid var(--ink);border-radius:6px;padding:6px 10px;min-width:0}
        #s1,#s2{flex:1 1 auto}
        .box h2{font-size:1.1rem;margin:0;display:flex;align-items:center;gap:8px}
        .no{display:inline-flex;justify-content:center;align-items:center;width:1.6em;height:1.6em;border-radius:50%;background:var(--ink);color:#fff;font-size:.9rem;flex:none}
        .question{margin:2px 0 6px;color:var(--muted);font-size:.78rem;font-style:italic}
        .box h3{font-size:.95rem;margin:8px 0 4px}
        .box p{margin:0 0 6px}
        .empty{color:#9a9a9a;font-style:italic}
        table.actions{border-collapse:collapse;width:100%;font-size:.85rem}
        .actions th,.actions td{border-bottom:1px solid var(--line);padding:3px 5px;text-align:left;vertical-align:top}
        .actions th{background:#f4f4f4}
        .actions td:nth-child(3),.actions td:nth-child(4){white-space:nowrap}
        .overdue td{color:#7f1d1d;font-weight:600}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:8px}
        figure{padding:4px}
        figcaption{font-size:.8rem}
        .legend{font-size:.72rem}
        .figures{font-size:.78rem;margin:4px 0 0}
        .comment{border-top:1px dashed var(--line);margin-top:6px}
        footer{display:flex;justify-content:space-between;margin-top:8px;color:var(--muted);font-size:.8rem}
        footer a{color:var(--blue)}
        @media (max-width:800px){.columns{grid-template-columns:1fr}}
        @media print{
        @page{size:A3 landscape;margin:9mm}
        body{max-width:none;padding:0;font-size:8.5pt}
        table.actions{font-size:7.5pt}
        .actions th,.actions td{padding:1px 4px}
        .box{padding:4px 8px}
        .columns{grid-template-columns:1fr 1fr;min-height:240mm}
        #s5{flex:1 1 auto}
        .charts{grid-template-columns:repeat(4,1fr);gap:4px}
        .cell{break-inside:avoid}
        figure{padding:2px 4px}
        figcaption{font-size:7.5pt;line-height:1.2}
        .legend{font-size:6.5pt;gap:0 8px}
        .figures{font-size:7pt;line-height:1.25;margin:2px 0 0}
        .tl{font-size:7pt;padding:0 5px}
        .box h3{margin:4px 0 2px}
        h2,h3{break-after:avoid}
        footer a{display:none}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }

        """
}

/// An A3 text as paragraphs (split at blank lines) of lines, trimmed; CR LF and CR count as line breaks.
enum A3Text {
    static func paragraphs(_ text: String) -> [[String]] {
        var result: [[String]] = [], current: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty {
                if !current.isEmpty { result.append(current) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

private extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
