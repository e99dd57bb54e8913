/// `stage_state`: what each stage last did: its run, the as_of (quarter code) it used, when it
/// finished, and the state of what it read (`inputs`, since v10; see `StageInputs`).
public enum StageStateTable: WarehouseTable {
    public static let name = "stage_state"
    public static let key: [Column] = [.stage]

    public enum Column: String, TableColumn {
        case stage
        case runID = "run_id"
        case finishedAt = "finished_at"
        case asOf = "as_of"
        case inputs
    }
}
