public import GevinstCore
import Foundation

/// Computes ``TrendFigures`` for one series at a time (SPEC §6).
///
/// Holds scratch buffers that grow to the largest series seen and are reused, so computing figures
/// for another series allocates nothing: keep one calculator per task and feed it every series.
///
/// The pairwise figures — Theil–Sen slopes and Mann–Kendall tests, plain and seasonal — look at all
/// n(n−1)/2 pairs and are exact (the median by quickselect, no sampling). They are computed for
/// n ≤ ``pairwiseLimit``; a longer series gets them as `nil` with
/// ``TrendFigures/exceedsPairwiseLimit`` set, for the caller to report.
public struct TrendCalculator: Sendable {
    /// Largest n for which the pairwise figures are computed: 2 000 points, 1 999 000 pair slopes in
    /// 16 MB of scratch and some tens of milliseconds. A monthly series reaches it after 166 years.
    public static let pairwiseLimit = 2_000

    /// Two-sided significance level of `trend`.
    static let significanceLevel = 0.05

    /// The values sorted (median, minimum, maximum, ties), later one season's values sorted.
    private var sorted: [Double] = []
    /// Pairwise slopes, plain then seasonal.
    private var slopes: [Double] = []
    /// The points of one season, in time order.
    private var seasonOrdinals: [Int] = []
    private var seasonValues: [Double] = []

    public init() {}

    /// The figures of `series`, assessed by `polarity`; `target` is the catalogue target, if any.
    public mutating func figures(of series: TimeSeries, polarity: Polarity, target: Double? = nil) -> TrendFigures {
        let n = series.count
        var figures = TrendFigures(count: n)
        guard n > 0 else { return figures }
        let ordinals = series.ordinals, values = series.values
        let periodsPerYear = series.frequency.periodsPerYear

        let last = values[n - 1], lastOrdinal = ordinals[n - 1]
        figures.firstOrdinal = ordinals[0]
        figures.lastOrdinal = lastOrdinal
        figures.lastValue = last
        figures.targetGap = target.map { last - $0 }
        if n >= 2, ordinals[n - 2] == lastOrdinal - 1 {
            figures.changeFromPrevious = last - values[n - 2]
        }
        if let yearBefore = ordinals.lastIndex(where: { $0 <= lastOrdinal - periodsPerYear }),
           ordinals[yearBefore] == lastOrdinal - periodsPerYear {
            figures.changeYearOnYear = last - values[yearBefore]
        }

        sorted.removeAll(keepingCapacity: true)
        sorted.append(contentsOf: values)
        sorted.sort()
        figures.minimum = sorted[0]
        figures.maximum = sorted[n - 1]
        figures.median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        let allEqual = sorted[0] == sorted[n - 1]

        let average = mean(of: values)
        figures.mean = average
        let sumOfSquares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        if n >= 2 {
            figures.standardDeviation = (sumOfSquares / Double(n - 1)).squareRoot()
        }
        guard n >= 3 else { return figures }

        // Least squares on t measured from the first period, which leaves the slope unchanged.
        let perYear = Double(periodsPerYear)
        let timeMean = ordinals.reduce(0.0) { $0 + Double($1 - ordinals[0]) / perYear } / Double(n)
        var timeSquares = 0.0, crossProducts = 0.0
        for index in 0 ..< n {
            let time = Double(ordinals[index] - ordinals[0]) / perYear - timeMean
            timeSquares += time * time
            crossProducts += time * (values[index] - average)
        }
        figures.olsSlope = crossProducts / timeSquares
        if !allEqual {
            figures.rSquared = min(1, crossProducts * crossProducts / (timeSquares * sumOfSquares))
        }

        guard n <= Self.pairwiseLimit else {
            figures.exceedsPairwiseLimit = true
            return figures
        }
        let pairCount = n * (n - 1) / 2
        if slopes.count < pairCount {
            slopes = [Double](repeating: 0, count: pairCount)
        }
        let s = scorePairs(ordinals: ordinals[...], values: values[...], slopesFrom: 0)
        // Slopes are per period; one positive factor after the median makes them per year.
        figures.senSlope = perYear * slopes.withUnsafeMutableBufferPointer {
            selectMedian(UnsafeMutableBufferPointer(rebasing: $0[0 ..< pairCount]))
        }
        let test = Self.test(s: s, varianceNumerator: Self.varianceNumerator(count: n)
                                 - Self.tieTerm(ofSorted: sorted[0 ..< n]), pairs: pairCount)
        figures.mannKendall = test
        let trend: TrendDirection = test.p < Self.significanceLevel
            ? (test.z > 0 ? .increasing : .decreasing) : .noTrend
        figures.trend = trend
        figures.assessment = switch (polarity, trend) {
        case (.neutral, _): .notApplicable
        case (_, .noTrend): .stable
        case (.higherIsBetter, .increasing), (.lowerIsBetter, .decreasing): .improving
        case (.higherIsBetter, .decreasing), (.lowerIsBetter, .increasing): .worsening
        }

        if periodsPerYear > 1, lastOrdinal - ordinals[0] + 1 >= 2 * periodsPerYear {
            seasonalFigures(of: series, into: &figures)
        }
        return figures
    }

    /// Seasonal Sen slope and Mann–Kendall test, when some season has at least two values.
    private mutating func seasonalFigures(of series: TimeSeries, into figures: inout TrendFigures) {
        let frequency = series.frequency
        var s = 0, varianceNumerator = 0, pairCount = 0
        for season in 0 ..< frequency.periodsPerYear {
            seasonOrdinals.removeAll(keepingCapacity: true)
            seasonValues.removeAll(keepingCapacity: true)
            for (ordinal, value) in zip(series.ordinals, series.values) where frequency.season(of: ordinal) == season {
                seasonOrdinals.append(ordinal)
                seasonValues.append(value)
            }
            let size = seasonValues.count
            guard size >= 2 else { continue }
            s += scorePairs(ordinals: seasonOrdinals[...], values: seasonValues[...], slopesFrom: pairCount)
            pairCount += size * (size - 1) / 2
            sorted.removeAll(keepingCapacity: true)
            sorted.append(contentsOf: seasonValues)
            sorted.sort()
            varianceNumerator += Self.varianceNumerator(count: size) - Self.tieTerm(ofSorted: sorted[0 ..< size])
        }
        guard pairCount > 0 else { return }
        figures.seasonalSenSlope = Double(frequency.periodsPerYear) * slopes.withUnsafeMutableBufferPointer {
            selectMedian(UnsafeMutableBufferPointer(rebasing: $0[0 ..< pairCount]))
        }
        figures.seasonalMannKendall = Self.test(s: s, varianceNumerator: varianceNumerator, pairs: pairCount)
    }

    /// S over all pairs of the series given by `ordinals` and `values`; writes each pair's slope per
    /// period into `slopes` from `offset` on (the caller has made room).
    private mutating func scorePairs(ordinals: ArraySlice<Int>, values: ArraySlice<Double>,
                                     slopesFrom offset: Int) -> Int {
        slopes.withUnsafeMutableBufferPointer { slopes in
            ordinals.withUnsafeBufferPointer { ordinals in
                values.withUnsafeBufferPointer { values in
                    var s = 0, slot = offset
                    for i in 0 ..< values.count - 1 {
                        let value = values[i], ordinal = ordinals[i]
                        for j in i + 1 ..< values.count {
                            let difference = values[j] - value
                            s += (difference > 0 ? 1 : 0) - (difference < 0 ? 1 : 0)
                            slopes[slot] = difference / Double(ordinals[j] - ordinal)
                            slot += 1
                        }
                    }
                    return s
                }
            }
        }
    }

    /// Z, p and τ from S and 18·Var(S).
    private static func test(s: Int, varianceNumerator: Int, pairs: Int) -> MannKendall {
        let variance = Double(varianceNumerator) / 18
        let z = variance == 0 || s == 0 ? 0 : Double(s > 0 ? s - 1 : s + 1) / variance.squareRoot()
        let p = variance == 0 ? 1 : erfc(abs(z) / 2.0.squareRoot())
        return MannKendall(s: s, varianceS: variance, tau: Double(s) / Double(pairs), z: z, p: p)
    }

    /// n(n−1)(2n+5), the tie-free numerator of Var(S).
    private static func varianceNumerator(count n: Int) -> Int {
        n * (n - 1) * (2 * n + 5)
    }

    /// Σ t(t−1)(2t+5) over the groups of equal values in sorted `values`.
    private static func tieTerm(ofSorted values: ArraySlice<Double>) -> Int {
        var term = 0, start = values.startIndex
        while start < values.endIndex {
            var end = start + 1
            while end < values.endIndex, values[end] == values[start] { end += 1 }
            let t = end - start
            term += t * (t - 1) * (2 * t + 5)
            start = end
        }
        return term
    }
}
