import GevinstWarehouse

/// The tables publish copies, each read from the SQLite warehouse by one SELECT built from the
/// warehouse's table types and written to a PostgreSQL table of the same name whose first column is
/// `municipality`. This file is the one place that knows both sides' columns.
struct PublishedTable: Sendable {
    let name: String
    /// The warehouse columns read, in the order the SELECT returns them.
    let columns: [PublishedColumn]
    /// Returns the rows in a stable order (the fingerprint depends on it). `?1`, where present, is
    /// the run that is publishing, left out of `runs` because it has not ended yet.
    let select: String

    /// The PostgreSQL columns after `municipality`, in COPY order.
    var targets: [String] { columns.flatMap(\.targets) }

    /// `columns` of the warehouse rows `from` (a table or a join, with its aliases), `clause` after it.
    init(_ name: String, _ columns: [PublishedColumn], from: String, _ clause: String) {
        self.name = name
        self.columns = columns
        select = "SELECT \(columns.map(\.source).joined(separator: ", ")) FROM \(from) \(clause)"
    }

    /// The columns of `T` in the order given, published as the table `name` (by default `T`'s), each
    /// under its warehouse name unless `renamed`, ordered by `T`'s key unless `clause` says otherwise.
    init<T: WarehouseTable>(_ table: T.Type, as name: String = T.name, _ columns: KeyValuePairs<T.Column, ColumnKind>,
                            renamed: [T.Column: String] = [:], _ clause: String? = nil) {
        self.init(name, columns.map { PublishedColumn($0.key, $0.value, as: renamed[$0.key]) }, from: T.name,
                  clause ?? "ORDER BY \(T.keyOrder)")
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
    /// Every published table, in the order publish writes them. budget_balance joins this list
    /// with the budget cycle (its SQLite table does not exist yet).
    static let all: [PublishedTable] = [
        PublishedTable(IndicatorSettingsView.self, as: "indicators", [
            .indicator: .text, .name: .text, .unit: .text, .polarity: .text, .aggregation: .text, .frequency: .text,
            .target: .real, .inCatalogue: .boolean,
        ]),
        PublishedTable(InitiativesTable.self, [
            .initiative: .text, .title: .text, .owner: .text, .area: .text, .status: .text, .deadline: .text,
            .description: .text, .fileID: .integer,
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
        PublishedTable("measurements", [
            PublishedColumn(SeriesTable.Column.indicator, .text, from: "s"),
            PublishedColumn(SeriesTable.Column.orgUnit, .text, from: "s"),
            PublishedColumn(MeasurementsTable.Column.period, .period, from: "m"),
            PublishedColumn(MeasurementsTable.Column.value, .real, from: "m"),
            PublishedColumn(MeasurementsTable.Column.fileID, .integer, from: "m"),
        ], from: "\(MeasurementsTable.name) AS m JOIN \(SeriesTable.name) AS s ON s.\(SeriesTable.Column.id.quoted) = m.\(MeasurementsTable.Column.seriesID.quoted)",
           "ORDER BY \(MeasurementsTable.key.map { "m.\($0.quoted)" }.joined(separator: ", "))"),
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
            .realisedYtd: .amount, .rateYtd: .real, .forecast: .amount,
        ]),
        PublishedTable(GainsByAreaTable.self, [
            .area: .text, .gainType: .text, .quarter: .period, .planned: .amount, .realised: .amount, .cumPlanned: .amount,
            .cumRealised: .amount, .deviation: .amount, .realisationRate: .real, .status: .text,
        ]),
        findings,
        PublishedTable(FilesTable.self, [
            .id: .integer, .source: .text, .kind: .text, .format: .text, .path: .text, .sha256: .text, .size: .integer,
            .runID: .integer, .importedAt: .text, .encoding: .text, .delimiter: .text, .decimalMark: .text,
            .rowsRead: .integer, .rowsLoaded: .integer, .rowsMissing: .integer, .rowsCollapsed: .integer,
            .rowsRejected: .integer, .current: .boolean,
        ], renamed: [.id: "file_id"]),
        PublishedTable(RunsTable.self, [
            .id: .integer, .pipeline: .text, .stages: .text, .startedAt: .text, .endedAt: .text, .outcome: .text,
            .asOf: .period, .message: .text, .counts: .text,
        ], renamed: [.id: "run_id"], "WHERE \(RunsTable.Column.id.quoted) IS NOT ?1 ORDER BY \(RunsTable.keyOrder)"),
    ]

    /// The findings that describe the warehouse as it is (compute stages', and current files'),
    /// without the run that raised them, so that an unchanged state has unchanged findings; ordered
    /// by every published column, as their id depends on the run.
    private static let findings: PublishedTable = {
        typealias F = FindingsTable.Column
        let columns: KeyValuePairs<F, ColumnKind> = [
            .stage: .text, .kind: .text, .severity: .text, .source: .text, .file: .text, .fileID: .integer,
            .initiative: .text, .relatedInitiative: .text, .indicator: .text, .orgUnit: .text, .quarter: .period,
            .details: .text,
        ]
        let published = columns.map { PublishedColumn($0.key, $0.value, from: "f") }
        let file = "fi.\(FilesTable.Column.current.quoted)"
        return PublishedTable(FindingsTable.name, published, from: """
            \(FindingsTable.name) AS f LEFT JOIN \(FilesTable.name) AS fi ON fi.\(FilesTable.Column.id.quoted) = f.\(F.fileID.quoted)
            """, "WHERE f.\(F.fileID.quoted) IS NULL OR \(file) = 1 ORDER BY \(published.map(\.source).joined(separator: ", "))")
    }()
}
