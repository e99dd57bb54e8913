/// `indicator_settings`: the view of each indicator's effective settings: catalogue, else defaults, else the
/// general default.
public enum IndicatorSettingsView: WarehouseTable {
    public static let name = "indicator_settings"
    public static let key: [Column] = [.indicator]

    public enum Column: String, TableColumn {
        case indicator
        case name
        case unit
        case polarity
        case aggregation
        case frequency
        case target
        case inCatalogue = "in_catalogue"
    }
}
