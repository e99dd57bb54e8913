import Foundation
@testable import GevinstImport
import Testing

/// `PrefilteredInput` reads and scans a file on a thread of its own; libxml2 must get what it got
/// when it scanned its own reads: every byte up to the read that holds the byte the prefilter
/// refused on, and that read refused.
@Suite struct PrefilteredInputTests {
    /// 200 000 bytes of well-formed elements, then a start tag with one attribute more than the
    /// prefilter allows; the offset of the `=` that makes one too many.
    static func refusedFile() -> (bytes: [UInt8], decidingByte: Int) {
        var text = "<r>\n" + String(repeating: "<v p=\"1\">12,5</v>\n", count: 200_000 / 18)
        let start = text.utf8.count
        text += "<t" + (0...XMLPrefilter.maximumAttributes).map { " a\($0)=\"x\"" }.joined() + "/></r>\n"
        let bytes = Array(text.utf8)
        let deciding = bytes[start...].indices.filter { bytes[$0] == UInt8(ascii: "=") }[XMLPrefilter.maximumAttributes]
        return (bytes, deciding)
    }

    static func withFile<R>(_ bytes: [UInt8], _ body: (Int32) throws -> R) throws -> R {
        let directory = try CSVTemporaryDirectory()
        let descriptor = open(try directory.file("input.xml", bytes), O_RDONLY)
        defer { close(descriptor) }
        return try body(descriptor)
    }

    /// Reads in requests of `size` bytes until the end or a refusal: the bytes got, and the refusal.
    static func readAll(_ descriptor: Int32, size: Int) -> (bytes: [UInt8], refusal: XMLPrefilter.Refusal?) {
        let input = PrefilteredInput(descriptor: descriptor)
        defer { input.stop() }
        var got: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: size)
        while true {
            let outcome = buffer.withUnsafeMutableBytes { input.read(into: $0.baseAddress!, count: size) }
            switch outcome {
            case .bytes(0): return (got, nil)
            case .bytes(let count): got += buffer.prefix(count)
            case .refused(let refusal): return (got, refusal)
            case .unreadable(let reason): Issue.record("unreadable: \(reason)"); return (got, nil)
            }
        }
    }

    @Test("a read is refused exactly when it asks for the byte the prefilter refused on", arguments: [1, 7, 4_000, 65_536, 70_001, 1 << 20])
    func refusedWhereTheScanOfTheReadWouldBe(size: Int) throws {
        let (bytes, deciding) = Self.refusedFile()
        #expect(deciding > 200_000 && deciding < bytes.count)
        let (got, refusal) = try Self.withFile(bytes) { Self.readAll($0, size: size) }
        #expect(refusal?.reason.hasPrefix("this start tag has more than 1000 attributes") == true)
        #expect(got.count == deciding / size * size)
        #expect(got == Array(bytes.prefix(got.count)))
    }

    @Test("a file without a refusal arrives whole, in reads of any size", arguments: [1, 4_000, 65_536, 100_000])
    func whole(size: Int) throws {
        let bytes = Array(("<r>" + String(repeating: "<v p=\"2024K1\">1,5</v>\n", count: 9_000) + "</r>").utf8)
        let (got, refusal) = try Self.withFile(bytes) { Self.readAll($0, size: size) }
        #expect(refusal == nil)
        #expect(got == bytes)
    }

    @Test("a read error reaches the parser as unreadable, with the system's message")
    func unreadable() throws {
        let descriptor = open(FileManager.default.temporaryDirectory.path, O_RDONLY)
        defer { close(descriptor) }
        let input = PrefilteredInput(descriptor: descriptor)
        defer { input.stop() }
        var buffer = [UInt8](repeating: 0, count: 16)
        let outcome = buffer.withUnsafeMutableBytes { input.read(into: $0.baseAddress!, count: 16) }
        guard case .unreadable(let reason) = outcome else {
            Issue.record("not unreadable: \(outcome)")
            return
        }
        #expect(reason == String(cString: strerror(EISDIR)))
    }
}
