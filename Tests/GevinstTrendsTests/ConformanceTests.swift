import GevinstCore
import Foundation
import GevinstTrends
import Testing

/// pyMannKendall's and scipy's own test data and expected values (`Fixtures/conformance`, see the
/// SOURCE and LICENSE files there).
///
/// pyMannKendall indexes time by array position, missing values (NaN) keeping their place, so its
/// slope is per position: a series with ordinal = position and frequency `year` (t = ordinal) gives
/// the same number. Its seasonal slope is per cycle, i.e. per year for a `month` series.
@Suite struct ConformanceTests {
    struct Expected: Decodable {
        struct Figures: Decodable {
            let s: Double?
            let var_s: Double?
            let Tau: Double?
            let z: Double?
            let p: Double?
            let slope: Double?
        }
        struct Case: Decodable { let expected: Figures }
        let tests_on_arbitrary_data: [String: Case]
        let notebook_outputs: [[String: String]]

        static func load() throws -> Expected {
            try JSONDecoder().decode(Expected.self, from: fixtureData("conformance/pymannkendall/expected_values.json"))
        }

        func arbitrary(_ test: String, _ figure: KeyPath<Figures, Double?>) throws -> Double {
            try #require(tests_on_arbitrary_data[test]?.expected[keyPath: figure], "\(test)")
        }

        /// A figure from a printed result such as `Mann_Kendall_Test(trend='increasing', ..., s=12336.0, ...)`.
        func notebook(_ call: String, _ figure: String) throws -> Double {
            let printed = try #require(notebook_outputs.first { $0["call"] == call }?["printed_result"], "\(call)")
            let field = try #require(printed.components(separatedBy: ", ").first { $0.hasPrefix("\(figure)=") })
            return try #require(Double(field.dropFirst(figure.count + 1).trimmingCharacters(in: [")"])))
        }
    }

    /// `arbitrary_1d_data.csv`: 360 positions, 7 of them empty.
    private func arbitrarySeries(_ frequency: PeriodKind) throws -> TimeSeries {
        var series = TimeSeries(frequency: frequency)
        for row in try fixtureRows("conformance/pymannkendall/arbitrary_1d_data.csv") where !row[1].isEmpty {
            series.append(ordinal: try #require(Int(row[0])), value: try #require(Double(row[1])))
        }
        return series
    }

    /// A monthly file whose first column is `year-month` (shampoo.csv numbers its years 1 to 3).
    private func monthlySeries(_ file: String) throws -> TimeSeries {
        var series = TimeSeries(frequency: .month)
        for row in try fixtureRows("conformance/pymannkendall/\(file)") {
            let parts = row[0].split(separator: "-").compactMap { Int($0) }
            series.append(ordinal: 12 * parts[0] + parts[1] - 1, value: try #require(Double(row[1])))
        }
        return series
    }

    @Test func mannKendallAndSenSlopeOnArbitraryData() throws {
        let expected = try Expected.load()
        let series = try arbitrarySeries(.year)
        #expect(series.count == 353)
        var calculator = TrendCalculator()
        let figures = calculator.figures(of: series, polarity: .neutral)
        let test = try #require(figures.mannKendall)
        #expect(Double(test.s) == (try expected.arbitrary("test_original_test", \.s)))
        #expect(test.s == -1959)
        expectClose(test.varianceS, try expected.arbitrary("test_original_test", \.var_s), "Var(S)")
        expectClose(test.tau, try expected.arbitrary("test_original_test", \.Tau), "tau")
        expectClose(test.z, try expected.arbitrary("test_original_test", \.z), "Z")
        expectClose(test.p, try expected.arbitrary("test_original_test", \.p), "p")
        #expect(figures.trend == .noTrend)
        expectClose(figures.senSlope, try expected.arbitrary("test_sens_slope", \.slope), "Sen slope")
        #expect(figures.senSlope == -0.006369426751592357)
    }

    @Test func seasonalTestOnArbitraryData() throws {
        let expected = try Expected.load()
        var calculator = TrendCalculator()
        let figures = calculator.figures(of: try arbitrarySeries(.month), polarity: .neutral)
        let test = try #require(figures.seasonalMannKendall)
        #expect(test.s == -399)
        #expect(Double(test.s) == (try expected.arbitrary("test_seasonal_test", \.s)))
        expectClose(test.varianceS, try expected.arbitrary("test_seasonal_test", \.var_s), "Var(S)")
        expectClose(test.tau, try expected.arbitrary("test_seasonal_test", \.Tau), "tau")
        expectClose(test.z, try expected.arbitrary("test_seasonal_test", \.z), "Z")
        expectClose(test.p, try expected.arbitrary("test_seasonal_test", \.p), "p")
        expectClose(figures.seasonalSenSlope, try expected.arbitrary("test_seasonal_sens_slope", \.slope), "seasonal slope")
    }

    @Test func dailyBirths() throws {
        let expected = try Expected.load()
        var series = TimeSeries(frequency: .year)
        for (position, row) in try fixtureRows("conformance/pymannkendall/daily-total-female-births.csv").enumerated() {
            series.append(ordinal: position, value: try #require(Double(row[1])))
        }
        var calculator = TrendCalculator()
        let figures = calculator.figures(of: series, polarity: .neutral)
        let test = try #require(figures.mannKendall)
        let call = "mk.original_test(Birth_data, alpha=0.05)"
        #expect(Double(test.s) == (try expected.notebook(call, "s")))
        expectClose(test.varianceS, try expected.notebook(call, "var_s"), "Var(S)")
        expectClose(test.tau, try expected.notebook(call, "Tau"), "tau")
        expectClose(test.z, try expected.notebook(call, "z"), "Z")
        // pyMannKendall's p = 2(1 − Φ(z)) carries an absolute error near 1e-16, 1e-9 of this p.
        expectClose(test.p, try expected.notebook(call, "p"), relative: 1e-8, "p")
        expectClose(figures.senSlope, try expected.notebook(call, "slope"), "Sen slope")
    }

    @Test func shampooSalesSlopeIsPerYear() throws {
        let expected = try Expected.load()
        let series = try monthlySeries("shampoo.csv")
        var calculator = TrendCalculator()
        let figures = calculator.figures(of: series, polarity: .higherIsBetter)
        let call = "mk.hamed_rao_modification_test(Shampoo_data)"
        let test = try #require(figures.mannKendall)
        #expect(Double(test.s) == (try expected.notebook(call, "s")))
        expectClose(test.tau, try expected.notebook(call, "Tau"), "tau")
        expectClose(figures.senSlope, 12 * (try expected.notebook(call, "slope")), "Sen slope per year")
        #expect(figures.assessment == .improving)
    }

    @Test func airPassengersSeasonalTest() throws {
        let expected = try Expected.load()
        let series = try monthlySeries("AirPassengers.csv")
        var calculator = TrendCalculator()
        let figures = calculator.figures(of: series, polarity: .neutral)
        let call = "mk.seasonal_test(Passenger_data,period=12)"
        let test = try #require(figures.seasonalMannKendall)
        #expect(Double(test.s) == (try expected.notebook(call, "s")))
        expectClose(test.varianceS, try expected.notebook(call, "var_s"), "Var(S)")
        expectClose(test.tau, try expected.notebook(call, "Tau"), "tau")
        expectClose(test.z, try expected.notebook(call, "z"), "Z")
        // pyMannKendall prints p = 0.0 (1 − Φ(15.5) rounds to 0); erfc keeps the tail.
        #expect(test.p > 0 && test.p < 1e-50)
        expectClose(figures.seasonalSenSlope, try expected.notebook(call, "slope"), "seasonal slope")
    }

    @Test func scipyTheilSlopes() throws {
        struct Reference: Decodable {
            struct Case: Decodable {
                struct Fit: Decodable { let slope: Double }
                let name: String
                let x: [Int]?
                let y: [Double]
                let mask: [Bool]?
                let separate: Fit?
            }
            let cases: [Case]
        }
        let reference = try JSONDecoder().decode(
            Reference.self, from: fixtureData("conformance/scipy-theilslopes/theilslopes_reference.json"))
        var calculator = TrendCalculator()
        var checked: [String] = []
        for item in reference.cases {
            guard let slope = item.separate?.slope else { continue }
            var series = TimeSeries(frequency: .year)
            for (position, value) in item.y.enumerated() where !(item.mask?[position] ?? false) {
                series.append(ordinal: item.x?[position] ?? position, value: value)
            }
            expectClose(calculator.figures(of: series, polarity: .neutral).senSlope, slope, item.name)
            checked.append(item.name)
        }
        #expect(checked == ["basic", "masked_value_dropped", "Sen_1968_example"])
    }
}
