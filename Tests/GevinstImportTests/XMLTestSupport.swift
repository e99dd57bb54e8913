import Foundation
@testable import GevinstImport

/// Paths of the XML fixtures, and independent ways to know what a reader should report.
enum XMLFixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("xml")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Every file of a fixture folder whose name matches, sorted.
    static func files(in folder: String, where matches: (String) -> Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? []
        return names.filter(matches).sorted().map { "\(folder)/\($0)" }
    }

    /// Line and column (1-based, in Unicode scalars, as libxml2 counts) of every start tag of
    /// `name` (with or without a prefix), found by scanning the decoded text.
    static func startTags(of name: String, in text: String) -> [XMLRecordPosition] {
        var positions: [XMLRecordPosition] = []
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            let scalars = Array(line.unicodeScalars)
            var column = 0
            while column < scalars.count {
                defer { column += 1 }
                guard scalars[column] == "<" else { continue }
                var end = column + 1
                while end < scalars.count, !" \t>/".unicodeScalars.contains(scalars[end]) { end += 1 }
                let qualified = String(String.UnicodeScalarView(scalars[(column + 1)..<end]))
                let local = qualified.split(separator: ":").last.map(String.init) ?? qualified
                if local == name { positions.append(XMLRecordPosition(line: index + 1, column: column + 1)) }
            }
        }
        return positions
    }

    /// Reads every record of a file into an array.
    static func records(_ path: String, record: String, paths: [String]) throws -> [XMLRecord] {
        let mapping = try XMLRecordMapping(record: record, paths: paths.map { try XMLFieldPath($0) })
        var records: [XMLRecord] = []
        try XMLRecordReader(path: path, mapping: mapping).forEachRecord { records.append($0) }
        return records
    }

    /// A scratch directory for generated files, removed by the caller.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct XMLRecordPosition: Equatable, CustomStringConvertible {
    var line: Int
    var column: Int
    var description: String { "\(line):\(column)" }
}

extension XMLRecord {
    var position: XMLRecordPosition { XMLRecordPosition(line: line, column: column) }
}
