/// `indicators`: the indicator catalogue as imported (NULL where a field was empty).
public enum IndicatorsTable: RegisterTable {
    public static let name = "indicators"
    public static let key: [Column] = [.indicator]

    public enum Column: String, RegisterColumn {
        case indicator
        case name
        case unit
        case polarity
        case aggregation
        case frequency
        case target
        case fileID = "file_id"
    }
}
