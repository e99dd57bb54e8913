/// `kostra_ytd`: a quarterly KOSTRA file's year-to-date sum per indicator and org unit, in NOK after
/// `scale`; a quarter's value is the difference to the same identity's quarter before.
public enum KOSTRAYearToDateTable: WarehouseTable {
    public static let name = "kostra_ytd"
    public static let key: [Column] = [.fileID, .indicator, .orgUnit]

    public enum Column: String, TableColumn {
        case fileID = "file_id"
        case indicator
        case orgUnit = "org_unit"
        case value
    }
}
