import Foundation

/// The parts of a `postgresql://` url (libpq's URI form, without a password): those left out come
/// from the environment, as libpq takes them.
public struct PostgresURL: Sendable, Equatable {
    public var host: String?
    public var port: Int?
    public var user: String?
    public var database: String?
    /// `sslmode` (`disable`, `prefer`, `require`); nil for the environment's or the default.
    public var sslMode: String?

    /// Why a url cannot be used, in a sentence for the pipeline error.
    public struct Problem: Error, Equatable {
        public let cause: String
        /// The url holds a password, which belongs in `PGPASSWORD` or `~/.pgpass`.
        public let holdsPassword: Bool
    }
}

extension PostgresURL {
    /// Reads `postgresql://[user@][host][:port][/database][?sslmode=…]` (also `postgres://`).
    public init(parsing text: String) throws(Problem) {
        var rest = Substring(text)
        guard let scheme = ["postgresql://", "postgres://"].first(where: { rest.hasPrefix($0) }) else {
            throw Problem(cause: "'url' must begin with postgresql://, e.g. postgresql://gevinst@db.example.no:5432/gevinst", holdsPassword: false)
        }
        rest = rest.dropFirst(scheme.count)
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var authority = rest
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let name = String(rest[rest.index(after: slash)...])
            database = name.isEmpty ? nil : try Self.decode(name)
        }
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            guard !userInfo.contains(":") else {
                throw Problem(cause: "'url' must not hold a password: set PGPASSWORD or put it in ~/.pgpass (mode 0600)", holdsPassword: true)
            }
            user = userInfo.isEmpty ? nil : try Self.decode(String(userInfo))
        }
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw Problem(cause: "'url' has an unclosed '[' in its host", holdsPassword: false) }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty {
                throw Problem(cause: "'url' has '\(after)' after its host", holdsPassword: false)
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        host = hostPart.isEmpty ? nil : try Self.decode(String(hostPart))
        if let portPart {
            guard let number = Int(portPart), (1...65535).contains(number) else {
                throw Problem(cause: "'url' has the port '\(portPart)'; a port is a number from 1 to 65535", holdsPassword: false)
            }
            port = number
        }
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = try parts.count > 1 ? Self.decode(String(parts[1])) : ""
            switch key {
            case "password":
                throw Problem(cause: "'url' must not hold a password: set PGPASSWORD or put it in ~/.pgpass (mode 0600)", holdsPassword: true)
            case "sslmode":
                guard TLSMode(rawValue: value) != nil else {
                    throw Problem(cause: "'url' has sslmode=\(value); use disable, prefer or require", holdsPassword: false)
                }
                sslMode = value
            case "host": host = value
            case "port":
                guard let number = Int(value), (1...65535).contains(number) else {
                    throw Problem(cause: "'url' has port=\(value); a port is a number from 1 to 65535", holdsPassword: false)
                }
                port = number
            case "user": user = value
            case "dbname": database = value
            default:
                throw Problem(cause: "'url' has the parameter '\(key)', which gevinst does not use; it knows sslmode, host, port, user and dbname",
                              holdsPassword: false)
            }
        }
    }

    private static func decode(_ text: String) throws(Problem) -> String {
        guard let decoded = text.removingPercentEncoding else { throw Problem(cause: "'url' has a bad %-escape in '\(text)'", holdsPassword: false) }
        return decoded
    }
}

/// Whether the connection is encrypted, as libpq's `sslmode` says (certificates are not verified,
/// as with libpq's `prefer` and `require`).
enum TLSMode: String, Sendable {
    case disable, prefer, require
}

/// Everything needed to log in: the url's parts, then `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`,
/// `PGSSLMODE`, then libpq's defaults; the password from `PGPASSWORD` or the password file.
/// The password is never part of a description.
struct ConnectionSettings: Sendable, CustomStringConvertible {
    var host: String
    var port: Int
    var user: String
    var database: String
    var password: String?
    var tls: TLSMode
    /// A note for the log when the password file was skipped (its permissions are too open).
    var passwordFileNote: String?

    init(url: PostgresURL, environment: [String: String], home: String?) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        host = url.host ?? value("PGHOST") ?? "localhost"
        port = url.port ?? value("PGPORT").flatMap(Int.init) ?? 5432
        user = url.user ?? value("PGUSER") ?? value("USER") ?? "postgres"
        database = url.database ?? value("PGDATABASE") ?? user
        tls = (url.sslMode ?? value("PGSSLMODE")).flatMap(TLSMode.init(rawValue:)) ?? .prefer
        if let password = value("PGPASSWORD") {
            self.password = password
        } else {
            let file = value("PGPASSFILE") ?? home.map { $0 + "/.pgpass" }
            if let file {
                switch PasswordFile.lookup(file: file, host: host, port: port, database: database, user: user) {
                case .found(let password): self.password = password
                case .notFound: break
                case .tooOpen: passwordFileNote = "\(file) is ignored: its permissions must be u=rw (0600) or less"
                }
            }
        }
    }

    /// host:port (a Unix socket's directory and port), for messages.
    var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    var description: String { "PostgreSQL at \(address), database '\(database)', user '\(user)'" }
}

/// libpq's password file: lines `hostname:port:database:username:password`, `*` matching anything,
/// `\:` and `\\` escaped, `#` comments; the first matching line wins; a file readable by group or
/// others is ignored.
enum PasswordFile {
    enum Outcome: Equatable {
        case found(String)
        case notFound
        case tooOpen
    }

    static func lookup(file: String, host: String, port: Int, database: String, user: String) -> Outcome {
        var info = stat()
        guard stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .notFound }
        guard info.st_mode & 0o077 == 0 else { return .tooOpen }
        guard let data = FileManager.default.contents(atPath: file), data.count <= 1 << 20 else { return .notFound }
        // libpq matches "localhost" for a connection through the default Unix socket directory.
        let hostName = host.hasPrefix("/") ? "localhost" : host
        let wanted = [hostName, String(port), database, user]
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            guard !line.hasPrefix("#") else { continue }
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return .found(fields[4]) }
        }
        return .notFound
    }

    /// Fields separated by unescaped `:`, with `\:` and `\\` unescaped.
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
