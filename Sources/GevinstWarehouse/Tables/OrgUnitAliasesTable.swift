/// `org_unit_aliases`: the other codes sources give a unit of `org_units` (a SAF-T department, an HR
/// system's name, a region number); an alias belongs to one unit.
public enum OrgUnitAliasesTable: RegisterTable {
    public static let name = "org_unit_aliases"
    public static let key: [Column] = [.alias]

    public enum Column: String, RegisterColumn {
        case alias
        case orgUnit = "org_unit"
        case fileID = "file_id"
    }
}
