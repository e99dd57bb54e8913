import ArgumentParser
import Foundation
import GevinstCore
import GevinstImport

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how gevinst reads a file: encoding, delimiter, decimal mark and records; a KOSTRA file's identity and sums; a cube's dimensions.",
        discussion: """
            CSV: with --format json, prints the records as a JSON array of arrays of strings, exactly as read, header \
            first. XML (a file ending in .xml, or starting with '<'): prints every element and attribute path with its \
            count and an example value, to help write a source's record: and fields:. KOSTRA (a file ending in .dat, or \
            whose first line is a 48-character record of a known form): prints its identity, line count, sums per \
            kontoklasse and the largest funksjon/art combinations, to help write a source's indicators:. Statistics \
            cubes (a file ending in .json, JSON-stat 2.0, or .px, PC-Axis): prints the dimensions with their roles, \
            sizes and first categories, the publication date and the default mapping, to help write a source's \
            dimensions: and filter:.
            """)

    @Argument(help: "The file to inspect (CSV, XML, KOSTRA, JSON-stat or PC-Axis).")
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
        let inspection: any FileInspection
        do {
            inspection = try InputFormats.inspect(InspectRequest(path: file, rows: rows, record: record, headerRow: headerRow))
        } catch {
            FileHandle.standardError.write(Data("gevinst: \(error.description)\n".utf8))
            throw ExitCode(ExitCodes.code(for: error.category))
        }
        print(format == .json ? try inspection.json() : inspection.text(), terminator: "")
    }
}

enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
