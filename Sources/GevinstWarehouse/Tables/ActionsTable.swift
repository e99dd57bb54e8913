/// `actions`: the actions of an initiative's A3 sheet (4. Endringstiltak); `deadline` an ISO date,
/// `sort_order` the order the sheet lists them in (NULL last, then by action).
public enum ActionsTable: RegisterTable {
    public static let name = "actions"
    public static let key: [Column] = [.initiative, .action]

    public enum Column: String, RegisterColumn {
        case initiative
        case action
        case owner
        case deadline
        case status
        case sortOrder = "sort_order"
        case fileID = "file_id"
    }
}
