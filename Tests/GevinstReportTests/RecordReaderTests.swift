import Foundation
import GevinstTestSupport
import Testing
@testable import GevinstReport

/// `RecordReader`, which reads the previous report files a line or a CSV record at a time.
@Suite struct RecordReaderTests {
    /// The records of `bytes` as the reader returns them.
    static func records(_ bytes: [UInt8], quoted: Bool) throws -> [[UInt8]] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-records-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try #require(RecordReader(path: path))
        var records: [[UInt8]] = []
        while let record = try reader.next(quoted: quoted) { records.append(Array(reader.bytes(record))) }
        return records
    }

    @Test func linesWithTheirLineEndsAndALastLineWithoutOne() throws {
        let text = Array("a\n\nbc\r\n\"d\nlast".utf8)
        #expect(try Self.records(text, quoted: false).map { String(decoding: $0, as: UTF8.self) } == ["a\n", "\n", "bc\r\n", "\"d\n", "last"])
        #expect(try Self.records([], quoted: false).isEmpty)
    }

    @Test func aCSVRecordRunsOnThroughLineBreaksInQuotes() throws {
        let text = Array("i,\"a\r\nb\",1\r\n\"x\"\"\ny\",2\r\n\"\",3\r\n".utf8)
        #expect(try Self.records(text, quoted: true).map { String(decoding: $0, as: UTF8.self) }
            == ["i,\"a\r\nb\",1\r\n", "\"x\"\"\ny\",2\r\n", "\"\",3\r\n"])
    }

    /// Records across the 1 MiB buffer's end, quoted line breaks there, and one record of 3 MiB (the
    /// buffer grows): the records put together are the file.
    @Test(arguments: [UInt64(1), 2, 3])
    func recordsAcrossTheBufferGiveBackTheFile(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        var text: [UInt8] = []
        var expected: [[UInt8]] = []
        while text.count < 5 << 20 {
            var record: [UInt8] = []
            let length = expected.count == 40 ? 3 << 20 : Int(random.next() % 70_000)
            var quoted = false
            for _ in 0..<length {
                switch random.next() % 50 {
                case 0: record.append(UInt8(ascii: "\"")); quoted.toggle()
                case 1 where quoted: record.append(0x0A)
                default: record.append(UInt8(ascii: "a") + UInt8(random.next() % 26))
                }
            }
            if quoted { record.append(UInt8(ascii: "\"")) }
            record += [0x0D, 0x0A]
            expected.append(record)
            text += record
        }
        let records = try Self.records(text, quoted: true)
        #expect(records.count == expected.count)
        #expect(records == expected)
    }
}
