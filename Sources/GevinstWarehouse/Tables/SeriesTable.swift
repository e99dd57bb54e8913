/// `series`: one row per measured series, (indicator, org_unit).
public enum SeriesTable: WarehouseTable {
    public static let name = "series"
    public static let key: [Column] = [.id]

    public enum Column: String, TableColumn {
        case id
        case indicator
        case orgUnit = "org_unit"
    }
}
