import Foundation
import GevinstCore
import GevinstRunner

/// The few lines a person reads after a run: what each stage did and what failed.
enum RunSummaryPrinter {
    /// With `json`, each line is a JSON object like the log's, with `"summary": true`.
    static func print(_ result: RunResult, pipeline: Pipeline, validateOnly: Bool, exitCode: Int32, json: Bool) {
        var lines: [Line] = []
        for summary in result.summaries {
            let counts = summary.counts.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            var line = "\(summary.stage): " + (counts.isEmpty ? "nothing to do" : counts.joined(separator: ", "))
            if let asOf = summary.asOf { line += ", as of \(asOf)" }
            if summary.findings > 0 { line += ", \(summary.findings) finding(s)" }
            lines.append(Line(line))
        }
        lines += failureLines(result)
        if let warning = warningLine(result, pipeline: pipeline, validateOnly: validateOnly) { lines.append(warning) }
        for (index, reject) in result.rejectLines.enumerated() {
            lines.append(Line(index < PipelineRunner.rejectsListed ? "rejected: \(reject)" : "rejected: … (more in a real run's rejects.csv)"))
        }
        if validateOnly {
            let rejected = result.summaries.reduce(0) { $0 + $1.rejected }
            lines.append(result.failure != nil ? Line("not valid (exit \(exitCode)): nothing was written", error: true)
                : Line(rejected > 0 ? "valid, with \(rejected) row(s) to reject (--strict fails on them): nothing was written"
                       : "valid: nothing was written"))
        } else if result.summaries.contains(where: { $0.stage == "report" }) {
            lines.append(Line("reports: \(pipeline.relativePath(pipeline.reports.dir))/"))
        }
        if result.failure != nil, !validateOnly {
            lines.append(Line("exit \(exitCode)", error: true))
        }
        write(lines, exitCode: exitCode, json: json)
    }

    /// Under `--quiet`: only what must never be hidden — the failures, the reason for the exit
    /// code, and one line when the warehouse holds rejects or warnings.
    static func printQuiet(_ result: RunResult, pipeline: Pipeline, validateOnly: Bool, exitCode: Int32, json: Bool) {
        var lines = failureLines(result)
        if let warning = warningLine(result, pipeline: pipeline, validateOnly: validateOnly) { lines.append(warning) }
        if result.failure != nil { lines.append(Line("exit \(exitCode)", error: true)) }
        if !lines.isEmpty { write(lines, exitCode: exitCode, json: json) }
    }

    private static func failureLines(_ result: RunResult) -> [Line] {
        result.failures.map { Line("failed: \($0.description)", error: true) }
    }

    /// `warning: 2 row(s) rejected, 3 warning finding(s) …`, unless `--strict`'s failure said so.
    private static func warningLine(_ result: RunResult, pipeline: Pipeline, validateOnly: Bool) -> Line? {
        guard let current = result.current, !current.isEmpty, !result.failedStrict else { return nil }
        let place = validateOnly ? "" : "; see rejects.csv and findings.csv in \(pipeline.relativePath(pipeline.reports.dir))/"
        return Line("warning: \(current.description) current in the warehouse\(place)", warning: true)
    }

    struct Line {
        let text: String
        let error: Bool
        var warning = false

        init(_ text: String, error: Bool = false, warning: Bool = false) {
            self.text = text
            self.error = error
            self.warning = warning
        }
    }

    /// Lines for a person on stderr, as text or (with `json`) as JSON objects like the log's.
    static func write(_ lines: [Line], exitCode: Int32, json: Bool) {
        let text = lines.map { line in
            json ? StderrLogHandler.jsonLine(["level": line.error ? "error" : line.warning ? "warning" : "info", "message": line.text, "summary": true,
                                              "exit": Int(exitCode)])
                : "gevinst: \(line.text)"
        }
        FileHandle.standardError.write(Data(text.map { $0 + "\n" }.joined().utf8))
    }
}
