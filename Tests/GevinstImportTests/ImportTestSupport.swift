import Foundation
import GRDB
import GevinstCore
import GevinstWarehouse
@testable import GevinstImport

/// A fresh warehouse in a temporary directory with one run, for driving the import middle
/// (`FileImport`, the writers) without the stage around it.
final class ImportWarehouse {
    let directory: CSVTemporaryDirectory
    let warehouse: Warehouse
    let runID: Int64

    init() throws {
        directory = try CSVTemporaryDirectory()
        warehouse = try Warehouse(path: directory.url.appendingPathComponent("test.sqlite").path)
        runID = try warehouse.database.write { db in
            try SharedRecords.startRun(db, pipeline: "test", stages: ["import"], startedAt: Date(timeIntervalSince1970: 0))
        }
    }

    /// A file record of `source`, for rows written inside `db`'s transaction.
    func fileRecord(_ source: Source, path: String, _ db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO files (source, kind, format, path, sha256, size, run_id, imported_at)
            VALUES (?, ?, ?, ?, '00', 0, ?, '1970-01-01T00:00:00Z')
            """, arguments: [source.id, source.kind.name, source.format.name, path, runID])
        return db.lastInsertedRowID
    }

    /// Imports `path` as `source` the way the stage does (one transaction, its format's `load`);
    /// with `generalPath`, a row format's reader is used without its measurement fast path.
    func load(_ source: Source, path: String, generalPath: Bool = false) throws -> (counts: FileCounts, findings: [Finding]) {
        let sniffed = try InputFormats.sniff(path: path, relativePath: path, source: source)
        return try warehouse.database.write { db in
            var fileImport = try FileImport(db: db, source: source, relativePath: path, fileID: try fileRecord(source, path: path, db))
            if generalPath, let format = sniffed.format as? any RowFormat {
                try fileImport.importRows(from: GeneralPathOnly(reader: try format.rowReader(for: sniffed)))
            } else {
                _ = try sniffed.format.load(sniffed, into: &fileImport)
            }
            let findings = try fileImport.finish()
            return (fileImport.counts, findings)
        }
    }

    /// Imports `paths` as `source` in one transaction, in order, as the stage imports the files of a
    /// source in mode `replace`; returns each file's counts.
    func loadTogether(_ source: Source, paths: [String]) throws -> [FileCounts] {
        try warehouse.database.write { db in
            try paths.map { path in
                let sniffed = try InputFormats.sniff(path: path, relativePath: path, source: source)
                var fileImport = try FileImport(db: db, source: source, relativePath: path, fileID: try fileRecord(source, path: path, db))
                _ = try sniffed.format.load(sniffed, into: &fileImport)
                _ = try fileImport.finish()
                return fileImport.counts
            }
        }
    }

    /// Every row of a query, each column as text (NULL as `nil`), for comparing tables.
    func rows(_ sql: String) throws -> [[String?]] {
        try warehouse.database.read { db in
            try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { $0.isNull ? nil : $0.description } }
        }
    }

    /// The measurements by key, in key order.
    func measurements() throws -> [[String?]] {
        try rows("""
            SELECT s.indicator, s.org_unit, m.period, m.value FROM measurements AS m JOIN series AS s ON s.id = m.series_id
            ORDER BY s.indicator, s.org_unit, m.period
            """)
    }

    /// The rejects in the order they were recorded.
    func rejects() throws -> [[String?]] {
        try rows(#"SELECT line, "column", field, kind, reason, text FROM rejects ORDER BY id"#)
    }
}

/// A reader that hides another's measurement fast path, so that every row takes the general path.
struct GeneralPathOnly: MappedRowReader {
    let reader: any MappedRowReader
    var dialect: FileDialect { reader.dialect }
    func forEachRow(_ body: (MappedRow) throws -> Void) throws { try reader.forEachRow(body) }
}

/// A CSV source of `kind` reading `path` with `;` and UTF-8.
func csvSource(_ kind: InputKind, path: String, decimal: DecimalSetting = .comma, fields: [String: String] = [:],
               constants: [String: String] = [:], onError: ErrorPolicy = .skip) -> Source {
    Source(id: "test", kind: kind, format: .csv, path: path, onError: onError, fields: fields, constants: constants,
           decimal: decimal, csv: CSVOptions(delimiter: UInt8(ascii: ";"), encoding: .utf8))
}
