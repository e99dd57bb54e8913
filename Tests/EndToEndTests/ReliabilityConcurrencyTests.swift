import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension Reliability {
    /// Issue item 2: one writer per warehouse, and readers that see whole states without slowing
    /// the writer down.
    @Suite("concurrency")
    struct ConcurrencyTests {
        /// Enough work that the first run still holds the lock when the others try.
        static let workload = Workload(smallFiles: 60, bigRows: 60_000, bigUnits: 50, seed: 5)
        var workload: Workload { Self.workload }

        /// The warehouse contents after one plain import of the workload (made once).
        static let singleRun = Result { () throws -> String in
            let scratch = try Scratch()
            try workload.write(into: scratch)
            let run = try Child.run(["import", scratch.path("crash.yml")], in: scratch)
            guard run.status == 0 else { throw POSIXError(.EIO) }
            return try WarehouseContent.dump(scratch.path(workload.warehouse))
        }

        func singleRunContents() throws -> String { try Self.singleRun.get() }

        @Test("simultaneous runs: exactly one works, the others exit 75 at once and name it", arguments: [2, 5])
        func simultaneous(runs count: Int) throws {
            let scratch = try Scratch()
            try workload.write(into: scratch)
            let children = try (0..<count).map { _ in try Child(["import", scratch.path("crash.yml")], logDirectory: scratch.logs) }
            let outcomes = children.map { $0.wait(timeout: 180) }
            let winners = zip(children, outcomes).filter { $0.1.status == 0 }
            try #require(winners.count == 1, "\(outcomes.map(\.summary))")
            let winner = winners[0].0
            for (child, outcome) in zip(children, outcomes) where child !== winner {
                #expect(outcome.status == 75, "\(outcome.summary)")
                // Promptly: no waiting for the holder (it runs for seconds).
                #expect(outcome.seconds < 5, "a locked-out run took \(outcome.seconds) s")
                #expect(outcome.stderr.contains("pid \(winner.pid), started 20"), "the holder is not named: \(outcome.stderr)")
                #expect(outcome.stderr.contains("data/crash.sqlite.lock"), "\(outcome.stderr)")
                #expect(outcome.stderr.contains("--wait"), "\(outcome.stderr)")
            }
            #expect(try scratch.count(workload.warehouse, "SELECT COUNT(*) FROM runs") == 1)
            #expect(try WarehouseContent.dump(scratch.path(workload.warehouse)) == singleRunContents())
        }

        @Test("with --wait, simultaneous runs take turns and the result equals a single run", arguments: [2, 5])
        func waiting(runs count: Int) throws {
            let scratch = try Scratch()
            try workload.write(into: scratch)
            let children = try (0..<count).map { _ in
                try Child(["import", scratch.path("crash.yml"), "--wait", "120"], logDirectory: scratch.logs)
            }
            let outcomes = children.map { $0.wait(timeout: 240) }
            #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.summary))")
            // One run imported every file; each of the others found them all imported already.
            let counts = try scratch.query(workload.warehouse, """
                SELECT json_extract(counts, '$."import.files_imported"'), json_extract(counts, '$."import.files_skipped"'), outcome
                FROM runs ORDER BY id
                """)
            let total = String(workload.files.count + 6)  // and the catalogue, three plan files, initiatives, links
            #expect(counts.count == count)
            #expect(counts.filter { $0[0] == total && $0[1] == "0" }.count == 1, "\(counts)")
            #expect(counts.filter { $0[0] == "0" && $0[1] == total }.count == count - 1, "\(counts)")
            #expect(counts.allSatisfy { $0[2] == "success" })
            #expect(try WarehouseContent.dump(scratch.path(workload.warehouse)) == singleRunContents())
        }

        /// Snapshot invariants: the measurements present are exactly those the current file records
        /// count, and so are the rejects. A reader that saw part of a file's transaction would break them.
        static func snapshot(_ db: Database) throws -> (files: Int, consistent: Bool) {
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM files) AS files,
                       (SELECT COUNT(*) FROM measurements) AS measurements,
                       (SELECT COALESCE(SUM(rows_loaded), 0) FROM files WHERE current = 1 AND kind = 'measurements') AS loaded,
                       (SELECT COUNT(*) FROM rejects) AS rejects,
                       (SELECT COALESCE(SUM(rows_rejected), 0) FROM files WHERE current = 1) AS rejected
                """)!
            return (row["files"], row["measurements"] as Int == row["loaded"] as Int && row["rejects"] as Int == row["rejected"] as Int)
        }

        @Test("readers during an import see whole files only, and an open read transaction does not hold the import up")
        func readers() throws {
            // More files than the lock tests, so that the import lasts while the readers look.
            let workload = Workload(smallFiles: 300, bigRows: 120_000, bigUnits: 100, seed: 6)
            let scratch = try Scratch()
            try workload.write(into: scratch)
            let warehouse = scratch.path(workload.warehouse)
            let importer = try Child(["import", scratch.path("crash.yml")], logDirectory: scratch.logs)
            // Wait until the import has begun storing files.
            while !importer.hasEnded, (try? scratch.count(workload.warehouse, "SELECT COUNT(*) FROM files")) ?? 0 < 5 { usleep(20_000) }
            try #require(!importer.hasEnded, "the import ended before the readers could start")

            // An analyst's sqlite3 session holds one read transaction open until the import is over.
            let done = scratch.path("import-done")
            try scratch.write("analyst.sql", """
                BEGIN;
                SELECT 'before', COUNT(*) FROM measurements;
                .shell while [ ! -f '\(done)' ]; do sleep 0.05; done
                SELECT 'after', COUNT(*) FROM measurements;
                SELECT 'consistent', (SELECT COUNT(*) FROM measurements) = (SELECT COALESCE(SUM(rows_loaded), 0) FROM files WHERE current = 1 AND kind = 'measurements');
                COMMIT;
                SELECT 'committed', COUNT(*) FROM measurements;

                """)
            let analyst = try Child(["-cmd", ".read \(scratch.path("analyst.sql"))", warehouse, ".quit"], executable: "/usr/bin/sqlite3",
                                    logDirectory: scratch.logs)

            // GRDB readers (as any SQL tool) and `gevinst status`, over and over while the import runs.
            var snapshots = 0, lastFiles = 0, statuses = 0
            let reader = try scratch.reader(workload.warehouse)
            while !importer.hasEnded {
                let (files, consistent) = try reader.read { try Self.snapshot($0) }
                #expect(consistent, "a reader saw a partial file after \(files) files")
                #expect(files >= lastFiles, "the state went back from \(lastFiles) to \(files) files")
                lastFiles = files
                snapshots += 1
                if snapshots % 5 == 0 {
                    let status = try Child.run(["status", scratch.path("crash.yml"), "--runs", "3"], in: scratch, timeout: 30)
                    #expect(status.status == 0, "\(status.summary)")
                    #expect(status.seconds < 10, "status took \(status.seconds) s during an import")
                    // Its figures come from one snapshot: the listed rows add up to the measurement count.
                    let listed = status.stdout.split(separator: "\n").filter { $0.contains("  small  ") }
                        .compactMap { line in line.firstRange(of: "rows ").map { Int(line[$0.upperBound...].prefix { $0.isNumber }) ?? -1 } }
                    let measurements = status.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("measurements ") }
                        .flatMap { Int($0.split(separator: " ").last ?? "") }
                    #expect(measurements == listed.reduce(0, +), "status: \(listed.count) files listing \(listed.reduce(0, +)) rows, measurements \(measurements ?? -1)")
                    statuses += 1
                }
                usleep(30_000)
            }
            let outcome = importer.wait()
            #expect(outcome.status == 0, "\(outcome.summary)")
            #expect(!analyst.hasEnded, "the analyst's transaction ended before the import did")
            _ = FileManager.default.createFile(atPath: done, contents: nil)
            let session = analyst.wait(timeout: 30)
            #expect(session.status == 0, "\(session.summary)")
            let lines = session.stdout.split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
            let before = lines.first { $0.first == "before" }?.last, after = lines.first { $0.first == "after" }?.last
            let committed = lines.first { $0.first == "committed" }?.last
            #expect(before != nil && before == after, "the open transaction's snapshot changed: \(session.stdout)")
            #expect(lines.contains(["consistent", "1"]), "\(session.stdout)")
            #expect(committed == String(workload.files.reduce(0) { $0 + $1.loaded }), "\(session.stdout)")
            #expect(snapshots >= 3 && statuses >= 1, "only \(snapshots) snapshots and \(statuses) status runs during the import")
            print("reliability: import \(String(format: "%.1f", outcome.seconds)) s with an open sqlite3 transaction, \(snapshots) reader snapshots, \(statuses) status runs")
        }
    }
}
