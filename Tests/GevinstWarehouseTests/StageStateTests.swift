import Foundation
import GRDB
import GevinstCore
import Testing
@testable import GevinstWarehouse

/// `stage_state.inputs`: what a stage read counts only for the gevinst that recorded it, so a new
/// gevinst (a changed rule or report text) computes again once without `--force`.
@Suite("Stage state")
struct StageStateTests {
    struct Inputs: Codable, Equatable {
        var lastFile: Int64
    }

    @Test("the recorded inputs come back for the same gevinst")
    func sameProgram() throws {
        let store = try TemporaryWarehouse()
        try store.warehouse.database.write { db in
            let run = try SharedRecords.startRun(db, pipeline: "p", stages: ["trends"], startedAt: Date())
            try SharedRecords.recordStage("trends", runID: run, asOf: Quarter(2025, 3), finishedAt: Date(), inputs: Inputs(lastFile: 7), db)
            let recorded = try StageStateTable.recorded("trends", as: Inputs.self, db)
            #expect(recorded?.inputs == Inputs(lastFile: 7))
            #expect(recorded?.asOf == Quarter(2025, 3))
        }
    }

    @Test("inputs recorded by another gevinst count as never recorded")
    func otherProgram() throws {
        let store = try TemporaryWarehouse()
        try store.warehouse.database.write { db in
            let run = try SharedRecords.startRun(db, pipeline: "p", stages: ["gains"], startedAt: Date())
            try SharedRecords.recordStage("gains", runID: run, asOf: nil, finishedAt: Date(), inputs: Inputs(lastFile: 7), db)
            try db.execute(sql: "UPDATE stage_state SET inputs = json_set(inputs, '$.program', 'an older gevinst') WHERE stage = 'gains'")
            #expect(try StageStateTable.recorded("gains", as: Inputs.self, db) == nil)
        }
    }
}
