import Foundation

/// What `gevinst inspect` shows of a cube so that an analyst can write its mapping: each
/// dimension with its role, size and first categories, the publication date, and the mapping
/// the file's roles give by default (or why there is none).
struct CubeInspection: Equatable, CustomStringConvertible {
    let file: String
    let cube: Cube
    /// The default mapping in words (`indicator = ContentsCode (metric)`), or why keys are needed.
    let defaults: String

    /// Categories listed per dimension.
    static let shown = 5

    /// Reads the metadata of a JSON-stat (`format: jsonstat`) or PC-Axis (`format: px`) file;
    /// the values are not read past what the reader needs to check the cube.
    static func inspect(path: String, file: String, format: Cube.Format) throws(ImportError) -> CubeInspection {
        let cube = switch format {
        case .jsonstat: try JSONStatReader(path: path, file: file).cube
        case .px: try PXReader(path: path, file: file).cube
        }
        let defaults: String
        do {
            let mapping = try CubeMapping(cube: cube, keys: CubeMapping.Keys(), file: file)
            defaults = zip(CubeMapping.fieldNames, [mapping.indicator, mapping.orgUnit, mapping.period]).map { field, origin in
                switch origin {
                case .constant(let value): "\(field) = '\(value)'"
                case .dimension(let d): "\(field) = \(cube.dimensions[d].id)" + (cube.dimensions[d].role.map { " (\($0.rawValue))" } ?? "")
                }
            }.joined(separator: ", ")
        } catch {
            defaults = "none: \(error.cause)"
        }
        return CubeInspection(file: file, cube: cube, defaults: defaults)
    }

    var description: String {
        var lines = ["\(file): \(cube.format == .jsonstat ? "JSON-stat 2.0" : "PC-Axis"), \(cube.cellCount) cells"
                     + (cube.updated.map { ", updated \($0)" } ?? "")]
        if let label = cube.label { lines.append(label) }
        if let declared = cube.utf8InsteadOf { lines.append("read as UTF-8 although it declares \(declared)") }
        for dim in cube.dimensions {
            let name = dim.code.map { "\(dim.id) (code \($0))" } ?? dim.id
            let role = dim.role.map { ", \($0.rawValue)" } ?? ""
            let scale = dim.timeScale.map { ", TLIST(\($0))" } ?? ""
            lines.append("  \(name): \(dim.categories.count) \(dim.categories.count == 1 ? "category" : "categories")\(role)\(scale)"
                         + (dim.label != dim.id ? " — \(dim.label)" : ""))
            for category in dim.categories.prefix(Self.shown) {
                let unit = category.unit.map { " [\($0)]" } ?? ""
                lines.append("    \(category.code)" + (category.label != category.code ? " = \(category.label)" : "") + unit)
            }
            if dim.categories.count > Self.shown { lines.append("    … \(dim.categories.count - Self.shown) more") }
        }
        lines.append("default mapping: \(defaults)")
        return lines.joined(separator: "\n")
    }
}

extension CubeInspection: FileInspection {
    func text() -> String { description + "\n" }

    func json() throws -> String {
        struct Category: Encodable { let code, label: String; let unit: String? }
        struct Dimension: Encodable {
            let id: String, code: String?, label: String, role: String?, size: Int, timeScale: String?, categories: [Category]
        }
        struct Shown: Encodable {
            let file, format: String, label: String?, updated: String?, cells: Int, dimensions: [Dimension], defaultMapping: String
        }
        let shown = Shown(file: file, format: cube.format.rawValue, label: cube.label, updated: cube.updated, cells: cube.cellCount,
                          dimensions: cube.dimensions.map { dim in
                              Dimension(id: dim.id, code: dim.code, label: dim.label, role: dim.role?.rawValue, size: dim.categories.count,
                                        timeScale: dim.timeScale,
                                        categories: dim.categories.prefix(Self.shown).map { Category(code: $0.code, label: $0.label, unit: $0.unit) })
                          },
                          defaultMapping: defaults)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(shown), as: UTF8.self) + "\n"
    }
}
