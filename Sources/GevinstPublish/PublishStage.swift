import Crypto
import Foundation
public import GevinstCore
public import Logging
import PostgresNIO

/// Stage 5: copies the municipality's current state from the SQLite warehouse into a shared
/// PostgreSQL database. Each published table is partitioned by `municipality`; the tables whose
/// content changed get a new partition (loaded by COPY, then indexed, on two connections at once)
/// swapped in for the municipality's old one, all in one transaction, so readers see the old slice
/// or the new one and other municipalities are untouched. An unchanged state adds only a row to `publishes`. The
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

    /// A connection to the server; `id` tells the publishing connection (1) from the second (2).
    fileprivate static func connect(_ server: ConnectionSettings, id: Int = 1) async throws(PublishError) -> PostgresConnection {
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
            return try await PostgresConnection.connect(configuration: configuration, id: id, logger: quietLogger)
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

/// A big slice handed to the second connection: the table, the name of the table to build, and
/// its digest if known (else it is taken on the way).
private struct Build: Sendable {
    let table: PublishedTable
    let name: String
    let known: String?
}

/// What publish knows of a table before copying it: its digest and rows, read from the warehouse;
/// or only that it changed, when its row count (`PublishedTable.count`) differs from the published
/// slice's or no digest was published for it, in which case the digest is taken while it is copied.
private enum Look: Sendable {
    case digested(digest: String, rows: Int)
    case changed(rows: Int)
}

/// Whether the second connection is free for the next big slice (it takes one at a time), and
/// whether it failed.
private final class SecondConnection: @unchecked Sendable {
    private let lock = NSLock()
    private var busy = false
    private var failure = false
    /// Claims the second connection for a slice when it is free.
    func take() -> Bool {
        lock.withLock {
            guard !busy && !failure else { return false }
            busy = true
            return true
        }
    }
    func free() { lock.withLock { busy = false } }
    func fail() { lock.withLock { failure = true } }
    var failed: Bool { lock.withLock { failure } }
}

/// One publish: its transaction on `connection`; big slices built there and on a second connection.
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
        var published: [String: (digest: String, rows: Int)] = [:]
        var sizes: [String: Int] = [:]
        var partitions: [String: String] = [:]
        let stored = try await connection.query(PostgresStatements.storedDigests(municipality), logger: quiet)
        for try await (name, digest, rows, partition, bytes) in stored.decode((String, String, Int, String?, Int).self) {
            published[name] = (digest, rows)
            partitions[name] = partition
            sizes[name] = bytes
        }
        let previous = published
        if partitions.count < PublishedTable.all.count {
            let current = try await connection.query(PostgresStatements.partitions(schema, municipality), logger: quiet)
            for try await (table, partition) in current.decode((String, String).self) { partitions[table] = partition }
        }
        try await dropUnattached()

        // A table whose rows are counted differently from its published slice (or that has no
        // published digest) has changed: it is copied at once, its digest taken on the way; any other
        // is digested first and copied only if its digest differs. A small slice is replaced in
        // place: its rows deleted from the municipality's partition and the new ones copied in. A big
        // one is built as a table of its own, not yet attached: loaded, then indexed, and swapped in
        // at the end; on the second connection when that one is free (committed there, attached
        // here), else on this one (while the server builds its index, the tables that follow are
        // looked at here). The biggest slices (by the bytes of their partitions, which the server's
        // work follows more closely than rows) come first, so that the two connections share the
        // big ones; before the municipality has partitions, the tables that are usually biggest.
        let tables = PublishedTable.all
        let biggest = PublishedTable.usuallyBiggest
        let rank = { (index: Int) in
            (sizes[tables[index].name] ?? -1, -(biggest.firstIndex(of: tables[index].name) ?? biggest.count), -index)
        }
        let order = tables.indices.sorted { rank($0) > rank($1) }
        var digests: [Int: (digest: String, rows: Int)] = [:]
        var copied = 0
        var changed: [Int] = []
        var built: [(table: PublishedTable, partition: String)] = []
        var builtOnSecond: [(index: Int, table: PublishedTable, partition: String)] = []
        // The looks at the tables that follow, taken while the server indexed one before, by position in `order`.
        var ahead: [Int: Look] = [:]
        let second = SecondConnection()
        let (builds, queue) = AsyncStream.makeStream(of: Build.self)
        async let copiedOnSecond = buildOnSecond(builds, second)
        do {
            for (position, index) in order.enumerated() where !second.failed {
                let table = tables[index]
                let look = try ahead.removeValue(forKey: position) ?? look(at: table, previous: previous[table.name])
                var known: String?
                let counted: Int
                switch look {
                case .digested(let digest, let rows):
                    digests[index] = (digest, rows)
                    guard previous[table.name]?.digest != digest else { continue }
                    (known, counted) = (digest, rows)
                case .changed(let rows):
                    counted = rows
                }
                let target: String
                if counted <= Self.replacedInPlace {
                    if let existing = partitions[table.name] {
                        target = existing
                        try await connection.query(PostgresStatements.deleteAll(target), logger: quiet)
                    } else {
                        target = "\(table.name)_\(try await partitionNumber())"
                        try await connection.query(PostgresStatements.createPartition(target, of: table.name, municipality), logger: quiet)
                    }
                    digests[index] = try await copy(table, into: target, on: connection, known: known, created: false)
                } else if second.take() {
                    target = "\(table.name)_\(try await partitionNumber())"
                    queue.yield(Build(table: table, name: target, known: known))
                    builtOnSecond.append((index, table, target))
                    changed.append(index)
                    continue
                } else {
                    target = "\(table.name)_\(try await partitionNumber())"
                    let primaryKey = try await createTable(table, target, on: connection)
                    digests[index] = try await copy(table, into: target, on: connection, known: known, created: true)
                    if let primaryKey {
                        let indexed = Signal()
                        let made = Set(ahead.keys)
                        async let looked = lookAhead(order, after: position, skipping: made, previous: previous, until: indexed)
                        do {
                            try await connection.query(PostgresStatements.addPrimaryKey(target, primaryKey), logger: quiet)
                        } catch {
                            indexed.raise()
                            throw error
                        }
                        indexed.raise()
                        ahead.merge(try await looked) { made, _ in made }
                    }
                    built.append((table, target))
                }
                let (digest, rows) = digests[index]!
                copied += rows
                try await connection.query(PostgresStatements.recordSlice(table.name, municipality, digest: digest, rows: rows, partition: target),
                                           logger: quiet)
                changed.append(index)
                logger.debug("loaded \(table.name): \(rows) rows")
            }
            queue.finish()
        } catch {
            queue.finish()
            throw error
        }
        // The second connection's tables are committed once it is done: only then can they be attached.
        let fromSecond = try await copiedOnSecond
        for (index, table, partition) in builtOnSecond {
            let (digest, rows) = fromSecond[partition]!
            copied += rows
            digests[index] = (digest, rows)
            try await connection.query(PostgresStatements.recordSlice(table.name, municipality, digest: digest, rows: rows, partition: partition),
                                       logger: quiet)
            logger.debug("loaded \(table.name): \(rows) rows")
        }
        // The swap, last and short: it locks each table swapped against readers until the commit.
        for (table, partition) in built + builtOnSecond.map({ ($0.table, $0.partition) }) {
            if let old = partitions[table.name] {
                try await connection.query(PostgresStatements.detach(table.name, old), logger: quiet)
                try await connection.query(PostgresStatements.drop(old), logger: quiet)
            }
            try await connection.query(PostgresStatements.attach(table.name, partition, municipality), logger: quiet)
        }
        for built in builtOnSecond { try await connection.query(PostgresStatements.unmark(built.partition), logger: quiet) }
        var whole = SHA256()
        var total = 0
        for (index, table) in tables.enumerated() {
            let (digest, rows) = digests[index]!
            whole.update(data: Array("\(table.name) \(digest)\n".utf8))
            total += rows
        }
        let names = changed.sorted().map { tables[$0].name }
        let fingerprint = hex(whole.finalize())
        try await connection.query(PostgresStatements.recordPublish(municipality, pipeline: pipeline, fingerprint: fingerprint,
                                                                    changed: names, rows: total), logger: quiet)
        try await execute("COMMIT")
        if names.isEmpty {
            logger.info("published to \(server.address): unchanged since the last publish of \(municipality)")
        } else {
            logger.info("published \(municipality) to \(server.address), schema \(schema): \(names.joined(separator: ", "))")
        }
        return StageSummary(stage: "publish", counts: ["rows": total, "tables_replaced": names.count, "rows_copied": copied])
    }

    /// Drops the tables a publish of this municipality built and committed on its second connection
    /// but never attached (it was killed, or lost its connection, before its commit). Runs under the
    /// municipality's lock, so no publish that is still going can own them.
    private func dropUnattached() async throws {
        var names: [String] = []
        for try await name in try await connection.query(PostgresStatements.unattached(schema, municipality), logger: quiet).decode(String.self) {
            names.append(name)
        }
        for name in names {
            try await connection.query(PostgresStatements.drop(name), logger: quiet)
            logger.info("dropped \(name), built by a publish of \(municipality) that did not end")
        }
    }

    /// Builds the big slices handed over by `builds` on a second connection, opened with the first
    /// of them, each in a transaction of its own that commits it marked as unattached; returns the
    /// digest and rows of each table built, by its name. Tells `state` when it is free again, or failed.
    private func buildOnSecond(_ builds: AsyncStream<Build>, _ state: SecondConnection) async throws -> [String: (digest: String, rows: Int)] {
        var second: PostgresConnection?
        var copied: [String: (digest: String, rows: Int)] = [:]
        do {
            for await build in builds {
                let connection: PostgresConnection
                if let second { connection = second } else {
                    connection = try await PublishStage.connect(server, id: 2)
                    second = connection
                }
                try await connection.query("BEGIN", logger: quiet)
                try await connection.query(PostgresStatements.useSchema(schema), logger: quiet)
                let primaryKey = try await createTable(build.table, build.name, on: connection)
                try await connection.query(PostgresStatements.markUnattached(build.name, municipality), logger: quiet)
                copied[build.name] = try await copy(build.table, into: build.name, on: connection, known: build.known, created: true)
                if let primaryKey { try await connection.query(PostgresStatements.addPrimaryKey(build.name, primaryKey), logger: quiet) }
                try await connection.query("COMMIT", logger: quiet)
                logger.debug("built \(build.table.name) on the second connection")
                state.free()
            }
        } catch {
            state.fail()
            try? await second?.close()
            throw error
        }
        try? await second?.close()
        return copied
    }

    /// Whether `table` changed since `previous` (its published digest and rows), as far as
    /// counting its rows tells; else its digest.
    private func look(at table: PublishedTable, previous: (digest: String, rows: Int)?) throws(PublishError) -> Look {
        if let rows = try snapshot.count(table), previous.map({ $0.digest.isEmpty || $0.rows != rows }) ?? true {
            return .changed(rows: rows)
        }
        let (digest, rows) = try snapshot.digest(table, runID: runID)
        return .digested(digest: digest, rows: rows)
    }

    /// The looks at the tables after `position` in `order` (but those `skipping`), one table after
    /// another until `done` is raised: what the server's index build leaves this process free for.
    private func lookAhead(_ order: [Int], after position: Int, skipping: Set<Int>, previous: [String: (digest: String, rows: Int)],
                           until done: Signal) async throws -> [Int: Look] {
        var made: [Int: Look] = [:]
        for next in order.indices where next > position && !skipping.contains(next) {
            if done.raised || Task.isCancelled { break }
            let table = PublishedTable.all[order[next]]
            made[next] = try look(at: table, previous: previous[table.name])
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

    /// Creates the empty table `name` with `table`'s columns, to become its partition; returns the
    /// primary key it is to get (`PRIMARY KEY (municipality, …)`, if any).
    private func createTable(_ table: PublishedTable, _ name: String, on connection: PostgresConnection) async throws -> String? {
        var columns = ""
        var primaryKey: String?
        for try await (definitions, key) in try await connection.query(PostgresStatements.layout(schema, table.name), logger: quiet)
            .decode((String, String?).self) {
            (columns, primaryKey) = (definitions, key)
        }
        try await connection.query(PostgresStatements.createTable(name, columns: columns, municipality), logger: quiet)
        return primaryKey
    }

    /// COPYs the slice of `table` into the table `target`; returns its digest (`known`, else taken
    /// on the way) and the rows copied. Into a table `created` in this transaction, the rows are
    /// stored frozen (`COPY … FREEZE`): visible to every later transaction without the work that
    /// vacuum and the first readers would otherwise do on millions of freshly loaded rows.
    private func copy(_ table: PublishedTable, into target: String, on connection: PostgresConnection,
                      known: String?, created: Bool) async throws -> (digest: String, rows: Int) {
        var result: (rows: Int, digest: String?) = (0, nil)
        // PostgresNIO's copyFrom writes `COPY "<table>"(<columns>) FROM STDIN WITH (FORMAT text)` and
        // has no FREEZE option: here the table name it quotes brings the column list and the options
        // itself, and a comment ends the line (every name is gevinst's own, never a user's text).
        let columns = (["municipality"] + table.targets).map { "\"\($0)\"" }.joined(separator: ",")
        let (name, list) = created ? ("\(target)\"(\(columns)) FROM STDIN WITH (FORMAT text, FREEZE) --", [])
                                   : (target, ["municipality"] + table.targets)
        try await connection.copyFrom(table: name, columns: list, logger: quiet) { writer in
            result = try await snapshot.copyText(table, municipality: municipality, runID: runID, digesting: known == nil) { chunk in
                var bytes = ByteBufferAllocator().buffer(capacity: chunk.count)
                bytes.writeBytes(chunk)
                try await writer.write(bytes)
            }
        }
        return (known ?? result.digest!, result.rows)
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
