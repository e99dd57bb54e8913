import Foundation
import GRDB
import GRDBSQLite

/// Copies the warehouse's WAL back into its file on a thread of its own, so that a stage never
/// waits for it. SQLite's own automatic checkpoint runs in the committing connection, right after
/// the commit: after a night's import and trends it wrote some 90 MB and waited twice for the disk
/// (`fdatasync`), with nothing else to do meanwhile (`BENCHMARKS.md`).
///
/// The WAL hook of the writing connection calls `request` after each commit that leaves at least
/// `threshold` pages in the WAL (SQLite's default for its automatic checkpoint). The thread then
/// runs a `PASSIVE` checkpoint through a connection of its own, which waits for no reader or writer:
/// the next stage reads and writes meanwhile. A checkpoint is safe at any moment (a kill leaves
/// the WAL to be checkpointed by the next open), so nothing depends on when it runs; `stop` waits
/// for the one in progress, and the writing connection's close checkpoints what is left.
final class Checkpointer: @unchecked Sendable {
    /// Pages in the WAL after a commit from which a checkpoint is requested.
    static let threshold: Int32 = 1000

    private let path: String
    private let condition = NSCondition()
    private var requested = false
    private var stopping = false
    private var running = false

    init(path: String) {
        self.path = path
    }

    /// Installs the hook on `db` (the writing connection) in place of SQLite's automatic checkpoint.
    func install(on db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, { context, _, _, pages in
            if pages >= Checkpointer.threshold, let context {
                Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().request()
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Removes the hook from `db`; SQLite then checkpoints at its close.
    static func uninstall(from db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, nil, nil)
    }

    /// Asks for a checkpoint; starts the thread on the first request. Never waits.
    func request() {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return }
        requested = true
        if !running {
            running = true
            let thread = Thread { [self] in work() }
            thread.name = "gevinst.checkpoint"
            thread.start()
        }
        condition.signal()
    }

    /// Ends the thread after the checkpoint in progress, if any; a request not yet served is dropped.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
    }

    private func work() {
        serve()
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }

    /// Serves requests until `stop`. The connection, opened here so that a run that never asks
    /// opens nothing, closes on return: before `stop` returns, so that the writing connection closes
    /// last and its close checkpoints and removes the WAL. Without it (no descriptor left, say) the
    /// requests go unserved and that close checkpoints everything.
    private func serve() {
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        let connection = try? DatabaseQueue(path: path, configuration: configuration)
        condition.lock()
        defer { condition.unlock() }
        while true {
            while !requested && !stopping { condition.wait() }
            guard !stopping else { return }
            requested = false
            condition.unlock()
            _ = try? connection?.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
            condition.lock()
        }
    }
}
