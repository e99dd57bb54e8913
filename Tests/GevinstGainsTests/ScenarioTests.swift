import Foundation
import GRDB
import GevinstCore
import Testing

/// The hand-checked scenario of `Fixtures/scenario`: its expected rows and findings were computed
/// by `make_expected.py`, an independent implementation in exact decimal arithmetic. The findings
/// of the budget cycle and the gain life cycle are checked by the budget scenario
/// (`BudgetScenarioTests`), not here.
@Suite struct ScenarioTests {
    static let cycleKinds: Set<FindingKind> = [
        .budgetNotBalanced, .stoppedWithPlans, .nextYearNotCovered, .noMeasurementPlan, .deadlinePassed,
        .realisingWithoutMeasurement, .plannedPastNoData, .phaseBehindPlan, .noBaselineMeasurement, .missingGainOwner,
        .closedWithGap, .redWithoutComment, .commentAfterAsOf,
    ]

    struct Scenario: Decodable {
        struct Indicator: Decodable { var indicator: String, polarity: String, aggregation: String, frequency: String }
        struct Default: Decodable { var indicator: String, aggregation: String, frequency: String }
        struct Initiative: Decodable { var initiative: String, area: String?, status: String }
        struct Plan: Decodable { var initiative: String, gain_type: String, period: String, amount: String }
        struct Reported: Decodable { var initiative: String, gain_type: String, quarter: String, amount: String }
        struct Link: Decodable {
            var initiative: String, indicator: String, org_unit: String, gain_type: String, baseline: String, factor: String
            var start: String?
        }
        struct Measurement: Decodable { var indicator: String, org_unit: String, period: String, value: String }
        struct Run: Decodable { var name: String, as_of_override: String?, today: String }

        var thresholds: [String: String]
        var runs: [Run]
        var indicators: [Indicator]
        var indicator_defaults: [Default]
        var initiatives: [Initiative]
        var gain_plans: [Plan]
        var gains_reported: [Reported]
        var gain_links: [Link]
        var measurements: [Measurement]
    }

    struct Expected: Decodable {
        struct QuarterRow: Decodable {
            var initiative: String, gain_type: String, quarter: String, planned: String, realised: String?, realised_source: String
            var derived: String?, reported: String?, cum_planned: String, cum_realised: String?, deviation: String?
            var realisation_rate: Double?, status: String
        }
        struct YearRow: Decodable {
            var initiative: String, gain_type: String, year: Int, planned: String, planned_ytd: String, realised_ytd: String?
            var rate_ytd: Double?, forecast: String?
        }
        struct AreaRow: Decodable {
            var area: String, gain_type: String, quarter: String, planned: String, realised: String?, cum_planned: String
            var cum_realised: String?, deviation: String?, realisation_rate: Double?, status: String
        }
        struct ExpectedFinding: Decodable {
            var kind: String, severity: String, initiative: String?, related_initiative: String?, indicator: String?
            var org_unit: String?, quarter: String?, details: [String: String]
        }
        struct Run: Decodable {
            var name: String, as_of: String?
            var gains_quarterly: [QuarterRow], gains_yearly: [YearRow], gains_by_area: [AreaRow], findings: [ExpectedFinding]
        }
        var runs: [Run]
    }

    static func load<T: Decodable>(_ name: String) throws -> T {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/scenario/\(name)", withExtension: "json"))
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    static func hundredths(_ text: String) throws -> Int64 {
        let parsed = try NumberParser.parse(text, mark: .point).get()
        return try #require(Amount(parsed)).hundredths
    }

    static func fill(_ store: TestWarehouse, with scenario: Scenario) throws {
        for i in scenario.indicators {
            try store.indicator(i.indicator, Polarity(rawValue: i.polarity)!, Aggregation(rawValue: i.aggregation)!, PeriodKind(name: i.frequency)!)
        }
        for d in scenario.indicator_defaults {
            try store.execute("INSERT INTO indicator_defaults (indicator, aggregation, frequency, origin) VALUES (?, ?, ?, 'measurements')",
                              [d.indicator, d.aggregation, d.frequency])
        }
        for i in scenario.initiatives {
            try store.initiative(i.initiative, area: i.area, status: InitiativeStatus(rawValue: i.status)!)
        }
        for p in scenario.gain_plans { try store.plan(p.initiative, p.gain_type, p.period, hundredths(p.amount)) }
        for r in scenario.gains_reported { try store.report(r.initiative, r.gain_type, r.quarter, hundredths(r.amount)) }
        for l in scenario.gain_links {
            try store.link(l.initiative, l.indicator, orgUnit: l.org_unit, l.gain_type, baseline: Double(l.baseline)!,
                           factor: Double(l.factor)!, start: l.start)
        }
        for m in scenario.measurements { try store.measure(m.indicator, orgUnit: m.org_unit, m.period, Double(m.value)!) }
    }

    @Test func everyRunMatchesTheIndependentOracle() throws {
        let scenario: Scenario = try Self.load("scenario")
        let expected: Expected = try Self.load("expected")
        #expect(scenario.runs.map(\.name) == expected.runs.map(\.name))
        let store = try TestWarehouse()
        try Self.fill(store, with: scenario)
        let thresholds = Thresholds(green: Double(scenario.thresholds["green"]!)!, yellow: Double(scenario.thresholds["yellow"]!)!)

        // The runs share one warehouse: each must replace what the one before stored.
        for (run, want) in zip(scenario.runs, expected.runs) {
            let summary = try store.runGains(override: run.as_of_override.flatMap(Quarter.init), thresholds: thresholds,
                                             now: TestWarehouse.noon(run.today))
            #expect(summary.asOf?.description == want.as_of, "\(run.name)")
            let findings = try store.findings().filter { !Self.cycleKinds.contains($0.kind) }
            #expect(findings.count == want.findings.count, "\(run.name)")

            #expect(try store.quarterLines() == want.gains_quarterly.map { r in
                line([r.initiative, r.gain_type, r.quarter, r.planned, r.realised, r.realised_source, r.derived, r.reported,
                      r.cum_planned, r.cum_realised, r.deviation, r.realisation_rate.map { "\($0)" }, r.status])
            }, "\(run.name)")
            #expect(try store.yearLines() == want.gains_yearly.map { r in
                line([r.initiative, r.gain_type, String(r.year), r.planned, r.planned_ytd, r.realised_ytd,
                      r.rate_ytd.map { "\($0)" }, r.forecast])
            }, "\(run.name)")
            #expect(try store.areaLines() == want.gains_by_area.map { r in
                line([r.area, r.gain_type, r.quarter, r.planned, r.realised, r.cum_planned, r.cum_realised, r.deviation,
                      r.realisation_rate.map { "\($0)" }, r.status])
            }, "\(run.name)")

            let wantFindings = try want.findings.map { f in
                Finding(try #require(FindingKind(rawValue: f.kind)), severity: Severity(rawValue: f.severity), initiative: f.initiative,
                        relatedInitiative: f.related_initiative, indicator: f.indicator, orgUnit: f.org_unit,
                        quarter: f.quarter.flatMap(Quarter.init), details: f.details)
            }
            #expect(Set(findings) == Set(wantFindings), "\(run.name)")
        }
    }
}
