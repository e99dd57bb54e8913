import Foundation
import GevinstCore
@testable import GevinstImport

/// The statistics cubes copied into the test bundle (Fixtures/cubes/README.md).
let cubeFixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/cubes")

/// What a reader and a mapping made of one cube file.
struct CubeReading {
    var cube: Cube
    var cells: [CubeCell] = []
    var rows: [MeasurementRow] = []
    var missing = 0
    var rejected: [RowProblem] = []
}

/// Opens a cube file with the reader of its format (by extension: `.json` or `.px`).
func cubeReader(_ path: String, file: String? = nil) throws(ImportError) -> (cube: Cube, forEachCell: ((CubeCell) throws -> Void) throws -> Void) {
    let file = file ?? URL(fileURLWithPath: path).lastPathComponent
    if path.hasSuffix(".px") {
        let reader = try PXReader(path: path, file: file)
        return (reader.cube, reader.forEachCell)
    }
    let reader = try JSONStatReader(path: path, file: file)
    return (reader.cube, reader.forEachCell)
}

/// Reads every cell of a cube file and maps them with `keys`; a sparse file's absent cells count
/// as missing, as the importer will count them.
func readCube(_ path: String, keys: CubeMapping.Keys = CubeMapping.Keys()) throws -> CubeReading {
    let (cube, forEachCell) = try cubeReader(path)
    let mapping = try CubeMapping(cube: cube, keys: keys, file: "cube")
    var reading = CubeReading(cube: cube)
    var selected = 0
    try forEachCell { cell in
        reading.cells.append(cell)
        guard let outcome = mapping.row(cell) else { return }
        selected += 1
        switch outcome {
        case .row(let row): reading.rows.append(row)
        case .missing: reading.missing += 1
        case .rejected(let problem): reading.rejected.append(problem)
        }
    }
    reading.missing += mapping.selectedCells - selected
    return reading
}

extension CubeMapping.Keys {
    /// Keys as `expected.json` writes them.
    init(json: [String: Any]) {
        self.init(dimensions: json["dimensions"] as? [String: String] ?? [:], filter: json["filter"] as? [String: String] ?? [:],
                  constants: json["constants"] as? [String: String] ?? [:],
                  use: (json["use"] as? String).flatMap(CubeMapping.Use.init(rawValue:)) ?? .code)
    }
}
