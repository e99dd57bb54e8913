import Crypto
import Foundation
public import GevinstCore
public import Logging
import PostgresNIO

/// Stage 5: copies the municipality's current state from the SQLite warehouse into a shared
/// PostgreSQL database. Each published table is partitioned by `municipality`; the tables whose
/// content changed get a new partition (loaded by COPY, then indexed) swapped in for the
/// municipality's old one, all in one transaction, so readers see the old slice or the new one and
/// other municipalities are untouched. An unchanged state adds only a row to `publishes`. The
/// SQLite warehouse is only read.
public enum PublishStage {
    /// Publishes `pipeline`'s warehouse. `runID` is the run that publishes (left out of `runs`, as
    /// it has not ended), nil for `gevinst publish` alone. Blocks until the publish is done.
    public static func run(_ pipeline: Pipeline, runID: Int64?, logger: Logger) throws(PublishError) -> StageSummary {
        let environment = ProcessInfo.processInfo.environment
        guard let settings = pipeline.publish else {
            throw PublishError(pipeline.file, "the pipeline has no 'publish:' section (url, schema, municipality)", category: .usage)
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                outcome.set(.success(try await publish(pipeline, settings: settings, runID: runID, logger: logger, environment: environment)))
            } catch let error as PublishError {
                outcome.set(.failure(error))
            } catch {
                outcome.set(.failure(PublishError("publish", "\(error)", category: .internal)))
            }
            done.signal()
        }
        done.wait()
        return try outcome.result!.get()
    }

    /// The result handed from the publishing task to the waiting caller.
    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Result<StageSummary, PublishError>?
        func set(_ value: Result<StageSummary, PublishError>) { lock.withLock { stored = value } }
        var result: Result<StageSummary, PublishError>? { lock.withLock { stored } }
    }

    private static func publish(_ pipeline: Pipeline, settings: PublishSettings, runID: Int64?, logger: Logger,
                                environment: [String: String]) async throws -> StageSummary {
        let url: PostgresURL
        do { url = try PostgresURL(parsing: settings.url) } catch {
            throw PublishError(pipeline.file, error.cause, category: .usage)
        }
        let server = ConnectionSettings(url: url, environment: environment, home: environment["HOME"])
        if let note = server.passwordFileNote { logger.warning("\(note)") }
        let snapshot = try WarehouseSnapshot(path: pipeline.warehouse)
        let connection = try await connect(server)
        do {
            let summary = try await Publisher(connection: connection, server: server, schema: settings.schema,
                                              municipality: settings.municipality, pipeline: pipeline.name,
                                              snapshot: snapshot, runID: runID, logger: logger).publish()
            try? await connection.close()
            return summary
        } catch {
            try? await connection.close()
            throw PublishError.classify(error, server: server)
        }
    }

    private static func connect(_ server: ConnectionSettings) async throws(PublishError) -> PostgresConnection {
        do {
            var configuration: PostgresConnection.Configuration
            if server.host.hasPrefix("/") {
                configuration = .init(unixSocketPath: "\(server.host)/.s.PGSQL.\(server.port)", username: server.user,
                                      password: server.password, database: server.database)
            } else {
                var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
                tlsConfiguration.certificateVerification = .none
                let tls: PostgresConnection.Configuration.TLS
                switch server.tls {
                case .disable: tls = .disable
                case .prefer: tls = .prefer(try NIOSSLContext(configuration: tlsConfiguration))
                case .require: tls = .require(try NIOSSLContext(configuration: tlsConfiguration))
                }
                configuration = .init(host: server.host, port: server.port, username: server.user, password: server.password,
                                      database: server.database, tls: tls)
            }
            configuration.options.additionalStartupParameters = [("application_name", "gevinst")]
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: quietLogger)
        } catch {
            throw PublishError.classify(error, server: server)
        }
    }

    /// PostgresNIO's own log stays silent: gevinst says what matters in its own words.
    static let quietLogger = Logger(label: "gevinst.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
}

/// A flag one task raises and another reads.
private final class Signal: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func raise() { lock.withLock { value = true } }
    var raised: Bool { lock.withLock { value } }
}

/// One publish over one connection.
private struct Publisher {
    let connection: PostgresConnection
    let server: ConnectionSettings
    let schema: String
    let municipality: String
    let pipeline: String
    let snapshot: WarehouseSnapshot
    let runID: Int64?
    let logger: Logger
    var quiet: Logger { PublishStage.quietLogger }

    func publish() async throws -> StageSummary {
        try await migrate()
        try await execute("BEGIN")
        try await connection.query(PostgresStatements.useSchema(schema), logger: quiet)
        try await connection.query(PostgresStatements.lock("gevinst publish \(schema) \(municipality)"), logger: quiet)
        var previous: [String: String] = [:]
        var partitions: [String: String] = [:]
        let stored = try await connection.query(PostgresStatements.storedDigests(municipality), logger: quiet)
        for try await (name, digest, partition) in stored.decode((String, String, String?).self) {
            previous[name] = digest
            partitions[name] = partition
        }
        if partitions.count < PublishedTable.all.count {
            let current = try await connection.query(PostgresStatements.partitions(schema, municipality), logger: quiet)
            for try await (table, partition) in current.decode((String, String).self) { partitions[table] = partition }
        }

        // A small slice is replaced in place: its rows deleted from the municipality's partition and
        // the new ones copied in. A big one is built as a table of its own, not yet attached: loaded,
        // then indexed (while the server builds its index, the tables that follow are digested
        // here), and swapped in at the end.
        let tables = PublishedTable.all
        var whole = SHA256()
        var total = 0
        var copied = 0
        var changed: [String] = []
        var built: [(table: PublishedTable, partition: String)] = []
        // The digests of the tables that follow, made while the server indexed one before, by index.
        var ahead: [Int: (digest: String, rows: Int)] = [:]
        for (index, table) in tables.enumerated() {
            let (digest, rows) = try ahead.removeValue(forKey: index) ?? snapshot.digest(table, runID: runID)
            whole.update(data: Array("\(table.name) \(digest)\n".utf8))
            total += rows
            guard previous[table.name] != digest else { continue }
            let target: String
            if rows <= Self.replacedInPlace {
                if let existing = partitions[table.name] {
                    target = existing
                    try await connection.query(PostgresStatements.deleteAll(target), logger: quiet)
                } else {
                    target = "\(table.name)_\(try await partitionNumber())"
                    try await connection.query(PostgresStatements.createPartition(target, of: table.name, municipality), logger: quiet)
                }
                try await copy(table, into: target, counting: &copied)
            } else {
                let primaryKey: String?
                (target, primaryKey) = try await newTable(table)
                try await copy(table, into: target, counting: &copied)
                if let primaryKey {
                    let indexed = Signal()
                    let made = Set(ahead.keys)
                    async let digested = digestAhead(tables, after: index, skipping: made, until: indexed)
                    do {
                        try await connection.query(PostgresStatements.addPrimaryKey(target, primaryKey), logger: quiet)
                    } catch {
                        indexed.raise()
                        throw error
                    }
                    indexed.raise()
                    ahead.merge(try await digested) { made, _ in made }
                }
                built.append((table, target))
            }
            try await connection.query(PostgresStatements.recordSlice(table.name, municipality, digest: digest, rows: rows, partition: target),
                                       logger: quiet)
            changed.append(table.name)
            logger.debug("loaded \(table.name): \(rows) rows")
        }
        // The swap, last and short: it locks each table swapped against readers until the commit.
        for (table, partition) in built {
            if let old = partitions[table.name] {
                try await connection.query(PostgresStatements.detach(table.name, old), logger: quiet)
                try await connection.query(PostgresStatements.drop(old), logger: quiet)
            }
            try await connection.query(PostgresStatements.attach(table.name, partition, municipality), logger: quiet)
        }
        let fingerprint = hex(whole.finalize())
        try await connection.query(PostgresStatements.recordPublish(municipality, pipeline: pipeline, fingerprint: fingerprint,
                                                                    changed: changed, rows: total), logger: quiet)
        try await execute("COMMIT")
        if changed.isEmpty {
            logger.info("published to \(server.address): unchanged since the last publish of \(municipality)")
        } else {
            logger.info("published \(municipality) to \(server.address), schema \(schema): \(changed.joined(separator: ", "))")
        }
        return StageSummary(stage: "publish", counts: ["rows": total, "tables_replaced": changed.count, "rows_copied": copied])
    }

    /// The digests of the tables after `index` in `tables` (but those `skipping`), one table after
    /// another until `done` is raised: what the server's index build leaves this process free for.
    private func digestAhead(_ tables: [PublishedTable], after index: Int, skipping: Set<Int>,
                        until done: Signal) async throws -> [Int: (digest: String, rows: Int)] {
        var made: [Int: (digest: String, rows: Int)] = [:]
        for next in tables.indices where next > index && !skipping.contains(next) {
            if done.raised || Task.isCancelled { break }
            made[next] = try snapshot.digest(tables[next], runID: runID)
        }
        return made
    }

    /// The most rows a slice may have to be replaced in place rather than swapped: below it, the
    /// statements that create, index and swap a table cost more than deleting and inserting rows.
    static let replacedInPlace = 50_000

    /// A fresh number for a partition's name (`<table>_<n>`).
    private func partitionNumber() async throws -> Int {
        var number = 0
        for try await value in try await connection.query(PostgresStatements.partitionNumber, logger: quiet).decode(Int.self) {
            number = value
        }
        return number
    }

    /// Creates an empty table with `table`'s columns, named `<table>_<n>`, to become its partition;
    /// returns its name and the primary key it is to get (`PRIMARY KEY (municipality, …)`, if any).
    private func newTable(_ table: PublishedTable) async throws -> (name: String, primaryKey: String?) {
        let name = "\(table.name)_\(try await partitionNumber())"
        var columns = ""
        var primaryKey: String?
        for try await (definitions, key) in try await connection.query(PostgresStatements.layout(schema, table.name), logger: quiet)
            .decode((String, String?).self) {
            (columns, primaryKey) = (definitions, key)
        }
        try await connection.query(PostgresStatements.createTable(name, columns: columns, municipality), logger: quiet)
        return (name, primaryKey)
    }

    /// COPYs the slice of `table` into the table `target`.
    private func copy(_ table: PublishedTable, into target: String, counting copied: inout Int) async throws {
        var rows = 0
        try await connection.copyFrom(table: target, columns: ["municipality"] + table.targets, logger: quiet) { writer in
            rows = try await snapshot.copyText(table, municipality: municipality, runID: runID) { chunk in
                var bytes = ByteBufferAllocator().buffer(capacity: chunk.count)
                bytes.writeBytes(chunk)
                try await writer.write(bytes)
            }
        }
        copied += rows
    }

    private func execute(_ sql: String) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: quiet)
    }

    /// Creates the schema or brings it to the latest version, one migration at a time, under a lock
    /// so that two publishes never migrate at once.
    private func migrate() async throws {
        try await execute("BEGIN")
        try await connection.query(PostgresStatements.lock("gevinst migrate \(schema)"), logger: quiet)
        try await connection.query(PostgresStatements.createSchema(schema), logger: quiet)
        try await connection.query(PostgresStatements.createMigrations(schema), logger: quiet)
        var current = 0
        for try await version in try await connection.query(PostgresStatements.currentVersion(schema), logger: quiet).decode(Int.self) {
            current = version
        }
        guard current <= PostgresSchema.latest else {
            try await execute("ROLLBACK")
            throw PublishError(server.address, "the schema '\(schema)' is at version \(current), newer than this gevinst knows "
                               + "(\(PostgresSchema.latest)); publish with a newer gevinst", category: .data)
        }
        for migration in PostgresSchema.migrations where migration.version > current {
            let sql = migration.sql.replacingOccurrences(of: "SCHEMA.", with: "\(schema).")
            for statement in PostgresSchema.statements(sql) { try await execute(statement) }
            try await connection.query(PostgresStatements.recordMigration(schema, version: migration.version), logger: quiet)
            logger.info("PostgreSQL schema \(schema) migrated to version \(migration.version)")
        }
        try await execute("COMMIT")
    }

    private func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}

extension PostgresSchema {
    /// The statements of a migration: split at `;` that ends a line outside a `$$` body, comment
    /// lines dropped.
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current: [Substring] = []
        var quoted = false
        for line in sql.split(separator: "\n") {
            if !quoted && line.trimmingCharacters(in: .whitespaces).hasPrefix("--") { continue }
            current.append(line)
            if line.components(separatedBy: "$$").count % 2 == 0 { quoted.toggle() }
            if !quoted && line.hasSuffix(";") {
                statements.append(current.joined(separator: "\n"))
                current = []
            }
        }
        statements.append(current.joined(separator: "\n"))
        return statements.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "; \n")) }.filter { !$0.isEmpty }
    }
}
