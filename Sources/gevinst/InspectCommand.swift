import ArgumentParser
import Foundation
import GevinstCore
import GevinstImport

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how gevinst reads a file: encoding, delimiter, decimal mark and records.",
        discussion: "With --format json, prints the records as a JSON array of arrays of strings, exactly as read, header first.")

    @Argument(help: "The file to inspect (CSV).")
    var file: String

    @Option(help: "text or json.")
    var format: InspectFormat = .text

    @Option(help: "Show at most this many records after the header (default: all).")
    var rows: Int?

    @Option(help: "The 1-based line of the header (title lines above it are skipped).")
    var headerRow = 1

    func run() throws {
        let inspection: CSVInspection
        do {
            inspection = try CSVInspection.inspect(path: file, headerRow: headerRow, limit: rows)
        } catch {
            FileHandle.standardError.write(Data("gevinst: \(error.description)\n".utf8))
            throw ExitCode(ExitCodes.code(for: error.category))
        }
        switch format {
        case .json:
            let data = try JSONSerialization.data(withJSONObject: inspection.records.map(\.fields), options: [.withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        case .text:
            var out = "file:         \(file)\nencoding:     \(inspection.encoding)\ndelimiter:    \(inspection.delimiter)\n"
            out += "decimal mark: \(inspection.decimalMark.rawValue)\n"
            if let header = inspection.records.first {
                out += "header (line \(header.line)): \(header.fields.map { "[\($0)]" }.joined(separator: " "))\n"
            }
            out += "records:      \(max(0, inspection.records.count - 1))\(rows.map { " (first \($0))" } ?? "")\n\n"
            for record in inspection.records.dropFirst() {
                out += "\(String(record.line).padding(toLength: 6, withPad: " ", startingAt: 0)) \(record.fields.map { "[\($0)]" }.joined(separator: " "))\n"
            }
            print(out, terminator: "")
        }
    }
}

enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
