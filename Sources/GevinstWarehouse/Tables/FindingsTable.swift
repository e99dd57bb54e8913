/// `findings`: one row per finding of a stage (and, for import, of one file); `quarter` is a quarter code.
public enum FindingsTable: WarehouseTable {
    public static let name = "findings"
    public static let key: [Column] = [.id]

    public enum Column: String, TableColumn {
        case id
        case stage
        case runID = "run_id"
        case fileID = "file_id"
        case kind
        case severity
        case source
        case file
        case initiative
        case relatedInitiative = "related_initiative"
        case indicator
        case orgUnit = "org_unit"
        case details
        case quarter
    }
}
