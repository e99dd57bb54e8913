import Foundation
import GevinstCore
@testable import GevinstImport

/// The KOSTRA fixtures and the figures `Fixtures/kostra/make_expected.py` computed from them
/// independently of the reader.
enum KOSTRAFixtures {
    static let root = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/kostra")
    static let real = path("0A_V2019_K4_R040200_OK.dat")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static let expected: Expected = {
        let data = try! Data(contentsOf: root.appendingPathComponent("expected.json"))
        return try! JSONDecoder().decode(Expected.self, from: data)
    }()

    struct Expected: Decodable {
        struct ClassTotal: Decodable { let records: Int; let sum: Int64 }
        struct Combination: Decodable { let kontoklasse: String; let funksjon: String; let art: String; let records: Int; let sum: Int64 }
        let lines: Int
        let records: Int
        let scale: Int64
        let indicators: [String: [String: [String]]]
        let kontoklasse: [String: ClassTotal]
        let drift_total: [String: Int64]
        let investering_total: [String: Int64]
        let drift_by_funksjon: [String: Int64]
        let largest: [Combination]
        let quarter_year_to_date: [String: [String: Int64]]
        let quarter_values: [String: [String: Int64]]
    }

    /// The script's indicators as selections, in name order.
    static var indicators: [KOSTRAIndicatorSelection] {
        expected.indicators.keys.sorted().map { name in
            let selectors = expected.indicators[name]!
            func patterns(_ field: String) -> [AccountPattern]? { selectors[field].map { $0.map { AccountPattern($0)! } } }
            return KOSTRAIndicatorSelection(indicator: name, art: patterns("art"), funksjon: patterns("funksjon"),
                                            kapittel: patterns("kapittel"), sektor: patterns("sektor"))
        }
    }

    /// `"name|unit"` keys as the script writes them.
    static func keyed(_ sums: [String: Int64]) -> [KOSTRAKey: Int64] {
        Dictionary(uniqueKeysWithValues: sums.map { key, value in
            let parts = key.split(separator: "|", omittingEmptySubsequences: false)
            return (KOSTRAKey(indicator: String(parts[0]), orgUnit: String(parts[1])), value)
        })
    }

    /// Every record and reject of a file, read with `chunkSize`.
    static func read(_ path: String, chunkSize: Int = 256 * 1024) throws(KOSTRAError)
        -> (summary: KOSTRAFileSummary, records: [KOSTRARecord], rejects: [KOSTRAReject]) {
        var records: [KOSTRARecord] = []
        var rejects: [KOSTRAReject] = []
        let summary = try KOSTRAReader(path: path, displayPath: "inbox/kostra.dat", chunkSize: chunkSize).read { line in
            switch line {
            case .identity: break
            case .record(let record): records.append(record)
            case .reject(let reject): rejects.append(reject)
            }
        }
        return (summary, records, rejects)
    }

    /// Sums `path` with `options`, collecting the rejects.
    static func sums(_ path: String, _ options: KOSTRAOptions) throws(KOSTRAError) -> (sums: KOSTRAFileSums, rejects: [KOSTRAReject]) {
        var rejects: [KOSTRAReject] = []
        let sums = try KOSTRAMapping(options: options).sums(path: path, displayPath: "inbox/kostra.dat") { rejects.append($0) }
        return (sums, rejects)
    }

    /// A 48-character record; `amount` is right-aligned in nine characters unless given as text.
    static func record(form: String = "0A", year: String = "2024", quarter: String = " ", region: String = "040200",
                       orgnr: String = "         ", accountClass: String = "1", function: String = "201 ", art: String = "020",
                       amount: String) -> String {
        let padded = String(repeating: " ", count: max(0, 9 - amount.count)) + amount
        return form + year + quarter + region + orgnr + "         " + accountClass + function + art + padded
    }
}
