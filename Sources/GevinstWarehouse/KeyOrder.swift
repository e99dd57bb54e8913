import GevinstCore
public import GRDB
import GRDBSQLite

/// Checks that measurements read `ORDER BY series_id, period` arrive in strictly increasing key
/// order (`descending`: `ORDER BY series_id DESC, period DESC`, strictly decreasing). A damaged
/// index can hand them out of order, which the series and statistics must never see: the reader
/// stops with a `WarehouseError` (category `io`) that quotes `PRAGMA quick_check` instead.
public struct MeasurementKeyOrder {
    private var last: (series: Int64, period: Int)?
    private let descending: Bool

    public init(descending: Bool = false) {
        self.descending = descending
    }

    public mutating func check(series: Int64, period: Int, _ db: Database) throws(WarehouseError) {
        defer { last = (series, period) }
        guard let last else { return }
        let inOrder = descending ? (series, period) < (last.series, last.period) : (series, period) > (last.series, last.period)
        guard !inOrder else { return }
        let report = (try? String.fetchAll(db, sql: "PRAGMA quick_check(5)").joined(separator: "; ")) ?? "cannot run"
        let path = sqlite3_db_filename(db.sqliteConnection, "main").map { String(cString: $0) } ?? ""
        throw WarehouseError(path: path, cause: "the measurements come out of key order (series \(series), period \(period) after "
                             + "series \(last.series), period \(last.period)): the warehouse is damaged (PRAGMA quick_check: "
                             + "\(report.excerpt)); restore it from a backup, or move it away and import again", category: .io)
    }
}
