public import GRDB

// What the KOSTRA import asks of its identities.
extension KOSTRAFilesTable {
    /// The current files of one identity in `source` (`quarter` nil for the year's accounts), newest first.
    public static func files(source: String, form: String, year: Int, quarter: Int?, region: String, orgnr: String,
                             _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT \(Column.fileID.quoted) FROM \(name)
            WHERE \(Column.source.quoted) = ? AND \(Column.form.quoted) = ? AND \(Column.year.quoted) = ?
              AND \(Column.region.quoted) = ? AND \(Column.orgnr.quoted) = ? AND \(Column.quarter.quoted) IS ?
            ORDER BY \(Column.fileID.quoted) DESC
            """, arguments: [source, form, year, region, orgnr, quarter])
    }
}
