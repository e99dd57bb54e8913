/// `measurements`: one value per (series, period code), in key order a series at a time.
public enum MeasurementsTable: WarehouseTable {
    public static let name = "measurements"
    public static let key: [Column] = [.seriesID, .period]

    public enum Column: String, TableColumn {
        case seriesID = "series_id"
        case period
        case value
        case fileID = "file_id"
    }
}
