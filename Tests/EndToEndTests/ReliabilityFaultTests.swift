import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension Reliability {
    /// Issue item 3: a full disk, read-only and impossible output paths, inputs that vanish, change
    /// or are not files. Each gives its SPEC §9 exit code and a message naming the path and the
    /// cause, and leaves the warehouse as it was. The tests run as root, where permissions stop
    /// nothing: read-only-ness and fullness come from real tmpfs mounts (skipped, with the reason,
    /// where mounting is not permitted) and "cannot create" from a path under a regular file.
    @Suite("disk and permission faults")
    struct FaultTests {
        /// Prints the exit code and the message a fault gave, for the log and docs/reliability.md.
        func report(_ what: String, _ outcome: Child.Outcome) {
            let lines = outcome.stderr.split(separator: "\n")
            let message = lines.first { $0.hasPrefix("gevinst: failed: ") } ?? lines.first { !$0.contains("[") } ?? ""
            print("reliability: \(what): exit \(outcome.status.map(String.init) ?? "signal"): \(message)")
        }

        /// A small workload: twenty small files around a large one.
        func workload(warehouse: String = "data/crash.sqlite", reports: String = "reports/crash", bigRows: Int = 40_000) -> Workload {
            Workload(smallFiles: 20, bigRows: bigRows, bigUnits: 40, seed: 9, warehouse: warehouse, reports: reports)
        }

        /// `workload` in a scratch folder whose `directory` is a fresh 16 MB tmpfs: a first `command`
        /// succeeds there, one more input file arrives, `snapshot` looks, the mount is made
        /// read-only, and `body` runs with the scratch folder and the snapshot.
        func afterReadOnlyRemount<Snapshot>(_ directory: String, _ workload: Workload, first command: String,
                                            snapshot: (Scratch) throws -> Snapshot, _ body: (Scratch, Snapshot) throws -> Void) throws {
            try onTmpfs(directory, size: "16m") { scratch, mountPoint in
                try workload.write(into: scratch)
                let first = try Child.run([command, scratch.path("crash.yml")], in: scratch)
                try #require(first.status == 0, "\(first.summary)")
                try scratch.write("data/in/f0021.csv", "indicator;org_unit;period;value\nsick;u0021;2023M01;5\n")
                let seen = try snapshot(scratch)
                try Mounts.remountReadOnly(mountPoint)
                try body(scratch, seen)
            }
        }

        /// Runs `body` with a scratch folder whose `directory` is a fresh tmpfs of `size`, and the
        /// mount point's path; unmounts it afterwards, before the scratch folder is removed.
        func onTmpfs(_ directory: String, size: String, _ body: (Scratch, String) throws -> Void) throws {
            let scratch = try Scratch()
            let mountPoint = scratch.path(directory)
            try Mounts.tmpfs(mountPoint, size: size)
            defer { withExtendedLifetime(scratch) { Mounts.unmount(mountPoint) } }
            try body(scratch, mountPoint)
        }

        /// The warehouse's contents, or nil when it does not exist.
        func contents(_ scratch: Scratch, _ workload: Workload) throws -> String? {
            FileManager.default.fileExists(atPath: scratch.path(workload.warehouse))
                ? try WarehouseContent.dump(scratch.path(workload.warehouse)) : nil
        }

        @Test("a full disk under the warehouse: exit 73 naming the warehouse, the warehouse as it was, and a later run carries on",
              .enabled(if: Mounts.permitted, Mounts.reason))
        func fullDisk() throws {
            try onTmpfs("small-disk", size: "64m") { scratch, mountPoint in
                let workload = workload(warehouse: "small-disk/crash.sqlite", bigRows: 60_000)
                try workload.write(into: scratch)
                // First the small files only: they fit.
                let big = workload.files.first { $0.path.hasSuffix("-big.csv") }!.path
                try FileManager.default.moveItem(atPath: scratch.path(big), toPath: scratch.path("big.csv.later"))
                let first = try Child.run(["import", scratch.path("crash.yml")], in: scratch)
                try #require(first.status == 0, "\(first.summary)")
                let before = try #require(try contents(scratch, workload))

                // Then the large file: it does not fit in what is left once the disk is shrunk to
                // what it holds plus 256 KiB.
                var usage = statvfs()
                #expect(statvfs(mountPoint, &usage) == 0)
                let used = Int(usage.f_blocks - usage.f_bfree) * Int(usage.f_frsize)
                try #require(mount("tmpfs", mountPoint, "tmpfs", UInt(MS_REMOUNT), "size=\((used >> 10) + 256)k") == 0,
                             "cannot shrink the tmpfs: \(String(cString: strerror(errno)))")
                try FileManager.default.moveItem(atPath: scratch.path("big.csv.later"), toPath: scratch.path(big))
                let full = try Child.run(["import", scratch.path("crash.yml")], in: scratch)
                report("full disk", full)
                #expect(full.status == 73, "\(full.summary)")
                #expect(full.stderr.contains("small-disk/crash.sqlite"), "the message does not name the warehouse: \(full.stderr)")
                #expect(full.stderr.contains("disk is full") || full.stderr.contains("No space left"), "\(full.stderr)")
                #expect(try WarehouseContent.integrity(scratch.path(workload.warehouse)) == "ok")
                #expect(try contents(scratch, workload) == before, "the failed import changed the warehouse")

                // With room again, the next run imports the large file and nothing else.
                let grown = mount("tmpfs", mountPoint, "tmpfs", UInt(MS_REMOUNT), "size=64m")
                try #require(grown == 0, "cannot grow the tmpfs: \(String(cString: strerror(errno)))")
                let again = try Child.run(["import", scratch.path("crash.yml")], in: scratch)
                #expect(again.status == 0, "\(again.summary)")
                #expect(again.stderr.contains("files_imported 1"), "\(again.stderr)")
                try workload.checkWhollyInOrOut(scratch, context: "after the disk grew")
            }
        }

        /// Regression (CI, stop 32): the remount to read-only failed with "Device or resource busy"
        /// when, for a moment, another process still held a file there open for writing.
        @Test("making a tmpfs read-only waits for a process that holds a file there open for writing to let go",
              .enabled(if: Mounts.permitted, Mounts.reason))
        func remountWaitsForWriter() throws {
            try onTmpfs("ro", size: "1m") { scratch, mountPoint in
                let held = "\(mountPoint)/held"
                let writer = try Child(["-c", "exec 3>>\"$0\"; sleep 0.5", held], executable: "/bin/sh", logDirectory: scratch.url.path)
                let deadline = Date().addingTimeInterval(10)
                while !writer.openFiles().contains(held), !writer.hasEnded, Date() < deadline { usleep(2_000) }
                try #require(writer.openFiles().contains(held), "the shell never opened \(held)")
                // Out of patience, the error names the holder.
                let impatient = #expect(throws: Mounts.Failure.self) { try Mounts.remountReadOnly(mountPoint, patience: 0) }
                #expect(impatient?.holders.contains("\(writer.pid) (sh)") == true, "\(String(describing: impatient))")
                try Mounts.remountReadOnly(mountPoint)
                #expect(writer.wait(timeout: 10).status == 0)
                #expect(open("\(mountPoint)/after", O_WRONLY | O_CREAT, 0o644) == -1 && errno == EROFS)
            }
        }

        @Test("a read-only warehouse directory: exit 73 naming the path and the cause; nothing changes",
              .enabled(if: Mounts.permitted, Mounts.reason))
        func readOnlyWarehouse() throws {
            let workload = workload(warehouse: "ro/crash.sqlite", bigRows: 4_000)
            try afterReadOnlyRemount("ro", workload, first: "import",
                                     snapshot: { scratch -> String in try #require(try contents(scratch, workload)) }) { scratch, before in
                for command in ["import", "run"] {
                    let result = try Child.run([command, scratch.path("crash.yml")], in: scratch)
                    report("read-only warehouse (\(command))", result)
                    #expect(result.status == 73, "\(command): \(result.summary)")
                    #expect(result.stderr.contains("ro/crash.sqlite"), "\(command): \(result.stderr)")
                    #expect(result.stderr.contains("Read-only file system") || result.stderr.contains("readonly"), "\(command): \(result.stderr)")
                }
                #expect(try contents(scratch, workload) == before)
                // A new warehouse in the read-only directory cannot be created either.
                let fresh = Workload(smallFiles: 1, bigRows: 10, bigUnits: 1, warehouse: "ro/new/fresh.sqlite")
                try scratch.write("fresh.yml", fresh.pipeline.replacingOccurrences(of: "name: crash", with: "name: fresh"))
                let created = try Child.run(["import", scratch.path("fresh.yml")], in: scratch)
                report("new warehouse on a read-only disk", created)
                #expect(created.status == 73, "\(created.summary)")
                #expect(created.stderr.contains("ro/new/fresh.sqlite"), "\(created.stderr)")
                // `status` only reads: it still works on the read-only warehouse.
                let status = try Child.run(["status", scratch.path("crash.yml")], in: scratch)
                #expect(status.status == 0, "\(status.summary)")
            }
        }

        @Test("a warehouse path that cannot be created (under a regular file, or a directory): exit 73 naming it")
        func warehouseCannotBeCreated() throws {
            let scratch = try Scratch()
            for (name, warehouse) in [("under-file", "data/indicators.csv/crash.sqlite"), ("is-directory", "data/in")] {
                let workload = workload(warehouse: warehouse, bigRows: 100)
                try workload.write(into: scratch)
                try scratch.write("\(name).yml", workload.pipeline)
                let result = try Child.run(["import", scratch.path("\(name).yml")], in: scratch)
                report("warehouse path \(name)", result)
                #expect(result.status == 73, "\(name): \(result.summary)")
                #expect(result.stderr.contains(warehouse), "\(name): \(result.stderr)")
                #expect(result.stderr.contains(name == "under-file" ? "is a file, not a directory" : "unable to open"), "\(name): \(result.stderr)")
            }
        }

        @Test("a report directory that cannot be written: exit 73 naming it; the warehouse and earlier reports stay as they were")
        func reportDirectory() throws {
            let scratch = try Scratch()
            let workload = workload(reports: "data/indicators.csv/reports", bigRows: 2_000)
            try workload.write(into: scratch)
            #expect(try Child.run(["import", scratch.path("crash.yml")], in: scratch).status == 0)
            let before = try #require(try contents(scratch, workload))
            let result = try Child.run(["report", scratch.path("crash.yml")], in: scratch)
            report("report directory under a file", result)
            #expect(result.status == 73, "\(result.summary)")
            #expect(result.stderr.contains("data/indicators.csv"), "\(result.stderr)")
            #expect(result.stderr.contains("Not a directory"), "\(result.stderr)")
            #expect(try contents(scratch, workload) == before)
        }

        @Test("a read-only report directory: exit 73; the earlier reports stay whole and no temporary file is left",
              .enabled(if: Mounts.permitted, Mounts.reason))
        func readOnlyReports() throws {
            let workload = workload(reports: "out/crash", bigRows: 2_000)
            try afterReadOnlyRemount("out", workload, first: "run",
                                     snapshot: { try ReportContent.dump($0.path(workload.reports)) }) { scratch, reports in
                let result = try Child.run(["run", scratch.path("crash.yml")], in: scratch)
                report("read-only report directory", result)
                #expect(result.status == 73, "\(result.summary)")
                #expect(result.stderr.contains("out/crash"), "\(result.stderr)")
                #expect(result.stderr.contains("Read-only file system"), "\(result.stderr)")
                #expect(try ReportContent.dump(scratch.path(workload.reports)) == reports)
                // The import and the compute stages did their work before the report failed.
                #expect(try scratch.count(workload.warehouse, "SELECT COUNT(*) FROM files WHERE path = 'data/in/f0021.csv'") == 1)
            }
        }

        /// Waits until `child` has `path` open (it is reading it), or has ended.
        func waitUntilOpen(_ child: Child, _ path: String) -> Bool {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, !child.hasEnded {
                if child.openFiles().contains(path) { return true }
                usleep(1_000)
            }
            return false
        }

        @Test("inputs that vanish or are replaced after the glob: the vanished one exits 66 naming it; the replaced one is read as it is now")
        func vanishedAndReplaced() throws {
            let scratch = try Scratch()
            let workload = workload(bigRows: 160_000)
            try workload.write(into: scratch)
            let big = workload.files.first { $0.path.hasSuffix("-big.csv") }!.path
            let child = try Child(["import", scratch.path("crash.yml")], logDirectory: scratch.logs)
            // The glob is done once a file is being read; the last two files are still ahead.
            try #require(waitUntilOpen(child, scratch.path(big)), "the import never opened \(big)")
            try FileManager.default.removeItem(atPath: scratch.path("data/in/f0020.csv"))
            let replacement = "indicator;org_unit;period;value\nsick;u0019;2024M01;99\n"
            try scratch.write("data/in/f0019.csv", replacement)
            let outcome = child.wait()
            report("input vanished", outcome)
            #expect(outcome.status == 66, "\(outcome.summary)")
            #expect(outcome.stderr.contains("data/in/f0020.csv: does not exist"), "\(outcome.stderr)")
            #expect(try scratch.count(workload.warehouse, "SELECT COUNT(*) FROM files WHERE path = 'data/in/f0020.csv'") == 0)
            #expect(try scratch.count(workload.warehouse, "SELECT COUNT(*) FROM series WHERE org_unit = 'u0020'") == 0)
            #expect(try scratch.query(workload.warehouse, "SELECT period, value FROM measurements_readable WHERE org_unit = 'u0019'")
                    == [["2024M01", "99.0"]])
            #expect(try scratch.count(workload.warehouse, "SELECT COUNT(*) FROM files WHERE source = 'small'") == workload.files.count - 1)
        }

        @Test("an input that changes while it is read: exit 74 naming it, nothing of it stored; the next run imports it")
        func changedWhileRead() throws {
            let scratch = try Scratch()
            let workload = workload(bigRows: 160_000)
            try workload.write(into: scratch)
            let big = workload.files.first { $0.path.hasSuffix("-big.csv") }!.path
            let child = try Child(["import", scratch.path("crash.yml")], logDirectory: scratch.logs)
            try #require(waitUntilOpen(child, scratch.path(big)), "the import never opened \(big)")
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path(big)))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("big;b000;1800M01;1\n".utf8))
            try handle.close()
            let outcome = child.wait()
            report("input changed while read", outcome)
            #expect(outcome.status == 74, "\(outcome.summary)")
            #expect(outcome.stderr.contains("\(big): the file changed while it was being"), "\(outcome.stderr)")
            #expect(try scratch.count(workload.warehouse, "SELECT COUNT(*) FROM files WHERE path = '\(big)'") == 0)
            #expect(try scratch.count(workload.warehouse, "SELECT COUNT(*) FROM series WHERE org_unit LIKE 'b%'") == 0)
            // The other files went in; the next run brings the changed file in whole.
            #expect(try scratch.count(workload.warehouse, "SELECT COUNT(*) FROM files WHERE source = 'small'") == workload.files.count - 1)
            let again = try Child.run(["import", scratch.path("crash.yml")], in: scratch)
            #expect(again.status == 0, "\(again.summary)")
            #expect(try scratch.count(workload.warehouse, "SELECT COUNT(*) FROM measurements m JOIN series s ON s.id = m.series_id WHERE s.org_unit LIKE 'b%'")
                    == workload.bigRows + 1)
        }

        @Test("an input that is a FIFO or a directory is refused before it is opened (66), and nothing waits on it")
        func fifoAndDirectory() throws {
            let scratch = try Scratch()
            let workload = workload(bigRows: 100)
            try workload.write(into: scratch)
            #expect(mkfifo(scratch.path("data/in/f0005b.csv"), 0o644) == 0)
            try FileManager.default.createDirectory(atPath: scratch.path("data/in/f0006b.csv"), withIntermediateDirectories: true)
            let globbed = try Child.run(["import", scratch.path("crash.yml")], in: scratch, timeout: 60)
            report("FIFO in a glob", globbed)
            #expect(!globbed.timedOut, "the import blocked on the FIFO")
            #expect(globbed.status == 66, "\(globbed.summary)")
            #expect(globbed.stderr.contains("data/in/f0005b.csv: is a named pipe (FIFO)"), "\(globbed.stderr)")
            #expect(try scratch.count(workload.warehouse, "SELECT COUNT(*) FROM files WHERE source = 'small'") == workload.files.count)

            // Named directly: the FIFO, the directory, and the pipeline file itself as a FIFO.
            for (name, path) in [("fifo", "data/in/f0005b.csv"), ("dir", "data/in/f0006b.csv")] {
                try scratch.write("\(name).yml", "name: \(name)\nsources:\n  - id: x\n    kind: measurements\n    path: \(path)\n")
                let direct = try Child.run(["import", scratch.path("\(name).yml")], in: scratch, timeout: 60)
                #expect(!direct.timedOut && direct.status == 66, "\(name): \(direct.summary)")
                #expect(direct.stderr.contains("\(path): is a "), "\(name): \(direct.stderr)")
            }
            #expect(mkfifo(scratch.path("pipe.yml"), 0o644) == 0)
            let pipeline = try Child.run(["import", scratch.path("pipe.yml")], in: scratch, timeout: 60)
            report("pipeline file is a FIFO", pipeline)
            #expect(!pipeline.timedOut, "gevinst blocked on a pipeline file that is a FIFO")
            #expect(pipeline.status == 66 || pipeline.status == 64, "\(pipeline.summary)")
            #expect(pipeline.stderr.contains("pipe.yml"), "\(pipeline.stderr)")
        }
    }
}
