public import GRDB
public import Foundation
public import GevinstCore

/// Writes and reads the rows that every stage shares: runs, findings and stage state.
public enum SharedRecords {
    /// Starts a run record and returns its id.
    public static func startRun(_ db: Database, pipeline: String, stages: [String], startedAt: Date) throws -> Int64 {
        try RunsTable.insert(db, [.pipeline: pipeline, .stages: stages.joined(separator: ","),
                                  .startedAt: timestamp(startedAt), .pid: Int(getpid())])
        return db.lastInsertedRowID
    }

    /// Ends a run record with its outcome, exit code and counts (JSON object).
    public static func endRun(_ db: Database, id: Int64, endedAt: Date, outcome: String,
                              message: String?, counts: [String: Int], asOf: Quarter?) throws {
        let data = try JSONSerialization.data(withJSONObject: counts, options: [.sortedKeys])
        typealias Column = RunsTable.Column
        try db.execute(sql: """
            UPDATE \(RunsTable.name) SET \(Column.endedAt.quoted) = ?, \(Column.outcome.quoted) = ?, \(Column.message.quoted) = ?,
                \(Column.counts.quoted) = ?, \(Column.asOf.quoted) = COALESCE(?, \(Column.asOf.quoted))
            WHERE \(Column.id.quoted) = ?
            """, arguments: [timestamp(endedAt), outcome, message, String(decoding: data, as: UTF8.self),
                             asOf?.code, id])
    }

    /// Stores findings of a stage (and, for import, of one file), in order.
    public static func insert(_ findings: [Finding], stage: String, runID: Int64?, fileID: Int64?, _ db: Database) throws {
        guard !findings.isEmpty else { return }
        var insert = try FindingInsert(db, stage: stage, runID: runID, fileID: fileID, batchSize: Int32(min(findings.count, 128)))
        for finding in findings { try insert.append(finding) }
        try insert.finish()
    }

    /// Removes a compute stage's findings before it stores new ones.
    public static func deleteFindings(stage: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM \(FindingsTable.name) WHERE \(FindingsTable.Column.stage.quoted) = ?", arguments: [stage])
    }

    /// The findings that describe the warehouse as it is: those of compute stages, and those of
    /// current imported files. Ordered for stable reports.
    public static func currentFindings(_ db: Database) throws -> [Finding] {
        var findings: [Finding] = []
        try forEachCurrentFinding(db) { findings.append($0) }
        return findings
    }

    /// `currentFindings` one at a time, read through a cursor: a report of 50 000 findings need
    /// not hold them.
    public static func forEachCurrentFinding(_ db: Database, _ body: (Finding) throws -> Void) throws {
        typealias Column = FindingsTable.Column
        typealias File = FilesTable.Column
        let order: [Column] = [.kind, .initiative, .relatedInitiative, .indicator, .orgUnit, .quarter, .source, .file, .details]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(FindingsTable.columnList("f")) FROM \(FindingsTable.name) AS f
            LEFT JOIN \(FilesTable.name) AS fi ON fi.\(File.id.quoted) = f.\(Column.fileID.quoted)
            WHERE f.\(Column.fileID.quoted) IS NULL OR fi.\(File.current.quoted) = 1
            ORDER BY CASE f.\(Column.stage.quoted) WHEN 'import' THEN 0 WHEN 'trends' THEN 1 WHEN 'gains' THEN 2 ELSE 3 END,
                     f.\(Column.severity.quoted) DESC, \(order.map { "f.\($0.quoted)" }.joined(separator: ", "))
            """)
        while let row = try rows.next() {
            let kindText: String = row[Column.kind], severityText: String = row[Column.severity]
            guard let kind = FindingKind(rawValue: kindText), let severity = Severity(rawValue: severityText) else { continue }
            let detailsText: String = row[Column.details]
            let details = (try? JSONSerialization.jsonObject(with: Data(detailsText.utf8))) as? [String: String] ?? [:]
            let source: String? = row[Column.source], file: String? = row[Column.file]
            let initiative: String? = row[Column.initiative], related: String? = row[Column.relatedInitiative]
            let indicator: String? = row[Column.indicator], orgUnit: String? = row[Column.orgUnit]
            let quarter: Int? = row[Column.quarter]
            try body(Finding(kind, severity: severity, source: source, file: file, initiative: initiative, relatedInitiative: related,
                             indicator: indicator, orgUnit: orgUnit, quarter: quarter.flatMap(Quarter.init(code:)), details: details))
        }
    }

    /// Records that a stage finished, with the state of what it read (`inputs`, stored as JSON;
    /// `StageStateTable.recorded` reads it back).
    public static func recordStage(_ stage: String, runID: Int64, asOf: Quarter?, finishedAt: Date, inputs: some Encodable,
                                   _ db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(RecordedInputs(program: Program.fingerprint, inputs: inputs)), as: UTF8.self)
        try StageStateTable.insert(db, [.stage: stage, .runID: runID, .asOf: asOf?.code, .finishedAt: timestamp(finishedAt), .inputs: text],
                                   conflict: StageStateTable.upsert([.runID, .asOf, .finishedAt, .inputs]))
    }

    /// ISO 8601 in UTC with seconds, the form every timestamp in the warehouse takes.
    public static func timestamp(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ v: Int32, _ width: Int = 2) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
    }
}

/// A stage's recorded inputs together with the gevinst that recorded them: they count only for the
/// same program, so a new gevinst (a changed rule, a changed report text) computes again once, on its
/// own, without `--force`.
struct RecordedInputs<State> {
    var program: String
    var inputs: State
}

extension RecordedInputs: Encodable where State: Encodable {}
extension RecordedInputs: Decodable where State: Decodable {}

/// The running gevinst: size and modification time of its executable (a new build or install
/// changes both).
enum Program {
    static let fingerprint: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
