import GevinstWarehouse

/// How a warehouse column is printed in the machine formats.
enum ColumnKind {
    case text
    /// A period stored as its integer code, printed canonically (`2024K1`).
    case period
    case integer
    /// An amount in hundredths (øre for NOK), printed with two decimals.
    case hundredths
    /// A statistic, printed as the shortest plain decimal, rounded to at most
    /// `PlainNumber.statisticDigits` significant digits; empty or null when undefined.
    case number
    /// A word of a vocabulary (gain type, status, trend, …), which `excel-no` CSV files write in the
    /// report's language (`CSVTerms`).
    case word
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
    /// The CSV file name; empty for a table of report.json only.
    let file: String
    /// The key of the array in `report.json`.
    let key: String
    let columns: [Column]
    /// Selects exactly `columns`, in order, ordered by every key.
    let sql: String
    /// For a table whose rows say which run computed them (`PreviousTrends`): the key and that run
    /// of every row, in key order; and `sql`'s columns of the one row whose key is bound.
    let keys: String?, row: String?

    /// The columns of `T` in the order given, each named as in the warehouse; the whole table ordered
    /// by its key, or `from` (a `FROM … WHERE … ORDER BY …` clause with `T` as `alias`). `run`: the
    /// column of the run that computed a row, which gives the export `keys` and `row`.
    init<T: WarehouseTable>(_ table: T.Type, file: String, key: String, _ columns: KeyValuePairs<T.Column, ColumnKind>,
                            run: T.Column? = nil, alias: String? = nil, from: String? = nil) {
        self.file = file
        self.key = key
        self.columns = columns.map { Column($0.key.rawValue, $0.value) }
        let selected = columns.map { column in alias.map { "\($0).\(column.key.quoted)" } ?? column.key.quoted }
        sql = T.select(selected, clause: from)
        keys = run.map { T.select((T.key + [$0]).map(\.quoted)) }
        row = run.map { _ in T.select(selected, clause: "FROM \(T.name) WHERE \(T.key.map { "\($0.quoted) = ?" }.joined(separator: " AND "))") }
    }

    /// SPEC §6.
    static let trends = TableExport(TrendsTable.self, file: "trends.csv", key: "trends", [
        .indicator: .text, .orgUnit: .text, .frequency: .word, .n: .integer, .firstPeriod: .period, .lastPeriod: .period,
        .lastValue: .number, .mean: .number, .median: .number, .stdev: .number, .min: .number, .max: .number,
        .changePrev: .number, .changeYoy: .number, .olsSlope: .number, .rSquared: .number, .senSlope: .number,
        .mkS: .integer, .mkTau: .number, .mkZ: .number, .mkP: .number, .trend: .word, .assessment: .word,
        .seasonalSenSlope: .number, .seasonalMkZ: .number, .seasonalMkP: .number, .target: .number, .targetGap: .number,
    ], run: .runID)

    /// SPEC §7, per initiative, gain type and quarter.
    static let gains = TableExport(GainsQuarterlyTable.self, file: "gains.csv", key: "gains", [
        .initiative: .text, .gainType: .word, .quarter: .period, .planned: .hundredths, .realised: .hundredths,
        .realisedSource: .word, .cumPlanned: .hundredths, .cumRealised: .hundredths, .deviation: .hundredths,
        .realisationRate: .number, .status: .word,
    ])

    /// SPEC §7, per initiative, gain type and year.
    static let gainsByYear = TableExport(GainsYearlyTable.self, file: "gains_by_year.csv", key: "gains_by_year", [
        .initiative: .text, .gainType: .word, .year: .integer, .planned: .hundredths, .plannedYtd: .hundredths,
        .realisedYtd: .hundredths, .rateYtd: .number, .forecast: .hundredths, .forecastSource: .word,
    ])

    /// SPEC §11, per budget plan, year and area (`Area.all` for all).
    static let budgetBalance = TableExport(BudgetBalanceTable.self, file: "budget_balance.csv", key: "budget_balance", [
        .plan: .text, .year: .integer, .area: .text, .requirement: .hundredths, .plannedBudget: .hundredths, .gap: .hundredths,
        .coverage: .number, .realisedYtd: .hundredths, .forecast: .hundredths, .forecastGap: .hundredths, .status: .word,
    ])

    /// SPEC §7, per area (`Area.all` for all), gain type and quarter.
    static let gainsByArea = TableExport(GainsByAreaTable.self, file: "gains_by_area.csv", key: "gains_by_area", [
        .area: .text, .gainType: .word, .quarter: .period, .planned: .hundredths, .realised: .hundredths,
        .cumPlanned: .hundredths, .cumRealised: .hundredths, .deviation: .hundredths, .realisationRate: .number,
        .status: .word,
    ])

    /// SPEC §8: the rejected rows of the files that are current.
    static let rejects = TableExport(RejectsTable.self, file: "rejects.csv", key: "rejects", [
        .source: .text, .file: .text, .line: .integer, .column: .integer, .field: .word, .reason: .text, .text: .text,
    ], alias: "r", from: RejectsTable.currentClause)

    /// SPEC §12–13: every initiative with its life cycle and the text of its A3 sheet (report.json only).
    static let initiatives = TableExport(InitiativesTable.self, file: "", key: "initiatives", [
        .initiative: .text, .title: .text, .owner: .text, .area: .text, .status: .text, .deadline: .text, .description: .text,
        .phase: .text, .gainOwner: .text, .baselineDate: .text, .handoverDate: .text,
        .rationale: .text, .currentState: .text, .rootCauses: .text, .targetState: .text, .measurementNote: .text,
        .a3Date: .text, .a3Version: .text,
    ])

    /// SPEC §13: the actions of the A3 sheets, in the sheets' order (report.json only).
    static let actions = TableExport(ActionsTable.self, file: "", key: "actions", [
        .initiative: .text, .action: .text, .owner: .text, .deadline: .text, .status: .text, .sortOrder: .number,
    ], from: ActionsTable.sheetsClause)
}
