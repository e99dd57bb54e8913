import GRDB
import GevinstCore
import GevinstWarehouse

/// Stores one KOSTRA file's sums inside the file's transaction: records its identity, supersedes
/// older files of the same identity (their values this file no longer holds go to history), keeps
/// a quarterly file's year-to-date sums in `kostra_ytd`, writes the values of its period, and
/// recomputes the next quarter of the same identity when that file was imported before this one.
struct KOSTRAStore {
    private typealias Identities = KOSTRAFilesTable
    private typealias YearToDate = KOSTRAYearToDateTable
    private typealias Files = FilesTable
    private typealias Findings = FindingsTable
    private typealias Measurements = MeasurementsTable

    let db: Database
    let source: String
    let fileID: Int64

    func store(_ sums: KOSTRAFileSums, file: String, into fileImport: inout FileImport) throws {
        let identity = sums.identity
        let superseded = try files(of: identity).filter { $0 != fileID }
        for old in superseded {
            try Files.update(db, set: [.current: 0], where: [.id: old])
            try YearToDate.delete(db, where: [.fileID: old])
            try Identities.delete(db, where: [.fileID: old])
            try clearGap(of: old)
        }
        try Identities.insert(db, [.fileID: fileID, .source: source, .form: identity.form.code, .year: identity.year,
                                   .quarter: identity.quarter, .region: identity.region, .orgnr: identity.orgnr])
        if identity.quarter != nil {
            for (key, value) in sums.sums {
                try YearToDate.insert(db, [.fileID: fileID, .indicator: key.indicator, .orgUnit: key.orgUnit, .value: value])
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
        try Identities.files(source: source, form: identity.form.code, year: identity.year, quarter: identity.quarter,
                             region: identity.region, orgnr: identity.orgnr, db)
    }

    private func yearToDate(_ file: Int64) throws -> [KOSTRAKey: Int64] {
        var sums: [KOSTRAKey: Int64] = [:]
        for row in try Row.fetchAll(db, sql: YearToDate.selectAll("WHERE \(YearToDate.Column.fileID.quoted) = ?"), arguments: [file]) {
            sums[KOSTRAKey(indicator: row[YearToDate.Column.indicator], orgUnit: row[YearToDate.Column.orgUnit])] = row[YearToDate.Column.value]
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
        let kept = Set(rows.map { StoredKey(indicator: $0.indicator, orgUnit: $0.orgUnit, period: Int64($0.period.code)) })
        for stored in try Measurements.keys(storedBy: file, db) {
            let key = StoredKey(indicator: stored.indicator, orgUnit: stored.orgUnit, period: stored.period)
            guard !kept.contains(key) else { continue }
            try Measurements.delete(db, where: [.seriesID: stored.seriesID, .period: key.period])
        }
    }

    private struct StoredKey: Hashable {
        let indicator: String
        let orgUnit: String
        let period: Int64
    }

    /// Removes the `kostra_ytd_gap` finding of a file whose gap is filled or which is superseded.
    private func clearGap(of file: Int64) throws {
        try Findings.delete(db, where: [.fileID: file, .kind: FindingKind.kostraYearToDateGap.rawValue])
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
            try Measurements.upsert(indicator: row.indicator, orgUnit: row.orgUnit, period: row.period.code, value: row.value, file: file, db)
        }
    }
}
