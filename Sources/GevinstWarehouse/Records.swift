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

    /// Stores findings of a stage (and, for import, of one file), in order. A stage may raise tens of
    /// thousands (the gains stage on 10 000 initiatives), so they go in multi-row INSERTs prepared once.
    public static func insert(_ findings: [Finding], stage: String, runID: Int64?, fileID: Int64?, _ db: Database) throws {
        guard !findings.isEmpty else { return }
        var insert = try TableInsert<FindingsTable>(db, columns: FindingsTable.Column.allCases.filter { $0 != .id },
                                                    batchSize: Int32(min(findings.count, 128)))
        for finding in findings {
            let details = try DetailsJSON.encode(finding.details)
            let row = try insert.row()
            try row.bind(.stage, stage)
            try row.bind(.runID, runID)
            try row.bind(.fileID, fileID)
            try row.bind(.kind, finding.kind.rawValue)
            try row.bind(.severity, finding.severity.rawValue)
            try row.bind(.source, finding.source)
            try row.bind(.file, finding.file)
            try row.bind(.initiative, finding.initiative)
            try row.bind(.relatedInitiative, finding.relatedInitiative)
            try row.bind(.indicator, finding.indicator)
            try row.bind(.orgUnit, finding.orgUnit)
            try row.bind(.details, details)
            try row.bind(.quarter, finding.quarter?.code)
        }
        try insert.finish()
    }

    /// Removes a compute stage's findings before it stores new ones.
    public static func deleteFindings(stage: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM \(FindingsTable.name) WHERE \(FindingsTable.Column.stage.quoted) = ?", arguments: [stage])
    }

    /// The findings that describe the warehouse as it is: those of compute stages, and those of
    /// current imported files. Ordered for stable reports.
    public static func currentFindings(_ db: Database) throws -> [Finding] {
        typealias Column = FindingsTable.Column
        typealias File = FilesTable.Column
        let order: [Column] = [.kind, .initiative, .relatedInitiative, .indicator, .orgUnit, .quarter, .source, .file, .details]
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(FindingsTable.columnList("f")) FROM \(FindingsTable.name) AS f
            LEFT JOIN \(FilesTable.name) AS fi ON fi.\(File.id.quoted) = f.\(Column.fileID.quoted)
            WHERE f.\(Column.fileID.quoted) IS NULL OR fi.\(File.current.quoted) = 1
            ORDER BY CASE f.\(Column.stage.quoted) WHEN 'import' THEN 0 WHEN 'trends' THEN 1 WHEN 'gains' THEN 2 ELSE 3 END,
                     f.\(Column.severity.quoted) DESC, \(order.map { "f.\($0.quoted)" }.joined(separator: ", "))
            """)
        return rows.compactMap { row -> Finding? in
            let kindText: String = row[Column.kind], severityText: String = row[Column.severity]
            guard let kind = FindingKind(rawValue: kindText), let severity = Severity(rawValue: severityText) else { return nil }
            let detailsText: String = row[Column.details]
            let details = (try? JSONSerialization.jsonObject(with: Data(detailsText.utf8))) as? [String: String] ?? [:]
            let source: String? = row[Column.source], file: String? = row[Column.file]
            let initiative: String? = row[Column.initiative], related: String? = row[Column.relatedInitiative]
            let indicator: String? = row[Column.indicator], orgUnit: String? = row[Column.orgUnit]
            let quarter: Int? = row[Column.quarter]
            return Finding(kind, severity: severity, source: source, file: file, initiative: initiative, relatedInitiative: related,
                           indicator: indicator, orgUnit: orgUnit, quarter: quarter.flatMap(Quarter.init(code:)), details: details)
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
