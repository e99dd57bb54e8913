import ArgumentParser
import Foundation
import GevinstCore
import GevinstImport

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how gevinst reads a file: encoding, delimiter, decimal mark and records.",
        discussion: """
            CSV: with --format json, prints the records as a JSON array of arrays of strings, exactly as read, header \
            first. XML (a file ending in .xml, or starting with '<'): prints every element and attribute path with its \
            count and an example value, to help write a source's record: and fields:.
            """)

    @Argument(help: "The file to inspect (CSV or XML).")
    var file: String

    @Option(help: "text or json.")
    var format: InspectFormat = .text

    @Option(help: "CSV: show at most this many records after the header (default: all). XML: read at most this many elements (default 10 000), or with --record this many records (default 100).")
    var rows: Int?

    @Option(help: "XML: the record element's local name (e.g. Transaction); --rows then counts records of that name.")
    var record: String?

    @Option(help: "The 1-based line of the header (title lines above it are skipped).")
    var headerRow = 1

    func validate() throws {
        if let rows, rows < 0 { throw ValidationError("--rows must be 0 or more, not \(rows)") }
        guard headerRow >= 1, headerRow < 10_000 else { throw ValidationError("--header-row must be a line number from 1 to 9999, not \(headerRow)") }
        if let record, record.isEmpty { throw ValidationError("--record must name an element") }
    }

    func run() throws {
        if Self.isXML(file) {
            try inspectXML()
            return
        }
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

extension InspectCommand {
    static func isXML(_ path: String) -> Bool {
        if path.lowercased().hasSuffix(".xml") { return true }
        guard let handle = FileHandle(forReadingAtPath: path), let head = try? handle.read(upToCount: 64) else { return false }
        try? handle.close()
        let bytes = head.drop { [0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return bytes.first == UInt8(ascii: "<") || head.starts(with: [0xFF, 0xFE, 0x3C]) || head.starts(with: [0xFE, 0xFF, 0x00, 0x3C])
    }

    func inspectXML() throws {
        let inspection: XMLInspection
        do {
            inspection = try XMLInspector.inspect(path: file, limit: rows ?? (record == nil ? 10_000 : 100), record: record)
        } catch {
            FileHandle.standardError.write(Data("gevinst: \(error.description)\n".utf8))
            throw ExitCode(ExitCodes.code(for: error.category))
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(inspection), as: UTF8.self))
        case .text:
            print(inspection.description)
        }
    }
}

enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
