import Foundation
import GRDB
import Testing
import GevinstCore
import GevinstWarehouse
@testable import GevinstImport

/// `file_series`, the series each file stored values of: what a new version of a file and
/// `forget` remove, and what the trends stage takes as changed, go by it.
@Suite("The series of each file")
struct FileSeriesTests {
    let store: ImportWarehouse
    let source: Source
    let pipeline: Pipeline

    init() throws {
        store = try ImportWarehouse()
        let root = store.directory.url.path
        source = csvSource(.measurements, path: root + "/*.csv")
        pipeline = Pipeline(name: "test", file: root + "/test.yml", root: root, warehouse: store.warehouse.path, asOf: .auto,
                            reports: ReportSettings(dir: root + "/reports"), sources: [source])
    }

    /// Imports `rows` (`indicator;org_unit;period;value` lines) as the new version of `name`, as the
    /// import stage does in mode upsert: one transaction, in which what the earlier versions stored
    /// and this one does not leaves. Returns the new file's id.
    @discardableResult
    func deliver(_ name: String, _ rows: [String]) throws -> Int64 {
        let path = try store.directory.file(name, "indicator;org_unit;period;value\n" + rows.map { $0 + "\n" }.joined())
        let sniffed = try InputFormats.sniff(path: path, relativePath: name, source: source)
        return try store.warehouse.database.write { db in
            let earlier = try FilesTable.currentVersions(source: source.id, path: name, db)
            try FilesTable.retire(source: source.id, path: name, db)
            let fileID = try store.fileRecord(source, path: name, db)
            var fileImport = try FileImport(db: db, source: source, relativePath: name, fileID: fileID)
            _ = try sniffed.format.load(sniffed, into: &fileImport)
            _ = try fileImport.finish()
            try MeasurementsTable.removeRows(storedBy: earlier, removedBy: fileID, db)
            return fileID
        }
    }

    func forget(_ name: String) throws {
        _ = try ImportStage.forget(store.warehouse, pipeline: pipeline, source: source.id, path: name)
    }

    /// The pairs as `file indicator org_unit`, in key order.
    func pairs() throws -> [String] {
        try texts("""
            SELECT p.file_id || ' ' || s.indicator || ' ' || s.org_unit FROM file_series AS p JOIN series AS s ON s.id = p.series_id
            ORDER BY p.file_id, s.indicator, s.org_unit
            """)
    }

    /// The measurements as `indicator org_unit period value file`, in key order.
    func values() throws -> [String] {
        try texts("""
            SELECT s.indicator || ' ' || s.org_unit || ' ' || m.period || ' ' || m.value || ' ' || m.file_id
            FROM measurements AS m JOIN series AS s ON s.id = m.series_id ORDER BY s.indicator, s.org_unit, m.period
            """)
    }

    func texts(_ sql: String) throws -> [String] {
        try store.warehouse.database.read { db in try String.fetchAll(db, sql: sql) }
    }

    func importVersion() throws -> ImportVersion {
        try store.warehouse.database.read { db in try ImportVersion(db) }
    }

    /// The series the trends stage would compute again since `version`, as `indicator org_unit`.
    func changed(since version: ImportVersion) throws -> [String] {
        try store.warehouse.database.read { db in
            try MeasurementsTable.seriesChanged(after: version, db).map { id in
                try String.fetchOne(db, sql: "SELECT indicator || ' ' || org_unit FROM series WHERE id = ?", arguments: [id])!
            }
        }
    }

    @Test("a corrected file that drops a series: its rows leave with the old version's pairs, and both series count as changed")
    func correctionDropsASeries() throws {
        try deliver("a.csv", ["a;x;2024K1;1", "a;x;2024K2;2", "b;x;2024K1;3"])
        #expect(try pairs() == ["1 a x", "1 b x"])
        let before = try importVersion()
        try deliver("a.csv", ["a;x;2024K1;1", "a;x;2024K2;5"])
        #expect(try values() == ["a x 2024101 1.0 2", "a x 2024102 5.0 2"])
        #expect(try pairs() == ["2 a x"])
        #expect(try changed(since: before) == ["a x", "b x"])
        #expect(try changed(since: try importVersion()).isEmpty)
    }

    @Test("a file whose rows a later file all replaced gets its values back when that file is forgotten, and loses them when it is forgotten itself")
    func supersededFileAndForget() throws {
        try deliver("a.csv", ["a;x;2024K1;1"])
        try deliver("b.csv", ["c;x;2024K1;7", "c;y;2024K1;8"])
        try deliver("c.csv", ["c;x;2024K1;9", "c;y;2024K1;8"])
        #expect(try values() == ["a x 2024101 1.0 1", "c x 2024101 9.0 3", "c y 2024101 8.0 3"])
        // As migration v11 leaves a file none of whose values the warehouse held: without pairs.
        try store.warehouse.database.write { db in try db.execute(sql: "DELETE FROM file_series WHERE file_id = 2") }
        var before = try importVersion()
        try forget("c.csv")
        #expect(try values() == ["a x 2024101 1.0 1", "c x 2024101 7.0 2"])
        #expect(try pairs() == ["1 a x", "2 c x"])
        #expect(try changed(since: before) == ["c x", "c y"])
        before = try importVersion()
        try forget("b.csv")
        #expect(try values() == ["a x 2024101 1.0 1"])
        #expect(try pairs() == ["1 a x"])
        #expect(try changed(since: before) == ["c x"])
    }

    @Test("a KOSTRA-style upsert of an earlier file's value records that file's pair once")
    func upsertRecordsThePair() throws {
        let file = try deliver("a.csv", ["a;x;2024K1;1"])
        try store.warehouse.database.write { db in
            try MeasurementsTable.upsert(indicator: "a", orgUnit: "x", period: 2024102, value: 2, file: file, db)
            try MeasurementsTable.upsert(indicator: "d", orgUnit: "x", period: 2024102, value: 3, file: file, db)
        }
        #expect(try pairs() == ["1 a x", "1 d x"])
        #expect(try store.warehouse.database.read { db in try MeasurementsTable.keys(storedBy: file, db).map(\.period) } == [2024101, 2024102, 2024102])
    }
}
