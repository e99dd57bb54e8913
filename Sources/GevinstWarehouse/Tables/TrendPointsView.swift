/// `trend_points`: the view of every trend's points, one row per (indicator, org unit, period code), with
/// the control-chart signal of the point.
public enum TrendPointsView: WarehouseTable {
    public static let name = "trend_points"
    public static let key: [Column] = [.indicator, .orgUnit, .period]

    public enum Column: String, TableColumn {
        case indicator
        case orgUnit = "org_unit"
        case period
        case value
        case signal
    }
}
