import GevinstCore
import Foundation
import Testing

/// Reads a file from the test bundle's `Fixtures` folder.
func fixtureData(_ path: String) throws -> Data {
    let url = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/\(path)"))
    return try Data(contentsOf: url)
}

/// Rows of a small comma-separated fixture without its header line; quotes around fields dropped.
func fixtureRows(_ path: String) throws -> [[String]] {
    let text = try #require(String(data: fixtureData(path), encoding: .utf8))
    return text.split(separator: "\n").dropFirst().map { line in
        line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r"))
        }
    }
}

/// Expects `actual` within 1e-9 relative (1e-12 absolute near zero) of `expected`, or both nil.
func expectClose(_ actual: Double?, _ expected: Double?, relative: Double = 1e-9, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    switch (actual, expected) {
    case (nil, nil):
        return
    case let (actual?, expected?):
        let tolerance = max(1e-12, relative * abs(expected))
        #expect(abs(actual - expected) <= tolerance, "\(what): \(actual) ≠ \(expected)", sourceLocation: sourceLocation)
    default:
        Issue.record("\(what): \(String(describing: actual)) ≠ \(String(describing: expected))",
                     sourceLocation: sourceLocation)
    }
}
