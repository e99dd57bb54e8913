/// `runs`: one row per run of `gevinst` that writes: its stages, times, outcome, as_of (a quarter code) and
/// counts.
public enum RunsTable: WarehouseTable {
    public static let name = "runs"
    public static let key: [Column] = [.id]

    public enum Column: String, TableColumn {
        case id
        case pipeline
        case stages
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case outcome
        case pid
        case message
        case counts
        case asOf = "as_of"
    }
}
