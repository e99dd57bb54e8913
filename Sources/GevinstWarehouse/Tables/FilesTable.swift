/// `files`: one row per imported file: where it came from, its digest, how it was read and its row counts;
/// `current` while its rows are the source's latest for its path.
public enum FilesTable: WarehouseTable {
    public static let name = "files"
    public static let key: [Column] = [.id]

    public enum Column: String, TableColumn {
        case id
        case source
        case kind
        case format
        case path
        case sha256
        case size
        case runID = "run_id"
        case importedAt = "imported_at"
        case encoding
        case delimiter
        case decimalMark = "decimal_mark"
        case rowsRead = "rows_read"
        case rowsLoaded = "rows_loaded"
        case rowsMissing = "rows_missing"
        case rowsCollapsed = "rows_collapsed"
        case rowsRejected = "rows_rejected"
        case current
        /// A cube's publication date as the file gives it (`2025-06-13T06:00:00Z`); NULL for other files.
        case published
    }
}
