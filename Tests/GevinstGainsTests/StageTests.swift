import Foundation
import GRDB
import GevinstCore
import GevinstWarehouse
import Testing
@testable import GevinstGains

@Suite struct AsOfTests {
    /// A warehouse whose one initiative plans 2024–2026 so that rows exist whatever as_of is.
    func store() throws -> TestWarehouse {
        let store = try TestWarehouse()
        try store.initiative("A")
        try store.plan("A", "budget", "2024", 400)
        try store.plan("A", "budget", "2026", 400)
        return store
    }

    @Test func autoTakesTheLatestQuarterOfAnyMeasurementOrReportedGain() throws {
        let store = try store()
        try store.measure("unlinked", "2025M05", 1)           // counts in 2025K2
        try store.report("A", "budget", "2025K1", 10)
        #expect(try store.runGains().asOf == Quarter(2025, 2))
        try store.report("A", "budget", "2025K3", 10)
        #expect(try store.runGains().asOf == Quarter(2025, 3))
        try store.measure("yearly", "2025", 1)                 // a year counts in its K4
        #expect(try store.runGains().asOf == Quarter(2025, 4))
    }

    @Test func withNothingMeasuredEveryQuarterIsFuture() throws {
        let store = try store()
        let summary = try store.runGains()
        #expect(summary.asOf == nil)
        let statuses = try store.warehouse.database.read { try String.fetchSet($0, sql: "SELECT status FROM gains_quarterly") }
        #expect(statuses == ["future"])
        let stageAsOf = try store.warehouse.database.read { try Int?.fetchOne($0, sql: "SELECT as_of FROM stage_state WHERE stage = 'gains'") }
        #expect(stageAsOf == .some(nil))
    }

    @Test func theOverrideWinsOverThePipelineWhichWinsOverAuto() throws {
        let store = try store()
        try store.measure("x", "2025K3", 1)
        #expect(try store.runGains(asOf: .quarter(Quarter(2024, 2))).asOf == Quarter(2024, 2))
        #expect(try store.runGains(asOf: .quarter(Quarter(2024, 2)), override: Quarter(2026, 1)).asOf == Quarter(2026, 1))
        #expect(try store.runGains(asOf: .auto).asOf == Quarter(2025, 3))
    }

    /// A typo period (`2205M01`) must not move as_of to 2205: values after the run's quarter are
    /// left out, with a warning naming the first.
    @Test func autoLeavesOutPeriodsAfterTheRunsQuarter() throws {
        let store = try store()
        try store.measure("x", "2025M05", 1)
        try store.measure("x", "2205M01", 1)
        try store.report("A", "budget", "2026K1", 10)
        let summary = try store.runGains(now: TestWarehouse.noon("2025-08-15"))
        #expect(summary.asOf == Quarter(2025, 2))
        let future = { try store.findings().filter { $0.kind == .futurePeriod } }
        #expect(try future() == [Finding(.futurePeriod, details: ["period": "2026K1", "count": "2"])])
        #expect(try store.runGains(now: TestWarehouse.noon("2026-02-01")).asOf == Quarter(2026, 1))
        #expect(try future() == [Finding(.futurePeriod, details: ["period": "2205M01", "count": "1"])])
    }

    @Test func anAsOfAfterTheRunsQuarterIsAWarning() throws {
        let store = try store()
        try store.runGains(override: Quarter(2026, 1), now: TestWarehouse.noon("2025-08-15"))
        let inFuture = { try store.findings().filter { $0.kind == .asOfInFuture } }
        #expect(try inFuture() == [Finding(.asOfInFuture, quarter: Quarter(2026, 1), details: ["period": "2025K3"])])
        try store.runGains(override: Quarter(2025, 3), now: TestWarehouse.noon("2025-08-15"))
        #expect(try inFuture().isEmpty)
    }
}

@Suite struct StageTests {
    @Test func storesFindingsStageStateAndCountsAndReplacesThemOnRerun() throws {
        let store = try TestWarehouse()
        try store.indicator("neutral", .neutral)
        try store.initiative("A", area: "Helse")
        try store.plan("A", "budget", "2025K1", 100)
        try store.link("A", "neutral", "budget", baseline: 1)
        try store.report("A", "budget", "2025K1", 100)

        let first = try store.runGains()
        #expect(first == StageSummary(stage: "gains", counts: [
            "quarter_rows": 1, "year_rows": 1, "area_rows": 2, "links_used": 0, "links_left_out": 1, "budget_rows": 0,
        ], findings: 1, asOf: Quarter(2025, 1)))
        let second = try store.runGains()
        #expect(second == first)
        let rows = try store.warehouse.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM findings WHERE stage = 'gains' AND run_id = ?", arguments: [store.runID]),
             try Row.fetchOne(db, sql: "SELECT run_id, as_of, finished_at FROM stage_state WHERE stage = 'gains'"))
        }
        #expect(rows.0 == 1)
        #expect(rows.1 == ["run_id": store.runID, "as_of": 2025101, "finished_at": "2030-01-01T12:00:00Z"])
        #expect(try store.findings() == [Finding(.linkRefused, initiative: "A", indicator: "neutral", orgUnit: "total", details: [
            "gain_type": "budget", "reason": "neutral_polarity", "polarity": "neutral", "frequency": "quarter",
        ])])
    }

    @Test func initiativesThatDifferOnlyInUnicodeNormalisationStayApart() throws {
        let store = try TestWarehouse()
        let composed = "Tiltak-\u{E9}", decomposed = "Tiltak-e\u{301}"
        try store.initiative(composed, area: "X")
        try store.initiative(decomposed, area: "Y")
        try store.initiative("Tiltak-z")
        try store.plan(composed, "time", "2025K1", 100)
        try store.plan(decomposed, "time", "2025K1", 200)
        try store.plan("Tiltak-z", "time", "2025K1", 300)
        try store.report(decomposed, "time", "2025K1", 50)
        try store.runGains()
        let rows = try store.warehouse.database.read { db in
            try Row.fetchAll(db, sql: "SELECT initiative, planned, realised FROM gains_quarterly ORDER BY initiative")
                .map { [$0[0] as String, "\($0[1] as Int64)", "\(($0[2] as Int64?) ?? -1)"] }
        }
        #expect(rows == [["Tiltak-e\u{301}", "200", "50"], ["Tiltak-z", "300", "-1"], ["Tiltak-\u{E9}", "100", "-1"]])
        #expect(try store.areaLines().filter { $0.hasPrefix("X |") || $0.hasPrefix("Y |") }.count == 2)
    }

    @Test func writesRowsBeyondOneInsertBatch() throws {
        let store = try TestWarehouse()
        try store.initiative("A", area: "X")
        for year in 2000..<2035 { try store.plan("A", "time", "\(year)", 400) }   // 140 quarters, 35 years
        let summary = try store.runGains(override: Quarter(2017, 2))
        #expect(summary.counts["quarter_rows"] == 140 && summary.counts["year_rows"] == 35 && summary.counts["area_rows"] == 280)
        let lines = try store.quarterLines()
        #expect(lines.count == 140)
        #expect(lines.first == "A | time | 2000K1 | 1.00 | ∅ | none | ∅ | ∅ | 1.00 | 0.00 | -1.00 | 0.0 | red")
        #expect(lines.last == "A | time | 2034K4 | 1.00 | ∅ | none | ∅ | ∅ | 140.00 | ∅ | ∅ | ∅ | future")
        #expect(try store.areaLines().count == 280)
    }

    /// A quality gain is a level: cum_realised is the latest level (2.50), not a sum (3.50).
    @Test func anInitiativeWithoutPlansDerivesFromTheFirstValue() throws {
        let store = try TestWarehouse()
        try store.indicator("better", .higherIsBetter)
        try store.initiative("A")
        try store.link("A", "better", "quality", baseline: 10)
        try store.measure("better", "2024K4", 11)
        try store.measure("better", "2025K1", 12.5)
        try store.runGains()
        #expect(try store.quarterLines() == [
            "A | quality | 2024K4 | 0.00 | 1.00 | derived | 1.00 | ∅ | 0.00 | 1.00 | 1.00 | ∅ | none",
            "A | quality | 2025K1 | 0.00 | 2.50 | derived | 2.50 | ∅ | 0.00 | 2.50 | 2.50 | ∅ | none",
        ])
    }

    @Test func qualityLevelsStayOutOfAreaSumsAndHaveNoForecast() throws {
        let store = try TestWarehouse()
        try store.indicator("better", .higherIsBetter)
        try store.initiative("A", area: "Helse")
        try store.plan("A", "quality", "2025", 200)
        try store.plan("A", "budget", "2025", 400)
        try store.link("A", "better", "quality", baseline: 10)
        try store.measure("better", "2025K1", 11)
        try store.runGains(override: Quarter(2025, 2))
        let areaLines = try store.areaLines()
        #expect(areaLines.count == 8 && areaLines.allSatisfy { $0.contains("| budget |") })
        #expect(try store.yearLines() == [
            "A | budget | 2025 | 4.00 | 2.00 | 0.00 | 0.0 | 0.00",
            // planned level 2 in every quarter; realised level 1 carried from K1 to K2
            "A | quality | 2025 | 2.00 | 2.00 | 1.00 | 0.5 | ∅",
        ])
    }

    @Test func aLinkWithoutDataIsAWarningNamingTheClosestOrgUnits() throws {
        let store = try TestWarehouse()
        try store.indicator("besok", .higherIsBetter)
        try store.initiative("A")
        try store.plan("A", "time", "2025K1", 100)
        try store.link("A", "besok", orgUnit: "Heimeteneste", "time", baseline: 1)
        for unit in ["heimeteneste-nord", "heimeteneste-sor", "helse"] { try store.measure("besok", orgUnit: unit, "2025K1", 2) }
        try store.runGains()
        #expect(try store.findings().filter { $0.kind == .linkWithoutMeasurements } == [Finding(.linkWithoutMeasurements, severity: .warning, initiative: "A", indicator: "besok",
                                                 orgUnit: "Heimeteneste", quarter: Quarter(2025, 1), details: [
            "gain_type": "time", "closest_org_units": "heimeteneste-nord, heimeteneste-sor",
        ])])
    }

    /// The HR system calls the unit `Rådhuset`, the ledger `RAD`: the register makes them one unit.
    @Test func aLinkFindsItsSeriesUnderAnotherCodeOfTheSameOrgUnit() throws {
        let store = try TestWarehouse()
        try store.indicator("kjop", .lowerIsBetter)
        try store.initiative("A")
        try store.plan("A", "budget", "2025K1", 100)
        try store.link("A", "kjop", orgUnit: "Rådhuset", "budget", baseline: 10)
        try store.link("A", "kjop", orgUnit: "Adm", "time", baseline: 10)
        try store.measure("kjop", orgUnit: "RAD", "2025K1", 7)
        try store.measure("kjop", orgUnit: "Sentral", "2025K1", 9)
        try store.runGains()
        #expect(try store.quarterLines().first?.hasPrefix("A | budget | 2025K1 | 1.00 | ∅ | ") == true)
        try store.execute("INSERT INTO org_units (org_unit, name, file_id) VALUES ('RAD', 'Rådhuset', ?)", [store.fileID])
        try store.execute("""
            INSERT INTO org_unit_aliases (alias, org_unit, file_id) VALUES ('Rådhuset', 'RAD', ?), ('Adm', 'RAD', ?), ('Sentral', 'RAD', ?)
            """, [store.fileID, store.fileID, store.fileID])
        try store.runGains()
        // The unit's own code wins over its aliases: 10 − 7 = 3 for both links.
        #expect(try store.quarterLines() == [
            "A | budget | 2025K1 | 1.00 | 3.00 | derived | 3.00 | ∅ | 1.00 | 3.00 | 2.00 | 3.0 | green",
            "A | time | 2025K1 | 0.00 | 3.00 | derived | 3.00 | ∅ | 0.00 | 3.00 | 3.00 | ∅ | none",
        ])
        // Measured from the start only: no baseline before it, but no link without measurements.
        #expect(try store.findings().map(\.kind) == [.noBaselineMeasurement])
    }

    @Test func aMonthlyPlanIsADataErrorNamingTheInitiative() throws {
        let store = try TestWarehouse()
        try store.initiative("A")
        try store.execute("INSERT INTO gain_plans (initiative, gain_type, period, amount, file_id) VALUES ('A', 'budget', ?, 1, ?)",
                          [Period.month(2025, 1).code, store.fileID])
        #expect(throws: GainsError(.data, "gain_plans has the month 2025M01; plans are for quarters or years", initiative: "A")) {
            try store.runGains()
        }
    }

    @Test func anUnknownGainTypeNamesTheLink() throws {
        let store = try TestWarehouse()
        try store.link("A", "x", "cash", baseline: 1)
        let link = GainsError.Link(initiative: "A", indicator: "x", orgUnit: "total", gainType: "cash")
        let error = GainsError(.data, "the gain type 'cash' is not one of budget, efficiency, time, quality", link: link)
        #expect(throws: error) { try store.runGains() }
        #expect(error.description == "gains: link A → x (total, cash): the gain type 'cash' is not one of budget, efficiency, time, quality")
    }

    @Test func theTotalsAreaNameIsReserved() throws {
        let store = try TestWarehouse()
        try store.initiative("A", area: "*")
        try store.plan("A", "budget", "2025K1", 1)
        #expect(throws: GainsError(.data, "its area '*' is the name reserved for the total of all areas", initiative: "A")) {
            try store.runGains()
        }
    }

    @Test func aFailedRunLeavesThePreviousTablesInPlace() throws {
        let store = try TestWarehouse()
        try store.initiative("A")
        try store.plan("A", "budget", "2025K1", 1)
        try store.runGains(override: Quarter(2025, 1))
        let before = try store.quarterLines()
        try store.plan("B", "budget", "2025K1", Int64.max)
        try store.plan("B", "budget", "2025K2", Int64.max)
        #expect(throws: GainsError.self) { try store.runGains(override: Quarter(2025, 1)) }
        #expect(try store.quarterLines() == before)
    }
}

@Suite struct SchemaV3Tests {
    /// What v8 added, removed so that it can run again after v3 (which replaces `gains_yearly`); and
    /// what v14 added, whose index on `trends.last_period` would keep v3 from dropping the text column
    /// it renames that one to.
    static let undoV8 = """
        DROP VIEW budget_balance_readable;
        DROP TABLE budget_targets; DROP TABLE gain_comments; DROP TABLE gain_forecasts; DROP TABLE budget_balance;
        ALTER TABLE initiatives DROP COLUMN phase; ALTER TABLE initiatives DROP COLUMN gain_owner;
        ALTER TABLE initiatives DROP COLUMN baseline_date; ALTER TABLE initiatives DROP COLUMN handover_date;
        DROP INDEX trends_by_run; ALTER TABLE trends DROP COLUMN run_id;
        """

    /// A warehouse of schema v2 (gains_yearly's realised_ytd and forecast NOT NULL) keeps its rows
    /// and takes the NULLs of a quality level once opened.
    @Test func aV2WarehouseTakesQualityYearsWithoutForecast() throws {
        let store = try TestWarehouse()
        // The view v7 builds on gains_yearly goes first: v3 renames tables, which checks every view.
        try store.execute("""
            DROP VIEW gains_yearly_readable;
            DROP TABLE gains_yearly;
            CREATE TABLE gains_yearly (initiative TEXT NOT NULL, gain_type TEXT NOT NULL, year INTEGER NOT NULL,
                planned INTEGER NOT NULL, planned_ytd INTEGER NOT NULL, realised_ytd INTEGER NOT NULL, rate_ytd REAL,
                forecast INTEGER NOT NULL, PRIMARY KEY (initiative, gain_type, year)) WITHOUT ROWID;
            INSERT INTO gains_yearly VALUES ('Z', 'budget', 2024, 1, 1, 1, 1.0, 1);
            DELETE FROM grdb_migrations WHERE identifier IN ('v3', 'v8', 'v14');
            """ + Self.undoV8)
        let reopened = try Warehouse(path: store.warehouse.path)
        #expect(try reopened.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM gains_yearly WHERE initiative = 'Z'") } == 1)
        try store.indicator("better", .higherIsBetter)
        try store.initiative("A")
        try store.plan("A", "quality", "2025K1", 100)
        try store.link("A", "better", "quality", baseline: 10)
        try store.runGains(override: Quarter(2025, 1))
        #expect(try store.yearLines() == ["A | quality | 2025 | 1.00 | 1.00 | ∅ | ∅ | ∅"])
    }
}

@Suite struct WriteFailureTests {
    /// The writer fails while the computing thread still has rows to send: the run must stop
    /// that thread, roll back, and leave what the previous run stored.
    @Test func aFailingWriteStopsTheComputationAndRollsBack() throws {
        let store = try TestWarehouse()
        for index in 0..<300 {
            let name = "T\(1000 + index)"
            try store.initiative(name)
            try store.plan(name, "budget", "2024", 400)
        }
        let first = try store.runGains(override: Quarter(2024, 2))
        try store.execute("""
            CREATE TRIGGER refuse_gains BEFORE INSERT ON gains_quarterly
            WHEN (SELECT COUNT(*) FROM gains_quarterly) >= 200 BEGIN SELECT RAISE(ABORT, 'disk says no'); END
            """)
        #expect(throws: GainsError(.io, "warehouse \(store.warehouse.path): disk says no")) {
            try store.runGains(override: Quarter(2024, 3))
        }
        let state = try store.warehouse.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM gains_quarterly"),
             try Int.fetchOne(db, sql: "SELECT as_of FROM stage_state WHERE stage = 'gains'"))
        }
        #expect(state.0 == first.counts["quarter_rows"])
        #expect(state.1 == 2024102)
    }
}
