import Foundation
import GevinstCore
import Testing
@testable import GevinstImport

@Suite("CSV encoding sniffer")
struct CSVEncodingSnifferTests {
    /// Feeds `bytes` in pieces of `size` bytes.
    static func sniff(_ bytes: [UInt8], pieces size: Int) -> EncodingSniffer {
        var sniffer = EncodingSniffer()
        var start = 0
        while start < bytes.count {
            let end = min(start + size, bytes.count)
            bytes[start..<end].withUnsafeBytes { sniffer.feed($0) }
            start = end
        }
        return sniffer
    }

    @Test("UTF-8 validity agrees with the standard library on random bytes, however the chunks fall")
    func agreesWithStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
                                    0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF]
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0...12, using: &generator)).map { _ in interesting.randomElement(using: &generator)! }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            for size in [1, 2, 3, 5, 64] {
                #expect(Self.sniff(bytes, pieces: size).isValidUTF8 == expected, "\(bytes) in pieces of \(size)")
            }
            if !bytes.isEmpty {
                let (complete, invalid, _) = bytes.withUnsafeBufferPointer { validateUTF8($0.baseAddress!, count: $0.count) }
                #expect((complete == bytes.count && !invalid) == expected)
            }
        }
    }

    @Test("long ASCII runs with multi-byte text in between stay valid across chunks")
    func longText() {
        let text = String(repeating: "abcdefghijklmnopqrstuvwxyz0123456789 ", count: 50) + "æøå €𝄞" + String(repeating: "x", count: 33)
        for size in [1, 7, 16, 4096] {
            #expect(Self.sniff(Array(text.utf8), pieces: size).isValidUTF8)
            #expect(!Self.sniff(Array(text.utf8) + [0xE2, 0x82], pieces: size).isValidUTF8)
        }
    }

    @Test("byte-order marks are recognised when fed a byte at a time", arguments: [
        ([0xEF, 0xBB, 0xBF, 0x61], ByteOrderMark.utf8),
        ([0xFF, 0xFE, 0x61, 0x00], .utf16LittleEndian),
        ([0xFE, 0xFF, 0x00, 0x61], .utf16BigEndian),
        ([0xFF, 0xFE, 0x00, 0x00], .utf32LittleEndian),
        ([0x00, 0x00, 0xFE, 0xFF], .utf32BigEndian),
    ] as [([UInt8], ByteOrderMark)])
    func byteOrderMarks(bytes: [UInt8], mark: ByteOrderMark) {
        #expect(Self.sniff(bytes, pieces: 1).byteOrderMark == mark)
    }

    @Test("resolve: a mark wins, UTF-32 is refused, auto falls back to Windows-1252")
    func resolve() throws {
        #expect(try Self.sniff(Array("æ".utf8), pieces: 1).resolve(.auto, path: "f") == .utf8)
        #expect(try Self.sniff([0xE6], pieces: 1).resolve(.auto, path: "f") == .windows1252)
        #expect(try Self.sniff([0xE6], pieces: 1).resolve(.iso88591, path: "f") == .iso88591)
        #expect(try Self.sniff([0xFE, 0xFF, 0x00, 0xE6], pieces: 1).resolve(.windows1252, path: "f") == .utf16)
        #expect(try Self.sniff([0xEF, 0xBB, 0xBF], pieces: 2).resolve(.iso88591, path: "f") == .utf8)
        #expect(try Self.sniff([], pieces: 1).resolve(.auto, path: "f") == .utf8)
        #expect(throws: CSVError.unsupportedEncoding(path: "f", byteOrderMark: .utf32LittleEndian)) {
            try Self.sniff([0xFF, 0xFE, 0x00, 0x00], pieces: 1).resolve(.utf16, path: "f")
        }
    }

    @Test("resolve(path:) reads the file itself")
    func resolvePath() throws {
        let directory = try CSVTemporaryDirectory()
        let latin = try directory.file("l.csv", Array(repeating: UInt8(ascii: "a"), count: 300_000) + [0xF8])
        #expect(try EncodingSniffer.resolve(.auto, path: latin) == .windows1252)
        #expect(try EncodingSniffer.resolve(.utf8, path: latin) == .utf8)
        let utf8 = try directory.file("u.csv", "kommune,verdi\nÅl,1\n")
        #expect(try EncodingSniffer.resolve(.auto, path: utf8) == .utf8)
        let missing = directory.url.appendingPathComponent("none.csv").path
        #expect(throws: CSVError.notFound(path: missing)) { try EncodingSniffer.resolve(.auto, path: missing) }
    }
}
