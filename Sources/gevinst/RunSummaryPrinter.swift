import Foundation
import GevinstCore
import GevinstRunner

/// The few lines a person reads after a run: what each stage did and what failed.
enum RunSummaryPrinter {
    /// With `json`, each line is a JSON object like the log's, with `"summary": true`.
    static func print(_ result: RunResult, pipeline: Pipeline, validateOnly: Bool, exitCode: Int32, json: Bool) {
        var lines: [String] = []
        for summary in result.summaries {
            let counts = summary.counts.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            var line = "\(summary.stage): " + (counts.isEmpty ? "nothing to do" : counts.joined(separator: ", "))
            if let asOf = summary.asOf { line += ", as of \(asOf)" }
            if summary.findings > 0 { line += ", \(summary.findings) finding(s)" }
            lines.append(line)
        }
        for failure in result.failures {
            lines.append("failed: \(failure.description)")
        }
        for (index, reject) in result.rejectLines.enumerated() {
            lines.append(index < PipelineRunner.rejectsListed ? "rejected: \(reject)" : "rejected: … (more in a real run's rejects.csv)")
        }
        if validateOnly {
            let rejected = result.summaries.reduce(0) { $0 + $1.rejected }
            lines.append(result.failure != nil ? "not valid (exit \(exitCode)): nothing was written"
                : rejected > 0 ? "valid, with \(rejected) row(s) to reject (--strict fails on them): nothing was written"
                : "valid: nothing was written")
        } else if result.summaries.contains(where: { $0.stage == "report" }) {
            lines.append("reports: \(pipeline.displayPath(pipeline.reports.dir))/")
        }
        if result.failure != nil, !validateOnly {
            lines.append("exit \(exitCode)")
        }
        write(lines, exitCode: exitCode, json: json)
    }

    /// Lines for a person on stderr, as text or (with `json`) as JSON objects like the log's.
    static func write(_ lines: [String], exitCode: Int32, json: Bool) {
        guard json else {
            FileHandle.standardError.write(Data(lines.map { "gevinst: \($0)\n" }.joined().utf8))
            return
        }
        let time = ISO8601DateFormatter().string(from: Date())
        for line in lines {
            let level = line.hasPrefix("failed:") || line.hasPrefix("exit ") || line.hasPrefix("not valid") ? "error" : "info"
            let object: [String: Any] = ["level": level, "message": line, "summary": true, "time": time, "exit": Int(exitCode)]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            FileHandle.standardError.write(data + Data("\n".utf8))
        }
    }
}
