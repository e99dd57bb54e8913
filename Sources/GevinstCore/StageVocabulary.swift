// The words and rows the stages share through the warehouse: statuses, trend outcomes, reserved
// names, indicator settings and gain amounts.

/// A gain's traffic light at a quarter (`status` of the gain tables and reports): its realisation
/// rate to date against the thresholds, `none` without a plan to date, `future` after as_of.
public enum GainStatus: String, CaseIterable, Sendable {
    case green, yellow, red, none, future

    /// `rawValue` as a constant, which binds to SQLite without a copy.
    public var storedName: StaticString {
        switch self {
        case .green: "green"
        case .yellow: "yellow"
        case .red: "red"
        case .none: "none"
        case .future: "future"
        }
    }
}

/// Direction of a Mann–Kendall trend at the 5 % level (`trend` of the trends table).
public enum TrendDirection: String, Sendable, CaseIterable {
    case increasing
    case decreasing
    case noTrend = "no_trend"
}

/// A trend judged by the indicator's polarity (`assessment` of the trends table).
public enum TrendAssessment: String, Sendable, CaseIterable {
    case improving
    case worsening
    case stable
    /// Neutral indicator, or no trend test (n < 3).
    case notApplicable = "n/a"
}

/// Whose year-end forecast `gains_yearly` holds (`forecast_source`): finance's (`gain_forecasts`)
/// or the one the gains stage computes.
public enum ForecastSource: String, Sendable, CaseIterable {
    case finance, computed

    /// `rawValue` as a constant, which binds to SQLite without a copy.
    public var storedName: StaticString {
        switch self {
        case .finance: "finance"
        case .computed: "computed"
        }
    }
}

/// Org unit names with a meaning of their own.
public enum OrgUnit {
    /// The whole municipality: the org unit of a measurement or link that names none.
    public static let total = "total"
    /// The org unit of SAF-T lines without the configured analysis.
    public static let unassigned = "unassigned"
}

/// Area names with a meaning of their own in `gains_by_area`.
public enum Area {
    /// Every initiative, whatever its area.
    public static let all = "*"
    /// Initiatives without an area.
    public static let none = ""
}

/// What the figures of an indicator depend on: the effective settings of the `indicator_settings`
/// view (catalogue, else defaults, else `standard`).
public struct IndicatorSettings: Sendable, Equatable {
    public var polarity: Polarity
    public var aggregation: Aggregation
    public var frequency: PeriodKind
    public var target: Double?

    public init(polarity: Polarity, aggregation: Aggregation, frequency: PeriodKind, target: Double?) {
        self.polarity = polarity
        self.aggregation = aggregation
        self.frequency = frequency
        self.target = target
    }

    /// Neutral, mean, quarterly, no target: an indicator nothing describes.
    public static let standard = IndicatorSettings(polarity: .neutral, aggregation: .mean, frequency: .quarter, target: nil)
}

/// One row of `gain_plans` (`period` a year or a quarter) or `gains_reported` (a quarter), as the
/// import writes it and the gains stage reads it.
public struct AmountRow: Sendable, Equatable {
    public var initiative: String
    public var gainType: GainType
    public var period: Period
    /// Hundredths of the gain type's unit (øre for NOK).
    public var amount: Int64

    public init(initiative: String, gainType: GainType, period: Period, amount: Int64) {
        self.initiative = initiative
        self.gainType = gainType
        self.period = period
        self.amount = amount
    }
}
