public import GRDB
import Foundation
public import GevinstCore

/// The SQLite warehouse: one file, created and migrated on first open, in WAL mode so that
/// readers see the state before or after a write, never a mix.
public final class Warehouse: Sendable {
    public let path: String
    /// The connection every stage writes through. Stages share nothing else.
    public let database: DatabaseQueue
    /// Checkpoints the WAL in the background; nil for a read-only warehouse.
    private let checkpointer: Checkpointer?

    /// Opens (creating when needed) and migrates the warehouse at `path`; read-only, it must exist.
    /// A warehouse that a newer gevinst migrated is refused (category `data`): this one cannot know
    /// its tables.
    public init(path: String, readOnly: Bool = false) throws(WarehouseError) {
        self.path = path
        do {
            if !readOnly {
                let directory = (path as NSString).deletingLastPathComponent
                if !directory.isEmpty {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                }
                var status = stat()
                if lstat(path, &status) != 0, errno == ENOENT { try Warehouse.create(path) }
            } else if !FileManager.default.fileExists(atPath: path) {
                throw WarehouseError(path: path, cause: "the warehouse does not exist yet; run `gevinst import` first")
            }
            database = try DatabaseQueue(path: path, configuration: Warehouse.configuration(readOnly: readOnly))
            try Warehouse.refuseNewerSchema(database, path: path)
            if !readOnly {
                try Schema.migrator.migrate(database)
                let checkpointer = Checkpointer(path: path)
                database.inDatabase { db in checkpointer.install(on: db) }
                self.checkpointer = checkpointer
            } else {
                checkpointer = nil
            }
        } catch let error as WarehouseError {
            throw error
        } catch {
            throw WarehouseError(path: path, cause: Warehouse.describe(error), category: Warehouse.isDamage(error) ? .io : .cannotWrite)
        }
    }

    /// Makes an empty warehouse in WAL mode under a name of its own beside `path` and renames it into
    /// place. Switching a new file to WAL writes its first page through a rollback journal; killed
    /// at that moment, a warehouse made at `path` itself kept a `-journal` that no read-only
    /// connection (an analyst's `sqlite3 -readonly`) can roll back, until the next run did. The
    /// caller holds the warehouse lock, so a `.creating` file found here is a killed run's.
    private static func create(_ path: String) throws {
        let creating = path + ".creating"
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(creating + suffix) }
        do {
            // Closed at the end of the scope: the empty WAL goes with it.
            let queue = try DatabaseQueue(path: creating, configuration: configuration(readOnly: false))
            withExtendedLifetime(queue) {}
        }
        guard rename(creating, path) == 0 else {
            throw WarehouseError(path: path, cause: String(cString: strerror(errno)))
        }
    }

    deinit {
        guard let checkpointer else { return }
        database.inDatabase { db in Checkpointer.uninstall(from: db) }
        checkpointer.stop()
    }

    /// A read-only connection of its own to the warehouse at `path`, for a stage's reading thread:
    /// a WAL reader sees the last commit and never blocks the stage's writer.
    /// Its page cache is SQLite's default 2 MiB: such a thread reads each page once, in key order.
    public static func openReadOnly(path: String) throws -> DatabaseQueue {
        try DatabaseQueue(path: path, configuration: configuration(readOnly: true, cacheKiB: 2048))
    }

    /// Runs `body` with the page cache of `db` at `kib` KiB, then restores it: a stage that writes in
    /// key order needs little of it, and the pages it fills would stay resident beside its own data.
    public static func withPageCache<T>(kib: Int, _ db: Database, _ body: () throws -> T) throws -> T {
        let size = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -8192
        try db.execute(sql: "PRAGMA cache_size = -\(kib)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(size)") }
        return try body()
    }

    /// `cacheKiB`: the page cache; 8 MiB for the connection a stage writes through (`BENCHMARKS.md`).
    private static func configuration(readOnly: Bool, cacheKiB: Int = 8192) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            if !readOnly {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)")
        }
        return configuration
    }

    /// Throws when the warehouse holds migrations this gevinst does not know.
    private static func refuseNewerSchema(_ database: DatabaseQueue, path: String) throws {
        let migrator = Schema.migrator
        let unknown = try database.read { db in
            try migrator.hasBeenSuperseded(db) ? migrator.appliedIdentifiers(db).subtracting(migrator.migrations) : []
        }
        guard !unknown.isEmpty else { return }
        let newest = unknown.max { (Schema.version($0) ?? 0, $0) < (Schema.version($1) ?? 0, $1) }!
        let known = migrator.migrations.last!
        throw WarehouseError(path: path, cause: "the warehouse has schema \(newest), newer than \(known), the newest this gevinst "
                             + "knows; use the gevinst that wrote it or a later one", category: .data)
    }

    /// A short cause for an error from SQLite, the file system or the warehouse itself (its
    /// `cause`: the stage that says it names the warehouse already).
    public static func describe(_ error: any Error) -> String {
        if let error = error as? WarehouseError {
            return error.cause
        }
        if let error = error as? DatabaseError {
            return error.message ?? "\(error.resultCode)"
        }
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return "\(error)"
    }

    /// Whether SQLite found the file damaged (not a database, or a malformed image): an I/O error (74)
    /// for every command that opens it.
    static func isDamage(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode.primaryResultCode == .SQLITE_NOTADB || error.resultCode.primaryResultCode == .SQLITE_CORRUPT
    }

    /// Whether a SQLite error means the disk or file system refused the write.
    public static func isWriteFailure(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return true
        default: return false
        }
    }
}

/// The warehouse could not be opened, read or written; `data` when its schema is newer than this
/// gevinst, `io` when it is damaged (SQLite finds the file malformed, or the measurements come out
/// of key order: `MeasurementKeyOrder`), else `cannotWrite`.
public struct WarehouseError: CategorizedError, Equatable {
    public let path: String
    public let cause: String
    public let category: FailureCategory

    public init(path: String, cause: String, category: FailureCategory = .cannotWrite) {
        self.path = path
        self.cause = cause
        self.category = category
    }

    public var description: String { "warehouse \(placeText(path, line: nil, column: nil)): \(cause)" }
}
