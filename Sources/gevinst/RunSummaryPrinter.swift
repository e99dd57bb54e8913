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
        for failure in result.failures {
            lines.append(Line("failed: \(failure.description)", error: true))
        }
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

    struct Line {
        let text: String
        let error: Bool

        init(_ text: String, error: Bool = false) {
            self.text = text
            self.error = error
        }
    }

    /// Lines for a person on stderr, as text or (with `json`) as JSON objects like the log's.
    static func write(_ lines: [Line], exitCode: Int32, json: Bool) {
        let text = lines.map { line in
            json ? StderrLogHandler.jsonLine(["level": line.error ? "error" : "info", "message": line.text, "summary": true,
                                              "exit": Int(exitCode)])
                : "gevinst: \(line.text)"
        }
        FileHandle.standardError.write(Data(text.map { $0 + "\n" }.joined().utf8))
    }
}
