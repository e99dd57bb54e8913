/// `gains_quarterly`: the gains stage's figures per initiative, gain type and quarter (code); amounts in
/// hundredths.
public enum GainsQuarterlyTable: CumulativeTable {
    public static let name = "gains_quarterly"
    public static let key: [Column] = [.initiative, .gainType, .quarter]

    public enum Column: String, CumulativeColumn {
        case initiative
        case gainType = "gain_type"
        case quarter
        case planned
        case realised
        case realisedSource = "realised_source"
        case derived
        case reported
        case cumPlanned = "cum_planned"
        case cumRealised = "cum_realised"
        case deviation
        case realisationRate = "realisation_rate"
        case status
    }

    public static let owner = Column.initiative
}
