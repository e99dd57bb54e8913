import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL server for one test: Debian's binaries, a data directory in a scratch
/// folder, listening on 127.0.0.1 on a free port, run as a non-root user (`postgres` when the tests
/// run as root). A test role logs in with a password (scram-sha-256). Never a mock: when the
/// server cannot be installed or started, the test fails and says why.
final class PostgresServer {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let user = "gevinst_test"
    let password = "pw-\(UUID().uuidString.prefix(12))"
    let port: Int
    let directory: String
    private let binaries: String
    private var running = false

    /// The folder that holds initdb, pg_ctl and psql: `GEVINST_PG_BIN`, else Debian's newest.
    static func binaryDirectory() throws -> String {
        if let path = ProcessInfo.processInfo.environment["GEVINST_PG_BIN"] { return path }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        guard let newest = versions.last, FileManager.default.isExecutableFile(atPath: "\(root)/\(newest)/bin/initdb") else {
            throw Failure(description: "PostgreSQL is not installed (no \(root)/*/bin/initdb): run scripts/setup-system, which installs Debian's postgresql")
        }
        return "\(root)/\(newest)/bin"
    }

    init() throws {
        binaries = try Self.binaryDirectory()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-pg-\(UUID().uuidString)").path
        port = try Self.freePort()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(password.utf8).write(to: URL(fileURLWithPath: "\(directory)/password"))
        if geteuid() == 0 {
            try Self.execute(["/bin/chown", "-R", "postgres:postgres", directory])
        }
        do {
            try asServerUser(["\(binaries)/initdb", "-D", "\(directory)/data", "-U", Self.user, "--pwfile=\(directory)/password",
                              "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"])
            try asServerUser(["\(binaries)/pg_ctl", "-D", "\(directory)/data", "-w", "-t", "60", "-l", "\(directory)/server.log",
                              "-o", "-h 127.0.0.1 -p \(port) -k \(directory) -c fsync=off -c max_connections=20", "start"])
            running = true
        } catch {
            let log = (try? String(contentsOfFile: "\(directory)/server.log", encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: directory)
            throw Failure(description: "cannot start PostgreSQL: \(error)\n\(log.suffix(2000))")
        }
    }

    deinit { stop() }

    /// Stops the server at once (also when a test failed) and removes its folder.
    func stop() {
        if running {
            try? asServerUser(["\(binaries)/pg_ctl", "-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
            running = false
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The environment a gevinst child needs to log in as the test role.
    var environment: [String: String] { ["PGPASSWORD": password] }

    /// A `publish:` section for a pipeline file.
    func publishSection(municipality: String, schema: String = "gevinst") -> String {
        "publish:\n  url: postgresql://\(Self.user)@127.0.0.1:\(port)/postgres?sslmode=disable\n  schema: \(schema)\n  municipality: \"\(municipality)\"\n"
    }

    /// Rows of a query through psql, each value as text ("" for NULL).
    func query(_ sql: String) throws -> [[String]] {
        let output = try Self.execute(["\(binaries)/psql", "-X", "-h", "127.0.0.1", "-p", String(port), "-U", Self.user, "-d", "postgres",
                                       "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql], environment: ["PGPASSWORD": password])
        return output.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    func value(_ sql: String) throws -> String { try query(sql).first?.first ?? "" }

    /// psql running `sql` in the background: a session a test keeps open (a reader holding a lock)
    /// while gevinst runs. End it with `pg_terminate_backend`.
    func session(_ sql: String) throws -> Child {
        try Child(["-X", "-h", "127.0.0.1", "-p", String(port), "-U", Self.user, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql],
                  executable: "\(binaries)/psql", logDirectory: directory, environment: ["PGPASSWORD": password])
    }

    /// Runs a server command to its end. Spawned and reaped by pid (`Child`): Foundation's Process
    /// would wait for the server that pg_ctl leaves running, which inherits its exit-watching socket.
    private func asServerUser(_ command: [String]) throws {
        let full = geteuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + command : command
        let outcome = try Child(Array(full.dropFirst()), executable: full[0], logDirectory: directory).wait(timeout: 120)
        guard outcome.status == 0 else {
            throw Failure(description: "\(command[0]) exited \(outcome.summary)")
        }
    }

    @discardableResult
    static func execute(_ command: [String], environment: [String: String] = [:]) throws -> String {
        let result = try Gevinst.run(executable: URL(fileURLWithPath: command[0]), Array(command.dropFirst()), in: nil, environment: environment)
        guard result.status == 0 else {
            throw Failure(description: "\(command.prefix(2).joined(separator: " ")) exited \(result.status): \(result.stderr.suffix(1500))")
        }
        return result.stdout
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
