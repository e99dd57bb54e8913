import GRDB
import GevinstCore
import GevinstWarehouse

/// The gains stage's findings, stored as they are raised rather than held to the end (46 000 to
/// 57 000 at 10 000 initiatives). `unknown_initiative` findings are held until `finish` instead:
/// an initiative has one, and each later table that names it (the A3 actions, comments,
/// forecasts) is added to its `named_by`.
struct GainFindings {
    private var insert: FindingInsert
    private var unknown: [Finding] = []
    /// By initiative: its `unknown_initiative` finding's index in `unknown`.
    private var unknownIndex: [String: Int] = [:]
    /// The findings raised so far.
    private(set) var count = 0

    /// Deletes the stage's earlier findings; the new ones are stored under `runID`.
    init(_ db: Database, stage: String, runID: Int64) throws {
        try SharedRecords.deleteFindings(stage: stage, db)
        insert = try FindingInsert(db, stage: stage, runID: runID, fileID: nil)
    }

    mutating func raise(_ finding: Finding) throws {
        guard finding.kind == .unknownInitiative, let initiative = finding.initiative else {
            try insert.append(finding)
            count += 1
            return
        }
        guard let index = unknownIndex[initiative] else {
            unknownIndex[initiative] = unknown.count
            unknown.append(finding)
            count += 1
            return
        }
        let namedBy = [unknown[index].details["named_by"], finding.details["named_by"]].compactMap { $0 }.filter { !$0.isEmpty }
        unknown[index].details["named_by"] = namedBy.joined(separator: ",")
    }

    /// Stores the held findings and the last, partial batch.
    mutating func finish() throws {
        for finding in unknown { try insert.append(finding) }
        try insert.finish()
    }
}
