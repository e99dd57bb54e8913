/// `indicator_defaults`: settings for indicators that SAF-T sources or measurements name without a catalogue
/// row.
public enum IndicatorDefaultsTable: WarehouseTable {
    public static let name = "indicator_defaults"
    public static let key: [Column] = [.indicator]

    public enum Column: String, TableColumn {
        case indicator
        case aggregation
        case frequency
        case origin
    }
}
