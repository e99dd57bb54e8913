public import GevinstCore
import GevinstPublish
public import Logging

extension PipelineRunner {
    /// `gevinst publish`: copies the warehouse's current state to PostgreSQL. It only reads the
    /// warehouse (one consistent snapshot, no lock, no run record), so that a server that is down
    /// leaves everything local as it was.
    public static func publish(_ pipeline: Pipeline, logger: Logger) -> RunResult {
        var result = RunResult()
        var logger = logger
        logger[metadataKey: "stage"] = "publish"
        do {
            result.summaries.append(try PublishStage.run(pipeline, runID: nil, logger: logger))
        } catch {
            logger.error("\(error.description)")
            result.failures.append(error)
            result.failure = error.category
        }
        return result
    }
}
