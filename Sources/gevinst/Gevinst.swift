import ArgumentParser
import Foundation
import GevinstCore
import GevinstRunner
import Logging

/// The `gevinst` command: subcommands for the stages, validation, status and inspection.
@main
struct Gevinst: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gevinst",
        abstract: "Measures whether the gains promised in the budget were realised.",
        discussion: """
            Stages run in the order import → trends → gains → report (→ publish, when the pipeline has publish:). \
            `run` runs them all; each can run alone (for cron). Exit codes: 0 success, 64 usage or invalid pipeline, \
            65 data error, 66 input missing, 69 PostgreSQL server unavailable or login refused, 70 internal error, \
            73 cannot write output, 74 I/O error, 75 warehouse locked.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, ImportCommand.self, TrendsCommand.self, GainsCommand.self, ReportCommand.self,
                      PublishCommand.self, ValidateCommand.self, StatusCommand.self, InspectCommand.self, ForgetCommand.self]
    )
}

/// The sysexits table of SPEC §9 — the only place exit codes are decided.
enum ExitCodes {
    static func code(for category: FailureCategory?) -> Int32 {
        switch category {
        case nil: 0
        case .usage: 64
        case .data: 65
        case .inputMissing: 66
        case .internal: 70
        case .cannotWrite: 73
        case .io: 74
        case .locked: 75
        case .unavailable: 69
        case .interrupted: 128 + Interruption.signal
        }
    }
}

/// Options every stage command takes.
struct CommonOptions: ParsableArguments {
    @Argument(help: "The pipeline file (YAML), e.g. pipelines/example.yml.")
    var pipeline: String

    @Option(help: "Wait up to this many seconds for another run to release the warehouse.")
    var wait: Double?

    @Flag(name: .shortAndLong, help: "Log only warnings and errors; a run with rejects, failed files or warnings still says so in one line.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log every file, including skipped ones.")
    var verbose = false

    @Option(help: "Log format on stderr: text or json.")
    var logFormat: LogFormat = .text

    /// The longest `--wait`: a day.
    static let longestWait = 86_400.0

    func validate() throws {
        // `!(…)` also refuses NaN, which fails every comparison.
        if let wait, !(wait >= 0 && wait <= Self.longestWait) {
            throw ValidationError("--wait must be a number of seconds from 0 to \(Int(Self.longestWait)), not '\(wait)'")
        }
    }
}

/// `--force`, for the commands that import or compute.
struct ForceOption: ParsableArguments {
    @Flag(help: "Import files again even when their content was imported before, and compute and write every figure and report file even when nothing they read changed.")
    var force = false
}

/// `--as-of`, for the commands that assess gains.
struct AsOfOption: ParsableArguments {
    @Option(help: "Assess gains at this quarter (e.g. 2025K2) instead of the pipeline's as_of.")
    var asOf: String?

    var quarter: Quarter? { asOf.flatMap(Quarter.init) }

    func validate() throws {
        guard let asOf else { return }
        guard Quarter(asOf) != nil else {
            throw ValidationError("--as-of must be a quarter such as 2025K2, not '\(asOf)'")
        }
    }
}

/// `--strict`, for the commands that reject rows or raise findings.
struct StrictOption: ParsableArguments {
    @Flag(help: "Fail (exit 65) while the warehouse holds rejected rows or warning findings, of this run or earlier ones.")
    var strict = false
}

enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Loads the pipeline, runs the stages, prints a summary, and exits with the table's code.
func execute(_ stages: [Stage], _ options: CommonOptions, force: Bool = false, asOf: Quarter? = nil, strict: Bool = false,
             validateOnly: Bool = false, forget: (source: String, path: String)? = nil) throws -> Never {
    let logger = Logging.bootstrapOnce(format: options.logFormat, level: options.quiet ? .warning : options.verbose ? .debug : .info)
    let pipeline: Pipeline
    do {
        pipeline = try PipelineLoader.load(path: options.pipeline)
    } catch {
        let code = ExitCodes.code(for: error.category)
        RunSummaryPrinter.write([.init("failed: \(error.description)", error: true)], exitCode: code, json: options.logFormat == .json)
        Foundation.exit(code)
    }
    let signals = stopOnSignals()
    let runOptions = RunOptions(stages: stages, asOf: asOf, force: force, wait: options.wait, strict: strict, validateOnly: validateOnly,
                                forget: forget)
    let progress = ProgressBar.forStandardError(enabled: !options.quiet && options.logFormat == .text)
    let result = stages == [.publish] ? PipelineRunner.publish(pipeline, logger: logger)
        : PipelineRunner.run(pipeline, options: runOptions, logger: logger, progress: progress?.update)
    progress?.finish()
    withExtendedLifetime(signals) {}
    let code = ExitCodes.code(for: result.failure)
    if options.quiet {
        RunSummaryPrinter.printQuiet(result, pipeline: pipeline, validateOnly: validateOnly, exitCode: code, json: options.logFormat == .json)
    } else {
        RunSummaryPrinter.print(result, pipeline: pipeline, validateOnly: validateOnly, exitCode: code, json: options.logFormat == .json)
    }
    Foundation.exit(code)
}

/// SIGINT and SIGTERM stop a run cleanly (`PipelineRunner.stop`: the file in progress rolls back,
/// temporary files go, the run is recorded `interrupted`, exit 130 or 143); a second one ends the
/// process at once.
private func stopOnSignals() -> [any DispatchSourceSignal] {
    [SIGINT, SIGTERM].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            if !PipelineRunner.stop(signal: number) { _exit(128 + number) }
        }
        source.resume()
        return source
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run every stage: import, trends, gains, report.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var force: ForceOption
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var strict: StrictOption
    func run() throws { try execute(Stage.allCases, options, force: force.force, asOf: asOf.quarter, strict: strict.strict) }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import the pipeline's sources into the warehouse.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var force: ForceOption
    @OptionGroup var strict: StrictOption
    func run() throws { try execute([.import], options, force: force.force, strict: strict.strict) }
}

struct TrendsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trends", abstract: "Compute indicator trends from the warehouse.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var force: ForceOption
    @OptionGroup var strict: StrictOption
    func run() throws { try execute([.trends], options, force: force.force, strict: strict.strict) }
}

struct GainsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gains", abstract: "Compute realised versus planned gains.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var force: ForceOption
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var strict: StrictOption
    func run() throws { try execute([.gains], options, force: force.force, asOf: asOf.quarter, strict: strict.strict) }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Write the reports from the warehouse.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var force: ForceOption
    func run() throws { try execute([.report], options, force: force.force) }
}

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Copy the warehouse's current state to the PostgreSQL server named in the pipeline's publish: section.",
        discussion: "The password comes from PGPASSWORD or ~/.pgpass, never from the pipeline. Reads the warehouse only.")
    @OptionGroup var options: CommonOptions
    func run() throws { try execute([.publish], options) }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Read the pipeline and every input, check them, and write nothing.")
    @OptionGroup var options: CommonOptions
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var strict: StrictOption
    func run() throws { try execute([.import, .trends, .gains], options, asOf: asOf.quarter, strict: strict.strict, validateOnly: true) }
}

struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Remove what one file of a source stored (the values go to the history), e.g. a file imported by mistake.",
        discussion: "PATH is relative to the pipeline's root, as `gevinst status` lists it. Run the other stages afterwards.")
    @OptionGroup var options: CommonOptions
    @Argument(help: "The source's id in the pipeline file.")
    var source: String
    @Argument(help: "The file's path relative to the pipeline's root.")
    var path: String
    func run() throws { try execute([], options, forget: (source, path)) }
}
