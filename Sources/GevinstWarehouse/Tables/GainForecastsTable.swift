/// `gain_forecasts`: finance's year-end forecast per initiative, gain type and year, in hundredths;
/// it replaces the computed forecast in `gains_yearly`.
public enum GainForecastsTable: RegisterTable {
    public static let name = "gain_forecasts"
    public static let key: [Column] = [.initiative, .gainType, .year]

    public enum Column: String, RegisterColumn {
        case initiative
        case gainType = "gain_type"
        case year
        case amount
        case comment
        case fileID = "file_id"
    }
}
