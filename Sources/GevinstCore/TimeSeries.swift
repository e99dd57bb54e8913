/// One series at one frequency: strictly increasing period ordinals and their values.
///
/// The ordering is an invariant of the type (checked on every append), so the statistics can rely on
/// time order without sorting. Values must be finite.
public struct TimeSeries: Sendable, Equatable {
    public private(set) var frequency: PeriodKind
    public private(set) var ordinals: [Int]
    public private(set) var values: [Double]

    /// A series from parallel arrays; `ordinals` must be strictly increasing.
    public init(frequency: PeriodKind, ordinals: [Int] = [], values: [Double] = []) {
        precondition(ordinals.count == values.count, "ordinals and values differ in length")
        precondition(zip(ordinals, ordinals.dropFirst()).allSatisfy { $0 < $1 },
                     "ordinals must be strictly increasing")
        self.frequency = frequency
        self.ordinals = ordinals
        self.values = values
    }

    /// Number of periods with a value.
    public var count: Int { ordinals.count }

    /// Appends a value for a period later than every period already in the series.
    public mutating func append(ordinal: Int, value: Double) {
        precondition(ordinals.last.map { $0 < ordinal } ?? true,
                     "ordinal \(ordinal) does not come after \(ordinals.last ?? 0)")
        ordinals.append(ordinal)
        values.append(value)
    }

    /// Empties the series for reuse, keeping its storage, and sets its frequency.
    public mutating func removeAll(frequency: PeriodKind) {
        self.frequency = frequency
        ordinals.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }
}

extension PeriodKind {
    /// The calendar month (0–11) or quarter (0–3) of a period; 0 for years.
    public func season(of ordinal: Int) -> Int {
        switch self {
        case .month: ordinal % 12
        case .quarter: ordinal % 4
        case .year: 0
        }
    }
}
