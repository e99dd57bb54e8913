import GevinstCore

/// `a3/<initiative>.md`: the A3 sheet's content as Markdown, in the sheet's order — the header's
/// facts, sections 1 to 5 with their guiding questions, the actions as a table, and section 5's
/// figures as lines (the charts are the HTML sheet's).
struct A3Markdown {
    let content: A3Content

    private var sheet: A3Sheet { content.sheet }
    private var format: HumanFormat { content.format }
    private var text: Localization { content.text }

    func render() -> String {
        var md = "# \(escape("\(text[.a3Sheet]): \(content.title)"))\n\n"
        md += content.facts.map { "**\(escape($0.label))**: \(escape($0.value))" }.joined(separator: " · ") + "\n\n"
        md += section(.rationale, sheet.rationale)
        if let causes = sheet.rootCauses {
            md += heading(.currentState) + (sheet.currentState.map(paragraphs) ?? "")
            md += "### \(escape(text[.a3RootCauses]))\n\n" + paragraphs(causes)
        } else {
            md += section(.currentState, sheet.currentState)
        }
        md += section(.targetState, sheet.targetState)
        md += heading(.actions)
        if !sheet.actions.isEmpty {
            md += "| \([text[.a3Action], text[.a3Responsible], text[.a3Deadline], text[.a3Status]].map(escape).joined(separator: " | ")) |\n"
            md += "| --- | --- | --- | --- |\n"
            for action in sheet.actions {
                md += "| " + content.cells(action).map { cell($0) }.joined(separator: " | ") + " |\n"
            }
            md += "\n"
        }
        md += heading(.measurement)
        if let note = sheet.measurementNote { md += paragraphs(note) }
        if !sheet.links.isEmpty {
            md += "### \(escape(text[.a3IndicatorChart]))\n\n"
            for link in sheet.links { md += "- **\(escape(content.name(link)))**: \(escape(content.figures(link)))\n" }
            md += "\n"
        }
        if !sheet.gains.isEmpty {
            md += "### \(escape(text[.a3GainsHeading]))\n\n"
            for gain in sheet.gains {
                md += "- \(escape(content.figures(gain))) \(gain.figure.light.label(content.text))\n"
            }
            md += "\n"
        }
        md += "### \(escape(text[.a3LatestComment]))\n\n"
        md += content.comments.isEmpty ? "_\(escape(text[.a3CommentPlace]))_\n\n"
            : content.comments.map { "\(escape(content.format.comment($0)))\n\n" }.joined()
        md += "\(escape(content.figuresThrough))\n"
        return md
    }

    /// The section's title and its guiding question in italics: a caption, or what an empty section shows.
    private func heading(_ section: A3Section) -> String {
        "## \(escape(format.a3Title(section)))\n\n_\(escape(text[section.question]))_\n\n"
    }

    private func section(_ section: A3Section, _ text: String?) -> String {
        heading(section) + (text.map(paragraphs) ?? "")
    }

    /// Paragraphs at blank lines, each line break kept as a hard break.
    private func paragraphs(_ text: String) -> String {
        A3Text.paragraphs(text).map { $0.map(escape).joined(separator: "  \n") + "\n\n" }.joined()
    }

    /// A table cell: escaped, line breaks as spaces.
    private func cell(_ text: String) -> String {
        escape(A3Text.paragraphs(text).flatMap { $0 }.joined(separator: " "))
    }

    /// Markdown's markup characters escaped, so that any text reads as itself.
    private func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\", "|", "*", "_", "`", "[", "]", "<", ">", "#": result += "\\\(character)"
            default: result.append(character)
            }
        }
        return result
    }
}
