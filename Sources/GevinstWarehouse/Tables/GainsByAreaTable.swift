/// `gains_by_area`: the gains stage's figures per area (`Area.all` for every initiative), gain type and
/// quarter (code).
public enum GainsByAreaTable: CumulativeTable {
    public static let name = "gains_by_area"
    public static let key: [Column] = [.area, .gainType, .quarter]

    public enum Column: String, CumulativeColumn {
        case area
        case gainType = "gain_type"
        case quarter
        case planned
        case realised
        case cumPlanned = "cum_planned"
        case cumRealised = "cum_realised"
        case deviation
        case realisationRate = "realisation_rate"
        case status
    }

    public static let owner = Column.area
}
