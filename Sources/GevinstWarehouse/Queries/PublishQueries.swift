// The reads of the publish stage that are more than one table's columns in key order (those use
// `T.select`): the measurements with their series, the findings that describe the current state,
// and the runs that have ended. Each returns its rows in a stable order, as publish digests them.

extension MeasurementsTable {
    /// `expressions` of every measurement and its series (aliases `m` and `s`), by indicator, org
    /// unit and period: the order of the published key, read along the series' unique index.
    public static func selectWithSeries(_ expressions: [String]) -> String {
        typealias S = SeriesTable.Column
        return """
            SELECT \(expressions.joined(separator: ", ")) FROM \(name) AS m JOIN \(SeriesTable.name) AS s \
            ON s.\(S.id.quoted) = m.\(Column.seriesID.quoted) \
            ORDER BY s.\(S.indicator.quoted), s.\(S.orgUnit.quoted), m.\(Column.period.quoted)
            """
    }
}

extension FindingsTable {
    /// `expressions` (alias `f`) of the findings that describe the warehouse as it is: the compute
    /// stages' and those of current files; ordered by the expressions themselves, since a finding's
    /// id depends on the run that raised it.
    public static func selectCurrent(_ expressions: [String]) -> String {
        let files = FilesTable.self
        return """
            SELECT \(expressions.joined(separator: ", ")) FROM \(name) AS f LEFT JOIN \(files.name) AS fi \
            ON fi.\(files.Column.id.quoted) = f.\(Column.fileID.quoted) \
            WHERE f.\(Column.fileID.quoted) IS NULL OR fi.\(files.Column.current.quoted) = 1 \
            ORDER BY \(expressions.joined(separator: ", "))
            """
    }
}

extension RunsTable {
    /// `expressions` of every run but the one bound to `?1` (the run still going, or NULL), by id.
    public static func selectAllBut(_ expressions: [String]) -> String {
        "SELECT \(expressions.joined(separator: ", ")) FROM \(name) WHERE \(Column.id.quoted) IS NOT ?1 ORDER BY \(keyOrder)"
    }
}
