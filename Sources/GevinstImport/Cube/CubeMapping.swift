import GevinstCore

/// How a cube becomes measurement rows (one word for it across gevinst: the mapping): which
/// dimension gives the indicator, the org unit and the period, which category every other
/// dimension is fixed to, and whether codes or labels are stored. A dimension with more than one
/// category that is neither mapped nor filtered is an error: gevinst never sums a cube silently.
struct CubeMapping {
    typealias Use = CubeUse

    /// The pipeline's keys for a cube source, as written.
    struct Keys: Equatable {
        /// `indicator`, `org_unit`, `period` → a dimension id (JSON-stat) or variable name or code (PX).
        var dimensions: [String: String] = [:]
        /// A dimension → the code of the one category to keep.
        var filter: [String: String] = [:]
        /// `indicator`, `org_unit`, `period` → a fixed value when no dimension gives it.
        var constants: [String: String] = [:]
        var use: Use = .code
    }

    /// The keys of a cube source: its `dimensions:`, `filter:`, `use:` and `constants:`.
    static func keys(of source: Source) -> Keys {
        let options = source.cube ?? CubeOptions()
        return Keys(dimensions: options.dimensions, filter: options.filter,
                    constants: source.constants.filter { fieldNames.contains($0.key) }, use: options.use)
    }

    /// Where one field of the row comes from.
    enum Origin: Equatable {
        /// The dimension at this position in the cube.
        case dimension(Int)
        case constant(String)
    }

    /// The cube the mapping was resolved against.
    let cube: Cube
    let indicator: Origin
    let orgUnit: Origin
    let period: Origin
    /// Dimensions fixed to one category (filtered, or of size one): position → category.
    let fixed: [(dimension: Int, category: Int)]
    private let strides: [Int]
    private let sizes: [Int]
    private let texts: [[String]]
    private let periods: [Result<Period, RowProblem>]
    private let constantPeriod: Period?

    static let fieldNames = ["indicator", "org_unit", "period"]

    /// Resolves `keys` against `cube`; a mapping error names the key and what is wrong. It fails
    /// the file like any other (data, 65): the keys the pipeline alone decides were checked at load.
    init(cube: Cube, keys: Keys, file: String) throws(ImportError) {
        func refuse(_ cause: String) -> ImportError {
            ImportError(source: nil, file: file, cause: cause, category: .data)
        }
        self.cube = cube
        let dims = cube.dimensions
        func find(_ name: String, for key: String) throws(ImportError) -> Int {
            if let exact = dims.firstIndex(where: { $0.id == name || $0.code == name }) { return exact }
            if let loose = dims.firstIndex(where: { $0.isNamed(name) }) { return loose }
            throw refuse("\(key) names the dimension '\(name)', which the file does not have (it has \(Self.names(dims)))")
        }
        for key in keys.dimensions.keys where !Self.fieldNames.contains(key) {
            throw refuse("dimensions: '\(key)' is not a field a cube fills (indicator, org_unit or period)")
        }
        func byRole(_ role: CubeRole) throws(ImportError) -> Int? {
            let matches = dims.indices.filter { dims[$0].role == role }
            guard matches.count <= 1 else {
                throw refuse("the file marks \(matches.map { dims[$0].id }.joined(separator: " and ")) as \(role.rawValue): name one in dimensions:")
            }
            return matches.first
        }
        func origin(_ field: String, default chosen: () throws(ImportError) -> Int?) throws(ImportError) -> Origin? {
            if let name = keys.dimensions[field] {
                guard keys.constants[field] == nil else { throw refuse("\(field) is both in dimensions: and in constants:") }
                return .dimension(try find(name, for: "dimensions: \(field)"))
            }
            if let value = keys.constants[field] { return .constant(value) }
            return try chosen().map { .dimension($0) }
        }
        let indicator = try origin("indicator") { () throws(ImportError) -> Int? in
            try byRole(.metric) ?? dims.firstIndex { $0.id == "ContentsCode" || $0.code == "ContentsCode" }
        }
        let orgUnit = try origin("org_unit") { () throws(ImportError) -> Int? in try byRole(.geo) } ?? .constant("total")
        let period = try origin("period") { () throws(ImportError) -> Int? in try byRole(.time) }
        guard let indicator else {
            throw refuse("no indicator: the file marks no metric dimension; name one in dimensions: indicator, or set constants: indicator")
        }
        guard let period else {
            throw refuse("no period: the file marks no time dimension; name one in dimensions: period, or set constants: period")
        }
        self.indicator = indicator
        self.orgUnit = orgUnit
        self.period = period

        var mapped: [Int: String] = [:]
        for (field, origin) in zip(Self.fieldNames, [indicator, orgUnit, period]) {
            guard case .dimension(let d) = origin else { continue }
            if let other = mapped[d] { throw refuse("dimension '\(dims[d].id)' gives both \(other) and \(field)") }
            mapped[d] = field
        }
        var fixedTo: [Int: Int] = [:]
        for (name, code) in keys.filter.sorted(by: { $0.key < $1.key }) {
            let d = try find(name, for: "filter:")
            guard mapped[d] == nil else { throw refuse("filter: '\(name)' is the dimension that gives \(mapped[d]!); it cannot also be filtered") }
            guard let c = dims[d].categories.firstIndex(where: { $0.code == code }) else {
                let codes = dims[d].categories.prefix(8).map(\.code).joined(separator: ", ")
                throw refuse("filter: '\(name)' has no category '\(code)' (its codes: \(codes)\(dims[d].categories.count > 8 ? ", …" : ""))")
            }
            fixedTo[d] = c
        }
        for d in dims.indices where mapped[d] == nil && fixedTo[d] == nil {
            guard dims[d].categories.count == 1 else {
                throw refuse("dimension '\(dims[d].id)' has \(dims[d].categories.count) categories and is neither mapped nor filtered: "
                             + "add it to dimensions: or filter: (gevinst never sums a cube)")
            }
            fixedTo[d] = 0
        }
        fixed = fixedTo.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }

        if case .constant(let text) = period {
            guard let parsed = Period(text.trimmingSpaces) else { throw refuse("constants: period '\(text)' is not a period") }
            constantPeriod = parsed
        } else {
            constantPeriod = nil
        }
        sizes = dims.map(\.categories.count)
        var strides = [Int](repeating: 1, count: dims.count)
        for d in dims.indices.dropLast().reversed() { strides[d] = strides[d + 1] * sizes[d + 1] }
        self.strides = strides
        texts = dims.map { dim in dim.categories.map { keys.use == .code ? $0.code : $0.label } }
        if case .dimension(let d) = period {
            let scale = dims[d].timeScale
            periods = dims[d].categories.map { category in
                for text in [category.time, category.code, category.label].compactMap({ $0 }) {
                    if let period = CubePeriod.parse(text, scale: scale) { return .success(period) }
                }
                return .failure(RowProblem(.invalidPeriod, field: "period",
                                           reason: "'\(category.time ?? category.code)' is not a period (2024, 2024K1, 2024M03\(scale.map { " or TLIST(\($0))" } ?? ""))"))
            }
        } else {
            periods = []
        }
    }

    /// The row for a cell, or nil when a filter leaves the cell out.
    func row(_ cell: CubeCell) -> RowOutcome<MeasurementRow>? {
        for (d, category) in fixed where coordinate(cell.index, d) != category { return nil }
        let period: Period
        switch self.period {
        case .constant: period = constantPeriod!
        case .dimension(let d):
            switch periods[coordinate(cell.index, d)] {
            case .success(let p): period = p
            case .failure(let problem): return .rejected(problem)
            }
        }
        let value: Double
        switch cell.value {
        case .number(let number): value = number
        case .missing: return .missing
        case .invalid(let text):
            return .rejected(RowProblem(.invalidNumber, field: "value", reason: "'\(text)' is neither a number nor a missing-value symbol"))
        }
        return .row(MeasurementRow(indicator: text(indicator, cell.index), orgUnit: text(orgUnit, cell.index), period: period, value: value))
    }

    /// A cell for the reject table: its category in every dimension (as `use:` says) and its value.
    func text(of cell: CubeCell) -> String {
        let value = switch cell.value {
        case .number(let number): String(number)
        case .missing: "."
        case .invalid(let text): text
        }
        return (texts.indices.map { texts[$0][coordinate(cell.index, $0)] } + [value]).joined(separator: ";")
    }

    /// How many cells the mapping keeps: the cube's size over the fixed dimensions' sizes.
    var selectedCells: Int { fixed.reduce(sizes.reduce(1, *)) { $0 / sizes[$1.dimension] } }

    @inline(__always)
    private func coordinate(_ index: Int, _ dimension: Int) -> Int { index / strides[dimension] % sizes[dimension] }

    private func text(_ origin: Origin, _ index: Int) -> String {
        switch origin {
        case .constant(let text): text
        case .dimension(let d): texts[d][coordinate(index, d)]
        }
    }

    private static func names(_ dims: [CubeDimension]) -> String {
        dims.map { dim in dim.code.map { "\(dim.id) (\($0))" } ?? dim.id }.joined(separator: ", ")
    }
}

/// Periods as statistics cubes write them, in gevinst's canonical forms.
enum CubePeriod {
    /// `2024`, `2024K1`, `2024M01` and the other forms gevinst reads, and under a PX `TLIST`
    /// the compact ones: `20241` under `TLIST(Q1)`, `202401` under `TLIST(M1)`. Halves, weeks
    /// and other units are not periods gevinst keeps.
    static func parse(_ text: String, scale: String?) -> Period? {
        let text = text.trimmingSpaces
        let digits = text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        switch scale?.uppercased() {
        case "Q1"? where digits && text.utf8.count == 5:
            guard let year = Int(text.prefix(4)), year >= 1000, let q = Int(text.suffix(1)), (1...4).contains(q) else { return nil }
            return .quarter(year, q)
        case "M1"? where digits && text.utf8.count == 6:
            guard let year = Int(text.prefix(4)), year >= 1000, let m = Int(text.suffix(2)), (1...12).contains(m) else { return nil }
            return .month(year, m)
        case "A1"?, "Q1"?, "M1"?, nil:
            guard let period = Period(text) else { return nil }
            if let scale, period.kind != Self.kind(scale) { return nil }
            return period
        default:
            return nil
        }
    }

    private static func kind(_ scale: String) -> PeriodKind {
        switch scale.uppercased() {
        case "Q1": .quarter
        case "M1": .month
        default: .year
        }
    }
}
