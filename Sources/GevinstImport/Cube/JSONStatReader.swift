import GevinstCore

/// Reads a JSON-stat 2.0 dataset (the answer of Statistics Norway's PxWebApi 2) in two streaming
/// passes: the first reads everything but the values (so `value` may come before `dimension`),
/// the second streams the values in row-major order. Memory holds the dimensions and the indices
/// of cells whose status is a missing symbol, never the values (a sparse `value` object whose
/// keys are out of order is the one exception: it is sorted in 24 bytes a cell).
final class JSONStatReader {
    let cube: Cube
    private let input: CubeInput
    /// Row-major indices of the cells whose status is a missing symbol, ascending.
    private let missingByStatus: [Int]
    /// A one-element status array with a missing symbol: every cell is missing.
    private let allMissing: Bool
    private let valueForm: ValueForm

    private enum ValueForm { case array, increasingObject, unorderedObject }

    /// The status symbols that mean "no value" (JSON-stat has no fixed list: these are the
    /// ones Statistics Norway and the PC-Axis tradition use).
    static let missingSymbols: Set<String> = [".", "..", "...", ":"]

    /// Reads the dataset's metadata and checks it; `file` is how errors name the file.
    init(path: String, file: String) throws(ImportError) {
        input = try CubeInput(path: path, file: file)
        var header = Header()
        try header.read(JSONTokenizer(input: input))
        cube = try header.cube(file: file)
        let cells = cube.cellCount
        if let count = header.valueArrayCount, count != cells {
            throw .cube(file, line: header.valueLine, column: header.valueColumn,
                        "the value array has \(count) cells, but the dimension sizes (\(cube.dimensions.map { String($0.categories.count) }.joined(separator: " × "))) make \(cells)")
        }
        if let maxKey = header.valueObjectMaxKey, maxKey >= cells {
            throw .cube(file, line: header.valueLine, column: header.valueColumn, "the value object has index \(maxKey), but the cube has only \(cells) cells")
        }
        if let count = header.statusArrayCount, count != 1, count != cells {
            throw .cube(file, line: header.statusLine, column: header.statusColumn,
                        "the status array has \(count) entries; it must have 1 or one per cell (\(cells))")
        }
        if let last = header.missingByStatus.max(), last >= cells {
            throw .cube(file, line: header.statusLine, column: header.statusColumn, "the status object has index \(last), but the cube has only \(cells) cells")
        }
        allMissing = header.statusArrayCount == 1 && !header.missingByStatus.isEmpty
        missingByStatus = allMissing ? [] : header.missingByStatus.sorted()
        valueForm = header.valueArrayCount != nil ? .array : header.valueObjectIncreasing ? .increasingObject : .unorderedObject
    }

    /// Calls `body` with every cell the file holds, in row-major order: all of them for a
    /// `value` array, the ones present for a sparse `value` object.
    func forEachCell(_ body: (CubeCell) throws -> Void) throws {
        let cells = cube.cellCount
        try input.rewind()
        let json = JSONTokenizer(input: input)
        guard try json.next() == .objectStart else { throw json.error("a JSON-stat dataset is an object") }
        while true {
            let event = try json.next()
            guard case .key(let key) = event else { return }
            guard key == "value" else {
                try json.skipValue()
                continue
            }
            var missing = missingByStatus.makeIterator()
            var nextMissing = missing.next()
            func emit(_ index: Int, _ value: CubeValue, _ line: Int, _ column: Int) throws {
                while let m = nextMissing, m < index { nextMissing = missing.next() }
                let statusSaysMissing = allMissing || nextMissing == index
                try body(CubeCell(index: index, value: statusSaysMissing ? .missing : value, line: line, column: column))
            }
            switch valueForm {
            case .array:
                guard try json.next() == .arrayStart else { throw changed(json) }
                var index = 0
                while true {
                    let event = try json.next()
                    if event == .arrayEnd { break }
                    guard index < cells else { throw changed(json) }
                    let value = try Self.value(event, json)
                    try emit(index, value, json.line, json.column)
                    index += 1
                }
            case .increasingObject:
                guard try json.next() == .objectStart else { throw changed(json) }
                var last = -1
                while case .key(let key) = try json.next() {
                    let (line, column) = (json.line, json.column)
                    guard let index = Header.index(key), index > last, index < cells else { throw changed(json) }
                    last = index
                    try emit(index, try Self.value(try json.next(), json), line, column)
                }
            case .unorderedObject:
                let (entries, texts) = try sortedEntries(json)
                for entry in entries {
                    let value: CubeValue = switch entry.kind {
                    case 0: .number(entry.number)
                    case 1: .missing
                    default: .invalid(texts[entry.index] ?? "")
                    }
                    try emit(Int(entry.index), value, Int(entry.line), Int(entry.column))
                }
            }
            return
        }
    }

    /// The file's values are not what the first pass saw: it was changed while being read.
    private func changed(_ json: JSONTokenizer) -> ImportError {
        .cube(input.file, line: json.line, column: json.column, "the file changed while it was read (its values differ between the two passes)")
    }

    /// One value of a sparse `value` object whose keys are not in increasing order.
    private struct SparseEntry {
        var index: UInt32
        var line: UInt32
        var column: UInt32
        /// 0 a number, 1 missing, 2 invalid (its text in the side table).
        var kind: UInt8
        var number: Double
    }

    /// Reads a sparse `value` object into compact entries sorted by cell index (invalid
    /// texts, rare, kept aside by index).
    private func sortedEntries(_ json: JSONTokenizer) throws(ImportError) -> (entries: [SparseEntry], texts: [UInt32: String]) {
        guard try json.next() == .objectStart else { throw changed(json) }
        var entries: [SparseEntry] = []
        var texts: [UInt32: String] = [:]
        while case .key(let key) = try json.next() {
            let (line, column) = (UInt32(clamping: json.line), UInt32(clamping: json.column))
            guard let key = Header.index(key), key < cube.cellCount else { throw changed(json) }
            let index = UInt32(key)
            switch try Self.value(try json.next(), json) {
            case .number(let number): entries.append(SparseEntry(index: index, line: line, column: column, kind: 0, number: number))
            case .missing: entries.append(SparseEntry(index: index, line: line, column: column, kind: 1, number: 0))
            case .invalid(let text):
                entries.append(SparseEntry(index: index, line: line, column: column, kind: 2, number: 0))
                texts[index] = text
            }
        }
        entries.sort { $0.index < $1.index }
        for (a, b) in zip(entries, entries.dropFirst()) where a.index == b.index {
            throw .cube(input.file, line: Int(b.line), column: Int(b.column), "the value object names cell \(b.index) twice")
        }
        return (entries, texts)
    }

    /// A cell's value from its JSON event: a number, `null` or a missing symbol, or text that
    /// is kept to be rejected. A nested value is skipped and rejected.
    private static func value(_ event: JSONEvent, _ json: JSONTokenizer) throws(ImportError) -> CubeValue {
        switch event {
        case .number:
            return json.number().map { .number($0) } ?? .invalid(json.numberDescription)
        case .null:
            return .missing
        case .string(let text):
            if missingSymbols.contains(text) { return .missing }
            if case .success(let parsed) = NumberParser.parse(text.trimmingSpaces, mark: .point) { return .number(parsed.double) }
            return .invalid(text)
        case .bool(let flag):
            return .invalid(String(flag))
        case .objectStart, .arrayStart:
            try json.skipRest(of: event)
            return .invalid("a nested \(event == .objectStart ? "object" : "array")")
        case .key, .objectEnd, .arrayEnd, .end:
            throw json.error("expected a value")
        }
    }
}

/// The first pass: everything the dataset says except its values, which are only counted.
private struct Header {
    var version: String?
    var datasetClass: String?
    var label: String?
    var updated: String?
    var ids: [String]?
    var sizes: [Int]?
    var roles: [String: CubeRole] = [:]
    var dimensions: [String: DimensionDraft] = [:]
    var sawValue = false
    var valueLine = 1, valueColumn = 1
    var valueArrayCount: Int?
    var valueObjectMaxKey: Int?
    var valueObjectIncreasing = true
    var statusLine = 1, statusColumn = 1
    var statusArrayCount: Int?
    var missingByStatus: [Int] = []

    struct DimensionDraft {
        var label: String?
        var codes: [String]?
        var positions: [String: Int]?
        var labels: [(String, String)] = []
        var units: [String: String] = [:]
        var line: Int, column: Int
    }

    mutating func read(_ json: JSONTokenizer) throws(ImportError) {
        guard try json.next() == .objectStart else { throw json.error("a JSON-stat dataset is an object") }
        while case .key(let key) = try json.next() {
            switch key {
            case "version": version = try string(json, key)
            case "class": datasetClass = try string(json, key)
            case "label": label = try string(json, key)
            case "updated": updated = try string(json, key)
            case "id": ids = try strings(json, key)
            case "size": sizes = try strings(json, key, numbers: true).map { Int($0)! }
            case "role": try readRoles(json)
            case "dimension": try readDimensions(json)
            case "value": try countValues(json)
            case "status": try readStatus(json)
            default: try json.skipValue()
            }
        }
        guard try json.next() == .end else { throw json.error("text after the dataset") }
    }

    private func string(_ json: JSONTokenizer, _ key: String) throws(ImportError) -> String {
        guard case .string(let text) = try json.next() else { throw json.error("'\(key)' must be a string").asJSONStat }
        return text
    }

    /// An array of strings, or of non-negative integers below 2^31 when `numbers`.
    private func strings(_ json: JSONTokenizer, _ key: String, numbers: Bool = false) throws(ImportError) -> [String] {
        guard try json.next() == .arrayStart else { throw json.error("'\(key)' must be an array").asJSONStat }
        var items: [String] = []
        while true {
            let event = try json.next()
            if event == .arrayEnd { return items }
            if numbers, event == .number, let value = json.number(), value >= 0, value < 2_147_483_648, value == value.rounded() {
                items.append(String(Int(value)))
            } else if !numbers, case .string(let text) = event {
                items.append(text)
            } else {
                throw json.error(numbers ? "'\(key)' must hold whole numbers" : "'\(key)' must hold strings").asJSONStat
            }
        }
    }

    private mutating func readRoles(_ json: JSONTokenizer) throws(ImportError) {
        guard try json.next() == .objectStart else { throw json.error("'role' must be an object").asJSONStat }
        while case .key(let key) = try json.next() {
            guard let role = CubeRole(rawValue: key) else {
                try json.skipValue()
                continue
            }
            for id in try strings(json, "role.\(key)") where roles[id] == nil { roles[id] = role }
        }
    }

    private mutating func readDimensions(_ json: JSONTokenizer) throws(ImportError) {
        guard try json.next() == .objectStart else { throw json.error("'dimension' must be an object").asJSONStat }
        while case .key(let id) = try json.next() {
            var draft = DimensionDraft(line: json.line, column: json.column)
            guard try json.next() == .objectStart else { throw json.error("dimension '\(id)' must be an object").asJSONStat }
            while case .key(let key) = try json.next() {
                switch key {
                case "label": draft.label = try string(json, "label")
                case "category": try readCategory(json, id, &draft)
                default: try json.skipValue()
                }
            }
            guard dimensions[id] == nil else { throw json.error("dimension '\(id)' is described twice").asJSONStat }
            dimensions[id] = draft
        }
    }

    private func readCategory(_ json: JSONTokenizer, _ id: String, _ draft: inout DimensionDraft) throws(ImportError) {
        guard try json.next() == .objectStart else { throw json.error("the category of '\(id)' must be an object").asJSONStat }
        while case .key(let key) = try json.next() {
            switch key {
            case "index":
                let event = try json.next()
                if event == .arrayStart {
                    var codes: [String] = []
                    while true {
                        let event = try json.next()
                        if event == .arrayEnd { break }
                        guard case .string(let code) = event else { throw json.error("the index of '\(id)' must hold strings").asJSONStat }
                        codes.append(code)
                    }
                    draft.codes = codes
                } else if event == .objectStart {
                    var positions: [String: Int] = [:]
                    while case .key(let code) = try json.next() {
                        guard try json.next() == .number, let value = json.number(), value >= 0, value < 2_147_483_648,
                              value == value.rounded() else {
                            throw json.error("the index of '\(id)' must map codes to positions").asJSONStat
                        }
                        positions[code] = Int(value)
                    }
                    draft.positions = positions
                } else {
                    throw json.error("the index of '\(id)' must be an array or an object").asJSONStat
                }
            case "label":
                guard try json.next() == .objectStart else { throw json.error("the category labels of '\(id)' must be an object").asJSONStat }
                while case .key(let code) = try json.next() {
                    guard case .string(let label) = try json.next() else { throw json.error("a category label must be a string").asJSONStat }
                    draft.labels.append((code, label))
                }
            case "unit":
                guard try json.next() == .objectStart else { throw json.error("the units of '\(id)' must be an object").asJSONStat }
                while case .key(let code) = try json.next() {
                    guard try json.next() == .objectStart else { throw json.error("a unit must be an object").asJSONStat }
                    var names: [String: String] = [:]
                    while case .key(let field) = try json.next() {
                        let event = try json.next()
                        if case .string(let text) = event { names[field] = text }
                        try json.skipRest(of: event)
                    }
                    if let unit = names["label"] ?? names["base"] ?? names["symbol"] { draft.units[code] = unit }
                }
            default:
                try json.skipValue()
            }
        }
    }

    private mutating func countValues(_ json: JSONTokenizer) throws(ImportError) {
        guard !sawValue else { throw json.error("'value' appears twice").asJSONStat }
        sawValue = true
        (valueLine, valueColumn) = (json.line, json.column)
        let event = try json.next()
        if event == .arrayStart {
            var count = 0
            while true {
                let event = try json.next()
                if event == .arrayEnd { break }
                try json.skipRest(of: event)
                count += 1
            }
            valueArrayCount = count
        } else if event == .objectStart {
            var last = -1
            while case .key(let key) = try json.next() {
                guard let index = Self.index(key) else { throw json.error("'\(key)' is not a cell index in the value object").asJSONStat }
                if index <= last { valueObjectIncreasing = false }
                last = index
                valueObjectMaxKey = max(valueObjectMaxKey ?? 0, index)
                try json.skipValue()
            }
            if valueObjectMaxKey == nil { valueObjectMaxKey = -1 }
        } else {
            throw json.error("'value' must be an array or an object").asJSONStat
        }
    }

    private mutating func readStatus(_ json: JSONTokenizer) throws(ImportError) {
        (statusLine, statusColumn) = (json.line, json.column)
        let event = try json.next()
        if case .string(let symbol) = event {
            // A single string applies to every cell.
            statusArrayCount = 1
            if JSONStatReader.missingSymbols.contains(symbol) { missingByStatus = [0] }
        } else if event == .arrayStart {
            var count = 0
            while true {
                let event = try json.next()
                if event == .arrayEnd { break }
                if case .string(let symbol) = event, JSONStatReader.missingSymbols.contains(symbol) { missingByStatus.append(count) }
                else if event == .objectStart || event == .arrayStart { throw json.error("a status must be a string or null").asJSONStat }
                count += 1
            }
            statusArrayCount = count
        } else if event == .objectStart {
            while case .key(let key) = try json.next() {
                guard let index = Self.index(key) else { throw json.error("'\(key)' is not a cell index in the status object").asJSONStat }
                let event = try json.next()
                if case .string(let symbol) = event, JSONStatReader.missingSymbols.contains(symbol) { missingByStatus.append(index) }
                else if event == .objectStart || event == .arrayStart { throw json.error("a status must be a string or null").asJSONStat }
            }
        } else if event != .null {
            throw json.error("'status' must be a string, an array or an object").asJSONStat
        }
    }

    /// A cell index written as a key: decimal digits, below 2^31.
    static func index(_ key: String) -> Int? {
        guard !key.isEmpty, key.utf8.count <= 10, key.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(key),
              value < 2_147_483_648 else { return nil }
        return value
    }

    /// The cube, after checking version, class, ids, sizes and dimensions against each other.
    func cube(file: String) throws(ImportError) -> Cube {
        guard let version else {
            throw .cube(file, "no 'version': this is not JSON-stat 2.0 (JSON-stat 1.x is not supported; ask the API for json-stat2)")
        }
        guard version == "2.0" else { throw .cube(file, "JSON-stat version '\(version)': only version 2.0 is supported") }
        if let datasetClass, datasetClass != "dataset" {
            throw .cube(file, "class '\(datasetClass)': only a single dataset is supported, not a \(datasetClass)")
        }
        guard let ids, let sizes else { throw .cube(file, "the dataset has no 'id' and 'size'") }
        guard ids.count == sizes.count else { throw .cube(file, "'id' names \(ids.count) dimensions but 'size' gives \(sizes.count)") }
        guard Set(ids).count == ids.count else { throw .cube(file, "'id' names a dimension twice") }
        guard sawValue else { throw .cube(file, "the dataset has no 'value'") }
        var cells = 1
        var dimensions: [CubeDimension] = []
        for (id, size) in zip(ids, sizes) {
            guard let draft = self.dimensions[id] else { throw .cube(file, "'id' names '\(id)', which 'dimension' does not describe") }
            let codes = try Self.codes(draft, id: id, file: file)
            guard codes.count == size else {
                throw .cube(file, line: draft.line, column: draft.column, "dimension '\(id)' has \(codes.count) categories, but 'size' says \(size)")
            }
            let (product, overflow) = cells.multipliedReportingOverflow(by: size)
            guard !overflow, product < 2_147_483_648 else { throw .cube(file, "the cube has more than 2^31 cells") }
            cells = product
            let labels = Dictionary(draft.labels, uniquingKeysWith: { first, _ in first })
            dimensions.append(CubeDimension(
                id: id, code: nil, label: draft.label ?? id, role: roles[id],
                categories: codes.map { CubeCategory(code: $0, label: labels[$0] ?? $0, unit: draft.units[$0]) }, timeScale: nil))
        }
        return Cube(format: .jsonstat, label: label, updated: updated, dimensions: dimensions, utf8InsteadOf: nil)
    }

    /// The category codes of a dimension in index order: from `index` (array or object), or
    /// from `label` when a single category has no index.
    private static func codes(_ draft: DimensionDraft, id: String, file: String) throws(ImportError) -> [String] {
        let place = (line: draft.line, column: draft.column)
        if let codes = draft.codes {
            guard Set(codes).count == codes.count else { throw .cube(file, line: place.line, column: place.column, "the index of '\(id)' names a category twice") }
            return codes
        }
        if let positions = draft.positions {
            var codes = [String?](repeating: nil, count: positions.count)
            for (code, position) in positions {
                guard position < codes.count, codes[position] == nil else {
                    throw .cube(file, line: place.line, column: place.column, "the index of '\(id)' does not number its categories 0 to \(codes.count - 1)")
                }
                codes[position] = code
            }
            return codes.map { $0! }
        }
        guard draft.labels.count == 1 else {
            throw .cube(file, line: place.line, column: place.column, "dimension '\(id)' has \(draft.labels.count) categories but no index to order them")
        }
        return [draft.labels[0].0]
    }
}

private extension ImportError {
    /// The same place, said as a JSON-stat problem rather than a JSON one.
    var asJSONStat: ImportError {
        ImportError(source: source, file: file, line: line, column: column,
                    cause: cause.replacingPrefix("invalid JSON: ", with: "not JSON-stat 2.0: "), category: category)
    }
}

private extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
