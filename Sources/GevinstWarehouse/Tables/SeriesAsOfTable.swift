/// `series_as_of` (since v13): what `as_of: auto` needs of each series with measurements, for the
/// quarter of the gains stage's last run (`stage_state.inputs`): the latest quarter up to it
/// holding a value (quarter code; NULL when every value is later), and the values after it: the
/// first (period code) and how many. Written by the gains stage only; not published.
public enum SeriesAsOfTable: WarehouseTable {
    public static let name = "series_as_of"
    public static let key: [Column] = [.seriesID]

    public enum Column: String, TableColumn {
        case seriesID = "series_id"
        case latestQuarter = "latest_quarter"
        case firstFuture = "first_future"
        case futureCount = "future_count"
    }
}
