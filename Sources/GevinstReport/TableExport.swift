/// How a warehouse column is printed in the machine formats.
enum ColumnKind {
    case text
    /// A period stored as its integer code or as text, printed canonically (`2024K1`).
    case period
    /// A calendar year (a year's period code is accepted too).
    case year
    case integer
    /// An amount in hundredths (øre for NOK), printed with two decimals.
    case hundredths
    /// A statistic, printed as the shortest plain decimal; empty or null when undefined.
    case number
}

struct Column {
    let name: String
    let kind: ColumnKind

    init(_ name: String, _ kind: ColumnKind) {
        self.name = name
        self.kind = kind
    }
}

/// One value of a row built in memory (findings, run metadata), ready for CSV or JSON.
enum Cell {
    case null
    case text(String)
    case integer(Int64)
    case hundredths(Int64)
    case number(Double)
}

/// A warehouse table exported row for row, in the same columns and order, to a CSV file and to
/// `report.json` (see `MachineReport`).
struct TableExport {
    /// The CSV file name.
    let file: String
    /// The key of the array in `report.json`.
    let key: String
    let columns: [Column]
    /// Selects exactly `columns`, in order, ordered by every key.
    let sql: String

    /// SPEC §6.
    static let trends = TableExport(file: "trends.csv", key: "trends", columns: [
        Column("indicator", .text), Column("org_unit", .text), Column("frequency", .text), Column("n", .integer),
        Column("first_period", .period), Column("last_period", .period), Column("last_value", .number),
        Column("mean", .number), Column("median", .number), Column("stdev", .number), Column("min", .number),
        Column("max", .number), Column("change_prev", .number), Column("change_yoy", .number),
        Column("ols_slope", .number), Column("r_squared", .number), Column("sen_slope", .number),
        Column("mk_s", .integer), Column("mk_tau", .number), Column("mk_z", .number), Column("mk_p", .number),
        Column("trend", .text), Column("assessment", .text), Column("seasonal_sen_slope", .number),
        Column("seasonal_mk_z", .number), Column("seasonal_mk_p", .number), Column("target", .number),
        Column("target_gap", .number),
    ], sql: """
        SELECT indicator, org_unit, frequency, n, first_period, last_period, last_value, mean, median, stdev, min, max,
               change_prev, change_yoy, ols_slope, r_squared, sen_slope, mk_s, mk_tau, mk_z, mk_p, trend, assessment,
               seasonal_sen_slope, seasonal_mk_z, seasonal_mk_p, target, target_gap
        FROM trends ORDER BY indicator, org_unit
        """)

    /// SPEC §7, per initiative, gain type and quarter.
    static let gains = TableExport(file: "gains.csv", key: "gains", columns: [
        Column("initiative", .text), Column("gain_type", .text), Column("quarter", .period),
        Column("planned", .hundredths), Column("realised", .hundredths), Column("realised_source", .text),
        Column("cum_planned", .hundredths), Column("cum_realised", .hundredths), Column("deviation", .hundredths),
        Column("realisation_rate", .number), Column("status", .text),
    ], sql: """
        SELECT initiative, gain_type, quarter, planned, realised, realised_source, cum_planned, cum_realised, deviation,
               realisation_rate, status
        FROM gains_quarterly ORDER BY initiative, gain_type, quarter
        """)

    /// SPEC §7, per initiative, gain type and year.
    static let gainsByYear = TableExport(file: "gains_by_year.csv", key: "gains_by_year", columns: [
        Column("initiative", .text), Column("gain_type", .text), Column("year", .year), Column("planned", .hundredths),
        Column("planned_ytd", .hundredths), Column("realised_ytd", .hundredths), Column("rate_ytd", .number),
        Column("forecast", .hundredths),
    ], sql: """
        SELECT initiative, gain_type, year, planned, planned_ytd, realised_ytd, rate_ytd, forecast
        FROM gains_yearly ORDER BY initiative, gain_type, year
        """)

    /// SPEC §7, per area (`*` for all), gain type and quarter.
    static let gainsByArea = TableExport(file: "gains_by_area.csv", key: "gains_by_area", columns: [
        Column("area", .text), Column("gain_type", .text), Column("quarter", .period), Column("planned", .hundredths),
        Column("realised", .hundredths), Column("cum_planned", .hundredths), Column("cum_realised", .hundredths),
        Column("deviation", .hundredths), Column("realisation_rate", .number), Column("status", .text),
    ], sql: """
        SELECT area, gain_type, quarter, planned, realised, cum_planned, cum_realised, deviation, realisation_rate, status
        FROM gains_by_area ORDER BY area, gain_type, quarter
        """)

    /// SPEC §8: the rejected rows of the files that are current.
    static let rejects = TableExport(file: "rejects.csv", key: "rejects", columns: [
        Column("source", .text), Column("file", .text), Column("line", .integer), Column("column", .integer),
        Column("field", .text), Column("reason", .text), Column("text", .text),
    ], sql: "SELECT r.source, r.file, r.line, r.\"column\", r.field, r.reason, r.text " + currentRejects)

    /// The current files' rejects (as `r`), in the order of `rejects.csv`.
    static let currentRejects = """
        FROM rejects AS r JOIN files AS f ON f.id = r.file_id
        WHERE f.current = 1
        ORDER BY r.source, r.file, r.line, r."column", r.field, r.reason, r.text
        """
}
