import Foundation
import GevinstCore
import Testing
@testable import GevinstImport

/// Public CSV test suites (copied under Fixtures/csv with their licences), read with the default
/// options unless the suite fixes a setting.
@Suite("CSV conformance")
struct CSVConformanceTests {
    // MARK: csv-spectrum

    static let spectrumNames = [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines", "newlines_crlf",
        "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ]

    @Test("csv-spectrum: records keyed by the header equal json/<name>.json", arguments: spectrumNames)
    func spectrum(name: String) throws {
        let directory = csvFixtures.appendingPathComponent("csv-spectrum")
        let expected = try JSONDecoder().decode([[String: String]].self,
                                                from: Data(contentsOf: directory.appendingPathComponent("json/\(name).json")))
        let records = try readCSV(directory.appendingPathComponent("csvs/\(name).csv").path).get()
        #expect(keyedRecords(records) == expected)
    }

    @Test("csv-spectrum: location_coordinates (broken expectation upstream) reads without error")
    func spectrumLocationCoordinates() throws {
        let path = csvFixtures.appendingPathComponent("csv-spectrum/csvs/location_coordinates.csv").path
        let records = try readCSV(path).get()
        #expect(records.map(\.fields.count) == [4, 4])
        #expect(records[1].fields[1] == "37\u{FFFD}36'37.8\"N 121\u{FFFD}2'17.9\"W")
    }

    // MARK: FastCSV spec

    struct FastCSVCheck: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var id: String
        var input: String
        var records: [[String]]
        var commentMode: String
        var skipEmptyLines: Bool
        var exceptionAllowed: Bool

        var testDescription: String { id }
    }

    static let fastCSVChecks: [FastCSVCheck] = {
        let url = csvFixtures.appendingPathComponent("fastcsv-spec/checks.json")
        return try! JSONDecoder().decode([FastCSVCheck].self, from: Data(contentsOf: url))
    }()

    /// The checks for comment modes this reader does not have (it treats `#` as text, which the
    /// `NONE` checks cover).
    static let commentModeChecks = fastCSVChecks.filter { $0.commentMode != "NONE" }

    /// The symbols of the spec files: ⏎ stands for each line break in turn.
    static func expand(_ text: String, lineBreak: String) -> String {
        text.replacingOccurrences(of: "␍", with: "\r").replacingOccurrences(of: "␊", with: "\n")
            .replacingOccurrences(of: "␤", with: "\r\n").replacingOccurrences(of: "⏎", with: lineBreak)
            .replacingOccurrences(of: "␠", with: " ")
    }

    @Test("FastCSV spec: 60 checks, of which the comment-mode READ and SKIP ones do not apply")
    func fastCSVInventory() {
        #expect(Self.fastCSVChecks.count == 60)
        #expect(Self.commentModeChecks.count == 14)
        #expect(Set(Self.commentModeChecks.map(\.file)) == ["comments-read.yaml", "comments-skip.yaml"])
    }

    @Test("FastCSV spec: records match, or an error where exceptions are allowed",
          arguments: fastCSVChecks.filter { $0.commentMode == "NONE" })
    func fastCSV(check: FastCSVCheck) throws {
        let directory = try CSVTemporaryDirectory()
        let lineBreaks = check.input.contains("⏎") || check.records.joined().contains { $0.contains("⏎") }
            ? ["\r", "\n", "\r\n"] : ["\n"]
        for lineBreak in lineBreaks {
            let path = try directory.file("input.csv", Self.expand(check.input, lineBreak: lineBreak))
            let expected = check.records.map { $0.map { Self.expand($0, lineBreak: lineBreak) } }
            for chunkSize in tinyChunkSizes + [256 * 1024] {
                let options = csvOptions(encoding: .utf8, delimiter: ",", chunkSize: chunkSize,
                                         skipsEmptyLines: check.skipEmptyLines)
                switch readFields(path, options) {
                case .success(let records):
                    #expect(records == expected, "\(check.id), line break \(lineBreak.debugDescription), chunk \(chunkSize)")
                case .failure(let error):
                    #expect(check.exceptionAllowed, "\(check.id): \(error)")
                }
            }
        }
    }

    @Test("FastCSV spec: the exceptions this reader raises are the documented ones")
    func fastCSVExceptions() throws {
        let directory = try CSVTemporaryDirectory()
        var refused: [String: CSVError] = [:]
        for check in Self.fastCSVChecks where check.exceptionAllowed {
            let path = try directory.file("\(check.id).csv", Self.expand(check.input, lineBreak: "\n"))
            if case .failure(let error) = readFields(path, csvOptions(encoding: .utf8, delimiter: ",")) {
                refused[check.id] = error
            }
        }
        let directoryPath = directory.url.path
        #expect(refused == [
            "open-quotation-1": .unterminatedQuote(path: directoryPath + "/open-quotation-1.csv", line: 1),
            "open-quotation-2": .unterminatedQuote(path: directoryPath + "/open-quotation-2.csv", line: 1),
        ])
    }

    // MARK: FastCSV byte-order marks

    @Test("FastCSV BOM files read as foo,üÜß / 123,456 with no BOM in the first field",
          arguments: ["utf8_bom", "utf8_nobom", "utf16le_bom", "utf16be_bom"])
    func byteOrderMarks(name: String) throws {
        let path = csvFixtures.appendingPathComponent("fastcsv-bom/\(name).csv").path
        #expect(try readFields(path).get() == [["foo", "üÜß"], ["123", "456"]])
        let reader = try CSVReader(path: path)
        let header = try #require(try reader.next())
        #expect(Array(header[0]) == Array("foo".utf8))
    }

    @Test("FastCSV BOM files in UTF-32 are refused with a clear error",
          arguments: [("utf32le_bom", ByteOrderMark.utf32LittleEndian), ("utf32be_bom", .utf32BigEndian)])
    func utf32Refused(name: String, mark: ByteOrderMark) throws {
        let path = csvFixtures.appendingPathComponent("fastcsv-bom/\(name).csv").path
        for encoding in CSVEncoding.allCases {
            #expect(readFields(path, csvOptions(encoding: encoding)) == .failure(.unsupportedEncoding(path: path, byteOrderMark: mark)))
        }
        let error = CSVError.unsupportedEncoding(path: path, byteOrderMark: mark)
        #expect(error.description.contains("UTF-32 is not supported"))
    }

    // MARK: W3C CSV on the Web

    struct W3CResult: Decodable {
        struct Table: Decodable { var row: [Row] }
        struct Row: Decodable { var describes: [[String: String]] }
        var tables: [Table]
    }

    @Test("W3C CSVW: rows equal describes[0] (empty cells are null there)",
          arguments: ["test001", "test005", "test006", "test007", "test008", "test009", "test010"])
    func w3c(name: String) throws {
        let directory = csvFixtures.appendingPathComponent("w3c-csvw")
        let result = try JSONDecoder().decode(W3CResult.self, from: Data(contentsOf: directory.appendingPathComponent("\(name).json")))
        let expected = result.tables[0].row.map { $0.describes[0] }
        let records = try readCSV(directory.appendingPathComponent("\(name).csv").path).get()
        #expect(keyedRecords(records).map { $0.filter { !$0.value.isEmpty } } == expected)
    }

    @Test("W3C CSVW unicode-nfc: strings come out exactly as written, not normalised")
    func unicodeNotNormalised() throws {
        let path = csvFixtures.appendingPathComponent("w3c-csvw/unicode-nfc.csv").path
        let reader = try CSVReader(path: path)
        #expect(try reader.next() != nil)
        var rows = 0
        while let record = try reader.next() {
            let codePoints = record.string(1).split(separator: " ").map { UInt32($0, radix: 16)! }
            let normalised = record.string(2).split(separator: " ").map { UInt32($0, radix: 16)! }
            #expect(record.string(0).unicodeScalars.map(\.value) == codePoints)
            #expect(codePoints != normalised)
            rows += 1
        }
        #expect(rows == 2)
    }
}
