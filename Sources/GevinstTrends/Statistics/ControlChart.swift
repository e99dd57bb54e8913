/// An individuals and moving-range (XmR) control chart of one series, with its signals per point.
///
/// The centre line is the mean of the values; the average moving range is the mean of |x_i − x_{i−1}|
/// over adjacent available values in time order (gaps are skipped, not bridged by zero); the natural
/// process limits are centre ± 2.66 × average moving range. See `docs/control-charts.md`.
public struct ControlChart: Sendable, Equatable {
    /// The factor 3/d₂ with d₂ = 1.128 for moving ranges of two points.
    static let limitFactor = 2.66
    /// Length of a run on one side of the centre line that signals a shift.
    static let runLength = 7

    public let centreLine: Double
    public let averageMovingRange: Double
    /// One entry per value, in the order given.
    public let signals: [ControlSignals]

    public var upperLimit: Double { centreLine + Self.limitFactor * averageMovingRange }
    public var lowerLimit: Double { centreLine - Self.limitFactor * averageMovingRange }

    /// The chart of `values` in time order; `nil` for fewer than two values.
    public init?(values: [Double]) {
        guard values.count >= 2 else { return nil }
        centreLine = mean(of: values)
        averageMovingRange = zip(values, values.dropFirst()).reduce(0) { $0 + abs($1.1 - $1.0) }
            / Double(values.count - 1)
        let upper = centreLine + Self.limitFactor * averageMovingRange
        let lower = centreLine - Self.limitFactor * averageMovingRange

        var signals = values.map { $0 > upper || $0 < lower ? ControlSignals.outsideLimits : [] }
        // Walk the runs of points strictly on one side (+1 above, −1 below, 0 on the line); one step
        // past the end closes the last run.
        var runStart = 0, runSide = 0
        for index in 0 ... values.count {
            let side = index == values.count ? 0
                : (values[index] > centreLine ? 1 : 0) - (values[index] < centreLine ? 1 : 0)
            guard side != runSide else { continue }
            if runSide != 0, index - runStart >= Self.runLength {
                for member in runStart ..< index { signals[member].insert(.longRun) }
            }
            runStart = index
            runSide = side
        }
        self.signals = signals
    }
}

/// The rules a point of a ``ControlChart`` breaks.
public struct ControlSignals: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Rule 1: the point lies above the upper or below the lower limit.
    public static let outsideLimits = ControlSignals(rawValue: 1 << 0)
    /// Rule 2: the point belongs to a run of ``ControlChart/runLength`` or more consecutive points
    /// on the same side of the centre line (a point on the line ends a run).
    public static let longRun = ControlSignals(rawValue: 1 << 1)
}
