import Foundation
import GevinstCore
@testable import GevinstPublish
import GevinstTestSupport
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
    /// What `write` appends to an empty buffer, as a string.
    func text(_ write: (inout ByteWriter) -> Void) -> String {
        var buffer = ByteWriter(capacity: 1)
        write(&buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test("text escapes backslash, tab, line breaks; amounts have two places; reals read back; non-finite in PostgreSQL's words")
    func encoding() {
        #expect(text { buffer in Array("a\\b\tc\nd\re".utf8).withUnsafeBytes { CopyText.appendText($0, to: &buffer) } }
                == #"a\\b\tc\nd\re"#)
        #expect(text { buffer in Array("plain æøå text".utf8).withUnsafeBytes { CopyText.appendText($0, to: &buffer) } }
                == "plain æøå text")
        for (hundredths, expected) in [(Int64(0), "0.00"), (5, "0.05"), (-5, "-0.05"), (12345, "123.45"), (-10000001, "-100000.01"),
                                       (Int64.min, "-92233720368547758.08")] {
            #expect(text { CopyText.appendAmount(hundredths, to: &$0) } == expected)
        }
        for (value, expected) in [(0.1, "0.1"), (-2.5e-7, "-2.5e-07"), (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"),
                                  (Double.nan, "NaN"), (12.0, "12"), (-0.0, "-0"), (9.9, "9.9"), (0.000123, "0.000123"),
                                  (1e16, "1e+16"), (0.8975570252395735, "0.8975570252395735")] {
            #expect(text { CopyText.appendReal(value, to: &$0) } == expected)
        }
        #expect(text { CopyText.appendInteger(-9_000_000_000, to: &$0) } == "-9000000000")
        #expect(text { CopyText.appendInteger(Int64.min, to: &$0) } == "-9223372036854775808")
    }

    @Test("every real reads back as the same double, the short decimals as well as the rest")
    func realsReadBack() {
        var generator = SeededRandom(seed: 19)
        // The last two once matched a short decimal only at five or six places, past UInt64's range (a trap).
        var values: [Double] = [0, 1, -1, 0.1, 0.2, 0.3, 1.005, 2.675, 1e14 + 0.5, 999_999_999.999_999, 4.35, 0.07, 1e-6, 1.5e-6,
                                258_989_296_249_411.34, -31_311_633_004_214.582]
        let (low, high) = ((1e12).bitPattern, (1e15).bitPattern)
        for _ in 0..<20_000 {
            values.append(Double(bitPattern: UInt64.random(in: low...high, using: &generator)))
            values.append(Double(Int64.random(in: -10_000_000...10_000_000, using: &generator)) / [1, 10, 100, 1000, 1e6][Int.random(in: 0..<5)])
            values.append(Double.random(in: -1e6...1e6, using: &generator))
            values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
        }
        for value in values where value.isFinite {
            let written = text { CopyText.appendReal(value, to: &$0) }
            #expect(Double(written)?.bitPattern == value.bitPattern, "\(value) written as \(written)")
        }
    }

    @Test("a period code is written as Period prints it, and a code that is no period as its number")
    func periods() {
        for period in [Period.year(2024), .quarter(2024, 1), .quarter(999, 4), .month(2024, 3), .month(2024, 12)] {
            #expect(text { CopyText.appendPeriod(Int64(period.code), to: &$0) } == period.description)
        }
        #expect(text { CopyText.appendPeriod(2024305, to: &$0) } == "2024305")
    }

    @Test("the buffer grows past its first capacity, keeping what it holds")
    func growth() {
        let long = String(repeating: "kommune\t", count: 10_000)
        let written = text { buffer in
            buffer.append(UInt8(ascii: "<"))
            Array(long.utf8).withUnsafeBytes { CopyText.appendText($0, to: &buffer) }
            buffer.appendDigits(42, minimum: 5)
        }
        #expect(written == "<" + String(repeating: #"kommune\t"#, count: 10_000) + "00042")
    }
}
