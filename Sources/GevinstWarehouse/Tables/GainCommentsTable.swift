/// `gain_comments`: the comments beside an initiative's quarter (`quarter` a quarter code); an
/// empty `gain_type` comments on every gain type.
public enum GainCommentsTable: RegisterTable {
    public static let name = "gain_comments"
    public static let key: [Column] = [.initiative, .quarter, .gainType]

    public enum Column: String, RegisterColumn {
        case initiative
        case quarter
        case gainType = "gain_type"
        case comment
        case author
        case fileID = "file_id"
    }
}
