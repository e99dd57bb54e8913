/// `file_series` (since v11): the series a file stored values of, one row per (file, series). Every
/// writer of `measurements` records the pair of each row it writes; a new version of a file,
/// `forget` and the trends stage find a file's measurements through it.
public enum FileSeriesTable: WarehouseTable {
    public static let name = "file_series"
    public static let key: [Column] = [.fileID, .seriesID]

    public enum Column: String, TableColumn {
        case fileID = "file_id"
        case seriesID = "series_id"
    }
}
