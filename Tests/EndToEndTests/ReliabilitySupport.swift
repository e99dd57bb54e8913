import Crypto
import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

// Helpers of the reliability suite (docs/reliability.md): a child process we can kill and
// measure, a content hash of a warehouse and of a report folder, workload generators, mounts.

/// The reliability suite (docs/reliability.md), `swift test --filter Reliability`. Serialized:
/// its tests time child processes and kill them at chosen moments, so they run one at a time
/// rather than against each other on a small machine.
@Suite("Reliability", .serialized)
enum Reliability {}

/// A `gevinst` child started with posix_spawn, so that the test knows its pid and can kill it at
/// any moment; reaped with wait4. Peak memory comes from GNU time for measured children.
final class Child {
    struct Outcome {
        /// The exit code, or nil when a signal ended the process.
        var status: Int32?
        var signal: Int32?
        var timedOut: Bool
        /// Peak resident memory of this child, in bytes.
        var peakMemory: Int
        var seconds: Double
        var stdout: String
        var stderr: String

        var killed: Bool { signal == SIGKILL }
        var summary: String { "status \(status.map(String.init) ?? "-") signal \(signal.map(String.init) ?? "-") in \(String(format: "%.2f", seconds)) s, \(peakMemory >> 20) MiB\nstderr: \(stderr.suffix(2000))" }
    }

    let pid: pid_t
    let started: Date
    private let outPath: String
    private let errPath: String
    /// Where GNU time writes the peak memory of a measured child.
    private let memoryPath: String?
    private var outcome: Outcome?

    /// GNU time, which reports its child's peak resident memory. wait4's own figure is not that
    /// of the program alone: posix_spawn shares the test process's memory until exec, and Linux
    /// counts that high-water mark in the child's `ru_maxrss`.
    static let time = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? "/usr/bin/time" : nil

    /// Starts `executable` with `arguments`; stdout and stderr go to files next to `logDirectory`.
    /// `measured` runs it under GNU time for its peak memory (then a signal cannot reach it).
    /// `environment` is added to (or overrides) the test's own.
    init(_ arguments: [String], executable: String = Gevinst.binary.path, logDirectory: String, measured: Bool = false,
         environment extra: [String: String] = [:]) throws {
        let tag = UUID().uuidString.prefix(8)
        outPath = "\(logDirectory)/child-\(tag).out"
        errPath = "\(logDirectory)/child-\(tag).err"
        var executable = executable, arguments = arguments
        if measured, let time = Self.time {
            memoryPath = "\(logDirectory)/child-\(tag).mem"
            arguments = ["-f", "%M", "-o", memoryPath!, executable] + arguments
            executable = time
        } else {
            memoryPath = nil
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // No Swift backtracer in the child: a crash must end it at once, not after a trace.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment.merge(extra) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // SIGINT and SIGTERM as a shell would leave them: default, and not blocked (the test's
        // threads may block or ignore them, and both survive exec).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        self.pid = pid
        started = Date()
    }

    deinit {
        if outcome == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        unlink(outPath)
        unlink(errPath)
    }

    func signal(_ signal: Int32) { if outcome == nil { kill(pid, signal) } }

    /// Whether the child has ended (reaping it if so).
    var hasEnded: Bool { poll() != nil }

    private func poll() -> Outcome? {
        if let outcome { return outcome }
        var status: Int32 = 0
        var usage = rusage()
        let result = wait4(pid, &status, WNOHANG, &usage)
        guard result == pid else { return nil }
        let exited = status & 0x7f == 0
        var outcome = Outcome(status: exited ? (status >> 8) & 0xff : nil, signal: exited ? nil : status & 0x7f, timedOut: false,
                              peakMemory: Int(usage.ru_maxrss) * 1024, seconds: Date().timeIntervalSince(started),
                              stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                              stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
        if let memoryPath, let report = try? String(contentsOfFile: memoryPath, encoding: .utf8) {
            // "Command terminated by signal 11" / "Command exited with non-zero status 65", then KiB.
            let lines = report.split(separator: "\n")
            if let kib = lines.last.flatMap({ Int($0) }) { outcome.peakMemory = kib * 1024 }
            if let line = lines.first(where: { $0.hasPrefix("Command terminated by signal ") }) {
                outcome.signal = Int32(line.split(separator: " ").last ?? "")
                outcome.status = nil
            }
            unlink(memoryPath)
        }
        self.outcome = outcome
        return outcome
    }

    /// Waits for the end; after `timeout` seconds the child is killed and marked timed out.
    func wait(timeout: Double = 120) -> Outcome {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let outcome = poll() { return outcome }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                while poll() == nil { usleep(1_000) }
                outcome!.timedOut = true
                return outcome!
            }
            usleep(2_000)
        }
    }

    /// The paths of the regular files the child has open now (from /proc).
    func openFiles() -> [String] {
        let directory = "/proc/\(pid)/fd"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return entries.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/\($0)") }
    }

    /// Runs gevinst to the end.
    static func run(_ arguments: [String], in scratch: Scratch, timeout: Double = 120, measured: Bool = false) throws -> Outcome {
        try Child(arguments, logDirectory: scratch.logs, measured: measured).wait(timeout: timeout)
    }
}

extension Scratch {
    /// Where child logs go (inside the scratch folder, removed with it).
    var logs: String {
        let path = self.path(".logs")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A warehouse open for reading (an analyst's connection).
    func reader(_ warehouse: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path(warehouse), configuration: configuration)
    }
}

/// What two warehouses must share to be "the same": every table but `runs`, every column but
/// the run that wrote a row and the clock (`run_id`, `*_at`), and what a stage read (`stage_state.inputs`:
/// file ids and run ids, which differ between an interrupted history and an uninterrupted one), rows in
/// a canonical order.
enum WarehouseContent {
    static let provenanceColumns: Set<String> = ["run_id", "imported_at", "finished_at", "started_at", "ended_at", "inputs"]

    /// A canonical text dump of the warehouse's contents.
    static func dump(_ path: String) throws -> String {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            var out = ""
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'runs' ORDER BY name
                """)
            for table in tables {
                let columns = try db.columns(in: table).map(\.name).filter { !provenanceColumns.contains($0) }
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                out += "## \(table) (\(columns.joined(separator: ", ")))\n"
                let rows = try Row.fetchAll(db, sql: "SELECT \(list) FROM \"\(table)\" ORDER BY \(list)")
                for row in rows {
                    out += row.databaseValues.map { value -> String in
                        switch value.storage {
                        case .null: "∅"
                        case .int64(let v): "i\(v)"
                        case .double(let v): "d\(v.bitPattern)"
                        case .string(let v): "s" + v.debugDescription
                        case .blob(let d): "b\(d.base64EncodedString())"
                        }
                    }.joined(separator: "|") + "\n"
                }
            }
            return out
        }
    }

    static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The first line where two dumps differ, for a readable failure.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(left.count, right.count) {
            let l = i < left.count ? String(left[i]) : "<end>"
            let r = i < right.count ? String(right[i]) : "<end>"
            if l != r { return "line \(i + 1):\n  expected \(l)\n  actual   \(r)" }
        }
        return "no difference"
    }

    /// `PRAGMA integrity_check` and `foreign_key_check` on a warehouse (as the analyst would run them).
    static func integrity(_ path: String) throws -> String {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            let keys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            return keys.isEmpty ? integrity : "\(integrity); foreign_key_check: \(keys.count) row(s)"
        }
    }
}

/// What two report folders must share: every file's bytes, except the run ids and clock times
/// the human reports and report.json quote (they say when and by which run the figures were made).
enum ReportContent {
    /// Every file of a report folder by its path in it (`a3/T01.html`), timestamps masked.
    static func dump(_ directory: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try files(directory) {
            let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            out[name] = name.hasSuffix(".csv") ? text : masked(text)
        }
        return out
    }

    /// The regular files of a report folder and its subfolders (the A3 sheets), by relative path.
    static func files(_ directory: String) throws -> [String] {
        var result: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(directory)/\(name)", isDirectory: &isDirectory), isDirectory.boolValue {
                result += try files("\(directory)/\(name)").map { "\(name)/\($0)" }
            } else {
                result.append(name)
            }
        }
        return result
    }

    /// Timestamps (ISO 8601, and "29 November 2026, 08:47 UTC" in the human reports) and run
    /// numbers (`"run_id": 7`, `run 7`) become `<masked>`.
    static func masked(_ text: String) -> String {
        var text = text
        let patterns = [#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, #"\d{1,2}\.? [^\s,]+ \d{4},? (kl\. )?\d\d[:.]\d\d( UTC)?"#,
                        #""run_id": ?\d+"#, #"(?i)\brun #?\d+"#, #"(?i)køyring #?\d+|kjøring #?\d+"#]
        for pattern in patterns {
            text = text.replacingOccurrences(of: pattern, with: "<masked>", options: .regularExpression)
        }
        return text
    }
}

/// Injecting a SIGKILL at a chosen system call with strace (`-e inject=…:signal=KILL`): possible
/// where strace is installed (`scripts/setup-system` installs it) and may trace. The tests that
/// need it are skipped, with this reason, when it is not.
enum Injection {
    static let strace = "/usr/bin/strace"

    static let permitted: Bool = {
        guard FileManager.default.isExecutableFile(atPath: strace) else { return false }
        return (try? Gevinst.run(executable: URL(fileURLWithPath: strace), ["-qq", "/bin/true"], in: nil))?.status == 0
    }()

    static let reason: Comment = "strace is not installed or may not trace here (ptrace); scripts/setup-system installs it"

    /// Runs gevinst with `arguments` in `directory` under strace, which kills it at the first of
    /// `calls` (e.g. `fdatasync,fsync`) on the file `path` (absolute, as gevinst opens it).
    static func killAtFirst(_ calls: String, on path: String, _ arguments: [String], in directory: URL) throws -> Gevinst.Result {
        try Gevinst.run(executable: URL(fileURLWithPath: strace),
                        ["-f", "-qq", "-P", path, "-e", "trace=\(calls)", "-e", "inject=\(calls):signal=KILL", Gevinst.binary.path] + arguments,
                        in: directory)
    }
}

/// Mounting a tiny tmpfs (for a full disk, a read-only directory): possible only with
/// CAP_SYS_ADMIN. The tests that need it are skipped, with this reason, when it is not.
enum Mounts {
    static let permitted: Bool = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-mount-probe-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        guard mount("tmpfs", directory, "tmpfs", 0, "size=64k") == 0 else { return false }
        umount(directory)
        return true
    }()

    static let reason: Comment = "mounting a tmpfs is not permitted here (needs root with CAP_SYS_ADMIN); see docs/reliability.md"

    /// Mounts a tmpfs of `size` (e.g. "1m") on `directory` (created).
    static func tmpfs(_ directory: String, size: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard mount("tmpfs", directory, "tmpfs", 0, "size=\(size)") == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM) }
    }

    /// A mount that failed: the directory, the cause and, for "busy", who holds files there.
    struct Failure: Error, CustomStringConvertible {
        var directory: String
        var cause: String
        var holders: [String]

        var description: String {
            "cannot make \(directory) read-only: \(cause)" + (holders.isEmpty ? "" : "; held by \(holders.joined(separator: ", "))")
        }
    }

    /// Makes a mounted tmpfs read-only (`mount -o remount,ro`). Linux refuses (EBUSY) while a
    /// process holds a file there open for writing. Right after the test's own read of a warehouse
    /// that can be a child that another test is spawning: until it execs, it holds a copy of the
    /// test process's descriptors. So a refusal is tried again for up to `patience` seconds, and
    /// the error then names the processes that still hold files under `directory`.
    static func remountReadOnly(_ directory: String, patience: Double = 10) throws {
        let deadline = Date().addingTimeInterval(patience)
        while mount("tmpfs", directory, "tmpfs", UInt(MS_REMOUNT) | UInt(MS_RDONLY), nil) != 0 {
            let code = errno
            guard code == EBUSY, Date() < deadline else {
                throw Failure(directory: directory, cause: String(cString: strerror(code)), holders: code == EBUSY ? holders(of: directory) : [])
            }
            usleep(10_000)
        }
    }

    /// "pid (command)" of each process with a descriptor or a mapping of a file under `directory`.
    static func holders(of directory: String) -> [String] {
        let files = FileManager.default
        let pids = ((try? files.contentsOfDirectory(atPath: "/proc")) ?? []).filter { Int32($0) != nil }
        return pids.filter { pid in
            let descriptors = (try? files.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
            let maps = (try? String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8)) ?? ""
            return maps.contains(" \(directory)/")
                || descriptors.contains { (try? files.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)"))?.hasPrefix(directory + "/") == true }
        }.map { pid in
            let command = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "?\n"
            return "\(pid) (\(command.dropLast()))"
        }
    }

    static func unmount(_ directory: String) {
        if umount2(directory, Int32(MNT_DETACH)) != 0 { perror("umount \(directory)") }
    }
}
