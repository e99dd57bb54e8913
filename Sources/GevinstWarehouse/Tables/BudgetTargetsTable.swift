/// `budget_targets`: what a budget and economy plan must save per year and area (empty area: not
/// assigned to one); `amount` in øre.
public enum BudgetTargetsTable: RegisterTable {
    public static let name = "budget_targets"
    public static let key: [Column] = [.plan, .year, .area]

    public enum Column: String, RegisterColumn {
        case plan
        case year
        case area
        case amount
        case label
        case caseRef = "case_ref"
        case fileID = "file_id"
    }
}
