import Foundation
import GevinstCore
import Testing

extension Reliability {
    /// Issue item 4, in CI: every committed fuzz input — the corpus each target grew, the seeds,
    /// and the regression inputs of its findings — goes through the entry functions the libFuzzer
    /// targets call (`FuzzEntry`, ReliabilityFuzzEntries.swift), without sanitizers. The long runs
    /// themselves are `fuzz/run.sh` (docs/reliability.md).
    @Suite("fuzz corpus and regressions")
    struct FuzzReplayTests {
        static let fuzz = Gevinst.packageRoot.appendingPathComponent("fuzz").path

        /// The committed inputs of a target.
        static func inputs(_ target: String) -> [String] {
            ["corpus", "regressions", "seeds"].flatMap { folder -> [String] in
                let directory = "\(fuzz)/\(folder)/\(target)"
                let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                return names.sorted().map { "\(directory)/\($0)" }
            }
        }

        @Test("every corpus, seed and regression input runs through its fuzz entry", arguments: ["numbers", "csv", "xml", "cube", "pipeline"])
        func replay(target: String) throws {
            let scratch = try Scratch()
            let inputs = Self.inputs(target)
            #expect(inputs.count >= 5, "no committed inputs for \(target)")
            for input in inputs {
                let data = try Data(contentsOf: URL(fileURLWithPath: input))
                data.withUnsafeBytes { bytes in
                    switch target {
                    case "numbers": FuzzEntry.numbersAndPeriods(bytes)
                    case "csv": FuzzEntry.csv(bytes, directory: scratch.url.path)
                    case "xml": FuzzEntry.xml(bytes, directory: scratch.url.path)
                    case "cube": FuzzEntry.cube(bytes, directory: scratch.url.path)
                    default: FuzzEntry.pipeline(bytes)
                    }
                }
            }
        }

        @Test("finding: a date before year 1000 (29.02.0024) is not a period")
        func dateBeforeYear1000() {
            #expect(Period("29.02.0024") == nil)
            #expect(Period("15.03.0999") == nil)
            #expect(Period("15.03.1000") == .month(1000, 3))
            #expect(Period("15.03.2024") == .month(2024, 3))
        }

        @Test("finding: 19 significant digits above Int64.max parse (as a double, without an exact form) instead of trapping")
        func nineteenDigits() throws {
            for text in ["9991.999312199999909", "999.9999999999999999", "-922.3372036854775808", "0.9223372036854775808"] {
                let number = try NumberParser.parse(text, mark: .point).get()
                #expect(number.significand == nil, "\(text)")
                #expect(number.double == Double(text), "\(text)")
                #expect(Amount(number) == nil, "\(text)")
            }
            #expect(try NumberParser.parse("0.9223372036854775807", mark: .point).get().significand == Int64.max)
            #expect(try NumberParser.parse("-0.9223372036854775807", mark: .point).get().significand == -Int64.max)
            // Such digits above 10^15 are refused as too large (no value gevinst stores is larger).
            for text in ["9999999999999999999", "-9223372036854775808", "9223372036854775808"] {
                guard case .failure(.tooLarge) = NumberParser.parse(text, mark: .point) else {
                    Issue.record("\(text) is not refused as too large")
                    continue
                }
            }
        }

        @Test("findings end to end: such values are stored or rejected, and gevinst does not crash")
        func findingsEndToEnd() throws {
            let scratch = try Scratch()
            try scratch.write("data/in.csv", """
                indicator;period;value
                sick;2024M01;9991,999312199999909
                sick;2024M02;9999999999999999999
                sick;29.02.0024;7

                """)
            try scratch.write("data/plans.csv", "initiative;gain_type;period;amount\nT1;budget;2024K1;9999999999999999999\nT1;budget;2024K2;12,50\n")
            try scratch.write("t.yml", """
                name: t
                sources:
                  - { id: m, kind: measurements, path: data/in.csv }
                  - { id: p, kind: gain_plans, path: data/plans.csv }
                """)
            let outcome = try Child.run(["import", scratch.path("t.yml")], in: scratch)
            #expect(outcome.signal == nil && outcome.status == 0, "\(outcome.summary)")
            #expect(try scratch.query("data/t.sqlite", "SELECT period FROM measurements_readable ORDER BY period") == [["2024M01"]])
            #expect(try scratch.query("data/t.sqlite", "SELECT file, line, field, kind FROM rejects ORDER BY file, line")
                    == [["data/in.csv", "3", "value", "number_too_large"], ["data/in.csv", "4", "period", "invalid_period"],
                        ["data/plans.csv", "2", "amount", "number_too_large"]])
        }

        @Test("finding: a record of more than 64 fields read in one go (a wide statbank table) keeps every field")
        func wideRecord() throws {
            let scratch = try Scratch()
            let months = (0..<120).map { String(format: "%dM%02d", 2015 + $0 / 12, $0 % 12 + 1) }
            var text = "indicator;org_unit;" + months.joined(separator: ";") + "\n"
            for unit in 0..<3 { text += "sick;u\(unit);" + (0..<120).map { String($0 + unit) }.joined(separator: ";") + "\n" }
            try scratch.write("data/wide.csv", text)
            try scratch.write("w.yml", "name: w\nsources:\n  - { id: w, kind: measurements, path: data/wide.csv, layout: wide }\n")
            // Before the fix the first 64 fields' bounds were lost: garbage values or a segmentation fault.
            let outcome = try Child.run(["import", scratch.path("w.yml")], in: scratch)
            #expect(outcome.signal == nil && outcome.status == 0, "\(outcome.summary)")
            #expect(try scratch.query("data/w.sqlite", "SELECT COUNT(*), SUM(value) FROM measurements") == [["360", "21780.0"]])
            #expect(try scratch.query("data/w.sqlite", "SELECT org_unit, period, value FROM measurements_readable WHERE period IN ('2015M01', '2024M12') ORDER BY org_unit, period")
                    == [["u0", "2015M01", "0.0"], ["u0", "2024M12", "119.0"], ["u1", "2015M01", "1.0"], ["u1", "2024M12", "120.0"],
                        ["u2", "2015M01", "2.0"], ["u2", "2024M12", "121.0"]])
        }
    }
}
