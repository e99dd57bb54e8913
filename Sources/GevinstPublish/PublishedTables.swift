/// The tables publish copies, each read from the SQLite warehouse by one named-column SELECT and
/// written to a PostgreSQL table of the same name whose first column is `municipality`. This file
/// is the one place that knows both sides' columns.
struct PublishedTable: Sendable {
    let name: String
    /// The PostgreSQL columns after `municipality`, in the order the SELECT returns them.
    let columns: [PublishedColumn]
    /// Returns the rows in a stable order (the fingerprint depends on it). `?1`, where present, is
    /// the run that is publishing, left out of `runs` because it has not ended yet.
    let select: String
}

/// How a SQLite value becomes the text of a COPY field.
enum ColumnKind: Sendable {
    /// Text as stored (also JSON and ISO 8601 timestamps, which PostgreSQL parses into its type).
    case text
    case integer
    case real
    /// Integer hundredths (øre for NOK) as a decimal with two places (kroner).
    case money
    /// A period code as its canonical text (`2024K1`).
    case period
    /// 0 or 1 as `f` or `t`.
    case boolean
}

/// A column after `municipality`; its PostgreSQL type is in `PostgresSchema`.
struct PublishedColumn: Sendable {
    let name: String
    let kind: ColumnKind

    init(_ name: String, _ kind: ColumnKind) {
        self.name = name
        self.kind = kind
    }

    static func text(_ name: String) -> Self { .init(name, .text) }
    static func integer(_ name: String) -> Self { .init(name, .integer) }
    static func real(_ name: String) -> Self { .init(name, .real) }
    static func money(_ name: String) -> Self { .init(name, .money) }
    /// A period as canonical text and its integer code (year·1000 + kind·100 + index), for sorting.
    static func period(_ name: String) -> [Self] { [.init(name, .period), .init(name + "_code", .integer)] }
}

extension PublishedTable {
    /// Column groups in order, so that each literal has a plain contextual type.
    private static func joined(_ groups: [PublishedColumn]...) -> [PublishedColumn] { groups.flatMap { $0 } }

    /// Every published table, in the order publish writes them. budget_balance joins this list
    /// with the budget cycle (its SQLite table does not exist yet).
    static let all: [PublishedTable] = [
        PublishedTable(
            name: "indicators",
            columns: [.text("indicator"), .text("name"), .text("unit"), .text("polarity"),
                      .text("aggregation"), .text("frequency"), .real("target"),
                      .init("in_catalogue", .boolean)],
            select: """
                SELECT indicator, name, unit, polarity, aggregation, frequency, target, in_catalogue
                FROM indicator_settings ORDER BY indicator
                """),
        PublishedTable(
            name: "initiatives",
            columns: [.text("initiative"), .text("title"), .text("owner"), .text("area"),
                      .text("status"), .text("deadline"), .text("description"), .integer("file_id")],
            select: """
                SELECT initiative, title, owner, area, status, deadline, description, file_id
                FROM initiatives ORDER BY initiative
                """),
        PublishedTable(
            name: "gain_plans",
            columns: joined([.text("initiative"), .text("gain_type")], PublishedColumn.period("period"),
                            [.money("amount"), .integer("file_id")]),
            select: """
                SELECT initiative, gain_type, period, period, amount, file_id
                FROM gain_plans ORDER BY initiative, gain_type, period
                """),
        PublishedTable(
            name: "gains_reported",
            columns: joined([.text("initiative"), .text("gain_type")], PublishedColumn.period("quarter"),
                            [.money("amount"), .integer("file_id")]),
            select: """
                SELECT initiative, gain_type, quarter, quarter, amount, file_id
                FROM gains_reported ORDER BY initiative, gain_type, quarter
                """),
        PublishedTable(
            name: "gain_links",
            columns: joined([.text("initiative"), .text("indicator"), .text("org_unit"), .text("gain_type"), .real("baseline"),
                             .real("factor")], PublishedColumn.period("start"), [.integer("file_id")]),
            select: """
                SELECT initiative, indicator, org_unit, gain_type, baseline, factor, start, start, file_id
                FROM gain_links ORDER BY initiative, indicator, org_unit, gain_type
                """),
        PublishedTable(
            name: "measurements",
            columns: joined([.text("indicator"), .text("org_unit")], PublishedColumn.period("period"),
                            [.real("value"), .integer("file_id")]),
            select: """
                SELECT s.indicator, s.org_unit, m.period, m.period, m.value, m.file_id
                FROM measurements AS m JOIN series AS s ON s.id = m.series_id
                ORDER BY m.series_id, m.period
                """),
        PublishedTable(
            name: "trends",
            columns: [.text("indicator"), .text("org_unit"), .text("frequency"),
                      .integer("n"), .text("first_period"), .text("last_period"), .real("last_value"),
                      .real("mean"), .real("median"), .real("stdev"), .real("min"), .real("max"), .real("change_prev"),
                      .real("change_yoy"), .real("ols_slope"), .real("r_squared"), .real("sen_slope"), .integer("mk_s"),
                      .real("mk_tau"), .real("mk_z"), .real("mk_p"), .text("trend"), .text("assessment"),
                      .real("seasonal_sen_slope"), .real("seasonal_mk_z"), .real("seasonal_mk_p"), .real("target"),
                      .real("target_gap"), .real("cc_centre"), .real("cc_lower"), .real("cc_upper"), .real("cc_moving_range"),
                      .integer("cc_signals"), .init("points", .text)],
            select: """
                SELECT indicator, org_unit, frequency, n, first_period, last_period, last_value, mean, median, stdev, min, max,
                       change_prev, change_yoy, ols_slope, r_squared, sen_slope, mk_s, mk_tau, mk_z, mk_p, trend, assessment,
                       seasonal_sen_slope, seasonal_mk_z, seasonal_mk_p, target, target_gap, cc_centre, cc_lower, cc_upper,
                       cc_moving_range, cc_signals, points
                FROM trends ORDER BY indicator, org_unit
                """),
        PublishedTable(
            name: "gains_quarterly",
            columns: joined([.text("initiative"), .text("gain_type")], PublishedColumn.period("quarter"),
                            [.money("planned"), .money("realised"), .text("realised_source"), .money("derived"), .money("reported"),
                             .money("cum_planned"), .money("cum_realised"), .money("deviation"), .real("realisation_rate"),
                             .text("status")]),
            select: """
                SELECT initiative, gain_type, quarter, quarter, planned, realised, realised_source, derived, reported,
                       cum_planned, cum_realised, deviation, realisation_rate, status
                FROM gains_quarterly ORDER BY initiative, gain_type, quarter
                """),
        PublishedTable(
            name: "gains_yearly",
            columns: [.text("initiative"), .text("gain_type"), .integer("year"),
                      .money("planned"), .money("planned_ytd"), .money("realised_ytd"),
                      .real("rate_ytd"), .money("forecast")],
            select: """
                SELECT initiative, gain_type, year, planned, planned_ytd, realised_ytd, rate_ytd, forecast
                FROM gains_yearly ORDER BY initiative, gain_type, year
                """),
        PublishedTable(
            name: "gains_by_area",
            columns: joined([.text("area"), .text("gain_type")], PublishedColumn.period("quarter"),
                            [.money("planned"), .money("realised"), .money("cum_planned"), .money("cum_realised"),
                             .money("deviation"), .real("realisation_rate"), .text("status")]),
            select: """
                SELECT area, gain_type, quarter, quarter, planned, realised, cum_planned, cum_realised, deviation,
                       realisation_rate, status
                FROM gains_by_area ORDER BY area, gain_type, quarter
                """),
        // The findings that describe the warehouse as it is (compute stages', and current files'),
        // without the run that raised them, so that an unchanged state has unchanged findings.
        PublishedTable(
            name: "findings",
            columns: [.text("stage"), .text("kind"), .text("severity"), .text("source"),
                      .text("file"), .integer("file_id"), .text("initiative"), .text("related_initiative"), .text("indicator"),
                      .text("org_unit"), .text("quarter"), .init("details", .text)],
            select: """
                SELECT f.stage, f.kind, f.severity, f.source, f.file, f.file_id, f.initiative, f.related_initiative, f.indicator,
                       f.org_unit, f.quarter, f.details
                FROM findings AS f LEFT JOIN files AS fi ON fi.id = f.file_id
                WHERE f.file_id IS NULL OR fi.current = 1
                ORDER BY f.stage, f.kind, f.severity, f.source, f.file, f.file_id, f.initiative, f.related_initiative,
                         f.indicator, f.org_unit, f.quarter, f.details
                """),
        PublishedTable(
            name: "files",
            columns: [.integer("file_id"), .text("source"), .text("kind"),
                      .text("format"), .text("path"), .text("sha256"),
                      .integer("size"), .integer("run_id"), .init("imported_at", .text),
                      .text("encoding"), .text("delimiter"), .text("decimal_mark"), .integer("rows_read"),
                      .integer("rows_loaded"), .integer("rows_missing"),
                      .integer("rows_collapsed"), .integer("rows_rejected"),
                      .init("current", .boolean)],
            select: """
                SELECT id, source, kind, format, path, sha256, size, run_id, imported_at, encoding, delimiter, decimal_mark,
                       rows_read, rows_loaded, rows_missing, rows_collapsed, rows_rejected, current
                FROM files ORDER BY id
                """),
        PublishedTable(
            name: "runs",
            columns: [.integer("run_id"), .text("pipeline"), .text("stages"),
                      .init("started_at", .text), .init("ended_at", .text),
                      .text("outcome"), .text("as_of"), .text("message"), .init("counts", .text)],
            select: """
                SELECT id, pipeline, stages, started_at, ended_at, outcome, as_of, message, counts
                FROM runs WHERE id IS NOT ?1 ORDER BY id
                """),
    ]
}
