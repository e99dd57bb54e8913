/// `measurement_history`: values a newer import replaced or removed (written by triggers on `measurements`).
public enum MeasurementHistoryTable: WarehouseTable {
    public static let name = "measurement_history"
    public static let key: [Column] = [.seriesID, .period]

    public enum Column: String, TableColumn {
        case seriesID = "series_id"
        case period
        case value
        case fileID = "file_id"
        case replacedByFileID = "replaced_by_file_id"
        case newValue = "new_value"
    }
}
