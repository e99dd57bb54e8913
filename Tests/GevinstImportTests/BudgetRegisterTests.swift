import Foundation
import GRDB
import Testing
import GevinstCore
import GevinstWarehouse
@testable import GevinstImport

/// The registers of the budget cycle and the gain life cycle: `budget_targets`, `gain_comments`,
/// `gain_forecasts` and the phase, gain owner and dates of `initiatives`, read from CSV files with
/// Norwegian column names and values.
@Suite struct BudgetRegisterTests {
    /// The rows of a query as plain text.
    func texts(_ store: ImportWarehouse, _ sql: String) throws -> [[String]] {
        try store.warehouse.database.read { db in
            try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { String.fromDatabaseValue($0) ?? $0.description } }
        }
    }

    @Test func initiativesTakePhaseGainOwnerAndDatesWithNorwegianWords() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("tiltak.csv", """
            tiltak;tittel;status;fase;gevinsteigar;nullpunkt;overlevering
            T1;Robot;pågår;gjennomføre;Kari Nordmann;01.01.2024;2025-06-30
            T2;Skule;planlagt;Overført;;;
            T3;Feil;aktiv;ferdig om ei veke;;;
            T4;Feil;kanskje;plan;;;
            """)
        let fields = ["initiative": "tiltak", "title": "tittel", "status": "status", "phase": "fase", "gain_owner": "gevinsteigar",
                      "baseline_date": "nullpunkt", "handover_date": "overlevering"]
        let (counts, _) = try store.load(csvSource(.initiatives, path: path, fields: fields), path: path)
        #expect(counts == FileCounts(read: 4, loaded: 2, missing: 0, collapsed: 0, rejected: 2))
        #expect(try store.rows("SELECT initiative, status, phase, gain_owner, baseline_date, handover_date FROM initiatives ORDER BY 1") == [
            ["\"T1\"", "\"active\"", "\"execute\"", "\"Kari Nordmann\"", "\"2024-01-01\"", "\"2025-06-30\""],
            ["\"T2\"", "\"planned\"", "\"handover\"", nil, nil, nil],
        ])
        let reasons = try texts(store, "SELECT field, reason FROM rejects ORDER BY line")
        #expect(reasons == [
            ["phase", "'ferdig om ei veke' is not a valid phase; use one of: identify (identifisere, identifisera); "
                + "plan (planlegge, planleggje); execute (gjennomføre, gjennomføring); handover (overføre, overført, overlevere); "
                + "realise (realisere, realisera, realize); closed (avslutta, avsluttet, avslutte)"],
            ["status", "'kanskje' is not a valid status; use one of: planned (planlagt); active (pågår, aktiv); "
                + "completed (fullført, ferdig); stopped (avbrote, avbrutt, stoppa, stoppet)"],
        ])
    }

    @Test func budgetTargetsAddUpWithinAFileAndRefuseNegativeAmountsAndYearsOutsideThePlan() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("krav.csv", """
            år;beløp;område;plan;sak
            2025;1 000 000,00;Oppvekst;B+Ø 2025–2028;PS 12/24
            2025;500 000,50;Oppvekst;B+Ø 2025–2028;
            2026;2 000 000;;B+Ø 2025–2028;
            2029;1 000;Oppvekst;B+Ø 2025–2028;
            2027;-5,00;Oppvekst;B+Ø 2025–2028;
            2025K1;1;Oppvekst;B+Ø 2025–2028;
            2030;7;;;
            """)
        let fields = ["year": "år", "amount": "beløp", "area": "område", "plan": "plan", "case_ref": "sak"]
        let (counts, _) = try store.load(csvSource(.budgetTargets, path: path, fields: fields), path: path)
        #expect(counts == FileCounts(read: 7, loaded: 4, missing: 0, collapsed: 0, rejected: 3))
        #expect(try store.rows("SELECT plan, year, area, amount, case_ref FROM budget_targets ORDER BY 1, 2, 3") == [
            ["\"B+Ø 2025–2028\"", "2025", "\"Oppvekst\"", "150000050", "\"PS 12/24\""],
            ["\"B+Ø 2025–2028\"", "2026", "\"\"", "200000000", nil],
            // Without a plan the source's id names it, and the name holds no years to check.
            ["\"test\"", "2030", "\"\"", "700", nil],
        ])
        #expect(try texts(store, "SELECT line, kind, field, reason FROM rejects ORDER BY line") == [
            ["5", "out_of_range", "year", "2029 is outside the plan B+Ø 2025–2028, which runs 2025–2028"],
            ["6", "out_of_range", "amount", "the savings requirement -5.00 is negative; a requirement is what the plan must save, 0 or more"],
            ["7", "period_kind", "year", "'2025K1' is a quarter; year must be a year"],
        ])
    }

    @Test func budgetTargetsAddUpAcrossTheFilesOfASourceInModeReplace() throws {
        let fields = ["year": "år", "amount": "beløp", "area": "område", "plan": "plan", "case_ref": "sak"]
        for mode in [ImportMode.replace, .upsert] {
            let store = try ImportWarehouse()
            let first = try store.directory.file("krav-1.csv", "år;beløp;område;plan;sak\n2025;1 000;Oppvekst;B+Ø 2025–2028;PS 12/24\n")
            let second = try store.directory.file("krav-2.csv", "år;beløp;område;plan;sak\n2025;500;Oppvekst;B+Ø 2025–2028;\n2026;7;;B+Ø 2025–2028;\n")
            var source = csvSource(.budgetTargets, path: store.directory.url.appendingPathComponent("krav-*.csv").path, fields: fields)
            source.mode = mode
            _ = try store.loadTogether(source, paths: [first, second])
            // Replace: one source's files are one requirement; upsert: the later file's row replaces the earlier one's.
            let oppvekst = mode == .replace ? ["\"Oppvekst\"", "150000", "\"PS 12/24\""] : ["\"Oppvekst\"", "50000", nil]
            #expect(try store.rows("SELECT area, amount, case_ref FROM budget_targets ORDER BY year") == [oppvekst, ["\"\"", "700", nil]],
                    "\(mode)")
        }
    }

    @Test func aPlanNamesItsYearsWithAHyphenOrADash() {
        #expect(RowInterpreter.years(named: "B+Ø 2025–2028") == 2025...2028)
        #expect(RowInterpreter.years(named: "okonomiplan-2025-2028") == 2025...2028)
        #expect(RowInterpreter.years(named: "plan 2028-2025") == nil)
        #expect(RowInterpreter.years(named: "plan 12025-2028") == nil)
        #expect(RowInterpreter.years(named: "økonomiplan") == nil)
    }

    @Test func commentsAndForecastsTakeQuartersYearsAndAnEmptyGainTypeForAll() throws {
        let store = try ImportWarehouse()
        let comments = try store.directory.file("kommentarar.csv", """
            tiltak;kvartal;gevinsttype;kommentar;forfattar
            T1;2025K2;budsjett;Forseinka innkjøp;Kari
            T1;2025-K2;;Gjeld alle typar;
            T1;2025K2;budsjett;Same nøkkel;
            T2;2025;tid;Eit år;
            T3;2025K3;;;
            """)
        let commentFields = ["initiative": "tiltak", "period": "kvartal", "gain_type": "gevinsttype", "comment": "kommentar",
                             "author": "forfattar"]
        let (commentCounts, _) = try store.load(csvSource(.gainComments, path: comments, fields: commentFields), path: comments)
        #expect(commentCounts == FileCounts(read: 5, loaded: 2, missing: 0, collapsed: 0, rejected: 3))
        #expect(try store.rows("SELECT initiative, quarter, gain_type, comment, author FROM gain_comments ORDER BY 1, 2, 3") == [
            ["\"T1\"", "2025102", "\"\"", "\"Gjeld alle typar\"", nil],
            ["\"T1\"", "2025102", "\"budget\"", "\"Forseinka innkjøp\"", "\"Kari\""],
        ])
        #expect(try store.rows("SELECT kind, field FROM rejects ORDER BY line") == [
            ["\"duplicate_key\"", nil], ["\"period_kind\"", "\"period\""], ["\"required_empty\"", "\"comment\""],
        ])

        let forecasts = try store.directory.file("prognose.csv", """
            tiltak;gevinsttype;år;beløp;kommentar
            T1;budsjett;2025;750 000,00;Økonomisjefen
            T1;budsjett;2025K4;1;
            """)
        let forecastFields = ["initiative": "tiltak", "gain_type": "gevinsttype", "year": "år", "amount": "beløp", "comment": "kommentar"]
        let (forecastCounts, _) = try store.load(csvSource(.gainForecasts, path: forecasts, fields: forecastFields), path: forecasts)
        #expect(forecastCounts == FileCounts(read: 2, loaded: 1, missing: 0, collapsed: 0, rejected: 1))
        #expect(try store.rows("SELECT initiative, gain_type, year, amount, comment FROM gain_forecasts") == [
            ["\"T1\"", "\"budget\"", "2025", "75000000", "\"Økonomisjefen\""],
        ])
    }

    @Test func aReplacingSourceDeletesWhatItStoredBefore() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("krav.csv", "year;amount\n2025;10\n")
        _ = try store.load(csvSource(.budgetTargets, path: path), path: path)
        try store.warehouse.database.write { db in try RegisterWriter.deleteRows(of: .budgetTargets, source: "test", db) }
        #expect(try store.rows("SELECT COUNT(*) FROM budget_targets") == [["0"]])
    }
}
