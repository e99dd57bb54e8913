public import Foundation
public import GevinstCore
public import GevinstWarehouse
public import Logging

public struct StageNotBuilt: CategorizedError {
    public var category: FailureCategory { .internal }
    public var description: String { "the report stage is not built yet" }
}

public enum ReportStage {
    public static func run(_ warehouse: Warehouse, pipeline: Pipeline, runID: Int64, now: Date, logger: Logger) throws(StageNotBuilt) -> StageSummary {
        throw StageNotBuilt()
    }
}
