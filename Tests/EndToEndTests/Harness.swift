import Foundation
import GRDB
import Testing

/// Runs the built `gevinst` binary in a scratch copy of a workspace.
struct Gevinst {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root (for the example data) and the built binary next to the test bundle.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built binary; `GEVINST_BINARY` names another (an older build, to see a test fail before its fix).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["GEVINST_BINARY"] { return URL(fileURLWithPath: path) }
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("gevinst")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/gevinst")
    }

    /// Runs `gevinst` with `arguments` in `directory`, with `environment` added to this process's.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, timeout: TimeInterval = 120,
                    environment: [String: String] = [:]) throws -> Result {
        try run(executable: binary, arguments, in: directory, environment: environment)
    }

    /// Runs any program to its end and collects its output (psql, for the publish tests, too).
    static func run(executable: URL, _ arguments: [String], in directory: URL?, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a chatty run cannot block on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary directory, removed when the test ends.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gevinst-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Writes text (UTF-8 unless bytes are given) at a relative path, creating folders.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Data(text.utf8))
    }

    func write(_ relative: String, bytes: Data) throws {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: target)
    }

    /// Copies the shipped example (data and pipeline) into the scratch directory.
    func copyExample() throws {
        for item in ["data/example", "pipelines/example.yml"] {
            let target = url.appendingPathComponent(item)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Gevinst.packageRoot.appendingPathComponent(item), to: target)
        }
    }

    /// Rows of a query on a warehouse in the scratch directory, every value as text ("" for NULL).
    func query(_ warehouse: String, _ sql: String) throws -> [[String]] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path(warehouse), configuration: configuration)
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: ""
                    case .int64(let v): String(v)
                    case .double(let v): String(v)
                    case .string(let v): v
                    case .blob: "<blob>"
                    }
                }
            }
        }
    }

    func count(_ warehouse: String, _ sql: String) throws -> Int {
        Int(try query(warehouse, sql).first?.first ?? "") ?? -1
    }
}
