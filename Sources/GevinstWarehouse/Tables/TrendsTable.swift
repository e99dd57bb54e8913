/// `trends`: the trends stage's figures per series: every column of `trends.csv`, the control chart and the
/// points (JSON `[period code, value, signal]`). `first_period` and `last_period` are period codes;
/// `run_id` is the run that computed the row (since v14).
public enum TrendsTable: WarehouseTable {
    public static let name = "trends"
    public static let key: [Column] = [.indicator, .orgUnit]

    public enum Column: String, TableColumn {
        case indicator
        case orgUnit = "org_unit"
        case frequency
        case n
        case lastValue = "last_value"
        case mean
        case median
        case stdev
        case min
        case max
        case changePrev = "change_prev"
        case changeYoy = "change_yoy"
        case olsSlope = "ols_slope"
        case rSquared = "r_squared"
        case senSlope = "sen_slope"
        case mkS = "mk_s"
        case mkTau = "mk_tau"
        case mkZ = "mk_z"
        case mkP = "mk_p"
        case trend
        case assessment
        case seasonalSenSlope = "seasonal_sen_slope"
        case seasonalMkZ = "seasonal_mk_z"
        case seasonalMkP = "seasonal_mk_p"
        case target
        case targetGap = "target_gap"
        case ccCentre = "cc_centre"
        case ccLower = "cc_lower"
        case ccUpper = "cc_upper"
        case ccMovingRange = "cc_moving_range"
        case ccSignals = "cc_signals"
        case points
        case firstPeriod = "first_period"
        case lastPeriod = "last_period"
        case runID = "run_id"
    }
}
