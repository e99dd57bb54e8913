import Foundation
import GevinstCore

/// Statistics cubes (`format: jsonstat`, `format: px`), kind `measurements`: each cell the
/// source's mapping selects becomes one measurement. Mapping keys that the pipeline alone
/// decides are checked when it loads (64); the ones that name a file's dimensions or
/// categories fail that file (65), naming the key, and the source's other files import.
struct CubeFormat: InputFormat {
    let cubeFormat: Cube.Format

    var format: SourceFormat { cubeFormat == .jsonstat ? .jsonstat : .px }
    var pipelineKeys: [String] { ["dimensions", "filter", "use"] }

    func check(_ source: Source) throws(SourceProblem) {
        let name = format.name
        guard source.kind == .measurements else {
            throw SourceProblem(key: nil, "source '\(source.id)': format \(name) yields measurements; set kind: measurements")
        }
        let options = source.cube ?? CubeOptions()
        for field in options.dimensions.keys.sorted() where !CubeMapping.fieldNames.contains(field) {
            throw SourceProblem(key: "dimensions", "dimensions: '\(field)' is not a field a cube fills (indicator, org_unit or period)")
        }
        for field in CubeMapping.fieldNames where options.dimensions[field] != nil && source.constants[field] != nil {
            throw SourceProblem(key: "constants", "\(field) is both in dimensions: and in constants:")
        }
        if let period = source.constants["period"], Period(period.trimmingSpaces) == nil {
            throw SourceProblem(key: "constants", "constants: period '\(period)' is not a period (2024, 2024K1, 2024M03)")
        }
        let mapped = Set(options.dimensions.values)
        for dimension in options.filter.keys.sorted() where mapped.contains(dimension) {
            throw SourceProblem(key: "filter", "filter: '\(dimension)' is also in dimensions:; a dimension is either mapped or filtered")
        }
    }

    func load(_ file: SniffedFile, into fileImport: inout FileImport) throws -> FileDialect {
        let keys = CubeMapping.keys(of: file.source)
        let reading: CubeReading
        var findings: [Finding] = []
        switch cubeFormat {
        case .jsonstat:
            let reader = try JSONStatReader(path: file.path, file: file.relativePath)
            reading = CubeReading(mapping: try CubeMapping(cube: reader.cube, keys: keys, file: file.relativePath),
                                  checks: try MeasurementChecks(fileImport.db), cells: reader.forEachCell)
        case .px:
            let reader = try PXReader(path: file.path, file: file.relativePath)
            reading = CubeReading(mapping: try CubeMapping(cube: reader.cube, keys: keys, file: file.relativePath),
                                  checks: try MeasurementChecks(fileImport.db), cells: reader.forEachCell)
            if let declared = reader.cube.utf8InsteadOf {
                findings.append(Finding(.pxReadAsUTF8, source: file.source.id, file: file.relativePath, details: ["declared": declared]))
            }
        }
        try fileImport.importMeasurements(from: reading, findings: findings)
        let cube = reading.mapping.cube
        return FileDialect(encoding: cubeFormat == .jsonstat || cube.utf8InsteadOf != nil ? "utf-8" : nil, delimiter: nil,
                           decimalMark: .point, published: cube.updated)
    }

    func inspect(_ request: InspectRequest, head: [UInt8]) throws(ImportError) -> (any FileInspection)? {
        let name = request.path.lowercased()
        guard name.hasSuffix(cubeFormat == .jsonstat ? ".json" : ".px") else { return nil }
        return try CubeInspection.inspect(path: request.path, file: request.path, format: cubeFormat)
    }
}

/// The reading side of a cube file: its cells through the mapping, in row-major order. A
/// rejected cell names its line and column; a missing symbol counts as missing.
final class CubeReading: MeasurementReading, @unchecked Sendable {
    // Used by one thread at a time: the reading thread while it runs, the caller after.
    let mapping: CubeMapping
    var checks: MeasurementChecks
    private let cells: ((CubeCell) throws -> Void) throws -> Void

    init(mapping: CubeMapping, checks: MeasurementChecks, cells: @escaping ((CubeCell) throws -> Void) throws -> Void) {
        self.mapping = mapping
        self.checks = checks
        self.cells = cells
    }

    func run(_ emit: (MeasurementOp) throws -> Void) throws {
        try cells { cell in
            guard let outcome = mapping.row(cell) else { return }
            let text = { self.mapping.text(of: cell) }
            switch outcome {
            case .row(let row) where abs(row.value) > NumberParser.largest:
                let problem = RowProblem(.numberTooLarge, field: "value", reason: "\(NumberError.tooLarge(String(row.value)))")
                try emit(.rejected(RowContext(problem: problem, line: cell.line, column: cell.column, text: text(),
                                                       place: RejectPlace(owner: row.indicator, period: row.period))))
            case .row(let row):
                try checks.ops(for: row, line: cell.line, column: cell.column, text: text, emit)
            case .missing:
                try emit(.missing)
            case .rejected(let problem):
                try emit(.rejected(RowContext(problem: problem, line: cell.line, column: cell.column, text: text(), place: RejectPlace())))
            }
        }
    }
}
