/// `org_unit_codes`: the view of every code a source may give a registered unit (its own code and
/// its aliases) with the unit it stands for and the unit's name: how stages join the same unit
/// across sources and name it.
public enum OrgUnitCodesView: WarehouseTable {
    public static let name = "org_unit_codes"
    public static let key: [Column] = [.code]

    public enum Column: String, TableColumn {
        case code
        case orgUnit = "org_unit"
        case name
    }
}
