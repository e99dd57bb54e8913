import Foundation
import GRDB
import Testing
@testable import GevinstWarehouse

/// The WAL is checkpointed on a thread of its own (`Checkpointer`) while the warehouse is open, and
/// the writing connection still closes last, so that its close removes the WAL.
@Suite("Checkpointer")
struct CheckpointerTests {
    /// Some 1 500 pages of 4 KiB in one commit: more than `Checkpointer.threshold`.
    static func writeBig(_ warehouse: Warehouse) throws {
        try warehouse.database.write { db in
            try db.execute(sql: "CREATE TABLE scratch (x BLOB)")
            for _ in 0..<300 { try db.execute(sql: "INSERT INTO scratch VALUES (zeroblob(20000))") }
        }
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// A warehouse path in a new temporary folder, which `body` gets and which is removed after it.
    static func inFolder(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory.appendingPathComponent("w.sqlite").path)
    }

    @Test("a big commit reaches the warehouse file while the warehouse stays open")
    func checkpointsInTheBackground() throws {
        try Self.inFolder { path in
            let warehouse = try Warehouse(path: path)
            let before = Self.size(path)
            try Self.writeBig(warehouse)
            let deadline = Date().addingTimeInterval(20)
            while Self.size(path) < before + 5_000_000, Date() < deadline { usleep(10_000) }
            #expect(Self.size(path) >= before + 5_000_000, "the pages stayed in the WAL")
            withExtendedLifetime(warehouse) {}
        }
    }

    @Test("after the warehouse closes its WAL is gone and every row is in the file")
    func closesLast() throws {
        try Self.inFolder { path in
            var warehouse: Warehouse? = try Warehouse(path: path)
            try Self.writeBig(warehouse!)
            try warehouse!.database.write { db in try db.execute(sql: "INSERT INTO scratch VALUES (x'01')") }
            warehouse = nil
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
            let count = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scratch") }
            #expect(count == 301)
        }
    }
}
