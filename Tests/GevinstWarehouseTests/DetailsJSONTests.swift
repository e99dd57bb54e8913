import Foundation
import Testing
@testable import GevinstWarehouse
import GevinstTestSupport

/// `DetailsJSON` must write what `JSONSerialization` with `.sortedKeys` writes, byte for byte: the
/// findings table and the reports that read it stay as they were.
@Suite("Details JSON")
struct DetailsJSONTests {
    private static func reference(_ details: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: details, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Values with every escape, non-ASCII and keys that collate differently from their bytes.
    static let trickyObjects: [[String: String]] = [
        [:],
        ["count": "12", "gain_type": "økonomisk", "period": "2024K1"],
        ["value": "a/b\"c\\d\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1A}\u{1F}\u{7F} æøå € 😀 \u{2028}\u{FFFE} e\u{301}"],
        ["a": "", "a_b": "", "ab": "", "_": "", "__": "", "z_": "", "z": ""],
        ["B": "x", "a10": "y", "a9": "z", "1": "", "10": "", "2": "", "é": "", "a b": "", "\u{FF41}": "/"],
    ]

    @Test("tricky objects match JSONSerialization", arguments: trickyObjects)
    func tricky(_ details: [String: String]) throws {
        #expect(try DetailsJSON.encode(details) == Self.reference(details))
    }

    @Test("seeded random objects match JSONSerialization")
    func random() throws {
        var random = SeededRandom(seed: 20_261_206)
        let keyAlphabet = Array("ab_z")
        let valueAlphabet: [Character] = Array("aZ09 /\\\"_-.,æøÅ€😀\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}\u{2028}\u{FF41}é")
        for _ in 0..<3_000 {
            var details: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                let key = String((0..<Int.random(in: 1...4, using: &random)).map { _ in keyAlphabet.randomElement(using: &random)! })
                details[key] = String((0..<Int.random(in: 0...12, using: &random)).map { _ in valueAlphabet.randomElement(using: &random)! })
            }
            let encoded = try DetailsJSON.encode(details)
            #expect(encoded == (try Self.reference(details)), "\(details)")
            #expect((try JSONSerialization.jsonObject(with: Data(encoded.utf8))) as? [String: String] == details)
        }
    }
}
