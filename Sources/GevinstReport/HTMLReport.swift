import GevinstCore

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, no network
/// references) that reads on a phone, on a desktop and printed on A4. Tables turn into
/// labelled cards on narrow screens; big sections start on a new printed page.
struct HTMLReport {
    let report: HumanReport

    var text: Localization { report.text }
    var format: HumanFormat { report.format }
    private var content: ReportContent { report.content }
    var charts: ChartRenderer { ChartRenderer(format: format) }

    /// Writes the page into `file`, each section as soon as it is rendered.
    func render(to file: OutputFile) {
        var sections: [(id: String, heading: String, body: () -> String)] = [("summary", text[.summaryHeading], summarySection)]
        if let year = report.yearHeading, !content.yearRows.isEmpty { sections.append(("year", year, yearSection)) }
        if !report.budget.plans.isEmpty { sections.append(("budget", text[.budgetHeading], budgetSection)) }
        sections += [
            ("lights", text[.trafficHeading], lightsSection),
            ("areas", text[.areaHeading], areaSection),
            ("initiatives", text[.initiativeChartsHeading], initiativeSection),
            ("indicators", text[.indicatorsHeading], indicatorSection),
            ("findings", text[.findingsHeading], findingsSection),
            ("freshness", text[.freshnessHeading], freshnessSection),
        ]
        var html = """
            <!DOCTYPE html>
            <html lang="\(text.language.rawValue)">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(escape(report.title))</title>
            <style>\(HTMLReport.style)\(HTMLReport.budgetStyle)\(HTMLReport.pageMargins(title: report.title))</style>
            </head>
            <body>
            <header><h1>\(escape(report.title))</h1><p class="lead">\(escape(report.lead))</p></header>
            \(warningsBlock())<nav aria-label="\(escape(text[.contents]))"><ol>
            """
        for section in sections {
            html += "<li><a href=\"#\(section.id)\">\(escape(section.heading))</a></li>"
        }
        html += "</ol></nav>\n<main>\n"
        file.write(html)
        for section in sections {
            file.write("<section id=\"\(section.id)\"><h2>\(escape(section.heading))</h2>\n\(section.body())</section>\n")
        }
        file.write(A3Index.html(report.a3Sheets, language: text.language) + "</main>\n</body>\n</html>\n")
    }

    func paragraph(_ value: String?, class name: String? = nil) -> String {
        guard let value else { return "" }
        return "<p\(name.map { " class=\"\($0)\"" } ?? "")>\(escape(value))</p>\n"
    }

    /// The warnings that change the reading, above everything else, each beside the initiative it affects.
    private func warningsBlock() -> String {
        let warnings = report.topWarnings
        guard !warnings.isEmpty else { return "" }
        var html = "<section id=\"warnings\" class=\"warnings\" role=\"alert\"><h2>\(escape(text[.warningMark])) \(escape(text[.warningsHeading]))</h2>\n<ul>\n"
        for warning in warnings {
            html += "<li>" + (warning.initiative.map { "<strong>\(escape($0))</strong>: " } ?? "") + "\(escape(warning.message))</li>\n"
        }
        html += "</ul>\n" + paragraph(report.topWarningsCapNote, class: "note") + "</section>\n"
        return html
    }

    private func summarySection() -> String {
        let items = report.summary
        guard !items.isEmpty else { return report.summaryQuality.isEmpty ? paragraph(text[.noGainPlans]) : qualityLines() }
        var html = paragraph(report.summaryIntro)
        html += "<div class=\"cards\">\n"
        for item in items {
            html += "<div class=\"card\"><h3>\(escape(item.gainType))</h3>"
            html += "<p class=\"big\">\(escape(item.rateText ?? "–"))</p>"
            if let rate = item.rate {
                let width = Int((max(0, min(rate, 1)) * 100).rounded())
                html += "<div class=\"bar\" aria-hidden=\"true\"><span class=\"tl-\(item.light.rawValue)\" style=\"width:\(width)%\"></span></div>"
            }
            html += paragraph(item.figures)
            html += paragraph(item.deviation)
            html += "<p>\(badge(item.light))</p>" + paragraph(item.doubleCount, class: "inflated") + "</div>\n"
        }
        html += "</div>\n"
        html += qualityLines()
        html += paragraph(report.lightCounts)
        html += gainLegend()
        return html
    }

    /// What each gain type means, and how amounts are rounded.
    private func gainLegend() -> String {
        var html = "<div class=\"legend-box\"><h3>\(escape(text[.gainLegendHeading]))</h3>\n<ul>\n"
        for line in report.gainLegend { html += "<li>\(escape(line))</li>\n" }
        return html + "</ul>\n" + paragraph(text[.roundingNote], class: "note") + "</div>\n"
    }

    /// The as_of year per flow gain type: the year's plan, realised so far and the forecast, then per initiative.
    private func yearSection() -> String {
        // The intro and the cards stay together, and with the heading, on a printed page.
        var html = "<div class=\"keep\">" + paragraph(report.yearIntro) + "<div class=\"cards\">\n"
        for card in report.yearCards {
            html += "<div class=\"card\"><h3>\(escape(card.title))</h3><p class=\"big\">\(escape(card.forecast))</p>"
            html += card.lines.map { paragraph($0) }.joined()
            if let light = card.light { html += "<p>\(badge(light))</p>" }
            html += paragraph(report.doubleCountNote(card.gainType), class: "inflated") + "</div>\n"
        }
        html += "</div></div>\n" + paragraph(text[.yearForecastNote], class: "note")
        return html + table(report.yearTable)
    }

    /// Quality gains per initiative, as levels, under the totals they are not part of.
    private func qualityLines() -> String {
        let lines = report.summaryQuality
        guard !lines.isEmpty else { return "" }
        var html = "<h3>\(escape(text[.gainQualityLevel]))</h3>\n" + paragraph(text[.summaryQualityNote], class: "note") + "<ul>\n"
        for line in lines { html += "<li>\(escape(line.text)) \(badge(line.light))</li>\n" }
        return html + "</ul>\n"
    }

    private func badge(_ light: GainStatus) -> String {
        "<span class=\"tl tl-\(light.rawValue)\">\(escape(light.label(text)))</span>"
    }

    private func lightsSection() -> String {
        let lights = report.initiativeTable
        guard !lights.rows.isEmpty else { return paragraph(text[.noGainPlans]) }
        return paragraph(report.legend, class: "note") + table(lights)
    }

    func table(_ table: ReportTable) -> String {
        guard !table.rows.isEmpty else { return "" }
        let shown = table.columns.indices.filter { !table.columns[$0].secondary }
        var html = "<div class=\"table-wrap\"><table class=\"responsive\"><thead><tr>"
        for column in shown.map({ table.columns[$0] }) {
            html += "<th\(column.numeric ? " class=\"num\"" : "")>\(escape(column.title))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for index in shown {
                let column = table.columns[index]
                html += "<td\(column.numeric ? " class=\"num\"" : "") data-label=\"\(escape(column.title))\">"
                switch row[index] {
                case .text(let value): html += escape(value)
                case .light(let light): html += badge(light)
                }
                if index == shown.first {
                    let notes = table.columns.indices.filter { table.columns[$0].secondary }.compactMap { secondary -> String? in
                        guard case .text(let value) = row[secondary], value != "–" else { return nil }
                        return "\(table.columns[secondary].title): \(value)"
                    }
                    if !notes.isEmpty { html += "<span class=\"sub\">\(escape(notes.joined(separator: " · ")))</span>" }
                }
                html += "</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></div>\n"
        html += paragraph(table.capNote, class: "note")
        return html
    }

    private func gainChart(_ series: CumulativeSeries, name: String, id: String, description: Phrase) -> String {
        let gainType = format.gainType(series.gainType)
        let unit = format.unitName(series.unit)
        // A quality gain is a level: its points are levels, not running sums.
        let level = series.gainType == .quality
        var chart = LineChart(
            title: "\(name): \(gainType)",
            description: text(level ? .chartQualityLevel : description, ["gain_type": gainType.lowercased(), "name": name, "unit": unit]),
            kind: .quarter, unit: unit,
            series: [
                LineChart.Series(label: text[level ? .chartPlannedLevel : .chartPlanned], style: .planned,
                                 points: series.points.map { ($0.quarter.ordinal, Double($0.cumPlanned) / 100) }),
                LineChart.Series(label: text[level ? .chartRealisedLevel : .chartRealised], style: .realised,
                                 points: series.points.compactMap { point in
                                     point.cumRealised.map { (point.quarter.ordinal, Double($0) / 100) }
                                 }),
            ],
            includeZero: true)
        if let asOf = content.metadata.asOf {
            let label = text(.figuresThrough, ["as_of": format.period(asOf.period)])
            chart.markers = [(asOf.ordinal, label, label)]
        }
        return charts.figure(chart, id: id, caption: gainType)
    }

    private func areaSection() -> String {
        guard !report.areaTable.rows.isEmpty else { return paragraph(text[.noGainPlans]) }
        var html = table(report.areaTable)
        var index = 0
        for area in content.areas where !area.series.isEmpty {
            html += "<h3>\(escape(format.area(area.area)))</h3>\n<div class=\"grid\">\n"
            for series in area.series {
                index += 1
                html += gainChart(series, name: format.area(area.area), id: "a\(index)", description: .chartArea)
            }
            html += "</div>\n"
        }
        if content.areas.count < content.areaCount {
            html += paragraph(text(.areaChartsCapped, ["shown": String(content.areas.count), "total": String(content.areaCount),
                                                       "file": TableExport.gainsByArea.file]), class: "note")
        }
        return html
    }

    private func initiativeSection() -> String {
        guard !content.initiatives.isEmpty else { return paragraph(text[.noGainPlans]) }
        var html = ""
        var index = 0
        for initiative in content.initiatives {
            let name = report.initiativeName(initiative.info)
            html += "<article><h3>\(escape(name))</h3>\n"
            html += paragraph(report.initiativeFacts(initiative.info), class: "meta")
            html += paragraph(report.lifecycleFacts(initiative.info), class: "meta")
            let findings = report.initiativeFindings(initiative.info.id)
            if !findings.isEmpty {
                html += "<h4>\(escape(text[.initiativeFindingsHeading]))</h4>\n" + findingList(findings)
            }
            html += "<div class=\"grid\">\n"
            for series in initiative.series {
                index += 1
                html += gainChart(series, name: name, id: "i\(index)", description: .chartInitiative)
            }
            html += "</div>" + earlierComments(initiative.info.id) + "</article>\n"
        }
        if content.initiatives.count < content.initiativeCount {
            html += paragraph(text(.initiativeChartsCapped, [
                "shown": String(content.initiatives.count), "total": String(content.initiativeCount),
                "file": TableExport.gains.file,
            ]), class: "note")
        }
        return html
    }

    private func indicatorSection() -> String {
        guard content.trendCount > 0 else { return paragraph(text[.noSeries]) }
        var html = paragraph(text[.controlChartNote], class: "note")
        var index = 0
        var currentIndicator: String?
        for data in content.trendCharts {
            let summary = data.summary
            let indicatorName = report.indicatorName(summary.indicator, summary.name)
            if summary.indicator != currentIndicator {
                html += (currentIndicator == nil ? "" : "</div>\n") + "<h3>\(escape(indicatorName))</h3>\n<div class=\"grid\">\n"
                currentIndicator = summary.indicator
            }
            index += 1
            html += trendChart(data, indicatorName: indicatorName, id: "t\(index)")
        }
        if currentIndicator != nil { html += "</div>\n" }
        if content.trendCharts.count < content.trendCount {
            html += paragraph(text(.trendChartsCapped, [
                "shown": String(content.trendCharts.count), "total": String(content.trendCount),
                "per": String(ReportCaps.trendChartsPerIndicator), "file": TableExport.trends.file,
            ]), class: "note")
        }
        html += table(report.trendTable)
        return html
    }

    private func trendChart(_ data: TrendChartData, indicatorName: String, id: String) -> String {
        let summary = data.summary
        let kind = data.points.first?.period.kind ?? .quarter
        let orgUnit = format.orgUnit(summary.orgUnit)
        let unit = summary.unit ?? text[.unitGeneric]
        var description = text(.chartTrend, ["indicator": indicatorName, "org_unit": orgUnit,
                                             "frequency": format.frequency(summary.frequency), "unit": unit])
        if let last = data.points.last {
            description += " " + text(.chartLastValue, ["value": format.number(last.value), "period": format.period(last.period)])
        }
        var chart = LineChart(
            title: "\(indicatorName), \(orgUnit)", description: description, kind: kind, unit: unit,
            series: [LineChart.Series(label: text[.chartMeasured], style: .measured,
                                      points: data.points.map { ($0.period.ordinal, $0.value) })])
        chart.flags = data.points.filter { $0.signal != 0 }.map {
            LineChart.Flag(ordinal: $0.period.ordinal, value: $0.value, outside: $0.signal & 1 != 0)
        }
        var extra: [String] = []
        if let target = summary.target {
            chart.rules.append(LineChart.Rule(style: .target, value: target))
            extra.append(charts.ruleKey(.target, text(.chartTarget, ["value": format.number(target)])))
        }
        if let centre = data.centre {
            chart.rules.append(LineChart.Rule(style: .centre, value: centre))
            extra.append(charts.ruleKey(.centre, text(.chartCentre, ["value": format.number(centre)])))
        }
        if let limits = HumanReport.drawnLimits(data) {
            chart.rules += [LineChart.Rule(style: .limit, value: limits.lower), LineChart.Rule(style: .limit, value: limits.upper)]
            extra.append(charts.ruleKey(.limit, text(limits.clamped ? .chartLimitsClamped : .chartLimits,
                                                     ["lower": format.number(limits.lower), "upper": format.number(limits.upper)])))
        }
        let marks = content.linkMarks[summary.indicator]?[summary.orgUnit] ?? []
        var starts: [Int: [String]] = [:]
        for mark in marks {
            if let start = mark.start { starts[HumanReport.ordinal(of: start, in: kind), default: []].append(mark.initiative.id) }
        }
        chart.markers = starts.keys.sorted().map { ordinal in
            let ids = Array(Set(starts[ordinal]!)).sorted().joined(separator: ", ")
            return (ordinal, ids, text(.chartStart, ["initiative": ids, "period": format.period(Period(kind: kind, ordinal: ordinal))]))
        }
        var baselines: [Double: (text: String, initiatives: Set<String>)] = [:]
        for mark in marks {
            let baseline = report.baseline(mark, data)
            baselines[baseline.value, default: (baseline.text, [])].initiatives.insert(mark.initiative.id)
        }
        for value in baselines.keys.sorted() {
            let baseline = baselines[value]!
            chart.rules.append(LineChart.Rule(style: .baseline, value: value))
            extra.append(charts.ruleKey(.baseline, text(.chartBaseline, [
                "initiative": baseline.initiatives.sorted().joined(separator: ", "), "value": baseline.text])))
        }
        return charts.figure(chart, id: id, caption: orgUnit, legend: extra, notes: report.linkLines(data))
    }

    private func findingsSection() -> String {
        var html = paragraph(report.findingsIntro)
        if content.findings.count > 0 {
            html += "<h3>\(escape(text[.findingsByKindHeading]))</h3>\n" + table(report.findingsByKind)
            html += findingList(report.findingsListed) + paragraph(report.findingsCapNote, class: "note")
        }
        html += "<h3>\(escape(text[.rejectsHeading]))</h3>\n" + paragraph(report.rejectsIntro)
        if content.rejectCount > 0 { html += table(report.rejectsTable) }
        return html
    }

    /// Findings, each with its severity as a badge.
    private func findingList(_ findings: [ListedFinding]) -> String {
        var html = "<ul class=\"findings\">\n"
        for finding in findings {
            html += "<li><span class=\"sev sev-\(finding.severity.rawValue)\">\(escape(finding.label))</span> \(escape(finding.message))</li>\n"
        }
        return html + "</ul>\n"
    }

    private func freshnessSection() -> String {
        var html = report.freshnessLines.map { paragraph($0) }.joined()
        if !content.freshness.isEmpty {
            html += "<h3>\(escape(text[.freshnessIndicatorsHeading]))</h3>\n" + table(report.freshnessTable)
        }
        // The sources (one row per source) and the closing line share a printed page.
        html += "<div class=\"keep\">"
        if !content.sources.isEmpty {
            html += "<h3>\(escape(text[.freshnessSourcesHeading]))</h3>\n" + table(report.sourcesTable)
        }
        html += paragraph(report.machineFilesLine, class: "note")
        return html + "</div>\n"
    }

    /// Printed pages carry the report's title at the top and "page / pages" at the foot.
    static func pageMargins(title: String) -> String {
        "@page{@top-left{content:\"\(cssString(title))\";font:8pt sans-serif;color:#555}"
            + "@bottom-right{content:counter(page) \" / \" counter(pages);font:8pt sans-serif;color:#555}}\n"
    }

    /// Text inside a CSS string: quotes and backslashes escaped, and the characters that markup
    /// would read (`<`, `&`) and line breaks as CSS escapes.
    static func cssString(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "\"": result += "\\\(scalar)"
            case "<", "&", ">", "\n", "\r": result += "\\\(String(scalar.value, radix: 16)) "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The page's CSS: responsive, printable on A4, readable without colour.
    static let style = """

        :root{--ink:#1b1b1b;--muted:#555;--line:#d4d4d4;--green:#1e7b34;--yellow:#8a6500;--red:#b3261e;--blue:#1f5fa8;--signal:#6a1b9a}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:1120px;padding:16px;color:var(--ink);background:#fff;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;overflow-wrap:break-word}
        h1{font-size:1.6rem;margin:0 0 4px}
        h2{font-size:1.3rem;margin:32px 0 8px;padding-top:8px;border-top:2px solid var(--ink)}
        h3{font-size:1.05rem;margin:20px 0 6px}
        h4{font-size:.95rem;margin:12px 0 4px}
        .meta{margin:4px 0}
        .lead{font-size:1.1rem;color:var(--muted);margin:0 0 12px}
        .note,.meta{color:var(--muted);font-size:.9rem}
        nav ol{display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;margin:8px 0 0;list-style:none;font-size:.95rem}
        nav a{color:var(--blue)}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px}
        .card{border:1px solid var(--line);border-radius:8px;padding:12px}
        .card h3{margin:0}
        .card p{margin:4px 0}
        .big{font-size:2rem;font-weight:700}
        .bar{height:10px;background:#eee;border:1px solid var(--line);border-radius:5px;overflow:hidden}
        .bar span{display:block;height:100%}
        .bar .tl-green{background:var(--green)}.bar .tl-yellow{background:#d9a400}.bar .tl-red{background:var(--red)}
        .bar .tl-none,.bar .tl-future{background:#999}
        .tl{display:inline-block;white-space:nowrap;padding:1px 8px;border-radius:10px;border:1px solid;font-weight:600;font-size:.9rem}
        .tl.tl-green{color:#14532d;background:#e3f4e6;border-color:var(--green)}
        .tl.tl-yellow{color:#5c4300;background:#fff3c4;border-color:#d9a400}
        .tl.tl-red{color:#7f1d1d;background:#fde2e1;border-color:var(--red)}
        .tl.tl-none,.tl.tl-future{color:#333;background:#f1f1f1;border-color:#999}
        table{border-collapse:collapse;width:100%;margin:8px 0;font-size:.92rem}
        th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
        th{background:#f4f4f4}
        td:first-child{min-width:12em}
        .table-wrap{overflow-x:auto}
        .sub{display:block;font-weight:400;font-size:.9em;color:var(--muted)}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        td.num{white-space:nowrap}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:16px}
        figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:8px}
        figcaption{font-weight:600;margin-bottom:4px}
        svg.chart{display:block;width:100%;height:auto}
        .chart text{font-size:12px;fill:#333}
        .chart .unit{font-weight:600}
        .gridline{stroke:#e3e3e3;stroke-width:1}
        .axis{stroke:#777;stroke-width:1}
        .line-planned{fill:none;stroke:#6b6b6b;stroke-width:2;stroke-dasharray:6 4}
        .line-realised{fill:none;stroke:var(--blue);stroke-width:2.5}
        .line-measured{fill:none;stroke:var(--blue);stroke-width:1.8}
        .pt-planned{fill:#fff;stroke:#6b6b6b;stroke-width:1.5}
        .pt-realised{fill:var(--blue)}
        .pt-measured{fill:var(--blue)}
        .rule-target{stroke:var(--green);stroke-width:2;stroke-dasharray:10 3 2 3}
        .rule-centre{stroke:#555;stroke-width:1}
        .rule-limit{stroke:#888;stroke-width:1.2;stroke-dasharray:4 3}
        .marker{stroke:#333;stroke-width:1.2;stroke-dasharray:2 3}
        .marker-label{font-style:italic}
        .rule-baseline{stroke:#7a4b00;stroke-width:1.5;stroke-dasharray:12 4}
        .flag-outside{fill:var(--signal)}
        .flag-run{fill:#fff;stroke:var(--signal);stroke-width:1.5}
        .inflated{color:#7f1d1d;font-size:.9rem;font-weight:600}
        .legend-box{border:1px solid var(--line);border-radius:8px;padding:4px 12px;margin:12px 0;background:#f8f8f8}
        .legend-box ul{margin:4px 0;padding-left:18px}
        figure .note{margin:6px 0 0}
        .legend{list-style:none;padding:0;margin:6px 0 0;font-size:.85rem;display:flex;flex-wrap:wrap;gap:2px 14px}
        .legend li{display:flex;align-items:center;gap:6px}
        .key{flex:none;overflow:visible}
        .findings{padding-left:0;list-style:none}
        .findings li{margin:6px 0;padding-left:8px;border-left:3px solid var(--line)}
        .sev{font-weight:600;font-size:.85rem;margin-right:6px}
        .sev-warning{color:var(--red)}
        .warnings{border:2px solid var(--red);border-radius:8px;padding:4px 12px;margin:12px 0;background:#fdf3f2}
        .warnings h2{border-top:0;margin:8px 0;padding-top:0;color:#7f1d1d}
        .warnings li{margin:4px 0}
        @media (max-width:700px){
        body{padding:10px;font-size:15px}
        table.responsive thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        table.responsive,table.responsive tbody,table.responsive tr,table.responsive td{display:block;width:100%}
        table.responsive tr{border:1px solid var(--line);border-radius:6px;margin:0 0 10px;padding:4px 8px}
        table.responsive td{display:flex;justify-content:space-between;gap:12px;border:0;padding:3px 0;text-align:right;white-space:normal}
        table.responsive td::before{content:attr(data-label);flex:none;max-width:50%;font-weight:600;color:var(--muted);text-align:left}
        table.responsive td:first-child{display:block;text-align:left;font-weight:700;padding:4px 0}
        table.responsive td:first-child::before{content:none}
        .grid{grid-template-columns:1fr}
        .chart text{font-size:13px}
        }
        @media print{
        @page{size:A4;margin:14mm 12mm}
        body{max-width:none;padding:0;font-size:10pt}
        nav{display:none}
        h2,h3,h2+p,h3+p,.meta,figcaption{break-after:avoid}
        figure,tr,.card,.cards,.keep,.legend-box,.warnings,article h3{break-inside:avoid}
        thead{display:table-header-group}
        .grid{grid-template-columns:1fr 1fr}
        .cards{grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px}
        .card{padding:6px 10px}
        .big{font-size:1.5rem}
        h2{margin:16px 0 6px;border-top:0}
        .table-wrap{overflow:visible}
        table{font-size:8.5pt}
        th,td{padding:3px 5px}
        td:first-child{width:30%}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }

        """
}
