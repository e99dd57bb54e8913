import Foundation
import GevinstCore
import Testing
@testable import GevinstImport

/// Reading with tiny chunks puts every chunk boundary everywhere: inside quotes, between CR and LF,
/// inside UTF-8 and UTF-16 sequences, inside byte-order marks. The result must not change.
@Suite("CSV chunk boundaries")
struct CSVChunkBoundaryTests {
    /// Every CSV fixture, plus generated inputs in each encoding and with each error.
    static func inputs(in directory: CSVTemporaryDirectory) throws -> [(String, CSVReader.Options)] {
        let fixtures = FileManager.default.enumerator(at: csvFixtures, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "csv" }.map(\.path).sorted()
        var inputs = fixtures.map { ($0, csvOptions()) }
        let text = "Tittel;\"med\nlinjeskift\"\r\nkommune;\"merknad\";verdi\r\n\"4601 Bergen\";\"regn \"\"heile\"\" året\r\n🌧\";12,5\r0301;x\"y;\"a\"b\n\n"
        inputs.append((try directory.file("generated-utf8.csv", text), csvOptions(headerRow: 3)))
        inputs.append((try directory.file("generated-bom.csv", [0xEF, 0xBB, 0xBF] + Array(text.utf8)), csvOptions(headerRow: 3)))
        inputs.append((try directory.file("generated-le.csv", [0xFF, 0xFE] + CSVReaderTests.utf16(text, bigEndian: false)), csvOptions(headerRow: 3)))
        inputs.append((try directory.file("generated-be.csv", [0xFE, 0xFF] + CSVReaderTests.utf16(text, bigEndian: true)), csvOptions()))
        inputs.append((try directory.file("generated-w.csv", Array("namn;by\r\n\"æ\r\nø\";å€\r\n".unicodeScalars.map { $0.value == 0x20AC ? 0x80 : UInt8($0.value) })),
                       csvOptions()))
        inputs.append((try directory.file("generated-bad8.csv", Array("a,b\n\"c\nd\",".utf8) + [0xF0, 0x9F, 0x8C] + Array(",e\n".utf8)),
                       csvOptions(encoding: .utf8)))
        inputs.append((try directory.file("generated-bad16.csv", [0xFF, 0xFE] + CSVReaderTests.utf16("a\nb", bigEndian: false) + [0x00, 0xD8, 0x41, 0x00]),
                       csvOptions()))
        inputs.append((try directory.file("generated-open.csv", "a;b\r\n\"c;d\r\ne"), csvOptions()))
        inputs.append((try directory.file("generated-long.csv", "a\n" + String(repeating: "\"x\"\"\",", count: 40) + "\n"),
                       csvOptions(maxRecordBytes: 100)))
        inputs.append((try directory.file("generated-wide.csv", "a\n" + String(repeating: ",", count: 30) + "\n"),
                       csvOptions(maxColumns: 30)))
        return inputs
    }

    @Test("chunks of 1, 2, 3 and 7 bytes read every input exactly like 256 KiB chunks")
    func tinyChunks() throws {
        let directory = try CSVTemporaryDirectory()
        let inputs = try Self.inputs(in: directory)
        #expect(inputs.count >= 36)
        for (path, options) in inputs {
            let expected = readCSV(path, options)
            for chunkSize in tinyChunkSizes {
                var tiny = options
                tiny.chunkSize = chunkSize
                #expect(readCSV(path, tiny) == expected, "\(path) in chunks of \(chunkSize)")
            }
        }
    }

    @Test("the generated inputs read as intended")
    func generatedInputs() throws {
        let directory = try CSVTemporaryDirectory()
        let inputs = try Self.inputs(in: directory)
        func result(_ name: String) -> Result<[CSVRecord], CSVError> {
            let (path, options) = inputs.first { $0.0.hasSuffix("/" + name) }!
            return readCSV(path, options)
        }
        let expected = [
            CSVRecord(line: 3, fields: ["kommune", "merknad", "verdi"]),
            CSVRecord(line: 4, fields: ["4601 Bergen", "regn \"heile\" året\r\n🌧", "12,5"]),
            CSVRecord(line: 6, fields: ["0301", "x\"y", "ab"]),
        ]
        #expect(try result("generated-utf8.csv").get() == expected)
        #expect(try result("generated-bom.csv").get() == expected)
        #expect(try result("generated-le.csv").get() == expected)
        #expect(try result("generated-be.csv").get().count == 4)
        #expect(try result("generated-w.csv").get().map(\.fields) == [["namn", "by"], ["æ\r\nø", "å€"]])
        let path = { (name: String) in directory.url.appendingPathComponent(name).path }
        #expect(result("generated-bad8.csv") == .failure(.undecodableBytes(path: path("generated-bad8.csv"), line: 3, byteOffset: 10, encoding: .utf8)))
        #expect(result("generated-bad16.csv") == .failure(.undecodableBytes(path: path("generated-bad16.csv"), line: 2, byteOffset: 8, encoding: .utf16)))
        #expect(result("generated-open.csv") == .failure(.unterminatedQuote(path: path("generated-open.csv"), line: 2)))
        #expect(result("generated-long.csv") == .failure(.recordTooLong(path: path("generated-long.csv"), line: 2, limit: 100)))
        #expect(result("generated-wide.csv") == .failure(.tooManyColumns(path: path("generated-wide.csv"), line: 2, limit: 30)))
    }
}
