/// `gain_links`: links from an initiative's gain to an indicator series: `start` is a quarter code or NULL.
public enum GainLinksTable: RegisterTable {
    public static let name = "gain_links"
    public static let key: [Column] = [.initiative, .indicator, .orgUnit, .gainType]

    public enum Column: String, RegisterColumn {
        case initiative
        case indicator
        case orgUnit = "org_unit"
        case gainType = "gain_type"
        case baseline
        case factor
        case start
        case fileID = "file_id"
    }
}
