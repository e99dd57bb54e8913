public import Foundation
public import GevinstCore
public import GevinstWarehouse
public import Logging

public struct StageNotBuilt: CategorizedError {
    public var category: FailureCategory { .internal }
    public var description: String { "the gains stage is not built yet" }
}

public enum GainsStage {
    public static func run(_ warehouse: Warehouse, pipeline: Pipeline, asOfOverride: Period?, runID: Int64, now: Date, logger: Logger) throws(StageNotBuilt) -> StageSummary {
        throw StageNotBuilt()
    }
}
