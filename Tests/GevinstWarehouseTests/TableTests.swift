import Foundation
import GRDB
import Testing
@testable import GevinstWarehouse

/// Every table type against the schema the migrations build, and a row of each through
/// `TableInsert` and `TableCursor`.
@Suite("Tables")
struct TableTests {
    /// Each table type once, as the tests that check every table take it.
    static var tables: [any WarehouseTable.Type] {
        [
        RunsTable.self, FilesTable.self, RejectsTable.self, FindingsTable.self, IndicatorsTable.self,
        IndicatorDefaultsTable.self, InitiativesTable.self, GainPlansTable.self, GainsReportedTable.self, GainLinksTable.self,
        SeriesTable.self, MeasurementsTable.self, MeasurementHistoryTable.self, TrendsTable.self, GainsQuarterlyTable.self,
        GainsYearlyTable.self, GainsByAreaTable.self, StageStateTable.self, IndicatorSettingsView.self, TrendPointsView.self, KOSTRAFilesTable.self,
        KOSTRAYearToDateTable.self, OrgUnitsTable.self, OrgUnitAliasesTable.self, OrgUnitCodesView.self, BudgetTargetsTable.self, GainCommentsTable.self, GainForecastsTable.self, BudgetBalanceTable.self,
        RegisterHistoryTable.self, ActionsTable.self, FileSeriesTable.self, SeriesAsOfTable.self,
        ]
    }

    @Test("every table and view of the schema has its type, with the schema's columns in order")
    func typesMatchSchema() throws {
        let store = try TemporaryWarehouse()
        try store.warehouse.database.read { db in
            let schema = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
                AND name NOT LIKE 'grdb_%' AND name NOT LIKE '%_readable' ORDER BY name
                """)
            #expect(schema == Self.tables.map { $0.tableName }.sorted())
            for table in Self.tables {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.tableName))").map { row -> String in row["name"] }
                let names = table.columnNames
                #expect(columns == names, "\(table.tableName)")
            }
        }
    }

    @Test("a column's position is its index among all columns")
    func positions() {
        for table in Self.tables {
            let positionsAreIndices = table.positionsAreIndices
            #expect(positionsAreIndices, "\(table.tableName)")
        }
    }

    @Test("the tables of one shape name their shared columns alike")
    func sharedColumns() {
        func amounts<T: AmountTable>(_ table: T.Type) -> [String] {
            [T.Column.initiative, T.Column.gainType, T.period, T.Column.amount, T.Column.fileID].map(\.rawValue)
        }
        func cumulative<T: CumulativeTable>(_ table: T.Type) -> [String] {
            [T.owner, T.Column.gainType, T.Column.quarter, T.Column.cumPlanned, T.Column.cumRealised, T.Column.deviation, T.Column.realisationRate, T.Column.status].map(\.rawValue)
        }
        #expect(amounts(GainPlansTable.self) == ["initiative", "gain_type", "period", "amount", "file_id"])
        #expect(amounts(GainsReportedTable.self) == ["initiative", "gain_type", "quarter", "amount", "file_id"])
        let figures = ["gain_type", "quarter", "cum_planned", "cum_realised", "deviation", "realisation_rate", "status"]
        #expect(cumulative(GainsQuarterlyTable.self) == ["initiative"] + figures)
        #expect(cumulative(GainsByAreaTable.self) == ["area"] + figures)
    }

    @Test("a row of every table goes in through TableInsert and comes back through TableCursor, column by column")
    func roundTrip() throws {
        let store = try TemporaryWarehouse()
        try store.warehouse.database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for table in Self.tables where ![IndicatorSettingsView.name, TrendPointsView.name, OrgUnitCodesView.name].contains(table.tableName) {
                try db.inTransaction {
                    try table.roundTrip(db)
                    return .commit
                }
            }
        }
    }

    @Test("the last, partial batch of a TableInsert writes only the rows bound")
    func partialBatch() throws {
        let store = try TemporaryWarehouse()
        try store.warehouse.database.write { db in
            var insert = try TableInsert<SeriesTable>(db, columns: [.indicator, .orgUnit], batchSize: 4)
            for index in 0..<6 {
                let row = try insert.row()
                try row.bind(.indicator, "i\(index)")
                try row.bind(.orgUnit, "total")
            }
            try insert.finish()
            #expect(insert.count == 6)
            #expect(try String.fetchAll(db, sql: "SELECT indicator FROM series ORDER BY id") == (0..<6).map { "i\($0)" })
        }
    }

    @Test("an upsert through TableInsert applies its rows one after another")
    func upsert() throws {
        let store = try TemporaryWarehouse()
        try store.warehouse.database.write { db in
            var insert = try TableInsert<IndicatorDefaultsTable>(
                db, conflict: IndicatorDefaultsTable.upsert([.frequency], custom: [.frequency: "frequency = frequency || excluded.frequency"]))
            for frequency in ["a", "b", "c"] {
                let row = try insert.row()
                try row.bind(.indicator, "x")
                try row.bind(.aggregation, "sum")
                try row.bind(.frequency, frequency)
                try row.bind(.origin, "test")
            }
            try insert.finish()
            #expect(try String.fetchOne(db, sql: "SELECT frequency FROM indicator_defaults WHERE indicator = 'x'") == "abc")
        }
    }
}

extension WarehouseTable {
    static var tableName: String { name }
    static var columnNames: [String] { Column.allCases.map(\.rawValue) }
    static var positionsAreIndices: Bool {
        Column.allCases.enumerated().allSatisfy { Int($0.element.position) == $0.offset }
    }

    /// Inserts one row whose every column holds a value of its declared type, different per column,
    /// and reads it back.
    static func roundTrip(_ db: Database) throws {
        let types = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name))").map { row -> String in (row["type"] as String).uppercased() }
        let columns = Array(Column.allCases)
        var insert = try TableInsert<Self>(db)
        let row = try insert.row()
        for (index, column) in columns.enumerated() {
            switch types[index] {
            case "INTEGER": try row.bind(column, Int64(1000 + index))
            case "REAL": try row.bind(column, Double(index) + 0.25)
            default: try row.bind(column, "\(column.rawValue) \(index)")
            }
        }
        try insert.finish()
        #expect(insert.count == 1, "\(name)")
        let cursor = try TableCursor<Self>(db)
        #expect(try cursor.step(), "\(name)")
        for (index, column) in columns.enumerated() {
            switch types[index] {
            case "INTEGER": #expect(cursor.optionalInt64(column) == Int64(1000 + index), "\(name).\(column.rawValue)")
            case "REAL": #expect(cursor.optionalDouble(column) == Double(index) + 0.25, "\(name).\(column.rawValue)")
            default: #expect(cursor.optionalText(column) == "\(column.rawValue) \(index)", "\(name).\(column.rawValue)")
            }
        }
        #expect(try !cursor.step(), "\(name)")
    }
}

/// A warehouse in a directory of its own, removed afterwards.
final class TemporaryWarehouse {
    let directory: URL
    let path: String
    let warehouse: Warehouse

    /// Creates and migrates a warehouse; with `prepare`, first builds the file with that migrator.
    init(prepare: ((DatabaseQueue) throws -> Void)? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("warehouse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("test.sqlite").path
        if let prepare { try prepare(try DatabaseQueue(path: path)) }
        warehouse = try Warehouse(path: path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
