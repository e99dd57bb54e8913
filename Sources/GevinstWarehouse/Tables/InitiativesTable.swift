/// `initiatives`: the initiative register as imported, with the text of its A3 sheet.
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
        case rationale
        case currentState = "current_state"
        case rootCauses = "root_causes"
        case targetState = "target_state"
        case measurementNote = "measurement_note"
        case a3Date = "a3_date"
        case a3Version = "a3_version"
    }
}
