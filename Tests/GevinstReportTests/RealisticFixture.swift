import Foundation
import GRDB
import GevinstCore
import GevinstWarehouse
import GevinstTestSupport

/// A Fjordvik-like warehouse: ten initiatives of every gain type from 2024K1 to 2027K4 with
/// realised gains up to 2025K3, monthly, quarterly and yearly indicator series with control
/// limits and flagged points, findings and rejects. Deterministic; for the HTML, Markdown and
/// language tests and for the screenshots.
extension Fixture {
    static let realisticAsOf = Period.quarter(2025, 3)

    static func realistic() throws -> Fixture {
        let fixture = try Fixture()
        try fixture.seedRunAndFiles()
        try fixture.execute("UPDATE stage_state SET as_of = 2025103 WHERE stage = 'gains'")
        var random = SeededRandom(seed: 4699)
        try fixture.seedRealisticRegisters()
        try fixture.seedRealisticTrends(&random)
        try fixture.seedRealisticGains(&random)
        try fixture.warehouse.database.write { db in
            try SharedRecords.insert([
                Finding(.doubleCount, initiative: "T05", relatedInitiative: "T09", indicator: "fakturaer_manuelt",
                        orgUnit: "total", quarter: Quarter(2024, 3), details: ["gain_type": "time"]),
                Finding(.linkWithoutMeasurements, initiative: "T07", indicator: "vikarbruk", orgUnit: "BHG",
                        quarter: Quarter(2024, 1), details: ["gain_type": "budget"]),
                Finding(.reportedDerivedDisagree, initiative: "T03", quarter: Quarter(2025, 2),
                        details: ["gain_type": "budget", "reported": "104900.00", "derived": "81400.50"]),
                Finding(.unmeasurableInitiative, initiative: "T10", details: ["gain_type": "efficiency"]),
            ], stage: "gains", runID: 1, fileID: nil, db)
            try SharedRecords.insert([
                Finding(.saftLineWithoutAnalysis, source: "ledger", file: "data/example/inbox/saft/SAF-T_Financial_946000000_2025.xml",
                        details: ["count": "1214", "analysis_type": "A"]),
                Finding(.indicatorRegistered, source: "maalingar", indicator: "innbyggarar", details: ["frequency": "quarter"]),
            ], stage: "import", runID: 1, fileID: 3, db)
        }
        try fixture.execute("""
            INSERT INTO rejects (file_id, source, file, line, "column", field, kind, reason, text) VALUES
              (3, 'maalingar', 'data/example/inbox/maalingar/maalingar-2023-2025.csv', 118, NULL, 'value', 'invalid_number',
               '''12,3,4'' is not a number (decimal comma)', 'sjukefravaer;Havbrekk sjukeheim;2024M02;12,3,4'),
              (3, 'maalingar', 'data/example/inbox/maalingar/maalingar-2023-2025.csv', 207, NULL, 'period', 'invalid_period',
               '''2024M13'' is not a period (2024, 2024K1, 2024M03, 2024-03 or a date)',
               'vedtakstimar_heimeteneste;Heimetenesta Sør;2024M13;5 100');
            """)
        return fixture
    }

    static let realisticIndicators: [(id: String, name: String, unit: String, polarity: String, frequency: PeriodKind,
                                      target: Double?, base: Double, slope: Double, noise: Double, units: [String])] = [
        ("vedtakstimar_heimeteneste", "Vedtakstimar i heimetenesta per månad", "timar", "lower_is_better", .month, nil,
         5400, -18, 160, ["Heimetenesta Nord", "Heimetenesta Sør"]),
        ("sjukefravaer", "Sjukefråvær (legemeldt og eigenmeldt)", "prosent", "lower_is_better", .month, 7.5,
         11.8, -0.035, 0.7, ["total", "Heimetenesta Nord", "Heimetenesta Sør", "Havbrekk sjukeheim", "Nordvik skule"]),
        ("utsendt_post_fysisk", "Utsende brev på papir per månad", "brev", "lower_is_better", .month, 1500,
         11_000, -120, 350, ["total"]),
        ("fakturaer_manuelt", "Inngåande fakturaer handsama manuelt", "fakturaer", "lower_is_better", .month, 1000,
         9500, -70, 300, ["total"]),
        ("sakshandsamingstid_byggesak", "Sakshandsamingstid byggesaker (snitt)", "dagar", "lower_is_better", .month, 21,
         41, -0.2, 3, ["total"]),
        ("energibruk_12m_kwh_m2", "Energibruk i kommunale bygg, siste 12 månader", "kWh/m²", "lower_is_better", .quarter,
         150, 176, -0.9, 1.5, ["total"]),
        ("arsverk_administrasjon", "Årsverk i sentraladministrasjonen", "årsverk", "lower_is_better", .quarter, 50,
         55.4, -0.12, 0.4, ["total"]),
        ("netto_driftsutg_grunnskule_per_elev", "Netto driftsutgifter grunnskule per elev", "kr", "lower_is_better", .year,
         140_000, 141_648, 4100, 900, ["4699"]),
        ("del_barn_1_5_i_barnehage", "Del barn 1–5 år med barnehageplass", "prosent", "higher_is_better", .year, 95,
         91.2, 0.5, 0.4, ["4699"]),
        ("innbyggarar", "Folketal ved utgangen av kvartalet", "personar", "neutral", .quarter, nil,
         11_240, 12, 8, ["total"]),
    ]

    private func seedRealisticRegisters() throws {
        for indicator in Fixture.realisticIndicators {
            try execute("""
                INSERT INTO indicators (indicator, name, unit, polarity, aggregation, frequency, target, file_id)
                VALUES (?, ?, ?, ?, 'mean', ?, ?, 1)
                """, [indicator.id, indicator.name, indicator.unit, indicator.polarity, indicator.frequency.name, indicator.target])
        }
        try execute("""
            INSERT INTO initiatives (initiative, title, owner, area, status, deadline, description, file_id) VALUES
              ('T01', 'Velferdsteknologi i heimetenesta', 'Kommunalsjef helse og omsorg', 'Helse og omsorg', 'active', '2026-12-31', NULL, 2),
              ('T02', 'Nærværsprogrammet «Saman om nærvær»', 'HR-sjef', 'Helse og omsorg', 'active', '2026-12-31', NULL, 2),
              ('T03', 'Digital post via SvarUt', 'Dokumentsenteret, Rådhuset', 'Organisasjon', 'completed', '2024-12-31', NULL, 2),
              ('T04', 'Betre innkjøp og mindre konsulentbruk', 'Økonomisjef', 'Økonomi', 'active', '2025-12-31', NULL, 2),
              ('T05', 'Felles sørvissenter for økonomi, løn og HR', 'Kommunedirektør', 'Organisasjon', 'active', '2025-06-30', NULL, 2),
              ('T06', 'Energieffektivisering i kommunale bygg (EPC)', 'Eigedomssjef', 'Teknisk', 'active', '2026-06-30', NULL, 2),
              ('T07', 'Redusert vikarbruk i barnehagane', 'Kommunalsjef oppvekst', 'Oppvekst', 'stopped', '2025-07-31', NULL, 2),
              ('T08', 'Digital byggesakshandsaming', 'Leiar plan og byggesak', 'Teknisk', 'active', '2025-12-31', NULL, 2),
              ('T09', 'Automatisering av fakturahandsaming', 'Økonomisjef', 'Økonomi', 'active', '2025-12-31', NULL, 2),
              ('T10', 'Skulebruksplan: Nordvik og Straumen skular slått saman', 'Kommunalsjef oppvekst', 'Oppvekst', 'planned', '2026-08-01', NULL, 2);
            INSERT INTO gain_links (initiative, indicator, org_unit, gain_type, baseline, factor, start, file_id) VALUES
              ('T01', 'vedtakstimar_heimeteneste', 'Heimetenesta Nord', 'time', 17520, 1, NULL, 2),
              ('T01', 'vedtakstimar_heimeteneste', 'Heimetenesta Sør', 'time', 14210, 1, NULL, 2),
              ('T02', 'sjukefravaer', 'Heimetenesta Nord', 'quality', 12, 1, NULL, 2),
              ('T02', 'sjukefravaer', 'Havbrekk sjukeheim', 'efficiency', 13.4, 140400, 2024102, 2),
              ('T03', 'utsendt_post_fysisk', 'total', 'budget', 11100, 18.5, NULL, 2),
              ('T05', 'fakturaer_manuelt', 'total', 'time', 9500, 0.1, NULL, 2),
              ('T06', 'energibruk_12m_kwh_m2', 'total', 'budget', 173, 11137.5, 2024102, 2),
              ('T08', 'sakshandsamingstid_byggesak', 'total', 'quality', 41, 1, 2024103, 2),
              ('T09', 'fakturaer_manuelt', 'total', 'time', 9500, 0.12, 2024103, 2);
            """)
    }

    private func seedRealisticTrends(_ random: inout SeededRandom) throws {
        for indicator in Fixture.realisticIndicators {
            let kind = indicator.frequency
            let first = Period(kind: kind, ordinal: 2019 * kind.periodsPerYear)
            let last = kind == .year ? Period.year(2024) : kind == .quarter ? Period.quarter(2025, 3) : Period.month(2025, 9)
            for (unitIndex, unit) in indicator.units.enumerated() {
                var values: [(Period, Double)] = []
                for ordinal in first.ordinal...last.ordinal {
                    let period = Period(kind: kind, ordinal: ordinal)
                    let season = kind == .month ? sin(Double(period.indexInYear) / 12 * 2 * .pi) * indicator.noise * 0.6 : 0
                    let scale = 1 + Double(unitIndex) * 0.08
                    let level = indicator.base + indicator.slope * Double(ordinal - first.ordinal)
                    let value = level * scale + season + random.normal() * indicator.noise
                    values.append((period, (value * 10).rounded() / 10))
                }
                try insertTrend(indicator.id, unit, kind: kind, values: values, target: indicator.target,
                                polarity: indicator.polarity)
            }
        }
    }

    /// Computes the figures a trend row holds well enough for a realistic report.
    private func insertTrend(_ indicator: String, _ unit: String, kind: PeriodKind, values: [(Period, Double)],
                             target: Double?, polarity: String) throws {
        let ys = values.map(\.1), n = Double(ys.count)
        let mean = ys.reduce(0, +) / n
        let sorted = ys.sorted()
        let median = ys.count % 2 == 1 ? sorted[ys.count / 2] : (sorted[ys.count / 2 - 1] + sorted[ys.count / 2]) / 2
        let stdev = (ys.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot()
        let ts = values.map(\.0.time), tMean = ts.reduce(0, +) / n
        let sxy = zip(ts, ys).map { ($0 - tMean) * ($1 - mean) }.reduce(0, +)
        let sxx = ts.map { ($0 - tMean) * ($0 - tMean) }.reduce(0, +)
        let slope = sxy / sxx
        let rSquared = sxy * sxy / (sxx * ys.map { ($0 - mean) * ($0 - mean) }.reduce(0, +))
        var s = 0
        for i in 0..<ys.count { for j in (i + 1)..<ys.count { s += ys[j] > ys[i] ? 1 : ys[j] < ys[i] ? -1 : 0 } }
        let variance = n * (n - 1) * (2 * n + 5) / 18
        let z = s > 0 ? Double(s - 1) / variance.squareRoot() : s < 0 ? Double(s + 1) / variance.squareRoot() : 0
        let p = erfc(abs(z) / 2.0.squareRoot())
        let trend = p < 0.05 ? (z > 0 ? "increasing" : "decreasing") : "no_trend"
        let good = polarity == "lower_is_better" ? "decreasing" : "increasing"
        let assessment = polarity == "neutral" ? "n/a" : trend == "no_trend" ? "stable" : trend == good ? "improving" : "worsening"
        let movingRange = zip(ys.dropFirst(), ys).map { abs($0 - $1) }.reduce(0, +) / (n - 1)
        let lower = mean - 2.66 * movingRange, upper = mean + 2.66 * movingRange
        var signals = Array(repeating: 0, count: ys.count)
        var runStart = 0
        for index in 0...ys.count {
            if index < ys.count, ys[index] < lower || ys[index] > upper { signals[index] |= 1 }
            let side = index < ys.count ? (ys[index] > mean ? 1 : -1) : 0
            let runSide = ys[runStart] > mean ? 1 : -1
            if side != runSide {
                if index - runStart >= 7 { for k in runStart..<index { signals[k] |= 2 } }
                runStart = index
            }
        }
        let lastValue = ys.last!
        let perYear = kind.periodsPerYear
        let yoy = ys.count > perYear ? lastValue - ys[ys.count - 1 - perYear] : nil
        try execute("""
            INSERT INTO trends (indicator, org_unit, frequency, n, first_period, last_period, last_value, mean, median, stdev,
                                min, max, change_prev, change_yoy, ols_slope, r_squared, sen_slope, mk_s, mk_tau, mk_z, mk_p,
                                trend, assessment, target, target_gap, cc_centre, cc_lower, cc_upper, cc_moving_range, cc_signals,
                                points)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [indicator, unit, kind.name, ys.count, values.first!.0.code, values.last!.0.code, lastValue,
                  mean, median, stdev, sorted.first!, sorted.last!, lastValue - ys[ys.count - 2], yoy, slope, rSquared, slope,
                  s, Double(s) / (n * (n - 1) / 2), z, p, trend, assessment, target, target.map { lastValue - $0 },
                  mean, lower, upper, movingRange, signals.filter { $0 != 0 }.count,
                  "[" + zip(values, signals).map { "[\($0.0.code),\($0.1),\($1)]" }.joined(separator: ",") + "]"])
    }

    private func seedRealisticGains(_ random: inout SeededRandom) throws {
        // (initiative, type, first quarter, quarterly plan in hundredths, realisation level)
        let plans: [(String, GainType, Period, Int64, Double)] = [
            ("T01", .time, .quarter(2024, 1), 130_000, 0.96),
            ("T01", .efficiency, .quarter(2024, 1), 82_500_000, 0.93),
            ("T02", .efficiency, .quarter(2024, 2), 40_000_000, 0.78),
            ("T02", .quality, .quarter(2024, 1), 75, 0.55),
            ("T03", .budget, .quarter(2024, 1), 12_500_000, 1.04),
            ("T04", .budget, .quarter(2024, 2), 60_000_000, 0.52),
            ("T05", .budget, .quarter(2024, 3), 95_000_000, 0.88),
            ("T05", .time, .quarter(2024, 1), 95_000, 0.9),
            ("T06", .budget, .quarter(2024, 2), 48_000_000, 1.1),
            ("T07", .budget, .quarter(2024, 1), 18_000_000, 0.31),
            ("T08", .quality, .quarter(2024, 3), 250, 0.82),
            ("T09", .time, .quarter(2024, 3), 114_000, 0.97),
            ("T09", .efficiency, .quarter(2024, 3), 6_954_000, 0.74),
            ("T10", .efficiency, .quarter(2026, 3), 210_000_000, 0),
        ]
        let asOf = Fixture.realisticAsOf
        var areaSums: [String: [GainType: [Int: (planned: Int64, realised: Int64?)]]] = [:]
        let areas = ["T01": "Helse og omsorg", "T02": "Helse og omsorg", "T03": "Organisasjon", "T04": "Økonomi",
                     "T05": "Organisasjon", "T06": "Teknisk", "T07": "Oppvekst", "T08": "Teknisk", "T09": "Økonomi",
                     "T10": "Oppvekst"]
        for (initiative, type, first, perQuarter, level) in plans {
            let count = Period.quarter(2027, 4).ordinal - first.ordinal + 1
            let planned = (0..<count).map { index in perQuarter * Int64(min(index + 1, 4)) / 4 }
            let realised = (0..<count).map { index -> Int64? in
                let quarter = first.advanced(by: index)
                guard quarter <= asOf else { return nil }
                return Int64((Double(planned[index]) * level * (1 + random.normal() * 0.06)).rounded())
            }
            try seedGains(initiative, type, first: first, planned: planned, realised: realised, asOf: asOf)
            for (index, plan) in planned.enumerated() {
                let ordinal = first.ordinal + index
                for area in [areas[initiative]!, "*"] {
                    let old = areaSums[area, default: [:]][type, default: [:]][ordinal] ?? (0, nil)
                    let value = realised[index].map { ($0) + (old.realised ?? 0) } ?? old.realised
                    areaSums[area, default: [:]][type, default: [:]][ordinal] = (old.planned + plan, value)
                }
            }
            var year = first.year
            while year <= 2027 {
                let quarters = planned.indices.filter { first.advanced(by: $0).year == year }
                let plannedYear = quarters.map { planned[$0] }.reduce(0, +)
                let toDate = quarters.filter { first.advanced(by: $0) <= asOf }
                let plannedYTD = toDate.map { planned[$0] }.reduce(0, +)
                let realisedYTD = toDate.map { realised[$0] ?? 0 }.reduce(0, +)
                let rate: Double? = plannedYTD == 0 ? nil : Double(realisedYTD) / Double(plannedYTD)
                let forecast = realisedYTD + Int64((Double(plannedYear - plannedYTD) * (rate ?? 1)).rounded())
                try execute("""
                    INSERT INTO gains_yearly (initiative, gain_type, year, planned, planned_ytd, realised_ytd, rate_ytd, forecast)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, [initiative, type.rawValue, year, plannedYear, plannedYTD, realisedYTD, rate, forecast])
                year += 1
            }
        }
        for (area, types) in areaSums {
            for (type, quarters) in types {
                var cumPlanned: Int64 = 0, cumRealised: Int64 = 0
                for ordinal in quarters.keys.sorted() {
                    let quarter = Period(kind: .quarter, ordinal: ordinal)
                    let (plan, value) = quarters[ordinal]!
                    let past = quarter <= asOf
                    cumPlanned += plan
                    cumRealised += past ? value ?? 0 : 0
                    let rate: Double? = past && cumPlanned != 0 ? Double(cumRealised) / Double(cumPlanned) : nil
                    let status = !past ? "future" : rate == nil ? "none" : rate! >= 0.9 ? "green" : rate! >= 0.7 ? "yellow" : "red"
                    try execute("""
                        INSERT INTO gains_by_area (area, gain_type, quarter, planned, realised, cum_planned, cum_realised,
                                                   deviation, realisation_rate, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, [area, type.rawValue, quarter.code, plan, past ? value : nil, cumPlanned,
                              past ? cumRealised : nil, past ? cumRealised - cumPlanned : nil, rate, status])
                }
            }
        }
    }
}

extension SeededRandom {
    /// Uniform in (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    /// Standard normal, by Box–Muller.
    mutating func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
}
