import Foundation
import GRDB
import GevinstTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension Reliability {
    /// Issue 14 (hardening), item by item through the built binary; every child runs under a
    /// timeout, so that a hang fails. See docs/reliability.md, "Threat model".
    @Suite("hardening")
    struct HardeningTests {
        static let example = "pipelines/example.yml"
        static let reports = "reports/havbrekk"

        /// A scratch copy of the example after one complete run.
        func exampleRun() throws -> Scratch {
            let scratch = try Scratch()
            try scratch.copyExample()
            let first = try Child.run(["run", scratch.path(Self.example)], in: scratch, timeout: 300)
            try #require(first.status == 0, "\(first.summary)")
            return scratch
        }

        func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<unreadable>" }

        /// Measurements of `units` org units × `months` months, for runs long enough to interrupt.
        func writeLargeImport(into scratch: Scratch, units: Int = 1_000, months: Int = 300) throws -> Int {
            var csv = "indicator;org_unit;period;value\n"
            csv.reserveCapacity(units * months * 32)
            for unit in 0..<units {
                for month in 0..<months {
                    csv += "stor;u\(unit);\(1990 + month / 12)M\(String(format: "%02d", month % 12 + 1));\(unit % 97),\(month % 10)\n"
                }
            }
            try scratch.write("data/in/stor.csv", csv)
            try scratch.write("stor.yml", """
                name: stor
                reports: { dir: reports/stor, formats: [csv] }
                sources:
                  - id: m
                    kind: measurements
                    path: data/in/*.csv
                """)
            return units * months
        }

        // MARK: 1. symbolic links planted for outputs

        @Test("item 1: report files and the lock file never write through a planted symbolic link")
        func plantedLinks() throws {
            let scratch = try exampleRun()
            let victim = scratch.path("victim.txt")
            try "untouched\n".write(toFile: victim, atomically: false, encoding: .utf8)
            // The old temporary names were `.NAME.tmp-PID`: plant them for the pids the next process may get.
            let last = Int(text("/proc/sys/kernel/ns_last_pid").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            let pidMax = Int(text("/proc/sys/kernel/pid_max").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 32_768
            for offset in 1...3_000 {
                for name in ["trends.csv", "report.json"] {
                    symlink(victim, scratch.path("\(Self.reports)/.\(name).tmp-\((last + offset) % pidMax)"))
                }
            }
            // --force: with nothing new, the report would leave its folder alone.
            let report = try Child.run(["report", scratch.path(Self.example), "--force"], in: scratch, timeout: 120)
            #expect(report.status == 0, "\(report.summary)")
            #expect(text(victim) == "untouched\n")
            let hidden = try FileManager.default.contentsOfDirectory(atPath: scratch.path(Self.reports)).filter { $0.hasPrefix(".") }
            #expect(hidden.isEmpty, "left in the report folder: \(hidden.prefix(3))")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("reports")) == ["havbrekk"])

            let lock = scratch.path("data/havbrekk.sqlite.lock")
            unlink(lock)
            symlink(victim, lock)
            let locked = try Child.run(["report", scratch.path(Self.example)], in: scratch, timeout: 120)
            #expect(locked.status == 73 && locked.stderr.contains("symbolic link"), "\(locked.summary)")
            #expect(text(victim) == "untouched\n")
        }

        // MARK: 2. the report set replaced as a whole

        @Test("item 2: a report killed at 20 seeded moments leaves the whole old set or the whole new one, nothing else")
        func reportSetReplacedWhole() throws {
            let scratch = try exampleRun()
            let folder = scratch.path(Self.reports)
            let names = try ReportContent.files(folder)
            let oldBytes = try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\($0)"))) })
            let old = try ReportContent.dump(folder)
            // The new set: the same warehouse, reported in English.
            let english = scratch.path("pipelines/english.yml")
            try text(scratch.path(Self.example)).replacingOccurrences(of: "language: nn", with: "language: en")
                .write(toFile: english, atomically: false, encoding: .utf8)
            let full = try Child.run(["report", english], in: scratch, timeout: 120)
            try #require(full.status == 0, "\(full.summary)")
            let new = try ReportContent.dump(folder)
            try #require(new != old)

            var random = SeededRandom(seed: 14)
            var seen: [String: Int] = [:]
            for round in 1...20 {
                try FileManager.default.removeItem(atPath: folder)
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try FileManager.default.createDirectory(atPath: "\(folder)/a3", withIntermediateDirectories: true)
                for (name, data) in oldBytes { try data.write(to: URL(fileURLWithPath: "\(folder)/\(name)")) }
                let delay = Double.random(in: 0...(1.2 * full.seconds), using: &random)
                let child = try Child(["report", english], logDirectory: scratch.logs)
                usleep(UInt32(delay * 1_000_000))
                child.signal(SIGKILL)
                let outcome = child.wait(timeout: 60)
                #expect(outcome.killed || outcome.status == 0, "round \(round): \(outcome.summary)")
                let now = try? ReportContent.dump(folder)
                let which = now == old ? "old" : now == new ? "new" : "mixed"
                seen[which, default: 0] += 1
                #expect(which != "mixed", "round \(round), kill at \(String(format: "%.3f", delay)) s: the folder holds \(now.map { $0.keys.sorted() } ?? [])")
            }
            print("reliability: report killed 20 times: \(seen)")
            // The next run clears what the killed ones left beside the folder.
            let last = try Child.run(["report", english], in: scratch, timeout: 120)
            #expect(last.status == 0, "\(last.summary)")
            #expect(try ReportContent.dump(folder) == new)
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("reports")) == ["havbrekk"])
        }

        // MARK: 3. formulas in CSV reports

        @Test("item 3: text that a spreadsheet would run as a formula gets a leading ', numbers stay as they are")
        func formulaInjection() throws {
            let scratch = try Scratch()
            try scratch.write("data/m.csv", "indicator;org_unit;period;value\n"
                + "@SUM(A1);\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";2024M01;-12,5\n"
                + "@SUM(A1);\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";2024M02;3\n")
            try scratch.write("formel.yml", """
                name: formel
                reports: { dir: out, formats: [csv], csv_style: excel-no }
                sources:
                  - id: m
                    kind: measurements
                    path: data/m.csv
                """)
            let run = try Child.run(["run", scratch.path("formel.yml")], in: scratch, timeout: 120)
            #expect(run.status == 0, "\(run.summary)")
            let trends = text(scratch.path("out/trends.csv"))
            // excel-no in the default language (nynorsk) writes the frequency as `månad`.
            #expect(trends.contains("\r\n'@SUM(A1);\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";månad;2;"), "\(trends)")
            #expect(trends.contains(";-12,5;"), "\(trends)")
        }

        // MARK: 4. disclosure through symbolic links and long quotes

        @Test("item 4: a link out of the inbox is refused unread unless follow_symlinks; messages quote at most 80 characters")
        func symlinkedInput() throws {
            let scratch = try Scratch()
            try scratch.write("data/in/ok.csv", "indicator;period;value\nsick;2024M01;7\n")
            let secret = "HEMMELEG-PASSORD;" + String(repeating: "x", count: 200)
            try scratch.write("secret.txt", secret + "\nmore\n")
            symlink(scratch.path("secret.txt"), scratch.path("data/in/leak.csv"))
            let pipeline = """
                name: lekk
                reports: { dir: out, formats: [csv, json] }
                sources:
                  - id: m
                    kind: measurements
                    path: data/in/*.csv
                """
            try scratch.write("lekk.yml", pipeline)
            let refused = try Child.run(["run", scratch.path("lekk.yml")], in: scratch, timeout: 120)
            #expect(refused.status == 66, "\(refused.summary)")
            #expect(refused.stderr.contains("data/in/leak.csv") && refused.stderr.contains("symbolic link"), "\(refused.summary)")
            let findings = text(scratch.path("out/findings.csv"))
            #expect(findings.contains("file_failed") && findings.contains("data/in/leak.csv"), "\(findings)")
            for name in ["findings.csv", "report.json", "rejects.csv"] {
                #expect(!text(scratch.path("out/\(name)")).contains("HEMMELEG"), "\(name) quotes the linked file")
            }
            #expect(!refused.stderr.contains("HEMMELEG"))
            #expect(try scratch.count("data/lekk.sqlite", "SELECT COUNT(*) FROM measurements") == 1)

            // With follow_symlinks the file is read — and its header quoted, but no more than 80 characters of it.
            try scratch.write("lekk.yml", pipeline + "\n    follow_symlinks: true\n")
            let followed = try Child.run(["run", scratch.path("lekk.yml")], in: scratch, timeout: 120)
            #expect(followed.status == 65 && followed.stderr.contains("HEMMELEG-PASSORD"), "\(followed.summary)")
            #expect(!followed.stderr.contains(String(repeating: "x", count: 70)), "\(followed.summary)")
            #expect(!text(scratch.path("out/findings.csv")).contains(String(repeating: "x", count: 70)))
        }

        // MARK: 5. extreme numbers

        @Test("item 5: values beyond 10^15 are rejected at import with their own reject kind; 10^15 itself is kept")
        func hugeValuesRejected() throws {
            let scratch = try Scratch()
            try scratch.write("data/m.csv", "indicator;period;value\nbig;2024M01;1e308\nbig;2024M02;-1e308\nbig;2024M03;1e16\n"
                + "big;2024M04;1000000000000000\nbig;2024M05;-1000000000000000.5\n")
            try scratch.write("tal.yml", """
                name: tal
                reports: { dir: out, formats: [csv] }
                sources:
                  - id: m
                    kind: measurements
                    path: data/m.csv
                    decimal: point
                """)
            let run = try Child.run(["run", scratch.path("tal.yml")], in: scratch, timeout: 120)
            #expect(run.status == 0, "\(run.summary)")
            #expect(try scratch.query("data/tal.sqlite", "SELECT kind, line FROM rejects ORDER BY line")
                == [["number_too_large", "2"], ["number_too_large", "3"], ["number_too_large", "4"], ["number_too_large", "6"]])
            #expect(try scratch.query("data/tal.sqlite", "SELECT value = 1e15 FROM measurements") == [["1"]])
        }

        @Test("item 5: a warehouse holding ±1e308, ±1e15 and infinite control limits reports without a crash")
        func extremeStoredValues() throws {
            let scratch = try exampleRun()
            do {
                let queue = try DatabaseQueue(path: scratch.path("data/havbrekk.sqlite"))
                try queue.write { db in
                    try db.execute(sql: """
                        UPDATE measurements SET value = CASE WHEN period % 2 = 0 THEN 1e308 ELSE -1e308 END WHERE series_id % 3 = 0;
                        UPDATE measurements SET value = CASE WHEN period % 2 = 0 THEN 1e15 ELSE -1e15 END WHERE series_id % 3 = 1;
                        """)
                }
            }
            for command in ["trends", "gains", "report"] {
                let outcome = try Child.run([command, scratch.path(Self.example)], in: scratch, timeout: 300)
                #expect(outcome.signal == nil && !outcome.timedOut, "\(command): \(outcome.summary)")
                // Gains derived from ±1e15 overflow the øre: a clear data error, not a crash.
                #expect(outcome.status == 0 || (command == "gains" && outcome.status == 65 && outcome.stderr.contains("too large")),
                        "\(command): \(outcome.summary)")
            }
            #expect(try scratch.count("data/havbrekk.sqlite", "SELECT COUNT(*) FROM trends WHERE abs(cc_upper) > 1e308 OR abs(cc_lower) > 1e308") == 0)
            // Infinite limits stored by an older version: the report still draws its charts.
            do {
                let queue = try DatabaseQueue(path: scratch.path("data/havbrekk.sqlite"))
                try queue.write { db in try db.execute(sql: "UPDATE trends SET cc_upper = 1e308 * 10, cc_lower = -1e308 * 10, cc_centre = 0") }
            }
            let report = try Child.run(["report", scratch.path(Self.example)], in: scratch, timeout: 300)
            #expect(report.signal == nil && report.status == 0, "\(report.summary)")
            #expect(text(scratch.path("\(Self.reports)/report.html")).contains("<svg"))
        }

        @Test("item 5: --wait that is no number of seconds is a usage error (64), even while another run holds the lock",
              arguments: ["nan", "-1", "inf", "1e300"])
        func waitValidated(wait: String) throws {
            let scratch = try Scratch()
            try scratch.copyExample()
            try FileManager.default.createDirectory(atPath: scratch.path("data"), withIntermediateDirectories: true)
            let fd = open(scratch.path("data/havbrekk.sqlite.lock"), O_RDWR | O_CREAT, 0o644)
            defer { close(fd) }
            #expect(flock(fd, LOCK_EX) == 0)
            let outcome = try Child.run(["import", scratch.path(Self.example), "--wait", wait], in: scratch, timeout: 20)
            #expect(outcome.status == 64 && outcome.stderr.contains("--wait"), "\(outcome.summary)")
        }

        // MARK: 6. a pipeline name that would escape

        @Test("item 6: a pipeline file named '...yml' without name: is refused (64), nothing written above the root")
        func dotsInFileName() throws {
            let scratch = try Scratch()
            try scratch.copyExample()
            let pipeline = text(scratch.path(Self.example)).split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("name:") && !$0.hasPrefix("warehouse:") && !$0.hasPrefix("  dir:") }.joined(separator: "\n")
            try scratch.write("pipelines/...yml", pipeline)
            let outcome = try Child.run(["run", scratch.path("pipelines/...yml")], in: scratch, timeout: 120)
            #expect(outcome.status == 64 && outcome.stderr.contains("add 'name:'"), "\(outcome.summary)")
            #expect(!FileManager.default.fileExists(atPath: scratch.path("report.html")))
            #expect(!FileManager.default.fileExists(atPath: scratch.path("data/...sqlite")))
        }

        // MARK: 7. signals

        @Test("item 7: SIGINT and SIGTERM during import roll the file back, record the run interrupted, free the lock, exit 130/143")
        func signalsDuringImport() throws {
            let reference = try Scratch()
            let rows = try writeLargeImport(into: reference)
            let full = try Child.run(["import", reference.path("stor.yml")], in: reference, timeout: 300)
            try #require(full.status == 0, "\(full.summary)")
            var random = SeededRandom(seed: 7)
            var interrupted = 0
            for round in 1...6 {
                let scratch = try Scratch()
                _ = try writeLargeImport(into: scratch)
                let signal = round % 2 == 0 ? SIGINT : SIGTERM
                let delay = Double.random(in: 0.05...(0.9 * full.seconds), using: &random)
                let child = try Child(["import", scratch.path("stor.yml")], logDirectory: scratch.logs)
                // The lock file exists once the run has started, after the signal handlers are in place:
                // a signal before that (a slow start on a busy machine) would test nothing of gevinst's.
                for _ in 0..<3000 where !FileManager.default.fileExists(atPath: scratch.path("data/stor.sqlite.lock")) { usleep(10_000) }
                usleep(UInt32(delay * 1_000_000))
                child.signal(signal)
                let outcome = child.wait(timeout: 60)
                let context = "round \(round), signal \(signal) at \(String(format: "%.2f", delay)) s: \(outcome.summary)"
                #expect(outcome.signal == nil && !outcome.timedOut, "\(context)")
                guard outcome.status != 0 else { continue }
                interrupted += 1
                #expect(outcome.status == 128 + signal, "\(context)")
                #expect(try WarehouseContent.integrity(scratch.path("data/stor.sqlite")) == "ok", "\(context)")
                let stored = try scratch.count("data/stor.sqlite", "SELECT COUNT(*) FROM measurements")
                #expect(stored == 0 || stored == rows, "\(context): \(stored) rows stored")
                #expect(try scratch.query("data/stor.sqlite", "SELECT outcome FROM runs ORDER BY id DESC LIMIT 1") == [["interrupted"]], "\(context)")
                let lock = open(scratch.path("data/stor.sqlite.lock"), O_RDWR)
                #expect(flock(lock, LOCK_EX | LOCK_NB) == 0, "\(context): the lock is still held")
                close(lock)
            }
            #expect(interrupted >= 4, "only \(interrupted) of 6 signals landed before the import finished")
        }

        @Test("item 7: SIGINT and SIGTERM during validate remove its scratch warehouse and exit 130/143")
        func signalsDuringValidate() throws {
            let scratch = try Scratch()
            _ = try writeLargeImport(into: scratch)
            let temporary = scratch.path("tmp")
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            let full = try Child.run(["validate", scratch.path("stor.yml")], in: scratch, timeout: 300)
            try #require(full.status == 0, "\(full.summary)")
            var random = SeededRandom(seed: 17)
            var interrupted = 0
            for round in 1...4 {
                let signal = round % 2 == 0 ? SIGINT : SIGTERM
                let delay = Double.random(in: 0.05...(0.8 * full.seconds), using: &random)
                let child = try Child(["validate", scratch.path("stor.yml")], logDirectory: scratch.logs, environment: ["TMPDIR": temporary])
                // The scratch warehouse appears once the run has started, after the signal handlers are in place.
                for _ in 0..<3000 where ((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []).isEmpty { usleep(10_000) }
                usleep(UInt32(delay * 1_000_000))
                child.signal(signal)
                let outcome = child.wait(timeout: 60)
                let context = "round \(round), signal \(signal) at \(String(format: "%.2f", delay)) s: \(outcome.summary)"
                #expect(outcome.signal == nil && (outcome.status == 0 || outcome.status == 128 + signal), "\(context)")
                if outcome.status != 0 { interrupted += 1 }
                #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, "\(context): scratch left in TMPDIR")
            }
            #expect(interrupted >= 2, "only \(interrupted) of 4 signals landed before validate finished")
        }

        // MARK: 8. error categories

        @Test("item 8: too few file descriptors is an I/O error (74) that says so, never 'cannot write output' (73)",
              arguments: [5, 10, 20])
        func fileDescriptorsExhausted(limit: Int) throws {
            let scratch = try Scratch()
            try scratch.copyExample()
            // Only 0, 1 and 2 open when the limit is set: a descriptor the test process opened meanwhile (in
            // another test, without close-on-exec) would otherwise be inherited, and with one descriptor fewer
            // the loader or the runtime fails before gevinst runs. Descriptor 3 stands for such a one here.
            let closeInherited = #"exec 3</dev/null; for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done"#
            let outcome = try Child(["-c", "\(closeInherited); ulimit -n \(limit) && exec \"$0\" run \"$1\"", Gevinst.binary.path,
                                     scratch.path(Self.example)], executable: "/bin/bash", logDirectory: scratch.logs).wait(timeout: 120)
            #expect(outcome.status == 74, "\(outcome.summary)")
            #expect(outcome.stderr.contains("file descriptors") || outcome.stderr.contains("Too many open files"), "\(outcome.summary)")
        }

        @Test("item 8: a corrupt warehouse gives the same exit code (74) from run and from status")
        func corruptWarehouse() throws {
            let scratch = try Scratch()
            try scratch.copyExample()
            try scratch.write("data/havbrekk.sqlite", String(repeating: "this is not a database ", count: 400))
            let run = try Child.run(["run", scratch.path(Self.example)], in: scratch, timeout: 120)
            let status = try Child.run(["status", scratch.path(Self.example)], in: scratch, timeout: 120)
            #expect(run.status == 74 && status.status == 74, "run: \(run.summary)\nstatus: \(status.summary)")
        }

        @Test("item 8: a warehouse deleted while the run works fails the run (74) instead of reporting success")
        func warehouseDeletedMidRun() throws {
            let scratch = try Scratch()
            _ = try writeLargeImport(into: scratch)
            let child = try Child(["import", scratch.path("stor.yml")], logDirectory: scratch.logs)
            let warehouse = scratch.path("data/stor.sqlite")
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: warehouse), Date() < deadline, !child.hasEnded { usleep(5_000) }
            usleep(300_000)
            try #require(!child.hasEnded, "the import finished before the warehouse could be deleted")
            for suffix in ["", "-wal", "-shm"] { unlink(warehouse + suffix) }
            let outcome = child.wait(timeout: 120)
            #expect(outcome.status == 74 && outcome.stderr.contains("deleted or replaced"), "\(outcome.summary)")
        }

        @Test("item 8: measurements out of key order (a damaged table) stop trends and gains with 74, not a trap")
        func damagedKeyOrder() throws {
            let scratch = try exampleRun()
            do {
                // The rows are stored newest period first, then the schema is told they are oldest first.
                let queue = try DatabaseQueue(path: scratch.path("data/havbrekk.sqlite"))
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: """
                        PRAGMA legacy_alter_table = ON;
                        CREATE TABLE m2 (series_id INTEGER NOT NULL, period INTEGER NOT NULL, value REAL NOT NULL, file_id INTEGER NOT NULL,
                                         PRIMARY KEY (series_id, period DESC)) WITHOUT ROWID;
                        INSERT INTO m2 SELECT series_id, period, value, file_id FROM measurements;
                        DROP TABLE measurements;
                        ALTER TABLE m2 RENAME TO measurements;
                        PRAGMA writable_schema = ON;
                        UPDATE sqlite_master SET sql = replace(sql, 'period DESC', 'period') WHERE name = 'measurements';
                        PRAGMA writable_schema = OFF;
                        """)
                }
            }
            for command in ["trends", "gains"] {
                // --force: the table was changed by hand, which no stage notices (nothing was imported).
                let outcome = try Child.run([command, scratch.path(Self.example), "--force"], in: scratch, timeout: 120)
                #expect(outcome.signal == nil && outcome.status == 74 && outcome.stderr.contains("out of key order"), "\(command): \(outcome.summary)")
                // The stage names the warehouse once, then the warehouse's cause word for word.
                let prefix = command == "trends" ? "trends: " : "gains: warehouse "
                let cause = "havbrekk.sqlite: the measurements come out of key order (series "
                #expect(outcome.stderr.contains(prefix) && outcome.stderr.contains(cause)
                        && outcome.stderr.contains("): the warehouse is damaged (PRAGMA quick_check: ")
                        && outcome.stderr.contains("restore it from a backup, or move it away and import again")
                        && !outcome.stderr.contains("havbrekk.sqlite: warehouse "), "\(command): \(outcome.summary)")
            }
        }
    }
}
