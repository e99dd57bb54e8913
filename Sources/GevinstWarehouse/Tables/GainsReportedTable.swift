/// `gains_reported`: gains finance reported: `quarter` is a quarter code, `amount` in hundredths of the gain
/// type's unit.
public enum GainsReportedTable: AmountTable {
    public static let name = "gains_reported"
    public static let key: [Column] = [.initiative, .gainType, .quarter]

    public enum Column: String, AmountColumn {
        case initiative
        case gainType = "gain_type"
        case quarter
        case amount
        case fileID = "file_id"
    }

    public static let period = Column.quarter
}
