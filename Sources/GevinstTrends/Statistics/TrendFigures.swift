public import GevinstCore

/// The statistics of one series: one row of `trends.csv` (SPEC §6) without its keys.
///
/// Every figure that SPEC §6 leaves undefined for the series is `nil`, never NaN or 0.
///
/// ## Topics
/// ### Computing
/// - ``TrendCalculator``
/// ### Tests
/// - ``MannKendall``
public struct TrendFigures: Sendable, Equatable {
    /// `n`: number of periods with a value.
    public internal(set) var count: Int
    public internal(set) var firstOrdinal: Int?
    public internal(set) var lastOrdinal: Int?
    /// The value at `lastOrdinal`.
    public internal(set) var lastValue: Double?
    public internal(set) var mean: Double?
    public internal(set) var median: Double?
    /// Sample standard deviation (divisor n − 1); `nil` when n < 2.
    public internal(set) var standardDeviation: Double?
    public internal(set) var minimum: Double?
    public internal(set) var maximum: Double?
    /// `change_prev`: last value minus the value of the period just before; `nil` when that period is a gap.
    public internal(set) var changeFromPrevious: Double?
    /// `change_yoy`: last value minus the value one year earlier; `nil` when that period is a gap.
    public internal(set) var changeYearOnYear: Double?
    /// Least-squares slope of value on time, per year (n ≥ 3).
    public internal(set) var olsSlope: Double?
    /// Coefficient of determination of the least-squares line (n ≥ 3, values not all equal).
    public internal(set) var rSquared: Double?
    /// Theil–Sen slope per year: the exact median of all pairwise slopes (n ≥ 3).
    public internal(set) var senSlope: Double?
    /// Mann–Kendall test on the values in time order (n ≥ 3).
    public internal(set) var mannKendall: MannKendall?
    /// From `mannKendall` at the 5 % level; `nil` when the test is.
    public internal(set) var trend: TrendDirection?
    /// The trend judged by the indicator's polarity.
    public internal(set) var assessment: TrendAssessment
    /// Seasonal Theil–Sen slope per year: median over all pairs within a season (monthly and quarterly series).
    public internal(set) var seasonalSenSlope: Double?
    /// Seasonal Mann–Kendall test: S and Var(S) summed over seasons (monthly and quarterly series).
    public internal(set) var seasonalMannKendall: MannKendall?
    /// Last value minus the target.
    public internal(set) var targetGap: Double?
    /// True when n exceeds ``TrendCalculator/pairwiseLimit``: the Sen slopes, the Mann–Kendall tests,
    /// `trend` and `assessment` were then not computed and are `nil` (`assessment` is `n/a`).
    public internal(set) var exceedsPairwiseLimit: Bool

    init(count: Int) {
        self.count = count
        assessment = .notApplicable
        exceedsPairwiseLimit = false
    }
}

/// A Mann–Kendall test (SPEC §6), or its seasonal form with S and Var(S) summed over seasons.
public struct MannKendall: Sendable, Equatable {
    /// S = Σ_{i<j} sign(y_j − y_i) (within each season for the seasonal test).
    public let s: Int
    /// Var(S) with the tie correction.
    public let varianceS: Double
    /// Kendall's τ: S divided by the number of pairs compared.
    public let tau: Double
    /// Normal score with continuity correction; 0 when Var(S) = 0.
    public let z: Double
    /// Two-sided p-value; 1 when Var(S) = 0.
    public let p: Double
}
