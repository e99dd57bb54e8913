import Foundation
import Logging

/// Human logs on stderr, as text lines or one JSON object per line.
struct StderrLogHandler: LogHandler {
    let label: String
    let json: Bool
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        let line: String
        if json {
            var object: [String: Any] = ["level": event.level.rawValue, "message": "\(event.message)"]
            for (key, value) in all {
                // Counts and times stay numbers; everything else is text.
                if case .stringConvertible(let number) = value, number is Int || number is Int64 || number is Double {
                    object[key] = number
                } else {
                    object[key] = "\(value)"
                }
            }
            line = Self.jsonLine(object)
        } else {
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let level = event.level >= .warning ? "\(event.level.rawValue): " : ""
            line = "gevinst: \(level)\(event.message)\(fields.isEmpty ? "" : " [\(fields)]")"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension StderrLogHandler {
    /// One JSON object on one line, with the time added: keys sorted, slashes as they are.
    static func jsonLine(_ fields: [String: Any]) -> String {
        var object = fields
        object["time"] = ISO8601DateFormatter().string(from: Date())
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

enum Logging {
    /// Sets up logging once for the process and returns the root logger.
    static func bootstrapOnce(format: LogFormat, level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in StderrLogHandler(label: label, json: format == .json, logLevel: level) }
        return Logger(label: "gevinst")
    }
}
