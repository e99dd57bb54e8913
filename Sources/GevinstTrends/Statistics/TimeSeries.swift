/// How often an indicator is measured; also the level at which a value is stored.
///
/// A period is an integer *ordinal*: the year itself for years, `4*year + quarter - 1` for quarters,
/// `12*year + month - 1` for months. Years are non-negative, so `month / 3` is the month's quarter
/// and `quarter / 4` the quarter's year.
public enum Frequency: String, Sendable, CaseIterable {
    case month, quarter, year

    /// 12, 4 or 1. Time in years is `ordinal / periodsPerYear`.
    public var periodsPerYear: Int {
        switch self {
        case .month: 12
        case .quarter: 4
        case .year: 1
        }
    }

    /// The calendar month (0–11) or quarter (0–3) of a period; 0 for years. Constant divisors keep
    /// this a multiplication rather than a division.
    func season(of ordinal: Int) -> Int {
        switch self {
        case .month: ordinal % 12
        case .quarter: ordinal % 4
        case .year: 0
        }
    }
}

/// How finer values make up a coarser period (SPEC §6).
public enum Aggregation: String, Sendable, CaseIterable {
    /// The sum of the available sub-period values.
    case sum
    /// The mean of the available sub-period values.
    case mean
    /// The value of the latest available sub-period.
    case last
}

/// Which direction of an indicator is good; decides the trend assessment.
public enum Polarity: String, Sendable, CaseIterable {
    case higherIsBetter = "higher_is_better"
    case lowerIsBetter = "lower_is_better"
    case neutral
}

/// One series at one frequency: strictly increasing period ordinals and their values.
///
/// The ordering is an invariant of the type (checked on every append), so the statistics can rely on
/// time order without sorting. Values must be finite.
public struct TimeSeries: Sendable, Equatable {
    public private(set) var frequency: Frequency
    public private(set) var ordinals: [Int]
    public private(set) var values: [Double]

    /// A series from parallel arrays; `ordinals` must be strictly increasing.
    public init(frequency: Frequency, ordinals: [Int] = [], values: [Double] = []) {
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
    public mutating func removeAll(frequency: Frequency) {
        self.frequency = frequency
        ordinals.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }
}
