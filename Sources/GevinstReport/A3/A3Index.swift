import GRDB
import GevinstCore

/// A written A3 sheet, as the main report links it.
struct A3Link {
    /// `T01 Tittel`.
    let name: String
    /// The file name without extension, in the `a3` folder.
    let file: String
}

/// Writes the A3 sheet of every initiative in the register (`a3/<id>.html` and `.md`, as the
/// pipeline's formats ask) and lists them for the main report.
enum A3Writer {
    static func write(_ db: Database, title: String, asOf: Quarter?, format: HumanFormat, html: Bool, markdown: Bool,
                      comments: BudgetContent, to files: ReportFiles) throws -> (links: [A3Link], written: [String]) {
        var links: [A3Link] = [], written: [String] = []
        try A3Sheets(asOf: asOf).forEach(db) { sheet in
            let content = A3Content(sheet: sheet, format: format, pipelineTitle: title, asOf: asOf,
                                    comments: comments.latestComments(sheet.info.id))
            let base = "\(ReportFiles.a3Folder)/\(sheet.fileName)"
            for (wanted, name, text) in [(html, "\(base).html", { A3HTML(content: content).render() }),
                                         (markdown, "\(base).md", { A3Markdown(content: content).render() })] where wanted {
                let file = try files.open(name)
                file.write(text())
                try file.finish()
                written.append(name)
            }
            links.append(A3Link(name: content.title, file: sheet.fileName))
        }
        return (links, written)
    }
}

/// The list of A3 sheets at the end of `report.html` and `summary.md`.
enum A3Index {
    static func html(_ links: [A3Link], language: ReportLanguage) -> String {
        guard !links.isEmpty else { return "" }
        let text = Localization(language)
        var html = "<section id=\"a3\"><h2>\(escape(text[.a3SheetsHeading]))</h2>\n<p>\(escape(text[.a3SheetsIntro]))</p>\n<ul class=\"a3-sheets\">\n"
        for link in links {
            html += "<li><a href=\"\(ReportFiles.a3Folder)/\(escape(link.file)).html\">\(escape(link.name))</a></li>\n"
        }
        return html + "</ul>\n</section>\n"
    }

    /// Links to the Markdown sheets, after a blank line.
    static func markdown(_ links: [A3Link], language: ReportLanguage) -> String {
        guard !links.isEmpty else { return "" }
        let text = Localization(language)
        var md = "\n## \(text[.a3SheetsHeading])\n\n\(text[.a3SheetsIntro])\n\n"
        for link in links {
            let name = link.name.replacing("[", with: "\\[").replacing("]", with: "\\]")
            md += "- [\(name)](\(ReportFiles.a3Folder)/\(link.file).md)\n"
        }
        return md
    }
}
