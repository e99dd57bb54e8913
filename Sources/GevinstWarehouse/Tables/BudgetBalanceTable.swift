/// `budget_balance`: per budget plan, year and area (`*` for all) the savings requirement against
/// the planned, realised and forecast `budget` gains; amounts in øre.
public enum BudgetBalanceTable: WarehouseTable {
    public static let name = "budget_balance"
    public static let key: [Column] = [.plan, .year, .area]

    public enum Column: String, TableColumn {
        case plan
        case year
        case area
        case requirement
        case plannedBudget = "planned_budget"
        case gap
        case coverage
        case realisedYtd = "realised_ytd"
        case forecast
        case forecastGap = "forecast_gap"
        case status
    }
}
