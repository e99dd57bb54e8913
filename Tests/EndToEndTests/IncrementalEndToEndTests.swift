import Foundation
import Testing
import GevinstTestSupport

/// Incremental stages (`stage_state.inputs`): after every step of a random sequence of deliveries —
/// new measurement files (some for periods after the run's quarter), corrected files, a forgotten
/// file, register and catalogue changes, another as_of, a deleted report file — a warehouse that ran
/// night after night holds the same figures (gains' `series_as_of` too) and writes the same reports
/// as a fresh warehouse that imported the same files in one run.
@Suite("Incremental stages, end to end")
struct IncrementalEndToEndTests {
    /// 192 series: a night touches fewer than a quarter of them, so trends takes the path that
    /// computes only the changed ones.
    static let indicators = (1...12).map { "i\($0)" }
    static let orgUnits = ["total"] + (1...15).map { "eining \($0)" }
    /// 2022K1 … 2025K4.
    static let quarters = (2022...2025).flatMap { year in (1...4).map { "\(year)K\($0)" } }
    /// Periods after the run's quarter, which `as_of: auto` leaves out with a `future_period`
    /// finding naming the first: the month and the quarter count in the same quarter (the month is
    /// first), the year in a later one.
    static let futurePeriods = ["2099M01", "2099K1", "2099"]

    /// A small pipeline: a catalogue, measurements one file a quarter, and the gain registers.
    static let pipeline = """
        name: inc
        as_of: auto
        sources:
          - id: catalogue
            kind: indicators
            path: data/indicators.csv
          - id: initiatives
            kind: initiatives
            path: data/initiatives.csv
          - id: plans
            kind: gain_plans
            path: data/plans.csv
          - id: reported
            kind: gains_reported
            path: data/reported.csv
          - id: links
            kind: gain_links
            path: data/links.csv
          - id: values
            kind: measurements
            path: data/m/*.csv
        """

    /// The deliveries of one sequence, drawn from a seeded generator.
    struct Deliveries {
        var random: SeededRandom
        /// Measurement files by period: the value of each series (indicator, org unit) it holds.
        var files: [String: [String: String]] = [:]
        /// The catalogue's line of each indicator.
        var catalogueLines: [String: String] = [:]

        init(seed: UInt64) { random = SeededRandom(seed: seed) }

        /// The catalogue with new settings for one indicator (for all of them the first time).
        mutating func catalogue() -> String {
            let changed = catalogueLines.isEmpty ? IncrementalEndToEndTests.indicators
                : [IncrementalEndToEndTests.indicators[random.below(IncrementalEndToEndTests.indicators.count)]]
            for indicator in changed {
                let polarity = ["higher_is_better", "lower_is_better", "neutral"][random.below(3)]
                let aggregation = ["mean", "sum", "last"][random.below(3)]
                let frequency = random.below(4) == 0 ? "year" : "quarter"
                let target = random.below(2) == 0 ? "" : String(random.below(100))
                catalogueLines[indicator] = "\(indicator),Indikator \(indicator),\(polarity),\(aggregation),\(frequency),\(target)\n"
            }
            return "indicator,name,polarity,aggregation,frequency,target\n" + catalogueLines.keys.sorted().map { catalogueLines[$0]! }.joined()
        }

        /// A quarter's file: new, a twelfth of the series; or a correction of the one delivered, which
        /// drops some of its values, changes some and adds a few.
        mutating func measurements(_ quarter: String) -> String {
            var values = files[quarter] ?? [:]
            for indicator in IncrementalEndToEndTests.indicators {
                for orgUnit in IncrementalEndToEndTests.orgUnits {
                    let key = "\(indicator),\(orgUnit)"
                    let value = "\(random.below(1000)).\(random.below(10))"
                    if files[quarter] == nil {
                        if random.below(12) == 0 { values[key] = value }
                    } else if values[key] != nil {
                        switch random.below(6) {
                        case 0: values[key] = nil
                        case 1: values[key] = value
                        default: break
                        }
                    } else if random.below(48) == 0 {
                        values[key] = value
                    }
                }
            }
            files[quarter] = values
            return "indicator,org_unit,period,value\n" + values.keys.sorted().map { "\($0),\(quarter),\(values[$0]!)\n" }.joined()
        }

        mutating func registers() -> [String: String] {
            let initiatives = ["T1", "T2", "T3"]
            var plans: [String] = [], reported: [String] = []
            for initiative in initiatives {
                for quarter in IncrementalEndToEndTests.quarters where random.below(3) > 0 {
                    plans.append("\(initiative),\(["budget", "time"][random.below(2)]),\(quarter),\(random.below(500))")
                    if random.below(2) == 0 { reported.append("\(initiative),budget,\(quarter),\(random.below(500))") }
                }
            }
            let links = initiatives.prefix(2).map { initiative in
                let indicator = IncrementalEndToEndTests.indicators[random.below(IncrementalEndToEndTests.indicators.count)]
                let orgUnit = IncrementalEndToEndTests.orgUnits[random.below(IncrementalEndToEndTests.orgUnits.count)]
                return "\(initiative),\(indicator),\(orgUnit),time,\(random.below(900)),1,"
            }
            return [
                "data/initiatives.csv": "initiative,title,owner,area,status\n"
                    + initiatives.map { "\($0),Tiltak \($0),Eigar,\(["Helse", "Skule"][random.below(2)]),active\n" }.joined(),
                "data/plans.csv": "initiative,gain_type,period,amount\n" + plans.map { $0 + "\n" }.joined(),
                "data/reported.csv": "initiative,gain_type,period,amount\n" + reported.map { $0 + "\n" }.joined(),
                "data/links.csv": "initiative,indicator,org_unit,gain_type,baseline,factor,start\n" + links.map { $0 + "\n" }.joined(),
            ]
        }
    }

    /// What a night delivers, and the as_of its run asks for.
    enum Step: CustomStringConvertible {
        case newFile(String), corrected(String), forgotten(String), registers, catalogue, asOf(String?), deleteReport(String)

        var description: String {
            switch self {
            case .newFile(let quarter): "new file \(quarter)"
            case .corrected(let quarter): "corrected file \(quarter)"
            case .forgotten(let quarter): "file \(quarter) forgotten"
            case .registers: "registers changed"
            case .catalogue: "catalogue changed"
            case .asOf(let quarter): "as_of \(quarter ?? "auto")"
            case .deleteReport(let name): "report file \(name) deleted"
            }
        }
    }

    /// The tables the compute stages write (and the measurements they read), every column, in key
    /// order; of `trends` every column but the run that computed the row.
    static let tables = [
        """
        SELECT indicator, org_unit, frequency, n, last_value, mean, median, stdev, min, max, change_prev, change_yoy, ols_slope, r_squared, sen_slope, mk_s, mk_tau, mk_z, mk_p, trend, assessment, seasonal_sen_slope, seasonal_mk_z, seasonal_mk_p, target, target_gap, cc_centre, cc_lower, cc_upper, cc_moving_range, cc_signals, points, first_period, last_period
        FROM trends ORDER BY indicator, org_unit
        """,
        "SELECT s.indicator, s.org_unit, m.period, m.value FROM measurements AS m JOIN series AS s ON s.id = m.series_id ORDER BY 1, 2, 3",
        "SELECT * FROM gains_quarterly ORDER BY 1, 2, 3",
        "SELECT * FROM gains_yearly ORDER BY 1, 2, 3",
        "SELECT * FROM gains_by_area ORDER BY 1, 2, 3",
        "SELECT * FROM budget_balance ORDER BY 1, 2, 3",
        "SELECT stage, as_of FROM stage_state ORDER BY stage",
        """
        SELECT s.indicator, s.org_unit, a.latest_quarter, a.first_future, a.future_count
        FROM series_as_of AS a JOIN series AS s ON s.id = a.series_id ORDER BY 1, 2
        """,
        """
        SELECT stage, kind, severity, source, file, initiative, related_initiative, indicator, org_unit, quarter, details
        FROM findings WHERE stage IN ('trends', 'gains') ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
        """,
    ]

    @Test("a warehouse run night after night equals a fresh one over the same files, table by table and report by report",
          arguments: [UInt64(20), 21, 22])
    func incrementalEqualsFull(seed: UInt64) throws {
        var deliveries = Deliveries(seed: seed)
        let nightly = try Scratch()
        try nightly.write("inc.yml", Self.pipeline)
        try nightly.write("data/indicators.csv", deliveries.catalogue())
        for (path, text) in deliveries.registers() { try nightly.write(path, text) }
        for quarter in Self.quarters.prefix(8) + [Self.futurePeriods[1]] {
            try nightly.write("data/m/\(quarter).csv", deliveries.measurements(quarter))
        }
        var asOf: String?
        var copied = 0
        copied += try compare(nightly, asOf: asOf, after: "the first run")
        for _ in 0..<12 {
            let missing = (Self.quarters + Self.futurePeriods).filter { deliveries.files[$0] == nil }
            let delivered = deliveries.files.keys.sorted()
            let step: Step = switch deliveries.random.below(7) {
            case 0 where !missing.isEmpty: .newFile(missing[deliveries.random.below(missing.count)])
            case 6 where delivered.count > 1: .forgotten(delivered[deliveries.random.below(delivered.count)])
            case 0, 1, 6: .corrected(delivered[deliveries.random.below(delivered.count)])
            case 2: .registers
            case 3: .catalogue
            case 4: .asOf(deliveries.random.below(2) == 0 ? nil : Self.quarters[deliveries.random.below(Self.quarters.count)])
            default: .deleteReport(["trends.csv", "report.html", "gains.csv"][deliveries.random.below(3)])
            }
            switch step {
            case .newFile(let quarter), .corrected(let quarter):
                try nightly.write("data/m/\(quarter).csv", deliveries.measurements(quarter))
            case .forgotten(let quarter):
                try FileManager.default.removeItem(atPath: nightly.path("data/m/\(quarter).csv"))
                deliveries.files[quarter] = nil
                let forget = try Gevinst.run(["forget", "inc.yml", "values", "data/m/\(quarter).csv"], in: nightly.url)
                #expect(forget.status == 0, "\(step): \(forget.stderr)")
            case .registers:
                for (path, text) in deliveries.registers() { try nightly.write(path, text) }
            case .catalogue:
                try nightly.write("data/indicators.csv", deliveries.catalogue())
            case .asOf(let quarter):
                asOf = quarter
            case .deleteReport(let name):
                try FileManager.default.removeItem(atPath: nightly.path("reports/inc/\(name)"))
            }
            copied += try compare(nightly, asOf: asOf, after: step.description)
        }
        // Some night's report copied trend rows from the report before.
        #expect(copied > 0)
        // A night with nothing new leaves every stage as it was.
        let before = try nightly.query("data/inc.sqlite", "SELECT stage, run_id FROM stage_state ORDER BY stage")
        let quiet = try Gevinst.run(["run", "inc.yml"] + (asOf.map { ["--as-of", $0] } ?? []), in: nightly.url)
        #expect(quiet.status == 0 || quiet.status == 65, "\(quiet.stderr)")
        #expect(try nightly.query("data/inc.sqlite", "SELECT stage, run_id FROM stage_state ORDER BY stage") == before)
    }

    /// Runs the nightly warehouse, then a fresh one over a copy of its files, and compares them;
    /// the trend rows the night's report copied.
    private func compare(_ nightly: Scratch, asOf: String?, after step: String) throws -> Int {
        let arguments = ["run", "inc.yml"] + (asOf.map { ["--as-of", $0] } ?? [])
        let night = try Gevinst.run(arguments, in: nightly.url)
        #expect(night.status == 0 || night.status == 65, "\(step): \(night.stderr)")
        #expect(!night.stderr.contains("written afresh"), "\(step): \(night.stderr)")
        let fresh = try Scratch()
        try fresh.write("inc.yml", Self.pipeline)
        try FileManager.default.copyItem(at: nightly.url.appendingPathComponent("data/m"), to: fresh.url.appendingPathComponent("data/m"))
        for name in ["indicators", "initiatives", "plans", "reported", "links"] {
            try FileManager.default.copyItem(atPath: nightly.path("data/\(name).csv"), toPath: fresh.path("data/\(name).csv"))
        }
        let full = try Gevinst.run(arguments, in: fresh.url)
        #expect(full.status == night.status, "\(step): \(full.stderr)")
        for sql in Self.tables {
            #expect(try nightly.query("data/inc.sqlite", sql) == fresh.query("data/inc.sqlite", sql), "\(step): \(sql)")
        }
        let names = try FileManager.default.subpathsOfDirectory(atPath: fresh.path("reports/inc")).sorted()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: nightly.path("reports/inc")).sorted() == names, "\(step)")
        for name in names where !name.hasPrefix("a3") || name.contains(".") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: fresh.path("reports/inc/\(name)"), isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let expected = try Self.masked(String(contentsOfFile: fresh.path("reports/inc/\(name)"), encoding: .utf8))
            let actual = try Self.masked(String(contentsOfFile: nightly.path("reports/inc/\(name)"), encoding: .utf8))
            #expect(actual == expected, "\(step): reports/inc/\(name) differs")
        }
        return ReportCopyEndToEndTests.copied(night.stderr) ?? 0
    }

    /// A report's text without what differs between any two runs: timestamps and run ids.
    static func masked(_ text: String) -> String {
        text.replacing(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, with: "T")
            .replacing(/kl\. \d\d\.\d\d UTC/, with: "kl. T UTC")
            .replacing(/"run_id": ?\d+/, with: "\"run_id\":N")
    }
}

extension SeededRandom {
    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
