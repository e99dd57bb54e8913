/// `rejects`: one row per rejected input row, with its place and why (`kind` since v2).
public enum RejectsTable: WarehouseTable {
    public static let name = "rejects"
    public static let key: [Column] = [.id]

    public enum Column: String, TableColumn {
        case id
        case fileID = "file_id"
        case source
        case file
        case line
        case column
        case field
        case reason
        case text
        case kind
    }
}
