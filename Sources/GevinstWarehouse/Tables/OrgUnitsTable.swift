/// `org_units`: the org unit register as imported: each unit's code, name and parent.
public enum OrgUnitsTable: RegisterTable {
    public static let name = "org_units"
    public static let key: [Column] = [.orgUnit]

    public enum Column: String, RegisterColumn {
        case orgUnit = "org_unit"
        case name
        case parent
        case fileID = "file_id"
    }
}
