/// `kostra_files`: the identity of each current KOSTRA file (skjema, year, quarter, region, orgnr),
/// so that a newer file of the same identity supersedes it wherever it lies, and a quarter finds
/// the file of the quarter before.
public enum KOSTRAFilesTable: WarehouseTable {
    public static let name = "kostra_files"
    public static let key: [Column] = [.fileID]

    public enum Column: String, TableColumn {
        case fileID = "file_id"
        case source
        case form
        case year
        /// 1–4; NULL for the year's accounts.
        case quarter
        case region
        /// Empty when blank.
        case orgnr
    }
}
