import Foundation
import GRDB
import Testing
import GevinstTestSupport

/// A generated input set for the reliability tests: a catalogue, a `replace` register spread
/// over three files (one transaction for all of them), an initiatives register, hundreds of
/// small measurement files — every tenth with a bad row — and one large file in their middle.
/// Each measurement file owns its org units, so what a file stored can be counted on its own.
struct Workload {
    var smallFiles = 300
    /// Rows of the large file: `bigUnits` org units × `bigRows / bigUnits` months.
    var bigRows = 120_000
    var bigUnits = 100
    var seed: UInt64 = 1

    /// Where the warehouse and the reports go, relative to the scratch folder.
    var warehouse = "data/crash.sqlite"
    var reports = "reports/crash"

    /// Rows of all measurement files.
    var rows: Int { files.reduce(0) { $0 + $1.loaded } }

    /// The measurement files in import order (sorted paths), with the rows each must store.
    var files: [(path: String, units: [String], loaded: Int, rejected: Int)] {
        var files: [(String, [String], Int, Int)] = (1...smallFiles).map { i in
            ("data/in/f\(String(format: "%04d", i)).csv", ["u\(String(format: "%04d", i))"], 12, i % 10 == 0 ? 1 : 0)
        }
        files.append(("data/in/f\(String(format: "%04d", smallFiles / 2))-big.csv", (0..<bigUnits).map { "b\(String(format: "%03d", $0))" },
                      bigRows / bigUnits * bigUnits, 0))
        return files.sorted { $0.0 < $1.0 }
    }

    var pipeline: String {
        """
        name: crash
        warehouse: \(warehouse)
        reports: { dir: \(reports), language: en }
        sources:
          - id: catalogue
            kind: indicators
            path: data/indicators.csv
          - id: plans
            kind: gain_plans
            path: data/plans/*.csv
          - id: tiltak
            kind: initiatives
            path: data/initiatives.csv
          - id: links
            kind: gain_links
            path: data/links.csv
          - id: small
            kind: measurements
            path: data/in/*.csv
            decimal: comma
        """
    }

    /// Writes every input and the pipeline (`crash.yml`) into `scratch`.
    func write(into scratch: Scratch) throws {
        var random = SeededRandom(seed: seed)
        try scratch.write("crash.yml", pipeline)
        try scratch.write("data/indicators.csv", """
            indicator;name;frequency;polarity;aggregation
            sick;Sjukefråvær;month;lower_is_better;mean
            big;Stor serie;year;higher_is_better;sum

            """)
        try scratch.write("data/initiatives.csv", "initiative;title;area\nT1;Velferdsteknologi;Helse\nT2;Sjukefråvær;HR\n")
        try scratch.write("data/links.csv", "initiative;indicator;org_unit;gain_type;baseline;factor\nT2;sick;u0001;time;9;100\n")
        for part in 1...3 {
            var text = "initiative;gain_type;period;amount\n"
            for year in 2020...2024 { text += "T\(part % 2 + 1);budget;\(year)K\(part);\(Int.random(in: 1_000...90_000, using: &random)),50\n" }
            try scratch.write("data/plans/plan-\(part).csv", text)
        }
        for i in 1...smallFiles {
            let unit = "u\(String(format: "%04d", i))"
            var text = "indicator;org_unit;period;value\n"
            for month in 1...12 { text += "sick;\(unit);2023M\(String(format: "%02d", month));\(Int.random(in: 2...12, using: &random)),\(Int.random(in: 0...9, using: &random))\n" }
            if i % 10 == 0 { text += "sick;\(unit);2023M13;7,0\n" }
            try scratch.write("data/in/f\(String(format: "%04d", i)).csv", text)
        }
        // The large file, streamed to disk.
        let path = scratch.path("data/in/f\(String(format: "%04d", smallFiles / 2))-big.csv")
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var chunk = "indicator;org_unit;period;value\n"
        let months = bigRows / bigUnits
        for unit in 0..<bigUnits {
            for m in 0..<months {
                chunk += "big;b\(String(format: "%03d", unit));\(1900 + m / 12)M\(String(format: "%02d", m % 12 + 1));\(Int.random(in: 0...999_999, using: &random))\n"
            }
            if chunk.utf8.count > 1 << 20 { try handle.write(contentsOf: Data(chunk.utf8)); chunk = "" }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
    }

    /// Checks that every file is wholly in (its record, all its rows and rejects) or wholly out
    /// (no record, no row, no series, no reject), and that the `replace` register moved as one.
    /// Returns how many measurement files are in, and how many of their rows.
    @discardableResult
    func checkWhollyInOrOut(_ scratch: Scratch, context: String) throws -> (files: Int, rows: Int) {
        let queue = try scratch.reader(warehouse)
        return try queue.read { db in
            // Killed during the first migration: migration v1 is one transaction, so none of its
            // tables (GRDB may have created its own `grdb_migrations` just before).
            guard try db.tableExists("files") else {
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'grdb_migrations'")
                let applied = try db.tableExists("grdb_migrations") ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") ?? 0 : 0
                #expect(tables.isEmpty && applied == 0, "\(context): a migration left part of the schema: \(tables), \(applied) applied")
                return (0, 0)
            }
            let unitsOfFile = try Dictionary(grouping: Row.fetchAll(db, sql: """
                SELECT s.org_unit AS unit, COUNT(m.period) AS n, MIN(m.file_id) AS lo, MAX(m.file_id) AS hi
                FROM series s LEFT JOIN measurements m ON m.series_id = s.id GROUP BY s.org_unit
                """), by: { ($0["unit"] as String) })
            var inCount = 0, inRows = 0
            for file in files {
                let record = try Row.fetchOne(db, sql: """
                    SELECT id, rows_loaded, rows_rejected FROM files WHERE source = 'small' AND path = ? AND current = 1
                    """, arguments: [file.path])
                let rows = file.units.reduce(0) { $0 + ((unitsOfFile[$1]?.first?["n"] as Int?) ?? 0) }
                let rejects = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejects WHERE file = ?", arguments: [file.path]) ?? 0
                if let record {
                    inCount += 1
                    inRows += file.loaded
                    let id: Int64 = record["id"]
                    #expect(rows == file.loaded && record["rows_loaded"] as Int == file.loaded, "\(context): \(file.path) is in with \(rows) of \(file.loaded) rows")
                    #expect(rejects == file.rejected && record["rows_rejected"] as Int == file.rejected, "\(context): \(file.path) rejects \(rejects)")
                    let owners = file.units.compactMap { unitsOfFile[$0]?.first }.flatMap { [$0["lo"] as Int64?, $0["hi"] as Int64?] }
                    #expect(owners.allSatisfy { $0 == id }, "\(context): \(file.path)'s rows belong to another file record")
                } else {
                    let series = file.units.filter { unitsOfFile[$0] != nil }.count
                    #expect(rows == 0 && rejects == 0 && series == 0,
                            "\(context): \(file.path) has no file record but \(rows) rows, \(series) series, \(rejects) rejects")
                }
            }
            // The replace register: all three files and all fifteen plan rows, or nothing.
            let planFiles = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files WHERE source = 'plans' AND current = 1") ?? -1
            let planRows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM gain_plans") ?? -1
            #expect((planFiles == 0 && planRows == 0) || (planFiles == 3 && planRows == 15), "\(context): plans \(planFiles) files, \(planRows) rows")
            // No row anywhere points at a file record that is not there.
            for table in ["measurements", "rejects", "indicators", "initiatives", "gain_plans", "gain_links"] {
                let orphans = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE file_id NOT IN (SELECT id FROM files)") ?? -1
                #expect(orphans == 0, "\(context): \(orphans) orphan row(s) in \(table)")
            }
            return (inCount, inRows)
        }
    }
}
