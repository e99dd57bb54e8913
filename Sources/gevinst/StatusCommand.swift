import ArgumentParser
import Foundation
import GevinstRunner

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show recent runs, imported files and counts.")

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Option(help: "How many recent runs to show.")
    var runs = 10

    func validate() throws {
        guard runs >= 0 else { throw ValidationError("--runs must be 0 or more, not \(runs)") }
    }

    func run() throws {
        let status: WarehouseStatus
        do throws(RunnerError) {
            status = try WarehouseStatus.read(try PipelineLoader.load(path: pipeline), runs: runs)
        } catch {
            FileHandle.standardError.write(Data("gevinst: \(error.description)\n".utf8))
            throw ExitCode(ExitCodes.code(for: error.category))
        }
        var out = "Warehouse: \(status.warehouse)\n\nRecent runs:\n"
        for run in status.runs {
            out += "  #\(run.id)  \(run.startedAt)  \(run.stages)  \(run.outcome)"
            if let asOf = run.asOf { out += "  as_of \(asOf)" }
            if let message = run.message { out += "\n        \(message)" }
            out += "\n"
        }
        out += "\nImported files (current):\n"
        for file in status.files {
            out += "  \(file.source)  \(file.path)  rows \(file.loaded), missing \(file.missing), rejected \(file.rejected)  \(file.importedAt)  sha256 \(file.sha256.prefix(12))…\n"
        }
        out += "\nTables:\n"
        for (table, rows) in status.counts { out += "  \(table.padding(toLength: 20, withPad: " ", startingAt: 0)) \(rows)\n" }
        print(out, terminator: "")
    }
}
