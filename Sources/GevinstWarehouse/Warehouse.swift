public import GRDB
import Foundation
import GevinstCore

/// The SQLite warehouse: one file, created and migrated on first open, in WAL mode so that
/// readers see the state before or after a write, never a mix.
public final class Warehouse: Sendable {
    public let path: String
    /// The connection every stage writes through. Stages share nothing else.
    public let database: DatabaseQueue

    /// Opens (creating when needed) and migrates the warehouse at `path`.
    public init(path: String, readOnly: Bool = false) throws(WarehouseError) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            if !readOnly {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA cache_size = -8192")
        }
        do {
            if !readOnly {
                let directory = (path as NSString).deletingLastPathComponent
                if !directory.isEmpty {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                }
            } else if !FileManager.default.fileExists(atPath: path) {
                throw WarehouseError(path: path, cause: "the warehouse does not exist yet; run `gevinst import` first")
            }
            database = try DatabaseQueue(path: path, configuration: configuration)
            if !readOnly {
                try Schema.migrator.migrate(database)
            }
        } catch let error as WarehouseError {
            throw error
        } catch {
            throw WarehouseError(path: path, cause: Warehouse.describe(error))
        }
    }

    /// A short cause for an error from SQLite or the file system.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "\(error.resultCode)"
        }
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return "\(error)"
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

/// The warehouse could not be opened, read or written.
public struct WarehouseError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let cause: String

    public init(path: String, cause: String) {
        self.path = path
        self.cause = cause
    }

    public var description: String { "warehouse \(path): \(cause)" }
}
