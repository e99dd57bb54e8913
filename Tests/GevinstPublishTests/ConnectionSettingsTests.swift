import Foundation
@testable import GevinstPublish
import Testing

@Suite("Connection settings")
struct ConnectionSettingsTests {
    @Test("a url's parts, percent-decoded; an IPv6 host in brackets; sslmode checked")
    func urlParts() throws {
        let url = try PostgresURL(parsing: "postgresql://anal%40ytikar@[::1]:6543/gevinst%20no?sslmode=require")
        #expect(url == PostgresURL(host: "::1", port: 6543, user: "anal@ytikar", database: "gevinst no", sslMode: "require"))
        let bare = try PostgresURL(parsing: "postgres://")
        #expect(bare == PostgresURL(host: nil, port: nil, user: nil, database: nil, sslMode: nil))
        #expect(throws: PostgresURL.Problem.self) { try PostgresURL(parsing: "postgresql://db:70000/x") }
        #expect(throws: PostgresURL.Problem.self) { try PostgresURL(parsing: "postgresql://db/x?sslmode=sometimes") }
        #expect(throws: PostgresURL.Problem.self) { try PostgresURL(parsing: "mysql://db/x") }
    }

    @Test("a password in the url is refused, in the user part or as a parameter", arguments: [
        "postgresql://gevinst:hemmeleg@db/gevinst", "postgresql://gevinst:@db", "postgresql://db/gevinst?password=hemmeleg",
    ])
    func passwordRefused(_ text: String) {
        #expect {
            try PostgresURL(parsing: text)
        } throws: { error in
            guard let problem = error as? PostgresURL.Problem else { return false }
            return problem.holdsPassword && !problem.cause.contains("hemmeleg")
        }
    }

    @Test("the url wins over PGHOST and friends, which win over libpq's defaults")
    func precedence() throws {
        let environment = ["PGHOST": "envhost", "PGPORT": "5499", "PGUSER": "envuser", "PGDATABASE": "envdb", "PGSSLMODE": "disable",
                           "PGPASSWORD": "pw"]
        let fromEnvironment = ConnectionSettings(url: try PostgresURL(parsing: "postgresql://"), environment: environment, home: nil)
        #expect([fromEnvironment.host, String(fromEnvironment.port), fromEnvironment.user, fromEnvironment.database]
                == ["envhost", "5499", "envuser", "envdb"])
        #expect(fromEnvironment.tls == .disable && fromEnvironment.password == "pw")
        let fromURL = ConnectionSettings(url: try PostgresURL(parsing: "postgresql://u@h:1/d?sslmode=require"), environment: environment, home: nil)
        #expect([fromURL.host, String(fromURL.port), fromURL.user, fromURL.database] == ["h", "1", "u", "d"])
        #expect(fromURL.tls == .require)
        let defaults = ConnectionSettings(url: try PostgresURL(parsing: "postgresql://"), environment: ["USER": "kari"], home: nil)
        #expect([defaults.host, String(defaults.port), defaults.user, defaults.database] == ["localhost", "5432", "kari", "kari"])
        #expect(defaults.tls == .prefer && defaults.password == nil)
        #expect(!"\(fromEnvironment)".contains("pw"))
    }

    @Test("the password file: first matching line, * wildcards, escapes, comments; ignored unless 0600")
    func passwordFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-pgpass-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/.pgpass"
        try """
            # comment
            other:5432:*:kari:no
            db\\:1:5432:*:kari:first\\:pass
            *:*:*:kari:second
            localhost:5432:gevinst:*:socket
            """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        #expect(PasswordFile.lookup(file: file, host: "db:1", port: 5432, database: "x", user: "kari") == .found("first:pass"))
        #expect(PasswordFile.lookup(file: file, host: "elsewhere", port: 1, database: "x", user: "kari") == .found("second"))
        #expect(PasswordFile.lookup(file: file, host: "/var/run/postgresql", port: 5432, database: "gevinst", user: "ola") == .found("socket"))
        #expect(PasswordFile.lookup(file: file, host: "db", port: 5432, database: "x", user: "ola") == .notFound)
        chmod(file, 0o640)
        #expect(PasswordFile.lookup(file: file, host: "db", port: 5432, database: "x", user: "kari") == .tooOpen)
        let settings = ConnectionSettings(url: try PostgresURL(parsing: "postgresql://kari@db/x"), environment: [:], home: directory)
        #expect(settings.password == nil && settings.passwordFileNote?.contains("0600") == true)
    }
}

@Suite("COPY text")
struct CopyTextTests {
    @Test("text escapes backslash, tab, line breaks; amounts have two places; reals read back; non-finite in PostgreSQL's words")
    func encoding() {
        var buffer: [UInt8] = []
        CopyText.appendText(Array("a\\b\tc\nd\re".utf8), to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"a\\b\tc\nd\re"#)
        for (hundredths, text) in [(Int64(0), "0.00"), (5, "0.05"), (-5, "-0.05"), (12345, "123.45"), (-10000001, "-100000.01"),
                                   (Int64.min, "-92233720368547758.08")] {
            buffer = []
            CopyText.appendAmount(hundredths, to: &buffer)
            #expect(String(decoding: buffer, as: UTF8.self) == text)
        }
        for (value, text) in [(0.1, "0.1"), (-2.5e-7, "-2.5e-07"), (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"),
                              (Double.nan, "NaN")] {
            buffer = []
            CopyText.appendReal(value, to: &buffer)
            #expect(String(decoding: buffer, as: UTF8.self) == text)
        }
        buffer = []
        CopyText.appendInteger(-9_000_000_000, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "-9000000000")
    }
}
