/// `initiatives`: the initiative register as imported.
public enum InitiativesTable: RegisterTable {
    public static let name = "initiatives"
    public static let key: [Column] = [.initiative]

    public enum Column: String, RegisterColumn {
        case initiative
        case title
        case owner
        case area
        case status
        case deadline
        case description
        case fileID = "file_id"
        case phase
        case gainOwner = "gain_owner"
        case baselineDate = "baseline_date"
        case handoverDate = "handover_date"
    }
}
