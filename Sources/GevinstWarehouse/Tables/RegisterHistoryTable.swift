/// `register_history`: register rows that a new version of their file (mode `upsert`) or `forget`
/// removed: the register's table, the row's `fields` (every column but `file_id`, as a JSON object), the file
/// that stored it and the file whose import removed it (0 for `forget`).
public enum RegisterHistoryTable: WarehouseTable {
    public static let name = "register_history"
    public static let key: [Column] = [.register]

    public enum Column: String, TableColumn {
        case register
        case fields
        case fileID = "file_id"
        case replacedByFileID = "replaced_by_file_id"
    }
}
