import Foundation
import GevinstCore
import Testing
@testable import GevinstImport

/// The public cubes in Fixtures/cubes against the figures of an independent reader
/// (Fixtures/cubes/expected.py: Python's `json` and a PC-Axis reader written from the file
/// format description): the same cube shape, rows, missing and rejected cells, sum and single cells.
@Suite("cubes: conformance files against independent figures")
struct CubeConformanceTests {
    /// Every case of expected.json, read afresh (Foundation's values are not Sendable).
    static func expected() -> [[String: Any]] {
        let data = try! Data(contentsOf: cubeFixtures.appendingPathComponent("expected.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [[String: Any]]
    }

    static let names: [String] = expected().map { $0["name"] as! String }

    @Test("cube shape, rows, missing, rejected, sum and single cells", arguments: names)
    func figures(_ name: String) throws {
        let c = Self.expected().first { $0["name"] as! String == name }!
        func value<T>(_ c: [String: Any], _ key: String, as type: T.Type = T.self) -> T? { c[key] as? T }
        let path = cubeFixtures.appendingPathComponent(value(c, "file", as: String.self)!).path
        let keys = CubeMapping.Keys(json: value(c, "keys", as: [String: Any].self)!)
        let shape = value(c, "cube", as: [String: Any].self)!
        let (cube, _) = try cubeReader(path)
        let dimensions = shape["dimensions"] as! [[Any]]
        #expect(cube.dimensions.map(\.id) == dimensions.map { $0[0] as! String })
        #expect(cube.dimensions.map(\.categories.count) == dimensions.map { $0[1] as! Int })
        #expect(cube.dimensions.map { $0.role?.rawValue } == dimensions.map { $0[2] as? String })
        #expect(cube.cellCount == shape["cells"] as! Int)
        #expect(cube.updated == shape["updated"] as? String)
        #expect(cube.utf8InsteadOf == shape["utf8InsteadOf"] as? String)

        if let error = value(c, "error", as: String.self) {
            let thrown = #expect(throws: ImportError.self) { try readCube(path, keys: keys) }
            #expect(thrown?.category == .data)
            #expect(thrown?.cause.contains(error) == true, "\(thrown?.cause ?? "") does not say \(error)")
            return
        }
        let reading = try readCube(path, keys: keys)
        #expect(reading.rows.count == value(c, "rows", as: Int.self)!)
        #expect(reading.missing == value(c, "missing", as: Int.self)!)
        #expect(reading.rejected.count == value(c, "rejected", as: Int.self)!)
        let sum = reading.rows.reduce(0) { $0 + $1.value }
        let expectedSum = value(c, "sum", as: Double.self)!
        #expect(abs(sum - expectedSum) <= 1e-9 * max(1, abs(expectedSum)), "sum \(sum) ≠ \(expectedSum)")
        for sample in value(c, "samples", as: [[String: Any]].self)! {
            let match = reading.rows.filter {
                $0.indicator == sample["indicator"] as! String && $0.orgUnit == sample["org_unit"] as! String
                    && $0.period.description == sample["period"] as! String
            }
            #expect(match.map(\.value) == [sample["value"] as! Double], "\(sample)")
        }
    }
}
