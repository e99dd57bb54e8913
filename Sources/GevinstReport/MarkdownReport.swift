/// `summary.md`: the summary, the traffic lights per initiative, the figures per area, the
/// indicators, the findings and the freshness of the data, for e-mail or a Git repository.
struct MarkdownReport {
    let report: HumanReport

    var text: Localization { report.text }

    /// Writes the summary into `file`, section by section.
    func render(to file: OutputFile) {
        var md = "# \(escape(report.title))\n\n\(escape(report.lead))\n\n"
        /// Hands what is rendered so far to the file.
        func flush() {
            file.write(md)
            md.removeAll(keepingCapacity: true)
        }
        let warnings = report.topWarnings
        if !warnings.isEmpty {
            md += "## \(text[.warningMark]) \(text[.warningsHeading])\n\n"
            for warning in warnings {
                md += "- " + (warning.initiative.map { "**\(escape($0))**: " } ?? "") + "\(escape(warning.message))\n"
            }
            md += "\n" + (report.topWarningsCapNote.map { "\(escape($0))\n\n" } ?? "")
        }
        md += "## \(text[.summaryHeading])\n\n"
        let items = report.summary
        let quality = report.summaryQuality
        if items.isEmpty && quality.isEmpty {
            md += "\(text[.noGainPlans])\n\n"
        } else {
            if let intro = report.summaryIntro { md += "\(escape(intro))\n\n" }
            for item in items {
                let rate = item.rateText.map { text(.rateRealised, ["rate": $0]) + ", " } ?? ""
                md += "- **\(escape(item.gainType))**: \(escape(rate + item.figures))"
                md += item.deviation.map { " (\(escape($0)))" } ?? ""
                md += " \(item.light.label(text))"
                md += item.doubleCount.map { " \(escape($0))" } ?? ""
                md += "\n"
            }
            if !items.isEmpty { md += "\n" }
            if !quality.isEmpty {
                md += "### \(text[.gainQualityLevel])\n\n\(escape(text[.summaryQualityNote]))\n\n"
                for line in quality { md += "- \(escape(line.text)) \(line.light.label(text))\n" }
                md += "\n"
            }
            if let counts = report.lightCounts { md += "\(escape(counts))\n\n" }
            md += "### \(text[.gainLegendHeading])\n\n"
            for line in report.gainLegend { md += "- \(escape(line))\n" }
            md += "\n\(escape(text[.roundingNote]))\n\n"
        }
        if let heading = report.yearHeading, !report.content.yearRows.isEmpty {
            md += "## \(escape(heading))\n\n" + (report.yearIntro.map { "\(escape($0))\n\n" } ?? "")
            for card in report.yearCards {
                md += "- **\(escape(card.title))**: " + card.lines.map(escape).joined(separator: "; ")
                md += card.light.map { " \($0.label(text))" } ?? ""
                md += report.doubleCountNote(card.gainType).map { " \(escape($0))" } ?? ""
                md += "\n"
            }
            md += "\n\(escape(text[.yearForecastNote]))\n\n" + table(report.yearTable)
        }

        flush()
        if !report.budget.plans.isEmpty { file.write(budgetSection()) }
        md += "## \(text[.trafficHeading])\n\n"
        let lights = report.initiativeTable
        if lights.rows.isEmpty {
            md += "\(text[.noGainPlans])\n\n"
        } else {
            md += "\(escape(report.legend))\n\n" + table(lights)
        }
        let areas = report.areaTable
        md += "## \(text[.areaHeading])\n\n" + (areas.rows.isEmpty ? "\(text[.noGainPlans])\n\n" : table(areas))
        flush()
        file.write(initiativeSection())
        md += "## \(text[.indicatorsHeading])\n\n"
        if report.content.trendCount == 0 {
            md += "\(text[.noSeries])\n\n"
        } else {
            md += table(report.trendTable)
            for data in report.content.trendCharts {
                let lines = report.linkLines(data)
                guard !lines.isEmpty else { continue }
                md += "### \(escape(report.indicatorName(data.summary.indicator, data.summary.name))), "
                md += "\(escape(report.format.orgUnit(data.summary.orgUnit)))\n\n"
                for line in lines { md += "- \(escape(line))\n" }
                md += "\n"
            }
        }

        flush()
        md += "## \(text[.findingsHeading])\n\n\(escape(report.findingsIntro))\n\n"
        if report.content.findings.count > 0 {
            md += table(report.findingsByKind)
            md += findingList(report.findingsListed) + (report.findingsCapNote.map { "\(escape($0))\n\n" } ?? "")
        }
        md += "### \(text[.rejectsHeading])\n\n\(escape(report.rejectsIntro))\n\n"
        if report.content.rejectCount > 0 { md += table(report.rejectsTable) }

        md += "## \(text[.freshnessHeading])\n\n"
        for line in report.freshnessLines { md += "\(escape(line))\n\n" }
        if !report.content.freshness.isEmpty {
            md += "### \(text[.freshnessIndicatorsHeading])\n\n" + table(report.freshnessTable)
        }
        if !report.content.sources.isEmpty {
            md += "### \(text[.freshnessSourcesHeading])\n\n" + table(report.sourcesTable)
        }
        if let files = report.machineFilesLine { md += "\(escape(files))\n" }
        md += A3Index.markdown(report.a3Sheets, language: text.language)
        flush()
    }

    /// Per initiative (as many as the HTML charts): its facts, the findings that name it and its earlier comments.
    private func initiativeSection() -> String {
        let content = report.content
        guard !content.initiatives.isEmpty else { return "" }
        var md = "## \(text[.initiativeChartsHeading])\n\n"
        for initiative in content.initiatives {
            md += "### \(escape(report.initiativeName(initiative.info)))\n\n\(escape(report.initiativeFacts(initiative.info)))\n\n"
            md += report.lifecycleFacts(initiative.info).map { "\(escape($0))\n\n" } ?? ""
            let findings = report.initiativeFindings(initiative.info.id)
            if !findings.isEmpty {
                md += "\(text[.initiativeFindingsHeading]):\n\n" + findingList(findings)
            }
            let comments = report.earlierComments(initiative.info.id)
            if !comments.isEmpty {
                md += "\(text[.earlierComments]):\n\n" + comments.map { "- \(escape($0))\n" }.joined() + "\n"
            }
        }
        if content.initiatives.count < content.initiativeCount {
            md += escape(text(.initiativeDetailsCapped, [
                "shown": String(content.initiatives.count), "total": String(content.initiativeCount),
                "file": TableExport.gains.file,
            ])) + "\n\n"
        }
        return md
    }

    /// Findings as a list, each led by its severity, and a blank line.
    private func findingList(_ findings: [ListedFinding]) -> String {
        findings.map { "- **\($0.label)**: \(escape($0.message))\n" }.joined() + "\n"
    }

    func table(_ table: ReportTable) -> String {
        guard !table.rows.isEmpty else { return "" }
        var md = "| " + table.columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
        md += "|" + table.columns.map { $0.numeric ? " ---: |" : " --- |" }.joined() + "\n"
        for row in table.rows {
            let cells = row.map { cell -> String in
                switch cell {
                case .text(let value): escape(value)
                case .light(let light): light.label(text)
                }
            }
            md += "| " + cells.joined(separator: " | ") + " |\n"
        }
        md += "\n" + (table.capNote.map { "\(escape($0))\n\n" } ?? "")
        return md
    }

    /// Text safe in a Markdown paragraph or table cell: markup characters escaped, line breaks
    /// as spaces.
    func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\", "|", "*", "`", "[", "]", "<", ">", "#": result += "\\\(character)"
            case "\n", "\r", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}
