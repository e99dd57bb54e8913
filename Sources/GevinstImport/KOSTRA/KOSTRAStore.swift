import GRDB
import GevinstCore

/// Stores one KOSTRA file's sums inside the file's transaction: records its identity, supersedes
/// older files of the same identity (their values this file no longer holds go to history), keeps
/// a quarterly file's year-to-date sums in `kostra_ytd`, writes the values of its period, and
/// recomputes the next quarter of the same identity when that file was imported before this one.
struct KOSTRAStore {
    let db: Database
    let source: String
    let fileID: Int64

    func store(_ sums: KOSTRAFileSums, file: String, into fileImport: inout FileImport) throws {
        let identity = sums.identity
        let superseded = try files(of: identity).filter { $0 != fileID }
        for old in superseded {
            try db.execute(sql: "UPDATE files SET current = 0 WHERE id = ?", arguments: [old])
            try db.execute(sql: "DELETE FROM kostra_ytd WHERE file_id = ?", arguments: [old])
            try db.execute(sql: "DELETE FROM kostra_files WHERE file_id = ?", arguments: [old])
            try clearGap(of: old)
        }
        try db.execute(sql: """
            INSERT INTO kostra_files (file_id, source, form, year, quarter, region, orgnr) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [fileID, source, identity.form.code, identity.year, identity.quarter, identity.region, identity.orgnr])
        if identity.quarter != nil {
            for (key, value) in sums.sums {
                try db.execute(sql: "INSERT INTO kostra_ytd (file_id, indicator, org_unit, value) VALUES (?, ?, ?, ?)",
                               arguments: [fileID, key.indicator, key.orgUnit, value])
            }
        }

        let previous = try identity.previousQuarter.flatMap { try files(of: $0).first }.map(yearToDate)
        var findings: [Finding] = []
        var rows: [MeasurementRow] = []
        switch KOSTRAYearToDate.periodValues(identity: identity, yearToDate: sums.sums, previous: previous) {
        case .values(let period, let values):
            rows = Self.rows(values, period: period)
        case .gap(let gap):
            findings.append(gap.finding(source: source, file: file))
        }
        for old in superseded { try removeStale(of: old, keeping: rows) }
        let indicators = (fileImport.source.kostra?.indicators ?? []).map(\.indicator)
        try fileImport.importMeasurements(rows, ledgerIndicators: indicators, frequency: identity.period.kind, findings: findings)

        if let quarter = identity.quarter, quarter < 4 {
            let next = KOSTRAIdentity(form: identity.form, year: identity.year, quarter: quarter + 1, region: identity.region,
                                      orgnr: identity.orgnr)
            if let nextFile = try files(of: next).first {
                try recompute(next, file: nextFile, previous: sums.sums)
            }
        }
    }

    /// The current files of `identity` for this source, newest first.
    private func files(of identity: KOSTRAIdentity) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT file_id FROM kostra_files
            WHERE source = ? AND form = ? AND year = ? AND region = ? AND orgnr = ? AND quarter IS ?
            ORDER BY file_id DESC
            """, arguments: [source, identity.form.code, identity.year, identity.region, identity.orgnr, identity.quarter])
    }

    private func yearToDate(_ file: Int64) throws -> [KOSTRAKey: Int64] {
        var sums: [KOSTRAKey: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT indicator, org_unit, value FROM kostra_ytd WHERE file_id = ?", arguments: [file]) {
            sums[KOSTRAKey(indicator: row[0], orgUnit: row[1])] = row[2]
        }
        return sums
    }

    /// Measurement rows in a fixed order (indicator, then org unit), so that series ids do not
    /// depend on hashing.
    private static func rows(_ values: [KOSTRAKey: Int64], period: Period) -> [MeasurementRow] {
        values.sorted { ($0.key.indicator, $0.key.orgUnit) < ($1.key.indicator, $1.key.orgUnit) }
            .map { MeasurementRow(indicator: $0.key.indicator, orgUnit: $0.key.orgUnit, period: period, value: Double($0.value)) }
    }

    /// Deletes the measurements `file` stored that `rows` no longer hold (the delete trigger keeps
    /// them in history); the others are replaced in place when the rows are written.
    private func removeStale(of file: Int64, keeping rows: [MeasurementRow]) throws {
        let kept = Set(rows.map { "\($0.indicator)\u{0}\($0.orgUnit)\u{0}\($0.period.code)" })
        for row in try Row.fetchAll(db, sql: """
            SELECT m.series_id, m.period, s.indicator, s.org_unit FROM measurements AS m JOIN series AS s ON s.id = m.series_id
            WHERE m.file_id = ?
            """, arguments: [file]) {
            let key = "\(row[2] as String)\u{0}\(row[3] as String)\u{0}\(row[1] as Int64)"
            if !kept.contains(key) {
                try db.execute(sql: "DELETE FROM measurements WHERE series_id = ? AND period = ?", arguments: [row[0] as Int64, row[1] as Int64])
            }
        }
    }

    /// Removes the `kostra_ytd_gap` finding of a file whose gap is filled or which is superseded.
    private func clearGap(of file: Int64) throws {
        try db.execute(sql: "DELETE FROM findings WHERE file_id = ? AND kind = ?", arguments: [file, FindingKind.kostraYearToDateGap.rawValue])
    }

    /// Writes the values of a quarter imported earlier (its file `file`) against the year to date
    /// of the quarter before, which has just arrived or changed; they stay the quarter's file's.
    private func recompute(_ identity: KOSTRAIdentity, file: Int64, previous: [KOSTRAKey: Int64]) throws {
        guard case .values(let period, let values) = KOSTRAYearToDate.periodValues(
            identity: identity, yearToDate: try yearToDate(file), previous: previous) else { return }
        try clearGap(of: file)
        let rows = Self.rows(values, period: period)
        try removeStale(of: file, keeping: rows)
        for row in rows {
            try db.execute(sql: "INSERT INTO series (indicator, org_unit) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           arguments: [row.indicator, row.orgUnit])
            try db.execute(sql: """
                INSERT INTO measurements (series_id, period, value, file_id)
                SELECT id, ?, ?, ? FROM series WHERE indicator = ? AND org_unit = ?
                ON CONFLICT(series_id, period) DO UPDATE SET value = excluded.value, file_id = excluded.file_id
                """, arguments: [row.period.code, row.value, file, row.indicator, row.orgUnit])
        }
    }
}
