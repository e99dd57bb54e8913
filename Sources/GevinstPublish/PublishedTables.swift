import GevinstWarehouse

/// The tables publish copies, each read from the SQLite warehouse by one SELECT that the
/// warehouse's table types build, and written to a PostgreSQL table of the same name whose first
/// column is `municipality`. This file is the one place that knows both sides' columns.
struct PublishedTable: Sendable {
    let name: String
    /// The warehouse columns read, in the order the SELECT returns them.
    let columns: [PublishedColumn]
    /// Returns the rows in a stable order (the digest depends on it). `?1`, where present, is the
    /// run that is publishing, left out of `runs` because it has not ended yet.
    let select: String
    /// Counts the slice's rows without reading them (`SELECT count(*)` of one table), where that is
    /// possible. A count that differs from the published slice's proves a change without a digest.
    let count: String?

    /// The PostgreSQL columns after `municipality`, in COPY order.
    var targets: [String] { columns.flatMap(\.targets) }

    /// `columns`, read by `select` (a warehouse query given the columns' expressions), counted by
    /// the rows of the warehouse table `counted`, if any.
    init(_ name: String, _ columns: [PublishedColumn], counted: String? = nil, _ select: ([String]) -> String) {
        self.name = name
        self.columns = columns
        self.select = select(columns.map(\.source))
        count = counted.map { "SELECT count(*) FROM \($0)" }
    }

    /// The columns of `T` in the order given, published as the table `name` (by default `T`'s), each
    /// under its warehouse name unless `renamed`, in `T`'s key order.
    init<T: WarehouseTable>(_ table: T.Type, as name: String = T.name, _ columns: KeyValuePairs<T.Column, ColumnKind>,
                            renamed: [T.Column: String] = [:]) {
        self.init(name, columns.map { PublishedColumn($0.key, $0.value, as: renamed[$0.key]) }, counted: T.name) { T.select($0) }
    }
}

/// How a SQLite value becomes the text of a COPY field.
enum ColumnKind: Sendable {
    /// Text as stored (also JSON and ISO 8601 timestamps, which PostgreSQL parses into its type).
    case text
    case integer
    case real
    /// An amount in hundredths (øre for NOK) as a decimal with two places (kroner).
    case amount
    /// A period code, published as two fields: its canonical text (`2024K1`) and the code itself.
    case period
    /// 0 or 1 as `f` or `t`.
    case boolean
}

/// A warehouse column read for publishing; its PostgreSQL type is in `PostgresSchema`.
struct PublishedColumn: Sendable {
    /// The PostgreSQL name (of the text, for a period).
    let name: String
    /// The SELECT expression: the warehouse column, with its table alias where there is one.
    let source: String
    let kind: ColumnKind

    /// `column` of the table `alias` stands for, published as `name` (by default its warehouse name).
    init(_ column: some TableColumn, _ kind: ColumnKind, from alias: String? = nil, as name: String? = nil) {
        self.name = name ?? column.rawValue
        source = alias.map { "\($0).\(column.quoted)" } ?? column.quoted
        self.kind = kind
    }

    /// The PostgreSQL columns it fills: a period's text and, beside it, its code (`<name>_code`),
    /// year·1000 + kind·100 + index, which sorts in time order.
    var targets: [String] { kind == .period ? [name, name + "_code"] : [name] }
}

extension PublishedTable {
    /// The tables that are biggest in a municipality's slice, biggest first, as their partitions
    /// usually are: the order of a municipality's first publish, before the server holds
    /// partitions to measure.
    static let usuallyBiggest = ["measurements", "gains_quarterly", "trends", "gain_plans", "gains_yearly", "gains_reported"]

    /// Every published table (publish takes them biggest first, not in this order).
    static let all: [PublishedTable] = [
        PublishedTable(IndicatorSettingsView.self, as: "indicators", [
            .indicator: .text, .name: .text, .unit: .text, .polarity: .text, .aggregation: .text, .frequency: .text,
            .target: .real, .inCatalogue: .boolean,
        ]),
        PublishedTable(OrgUnitsTable.self, [.orgUnit: .text, .name: .text, .parent: .text, .fileID: .integer]),
        PublishedTable(OrgUnitAliasesTable.self, [.alias: .text, .orgUnit: .text, .fileID: .integer]),
        PublishedTable(InitiativesTable.self, [
            .initiative: .text, .title: .text, .owner: .text, .area: .text, .status: .text, .deadline: .text,
            .description: .text, .phase: .text, .gainOwner: .text, .baselineDate: .text, .handoverDate: .text,
            .rationale: .text, .currentState: .text, .rootCauses: .text, .targetState: .text, .measurementNote: .text,
            .a3Date: .text, .a3Version: .text, .fileID: .integer,
        ]),
        PublishedTable(ActionsTable.self, [
            .initiative: .text, .action: .text, .owner: .text, .deadline: .text, .status: .text, .sortOrder: .real,
            .fileID: .integer,
        ]),
        PublishedTable(GainPlansTable.self, [
            .initiative: .text, .gainType: .text, .period: .period, .amount: .amount, .fileID: .integer,
        ]),
        PublishedTable(GainsReportedTable.self, [
            .initiative: .text, .gainType: .text, .quarter: .period, .amount: .amount, .fileID: .integer,
        ]),
        PublishedTable(GainLinksTable.self, [
            .initiative: .text, .indicator: .text, .orgUnit: .text, .gainType: .text, .baseline: .real, .factor: .real,
            .start: .period, .fileID: .integer,
        ]),
        PublishedTable(BudgetTargetsTable.self, [
            .plan: .text, .year: .integer, .area: .text, .amount: .amount, .label: .text, .caseRef: .text, .fileID: .integer,
        ]),
        PublishedTable(GainCommentsTable.self, [
            .initiative: .text, .quarter: .period, .gainType: .text, .comment: .text, .author: .text, .fileID: .integer,
        ]),
        PublishedTable(GainForecastsTable.self, [
            .initiative: .text, .gainType: .text, .year: .integer, .amount: .amount, .comment: .text, .fileID: .integer,
        ]),
        PublishedTable("measurements", [
            PublishedColumn(SeriesTable.Column.indicator, .text, from: "s"),
            PublishedColumn(SeriesTable.Column.orgUnit, .text, from: "s"),
            PublishedColumn(MeasurementsTable.Column.period, .period, from: "m"),
            PublishedColumn(MeasurementsTable.Column.value, .real, from: "m"),
            PublishedColumn(MeasurementsTable.Column.fileID, .integer, from: "m"),
        ], counted: MeasurementsTable.name) { MeasurementsTable.selectWithSeries($0) },
        PublishedTable(TrendsTable.self, [
            .indicator: .text, .orgUnit: .text, .frequency: .text, .n: .integer, .firstPeriod: .period, .lastPeriod: .period,
            .lastValue: .real, .mean: .real, .median: .real, .stdev: .real, .min: .real, .max: .real, .changePrev: .real,
            .changeYoy: .real, .olsSlope: .real, .rSquared: .real, .senSlope: .real, .mkS: .integer, .mkTau: .real,
            .mkZ: .real, .mkP: .real, .trend: .text, .assessment: .text, .seasonalSenSlope: .real, .seasonalMkZ: .real,
            .seasonalMkP: .real, .target: .real, .targetGap: .real, .ccCentre: .real, .ccLower: .real, .ccUpper: .real,
            .ccMovingRange: .real, .ccSignals: .integer, .points: .text,
        ]),
        PublishedTable(GainsQuarterlyTable.self, [
            .initiative: .text, .gainType: .text, .quarter: .period, .planned: .amount, .realised: .amount,
            .realisedSource: .text, .derived: .amount, .reported: .amount, .cumPlanned: .amount, .cumRealised: .amount,
            .deviation: .amount, .realisationRate: .real, .status: .text,
        ]),
        // realised_ytd and forecast are NULL for quality gains (levels, not flows).
        PublishedTable(GainsYearlyTable.self, [
            .initiative: .text, .gainType: .text, .year: .integer, .planned: .amount, .plannedYtd: .amount,
            .realisedYtd: .amount, .rateYtd: .real, .forecast: .amount, .forecastSource: .text,
        ]),
        PublishedTable(GainsByAreaTable.self, [
            .area: .text, .gainType: .text, .quarter: .period, .planned: .amount, .realised: .amount, .cumPlanned: .amount,
            .cumRealised: .amount, .deviation: .amount, .realisationRate: .real, .status: .text,
        ]),
        PublishedTable(BudgetBalanceTable.self, [
            .plan: .text, .year: .integer, .area: .text, .requirement: .amount, .plannedBudget: .amount, .gap: .amount,
            .coverage: .real, .realisedYtd: .amount, .forecast: .amount, .forecastGap: .amount, .status: .text,
        ]),
        findings,
        PublishedTable(FilesTable.self, [
            .id: .integer, .source: .text, .kind: .text, .format: .text, .path: .text, .sha256: .text, .size: .integer,
            .runID: .integer, .importedAt: .text, .encoding: .text, .delimiter: .text, .decimalMark: .text,
            .rowsRead: .integer, .rowsLoaded: .integer, .rowsMissing: .integer, .rowsCollapsed: .integer,
            .rowsRejected: .integer, .current: .boolean, .published: .text,
        ], renamed: [.id: "file_id"]),
        PublishedTable("runs", [
            PublishedColumn(RunsTable.Column.id, .integer, as: "run_id"), PublishedColumn(RunsTable.Column.pipeline, .text),
            PublishedColumn(RunsTable.Column.stages, .text), PublishedColumn(RunsTable.Column.startedAt, .text),
            PublishedColumn(RunsTable.Column.endedAt, .text), PublishedColumn(RunsTable.Column.outcome, .text),
            PublishedColumn(RunsTable.Column.asOf, .period), PublishedColumn(RunsTable.Column.message, .text),
            PublishedColumn(RunsTable.Column.counts, .text),
        ]) { RunsTable.selectAllBut($0) },
    ]

    /// The findings that describe the warehouse as it is (compute stages', and current files'),
    /// without the run that raised them, so that an unchanged state has unchanged findings.
    private static let findings: PublishedTable = {
        let columns: KeyValuePairs<FindingsTable.Column, ColumnKind> = [
            .stage: .text, .kind: .text, .severity: .text, .source: .text, .file: .text, .fileID: .integer,
            .initiative: .text, .relatedInitiative: .text, .indicator: .text, .orgUnit: .text, .quarter: .period,
            .details: .text,
        ]
        return PublishedTable(FindingsTable.name, columns.map { PublishedColumn($0.key, $0.value, from: "f") }) {
            FindingsTable.selectCurrent($0)
        }
    }()
}
