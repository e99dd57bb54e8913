/// `gain_plans`: planned gains: `period` is a year or a quarter code, `amount` in hundredths of the gain
/// type's unit.
public enum GainPlansTable: AmountTable {
    public static let name = "gain_plans"
    public static let key: [Column] = [.initiative, .gainType, .period]

    public enum Column: String, AmountColumn {
        case initiative
        case gainType = "gain_type"
        case period
        case amount
        case fileID = "file_id"
    }

    public static let period = Column.period
}
