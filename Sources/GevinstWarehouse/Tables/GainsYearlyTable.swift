/// `gains_yearly`: the gains stage's figures per initiative, gain type and calendar year; amounts in
/// hundredths.
public enum GainsYearlyTable: WarehouseTable {
    public static let name = "gains_yearly"
    public static let key: [Column] = [.initiative, .gainType, .year]

    public enum Column: String, TableColumn {
        case initiative
        case gainType = "gain_type"
        case year
        case planned
        case plannedYtd = "planned_ytd"
        case realisedYtd = "realised_ytd"
        case rateYtd = "rate_ytd"
        case forecast
        /// `finance` when `gain_forecasts` gave the forecast, `computed` when the stage did; empty
        /// without a forecast.
        case forecastSource = "forecast_source"
    }
}
