import Crypto
import Foundation
public import GevinstCore
public import Logging
import PostgresNIO

/// Stage 5: copies the municipality's current state from the SQLite warehouse into a shared
/// PostgreSQL database. Each published table carries a `municipality` column; the tables whose
/// content changed replace that municipality's slice in one transaction (DELETE, then COPY), so
/// readers see the old slice or the new one and other municipalities are untouched. An unchanged
/// state adds only a row to `publishes`. The SQLite warehouse is only read.
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
        // Digest every table's slice first: only the tables that changed are sent.
        var digests: [(table: PublishedTable, digest: String, rows: Int)] = []
        for table in PublishedTable.all {
            var hash = SHA256()
            let rows = try await snapshot.copyText(table, municipality: municipality, runID: runID) { hash.update(data: $0) }
            digests.append((table, hex(hash.finalize()), rows))
        }
        var whole = SHA256()
        for entry in digests { whole.update(data: Array("\(entry.table.name) \(entry.digest)\n".utf8)) }
        let fingerprint = hex(whole.finalize())
        let total = digests.reduce(0) { $0 + $1.rows }

        try await execute("BEGIN")
        try await connection.query(PostgresStatements.useSchema(schema), logger: quiet)
        try await connection.query(PostgresStatements.lock("gevinst publish \(schema) \(municipality)"), logger: quiet)
        var previous: [String: String] = [:]
        let stored = try await connection.query(PostgresStatements.storedDigests(municipality), logger: quiet)
        for try await (name, digest) in stored.decode((String, String).self) { previous[name] = digest }
        var changed: [String] = []
        var copied = 0
        for entry in digests where previous[entry.table.name] != entry.digest {
            let table = entry.table
            try await connection.query(PostgresStatements.deleteSlice(table.name, municipality), logger: quiet)
            try await connection.copyFrom(table: table.name, columns: ["municipality"] + table.targets, logger: quiet) { writer in
                copied += try await snapshot.copyText(table, municipality: municipality, runID: runID) { chunk in
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
            }
            try await connection.query(PostgresStatements.recordSlice(table.name, municipality, digest: entry.digest, rows: entry.rows),
                                       logger: quiet)
            changed.append(table.name)
            logger.debug("replaced \(table.name): \(entry.rows) rows")
        }
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
    /// The statements of a migration: split at `;` that ends a line, comment lines dropped.
    static func statements(_ sql: String) -> [String] {
        sql.components(separatedBy: ";\n").map { part in
            part.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }.joined(separator: "\n")
        }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "; \n")) }.filter { !$0.isEmpty }
    }
}
