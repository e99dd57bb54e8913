public import GRDB
public import GevinstCore

/// `findings`: one row per finding of a stage (and, for import, of one file); `quarter` is a quarter code.
public enum FindingsTable: WarehouseTable {
    public static let name = "findings"
    public static let key: [Column] = [.id]

    public enum Column: String, TableColumn {
        case id
        case stage
        case runID = "run_id"
        case fileID = "file_id"
        case kind
        case severity
        case source
        case file
        case initiative
        case relatedInitiative = "related_initiative"
        case indicator
        case orgUnit = "org_unit"
        case details
        case quarter
    }
}

/// Stores findings one at a time, as a stage raises them, in multi-row INSERTs prepared once: a
/// stage that raises tens of thousands (the gains stage on 10 000 initiatives) need not hold them.
public struct FindingInsert {
    private var insert: TableInsert<FindingsTable>
    private let stage: String, runID: Int64?, fileID: Int64?

    public init(_ db: Database, stage: String, runID: Int64?, fileID: Int64?, batchSize: Int32 = 128) throws {
        insert = try TableInsert(db, columns: FindingsTable.Column.allCases.filter { $0 != .id }, batchSize: batchSize)
        (self.stage, self.runID, self.fileID) = (stage, runID, fileID)
    }

    public mutating func append(_ finding: Finding) throws {
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

    /// Writes the findings of the last, partial batch.
    public mutating func finish() throws {
        try insert.finish()
    }
}
