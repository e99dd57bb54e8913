import Foundation
import Testing
@testable import GevinstImport

/// Throughput on a generated ~100 MB file. Opt-in, and meaningful only in a release build:
/// `GEVINST_CSV_BENCH=1 swift test -c release --filter CSVThroughput`.
@Suite("CSV throughput", .enabled(if: ProcessInfo.processInfo.environment["GEVINST_CSV_BENCH"] != nil))
struct CSVThroughputTests {
    /// Writes about `megabytes` MB of statbank-like rows (some fields quoted, some with `""`) in `encoding`.
    static func generate(in directory: CSVTemporaryDirectory, megabytes: Int, encoding: CSVEncoding) throws -> (String, Int) {
        var block = "\"region\";\"statistikkvariabel\";\"år\";\"verdi\"\n"
        var row = 0
        while block.utf8.count < 1_000_000 {
            row += 1
            block += "\"\(3000 + row % 1000) Kommune \(row % 97)\";\"Sjukefråvær, \"\"legemeldt\"\", prosent\";\(2000 + row % 25);\(row % 1000),\(row % 10)\n"
            block += "\(3000 + row % 1000);Barnehagedekning;\(2000 + row % 25)K\(row % 4 + 1);\(row % 100).\(row % 7)\n"
        }
        let bytes: Data
        switch encoding {
        case .utf16: bytes = Data(block.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        case .windows1252: bytes = block.data(using: .windowsCP1252)!
        default: bytes = Data(block.utf8)
        }
        let url = directory.url.appendingPathComponent("bench-\(encoding.rawValue).csv")
        try Data().write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        if encoding == .utf16 { try handle.write(contentsOf: [0xFF, 0xFE]) }
        for _ in 0..<megabytes { try handle.write(contentsOf: bytes) }
        try handle.close()
        return (url.path, bytes.count * megabytes)
    }

    @Test("reads ~100 MB, touching every field's bytes", arguments: [CSVEncoding.utf8, .windows1252, .utf16])
    func throughput(encoding: CSVEncoding) throws {
        let directory = try CSVTemporaryDirectory()
        let (path, size) = try Self.generate(in: directory, megabytes: 100, encoding: encoding)
        var best = Double.infinity
        var checksum = 0
        for _ in 0..<3 {
            let started = ContinuousClock.now
            let reader = try CSVReader(path: path, options: .init(encoding: encoding, delimiter: UInt8(ascii: ";")))
            checksum = 0
            while let record = try reader.next() {
                for field in record { checksum &+= field.count }
            }
            let elapsed = started.duration(to: .now)
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        let rate = Double(size) / best / 1_000_000
        print("CSV throughput \(encoding.rawValue): \(size / 1_000_000) MB in \(best) s = \(Int(rate)) MB/s (checksum \(checksum))")
        if encoding == .utf8 { #expect(rate > 150) }
    }
}
