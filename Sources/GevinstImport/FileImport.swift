import GRDB
import GevinstCore
import GevinstWarehouse

/// Counts of one file, as recorded in the `files` table.
struct FileCounts: Equatable {
    var read = 0, loaded = 0, missing = 0, collapsed = 0, rejected = 0
}

/// Imports one file's rows inside the caller's transaction: interprets, checks keys, stores,
/// and records rejects with their position and reason.
struct FileImport {
    let db: Database
    let source: Source
    let relativePath: String
    let fileID: Int64
    private(set) var counts = FileCounts()
    private(set) var findings: [Finding] = []
    /// Rejected rows per initiative (registers) or indicator (measurements) they name (nil: none),
    /// with their periods: one `rows_rejected` warning each when the file is done, so that no lost
    /// row goes unseen and a reader knows which figures lack data.
    private var rejectedByOwner: [String?: (count: Int, periods: Set<Period>)] = [:]
    /// One of the two, by the source's kind.
    private var registers: RegisterWriter?
    private var measurements: MeasurementWriter?
    /// The reading side's checks, back from the reading once the rows are read.
    private var checks: MeasurementChecks?
    private let rejectStatement: Statement
    /// The columns `rejectStatement` binds, in order.
    private static let rejectColumns: [RejectsTable.Column] = [.fileID, .source, .file, .line, .column, .field, .kind, .reason, .text]

    init(db: Database, source: Source, relativePath: String, fileID: Int64) throws {
        self.db = db
        self.source = source
        self.relativePath = relativePath
        self.fileID = fileID
        if source.kind == .measurements {
            measurements = try MeasurementWriter(db: db, fileID: fileID, source: source.id, relativePath: relativePath)
        } else {
            registers = try RegisterWriter(db: db, kind: source.kind, fileID: fileID, together: source.mode == .replace ? source.id : nil)
        }
        rejectStatement = try db.makeStatement(sql: RejectsTable.insertSQL(FileImport.rejectColumns))
    }

    /// Reads every row of `reader` into the warehouse. Measurements are read on a thread of their
    /// own while this one stores them (`MeasurementPipeline`).
    mutating func importRows(from reader: any MappedRowReader) throws {
        let interpreter = RowInterpreter(kind: source.kind, mark: reader.dialect.decimalMark, missing: source.missing,
                                         evidence: reader.dialect.decimalEvidence)
        guard source.kind == .measurements else {
            try reader.forEachRow { row in try self.store(row, interpreter) }
            return
        }
        try importMeasurements(from: MeasurementRowReading(reader: reader, interpreter: interpreter, checks: try MeasurementChecks(db)))
    }

    /// Stores the measurements of a reading side, which runs on a thread of its own (a file's
    /// mapped rows, or a cube's cells), with the findings its reader raised.
    mutating func importMeasurements(from reading: some MeasurementReading, findings: [Finding] = []) throws {
        try MeasurementPipeline.run(reading) { op in try self.apply(op) }
        checks = reading.checks
        self.findings += findings
    }

    /// Stores one op of a measurement file's reading side.
    private mutating func apply(_ op: MeasurementOp) throws {
        switch op {
        case .new(let series, let period, let value):
            counts.read += 1
            try measurements!.writeNew(series: series, period: period, value: value)
            counts.loaded += 1
        case .repeated(let series, let period, let value, let context):
            counts.read += 1
            if let problem = try measurements!.writeRepeated(series: series, period: period, value: value, key: context.key) {
                try reject(problem, line: context.line, column: context.column, text: context.text, place: context.place)
            } else {
                counts.loaded += 1
            }
        case .series(let indicator, let orgUnit):
            try measurements!.addSeries(indicator: indicator, orgUnit: orgUnit)
        case .missing:
            counts.read += 1
            counts.missing += 1
        case .rejected(let context):
            counts.read += 1
            try reject(context.problem!, line: context.line, column: context.column, text: context.text, place: context.place)
        }
    }

    private mutating func store(_ row: MappedRow, _ interpreter: RowInterpreter) throws {
        counts.read += 1
        if let problem = row.problem {
            try reject(problem, line: row.line, column: row.column, text: row.text(), place: row.rejectPlace(source.kind))
            return
        }
        let stored: Stored
        switch source.kind {
        case .indicators: stored = try Self.apply(interpreter.indicator(row)) { try registers!.write($0, line: row.line) }
        case .initiatives: stored = try Self.apply(interpreter.initiative(row)) { try registers!.write($0, line: row.line) }
        case .gainPlans, .gainsReported:
            stored = try Self.apply(interpreter.amount(row)) { try registers!.write($0); return nil }
        case .gainLinks: stored = try Self.apply(interpreter.link(row)) { try registers!.write($0, line: row.line) }
        case .orgUnits: stored = try Self.apply(interpreter.orgUnit(row)) { try registers!.write($0, line: row.line) }
        case .budgetTargets:
            stored = try Self.apply(interpreter.budgetTarget(row, source: source.id)) { try registers!.write($0); return nil }
        case .gainComments: stored = try Self.apply(interpreter.comment(row)) { try registers!.write($0, line: row.line) }
        case .gainForecasts: stored = try Self.apply(interpreter.forecast(row)) { try registers!.write($0, line: row.line) }
        case .actions: stored = try Self.apply(interpreter.action(row)) { try registers!.write($0, line: row.line) }
        case .measurements: preconditionFailure("measurement rows go through MeasurementPipeline")
        }
        switch stored {
        case .loaded: counts.loaded += 1
        case .missing: counts.missing += 1
        case .rejected(let problem): try reject(problem, line: row.line, column: row.column, text: row.text(), place: row.rejectPlace(source.kind))
        }
    }

    private enum Stored {
        case loaded, missing
        case rejected(RowProblem)
    }

    private static func apply<Row>(_ outcome: RowOutcome<Row>, _ write: (Row) throws -> RowProblem?) throws -> Stored {
        switch outcome {
        case .row(let row): return try write(row).map(Stored.rejected) ?? .loaded
        case .missing: return .missing
        case .rejected(let problem): return .rejected(problem)
        }
    }

    /// Stores measurements an accounting reader computed (SAF-T, KOSTRA), with the reader's
    /// findings; its indicators default to aggregation sum at `frequency`.
    mutating func importMeasurements(_ rows: [MeasurementRow], ledgerIndicators: [String], frequency: PeriodKind,
                                     findings: [Finding]) throws {
        var checks = try MeasurementChecks(db)
        for indicator in ledgerIndicators {
            let effective = try measurements!.declareLedgerIndicator(indicator, frequency: frequency, origin: source.format)
            checks.declareLedgerIndicator(indicator, frequency: effective)
        }
        for row in rows {
            let text = { "\(row.indicator);\(row.orgUnit);\(row.period);\(row.value)" }
            guard abs(row.value) <= NumberParser.largest else {
                // A month's sum beyond 10^15, like any value that large, is not stored.
                let problem = RowProblem(.numberTooLarge, field: "value", reason: "\(NumberError.tooLarge(String(row.value)))")
                try apply(.rejected(RowContext(problem: problem, line: nil, column: nil, text: text(),
                                               place: RejectPlace(owner: row.indicator, period: row.period))))
                continue
            }
            try checks.ops(for: row, line: nil, column: nil, text: text) {
                try self.apply($0)
            }
        }
        self.checks = checks
        self.findings += findings
    }

    /// Records a line the format's reader rejected before computing its measurements (KOSTRA): the
    /// line is not yet a measurement, so its warning names no indicator.
    mutating func rejectLine(_ problem: RowProblem, line: Int, text: String) throws {
        counts.read += 1
        try reject(problem, line: line, column: nil, text: text)
    }

    /// Records a reject; under `on_error: fail` the first one fails the whole file. `place` is what
    /// the reject's warning names.
    mutating func reject(_ problem: RowProblem, line: Int?, column: Int?, text: String, place: RejectPlace = RejectPlace()) throws {
        if problem.failsFile {
            throw ImportError(source: source.id, file: relativePath, line: line, column: column, cause: problem.reason, category: .data)
        }
        if source.onError == .fail {
            throw ImportError(source: source.id, file: relativePath, line: line, column: column,
                              cause: "\(problem.field.map { "\($0): " } ?? "")\(problem.reason) (on_error: fail, so nothing of this file was stored)",
                              category: .data)
        }
        counts.rejected += 1
        var group = rejectedByOwner[place.owner] ?? (0, [])
        group.count += 1
        if let period = place.period { group.periods.insert(period) }
        rejectedByOwner[place.owner] = group
        rejectStatement.setUncheckedArguments([fileID, source.id, relativePath, line, column, problem.field, problem.kind.rawValue, problem.reason,
                                                String(text.prefix(1000))])
        try rejectStatement.execute()
    }

    /// A measurement warning lists the periods when there are at most this many, else their years.
    static let listedPeriods = 12

    /// One warning per initiative (registers) or indicator (measurements) that rejected rows name,
    /// and one for rows that name none: with the periods (measurements) or years they concern.
    private var rejectFindings: [Finding] {
        rejectedByOwner.sorted { ($0.key ?? "") < ($1.key ?? "") }.map { owner, group in
            var details = ["count": String(group.count), "input": source.kind.name]
            let periods = group.periods.sorted()
            if source.kind == .measurements, !periods.isEmpty, periods.count <= Self.listedPeriods {
                details["periods"] = periods.map(\.description).joined(separator: ", ")
            } else if !periods.isEmpty {
                details["years"] = Set(periods.map(\.year)).sorted().map(String.init).joined(separator: ", ")
            }
            return source.kind == .measurements
                ? Finding(.rowsRejected, source: source.id, file: relativePath, indicator: owner, details: details)
                : Finding(.rowsRejected, source: source.id, file: relativePath, initiative: owner, details: details)
        }
    }

    /// Completes the file: writes what waits, registers unknown indicators and collects findings.
    mutating func finish() throws -> [Finding] {
        findings += rejectFindings
        try registers?.finish()
        if var measurements {
            findings += try measurements.finish(try checks ?? MeasurementChecks(db))
            counts.collapsed = measurements.collapsed
            counts.loaded -= measurements.collapsed
            self.measurements = measurements
        }
        return findings
    }
}

/// The reading side of a measurements file of mapped rows: the reader's fast path where it has
/// one, every other row through the general mapping and `RowInterpreter`.
private final class MeasurementRowReading: MeasurementReading, @unchecked Sendable {
    // Used by one thread at a time: the reading thread while it runs, the caller after.
    let reader: any MappedRowReader
    let interpreter: RowInterpreter
    var checks: MeasurementChecks

    init(reader: any MappedRowReader, interpreter: RowInterpreter, checks: MeasurementChecks) {
        self.reader = reader
        self.interpreter = interpreter
        self.checks = checks
    }

    func run(_ emit: (MeasurementOp) throws -> Void) throws {
        try reader.forEachMeasurement(interpreter) { row, line, text in
            guard let row else { return try emit(.missing) }
            try checks.ops(for: row, line: line, column: nil, text: text, emit)
        } other: { row in
            try self.ops(for: row, emit)
        }
    }

    private func ops(for row: MappedRow, _ emit: (MeasurementOp) throws -> Void) throws {
        if let problem = row.problem {
            return try emit(.rejected(RowContext(problem: problem, line: row.line, column: row.column, text: row.text(),
                                                 place: row.rejectPlace(.measurements))))
        }
        switch interpreter.measurement(row) {
        case .row(let measurement):
            try checks.ops(for: measurement, line: row.line, column: row.column, text: row.text, emit)
        case .missing:
            try emit(.missing)
        case .rejected(let problem):
            try emit(.rejected(RowContext(problem: problem, line: row.line, column: row.column, text: row.text(),
                                          place: row.rejectPlace(.measurements))))
        }
    }
}
