import Foundation
import GRDB
import Testing
import GevinstCore
import GevinstWarehouse
@testable import GevinstImport

/// A mapped row of `kind` from field values by name.
private func mapped(_ kind: InputKind, _ values: [String: String], line: Int = 2) -> MappedRow {
    MappedRow(line: line, column: nil, values: kind.fields.map { values[$0] }, text: { "" })
}

@Suite struct RowInterpreterTests {
    let comma = MissingTokens.defaults

    @Test func indicatorRowReadsEveryFieldAndRefusesUnknownWords() throws {
        let interpreter = RowInterpreter(kind: .indicators, mark: .comma, missing: comma)
        let row = interpreter.indicator(mapped(.indicators, [
            "indicator": "sjukefravaer", "name": "Sjukefråvær", "unit": "%", "polarity": "lower_is_better",
            "aggregation": "snitt", "frequency": "quarter", "target": "5,5",
        ]))
        guard case .row(let indicator) = row else { Issue.record("\(row)"); return }
        #expect(indicator == IndicatorRow(indicator: "sjukefravaer", name: "Sjukefråvær", unit: "%", polarity: .lowerIsBetter,
                                          aggregation: .mean, frequency: .quarter, target: 5.5))
        guard case .rejected(let problem) = interpreter.indicator(mapped(.indicators, ["indicator": "a", "polarity": "opp"])) else {
            Issue.record("an unknown polarity was accepted"); return
        }
        #expect(problem.kind == .unknownName && problem.field == "polarity")
        guard case .rejected(let empty) = interpreter.indicator(mapped(.indicators, ["indicator": "", "name": "x"])) else {
            Issue.record("an empty indicator was accepted"); return
        }
        #expect(empty.kind == .requiredEmpty && empty.field == "indicator")
        // Missing-value tokens count in numeric fields only: in a key or text field they are text.
        guard case .row(let token) = interpreter.indicator(mapped(.indicators, ["indicator": "..", "name": "NA", "target": "x"])) else {
            Issue.record("a key that looks like a missing-value token was refused"); return
        }
        #expect(token.indicator == ".." && token.name == "NA" && token.target == nil)
    }

    @Test func initiativeRowDefaultsItsStatusAndChecksTheDeadline() throws {
        let interpreter = RowInterpreter(kind: .initiatives, mark: .comma, missing: comma)
        guard case .row(let row) = interpreter.initiative(mapped(.initiatives, ["initiative": "T1", "title": "Robot", "deadline": "30.06.2025"])) else {
            Issue.record("a good initiative was refused"); return
        }
        #expect(row.status == .active && row.deadline == CalendarDate("2025-06-30") && row.owner == nil)
        guard case .rejected(let problem) = interpreter.initiative(mapped(.initiatives, ["initiative": "T1", "title": "R", "deadline": "snart"])) else {
            Issue.record("a bad deadline was accepted"); return
        }
        #expect(problem.kind == .invalidDate && problem.field == "deadline")
    }

    @Test func amountRowTakesTheKindsPeriodsAndCountsAMissingAmount() throws {
        let plans = RowInterpreter(kind: .gainPlans, mark: .comma, missing: comma)
        let reported = RowInterpreter(kind: .gainsReported, mark: .comma, missing: comma)
        let year = ["initiative": "T1", "gain_type": "budget", "period": "2025", "amount": "1 000,50"]
        guard case .row(let plan) = plans.amount(mapped(.gainPlans, year)) else { Issue.record("a yearly plan was refused"); return }
        #expect(plan == AmountRow(initiative: "T1", gainType: .budget, period: Period("2025")!, amount: 100_050))
        guard case .rejected(let problem) = reported.amount(mapped(.gainsReported, year)) else {
            Issue.record("a yearly reported gain was accepted"); return
        }
        #expect(problem.kind == .periodKind && problem.field == "period")
        var missing = year
        missing["amount"] = "x"
        guard case .missing = plans.amount(mapped(.gainPlans, missing)) else { Issue.record("a missing amount was not counted missing"); return }
        var huge = year
        huge["amount"] = "123456789012345678901234"
        guard case .rejected(let tooLarge) = plans.amount(mapped(.gainPlans, huge)) else { Issue.record("a huge amount was accepted"); return }
        #expect(tooLarge.kind == .numberTooLarge)
    }

    @Test func linkRowDefaultsOrgUnitAndFactorAndWantsAQuarterToStart() throws {
        let interpreter = RowInterpreter(kind: .gainLinks, mark: .point, missing: comma)
        let fields = ["initiative": "T1", "indicator": "sjukefravaer", "gain_type": "time", "baseline": "7.5"]
        guard case .row(let link) = interpreter.link(mapped(.gainLinks, fields)) else { Issue.record("a good link was refused"); return }
        #expect(link == LinkRow(initiative: "T1", indicator: "sjukefravaer", orgUnit: "total", gainType: .time, baseline: 7.5,
                                factor: 1, start: nil))
        var month = fields
        month["start"] = "2024M03"
        guard case .rejected(let problem) = interpreter.link(mapped(.gainLinks, month)) else { Issue.record("a monthly start was accepted"); return }
        #expect(problem.kind == .periodKind && problem.field == "start")
        var noBaseline = fields
        noBaseline["baseline"] = ""
        guard case .missing = interpreter.link(mapped(.gainLinks, noBaseline)) else { Issue.record("a missing baseline was not counted missing"); return }
    }

    @Test func measurementRowChecksIndicatorPeriodAndValueInThatOrder() throws {
        let interpreter = RowInterpreter(kind: .measurements, mark: .comma, missing: comma)
        let good = ["indicator": "sjukefravaer", "period": "2024K1", "value": "6,25"]
        guard case .row(let row) = interpreter.measurement(mapped(.measurements, good)) else { Issue.record("a good row was refused"); return }
        #expect(row == MeasurementRow(indicator: "sjukefravaer", orgUnit: "total", period: Period("2024K1")!, value: 6.25))
        let cases: [([String: String], RejectKind?, String?)] = [
            (["indicator": "", "period": "x", "value": "y"], .requiredEmpty, "indicator"),
            (["indicator": "a", "period": "2024K9", "value": "y"], .invalidPeriod, "period"),
            (["indicator": "a", "period": "2024K1", "value": "y"], .invalidNumber, "value"),
            (["indicator": "a", "period": "2024K1", "value": "NA"], nil, nil),
        ]
        for (fields, kind, field) in cases {
            switch interpreter.measurement(mapped(.measurements, fields)) {
            case .row: Issue.record("\(fields) was accepted")
            case .missing: #expect(kind == nil, "\(fields)")
            case .rejected(let problem): #expect(problem.kind == kind && problem.field == field, "\(fields)")
            }
        }
    }
}

@Suite struct FileImportTests {
    /// The cause of the error `load` throws for `text` read as measurements with `delimiter`.
    func headerError(_ text: String, delimiter: UInt8?, fields: [String: String] = [:]) throws -> String {
        let store = try ImportWarehouse()
        let path = try store.directory.file("m.csv", text)
        var source = csvSource(.measurements, path: path, fields: fields)
        source.csv.delimiter = delimiter
        let error = #expect(throws: ImportError.self) { try store.load(source, path: path) }
        return error?.cause ?? ""
    }

    @Test func aOneFieldHeaderNamesTheDelimiterItHolds() throws {
        let semicolons = try headerError("indicator;org_unit;period;value\nsick;4699;2024K1;6,5\n", delimiter: UInt8(ascii: ","))
        #expect(semicolons.hasSuffix("the file looks ';'-separated: set delimiter: \";\" (or leave delimiter out to detect it)"), "\(semicolons)")
        let tabs = try headerError("indicator\torg_unit\tperiod\tvalue\nsick\t4699\t2024K1\t6,5\n", delimiter: UInt8(ascii: ";"))
        #expect(tabs.contains("the file looks tab-separated: set delimiter: tab"), "\(tabs)")
        let none = try headerError("indikator\nsick\n", delimiter: UInt8(ascii: ";"))
        #expect(!none.contains("separated") && !none.contains("header_row"), "\(none)")
    }

    @Test func aStatisticsBankTitleLineNamesTheHeaderRow() throws {
        let statbank = """
            "12362: Utvalde nøkkeltal, etter region, statistikkvariabel og år"

            "region";"statistikkvariabel";"år";"verdi"
            "4699 Havbrekk";"sick";"2024";"7,5"
            """
        let cause = try headerError(statbank, delimiter: nil, fields: ["indicator": "statistikkvariabel", "org_unit": "region", "period": "år", "value": "verdi"])
        #expect(cause.hasSuffix("line 1 looks like a title, as in a statistics bank export: if the header is on line 3, set header_row: 3"), "\(cause)")
    }

    @Test func measurementFileCountsLoadedMissingCollapsedAndRejectedRows() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("m.csv", """
            indicator;org_unit;period;value
            sjukefravaer;4699;2024K1;6,5
            sjukefravaer;4699;2024K2;7
            sjukefravaer;4699;2024K2;7
            sjukefravaer;4699;2024K1;8
            sjukefravaer;4699;2024K3;..
            sjukefravaer;4699;2024K7;1
            sjukefravaer;4699
            """)
        let (counts, findings) = try store.load(csvSource(.measurements, path: path), path: path)
        #expect(counts == FileCounts(read: 7, loaded: 2, missing: 1, collapsed: 1, rejected: 3))
        // A warning for the two rejects of the indicator, naming the period it can place, and one for
        // the row too short to name any.
        #expect(findings.map(\.kind) == [.rowsRejected, .rowsRejected, .indicatorRegistered])
        #expect(findings.map(\.indicator) == [nil, "sjukefravaer", "sjukefravaer"] && findings.allSatisfy { $0.initiative == nil })
        #expect(findings.prefix(2).map(\.details) == [["count": "1", "input": "measurements"],
                                                      ["count": "2", "input": "measurements", "periods": "2024K1"]])
        #expect(try store.measurements() == [["\"sjukefravaer\"", "\"4699\"", "\(Period("2024K1")!.code)", "6.5"],
                                             ["\"sjukefravaer\"", "\"4699\"", "\(Period("2024K2")!.code)", "7.0"]])
        #expect(try store.rows("SELECT line, kind FROM rejects ORDER BY line") == [
            ["5", "\"conflicting_value\""], ["7", "\"invalid_period\""], ["8", "\"field_count\""],
        ])
    }

    @Test("a rejected measurement's warning names its indicator and periods (their years beyond 12 periods)")
    func measurementRejectsNameIndicatorAndPeriods() throws {
        let store = try ImportWarehouse()
        var text = "indicator;org_unit;period;value\nfravaer;4699;2024M02;abc\nfravaer;4699;2024M01;1,5x\n;4699;2024M03;x\n"
        for month in 1...12 { text += "ventetid;4699;2023M\(month < 10 ? "0" : "")\(month);x1\n" }
        text += "ventetid;4699;2024M01;x1\n"
        let path = try store.directory.file("m.csv", text)
        let (counts, findings) = try store.load(csvSource(.measurements, path: path), path: path)
        #expect(counts.rejected == 16)
        let rejected = findings.filter { $0.kind == .rowsRejected }
        #expect(rejected.map(\.indicator) == [nil, "fravaer", "ventetid"])
        #expect(rejected.map(\.details) == [
            ["count": "1", "input": "measurements", "periods": "2024M03"],
            ["count": "2", "input": "measurements", "periods": "2024M01, 2024M02"],
            ["count": "13", "input": "measurements", "years": "2023, 2024"],
        ])
    }

    @Test func registerFileRejectsALaterDuplicateAndStoresTheRest() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("i.csv", """
            indicator;polarity
            a;higher_is_better
            b;opp
            a;neutral
            ;neutral
            """)
        let (counts, _) = try store.load(csvSource(.indicators, path: path), path: path)
        #expect(counts == FileCounts(read: 4, loaded: 1, missing: 0, collapsed: 0, rejected: 3))
        #expect(try store.rows("SELECT indicator, polarity FROM indicators") == [["\"a\"", "\"higher_is_better\""]])
        #expect(try store.rows("SELECT kind, reason FROM rejects ORDER BY line")[1] == [
            "\"duplicate_key\"", "\"duplicate indicator a; the first is on line 2\"",
        ])
    }

    @Test func onErrorFailStopsTheFileAtItsFirstReject() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("m.csv", "indicator;period;value\na;2024K1;1\na;2024K9;2\n")
        let error = #expect(throws: ImportError.self) {
            try store.load(csvSource(.measurements, path: path, onError: .fail), path: path)
        }
        #expect(error?.line == 3 && error?.cause.contains("on_error: fail") == true)
        #expect(try store.measurements().isEmpty)
    }
}

@Suite struct MeasurementWriterTests {
    /// Writes `values` (period code → value) of one series as one file; returns the writer's collapsed count and problems.
    private func write(_ store: ImportWarehouse, file: String, _ values: [(Int32, Double, repeated: Bool)]) throws -> (Int, [RowProblem]) {
        try store.warehouse.database.write { db in
            let fileID = try store.fileRecord(csvSource(.measurements, path: file), path: file, db)
            var writer = try MeasurementWriter(db: db, fileID: fileID, source: "test", relativePath: file)
            try writer.addSeries(indicator: "sjukefravaer", orgUnit: "4699")
            var problems: [RowProblem] = []
            for (period, value, repeated) in values {
                if repeated {
                    if let problem = try writer.writeRepeated(series: 0, period: period, value: value, key: "k") { problems.append(problem) }
                } else {
                    try writer.writeNew(series: 0, period: period, value: value)
                }
            }
            _ = try writer.finish(try MeasurementChecks(db))
            return (writer.collapsed, problems)
        }
    }

    @Test func aNewerFileReplacesAValueAndTheHistoryKeepsTheOldOne() throws {
        let store = try ImportWarehouse()
        let (q1, q2) = (Int32(Period("2024K1")!.code), Int32(Period("2024K2")!.code))
        _ = try write(store, file: "a.csv", [(q1, 5, false), (q2, 6, false)])
        let (collapsed, problems) = try write(store, file: "b.csv", [(q1, 5.5, false), (q2, 6, true), (q2, 6, true), (q1, 9, true)])
        #expect(collapsed == 1)
        #expect(problems.map(\.kind) == [.conflictingValue])
        #expect(try store.rows("SELECT period, value, file_id FROM measurements ORDER BY period") == [
            ["\(q1)", "5.5", "2"], ["\(q2)", "6.0", "2"],
        ])
        #expect(try store.rows("SELECT period, value, file_id, replaced_by_file_id, new_value FROM measurement_history") == [
            ["\(q1)", "5.0", "1", "2", "5.5"],
        ])
    }
}

@Suite struct RegisterWriterTests {
    private func plan(_ initiative: String, _ ore: Int64, period: String = "2025K1") -> AmountRow {
        AmountRow(initiative: initiative, gainType: .budget, period: Period(period)!, amount: ore)
    }

    /// Writes `rows` as one gain_plans file.
    private func write(_ store: ImportWarehouse, file: String, _ rows: [AmountRow]) throws {
        try store.warehouse.database.write { db in
            let fileID = try store.fileRecord(csvSource(.gainPlans, path: file), path: file, db)
            var writer = try RegisterWriter(db: db, kind: .gainPlans, fileID: fileID)
            for row in rows { try writer.write(row) }
            try writer.finish()
        }
    }

    @Test func planRowsWithTheSameKeyAddUpAcrossBatchesAndANewerFileReplacesThem() throws {
        let store = try ImportWarehouse()
        // 70 rows: two full batches of 32 and six written one at a time; T1's rows fall in all three.
        var rows = (0..<67).map { plan("T\($0 % 20 + 2)", 100) }
        rows.insert(plan("T1", 1), at: 0)
        rows.insert(plan("T1", 20), at: 40)
        rows.append(plan("T1", 300))
        rows.append(plan("T1", 4000, period: "2025"))
        try write(store, file: "a.csv", rows)
        let sums = try store.rows("SELECT initiative, period, amount FROM gain_plans WHERE initiative = 'T1' ORDER BY period")
        #expect(sums == [["\"T1\"", "\(Period("2025K1")!.code)", "321"], ["\"T1\"", "\(Period("2025")!.code)", "4000"]])
        #expect(try store.rows("SELECT SUM(amount) FROM gain_plans") == [["\(67 * 100 + 321 + 4000)"]])
        try write(store, file: "b.csv", [plan("T1", 7), plan("T1", 8)])
        #expect(try store.rows("SELECT amount, file_id FROM gain_plans WHERE initiative = 'T1' AND period = \(Period("2025K1")!.code)")
                == [["15", "2"]])
    }

    @Test func deleteRowsRemovesWhatASourceStoredBefore() throws {
        let store = try ImportWarehouse()
        try write(store, file: "a.csv", [plan("T1", 1), plan("T2", 2)])
        try store.warehouse.database.write { db in try RegisterWriter.deleteRows(of: .gainPlans, source: "test", db) }
        #expect(try store.rows("SELECT COUNT(*) FROM gain_plans") == [["0"]])
    }

    @Test func aLaterDuplicateIndicatorIsRejectedNamingTheFirstLine() throws {
        let store = try ImportWarehouse()
        let problem = try store.warehouse.database.write { db in
            let fileID = try store.fileRecord(csvSource(.indicators, path: "i.csv"), path: "i.csv", db)
            var writer = try RegisterWriter(db: db, kind: .indicators, fileID: fileID)
            #expect(try writer.write(IndicatorRow(indicator: "a"), line: 2) == nil)
            return try writer.write(IndicatorRow(indicator: "a", name: "igjen"), line: 9)
        }
        #expect(problem == RowProblem(.duplicateKey, field: nil, reason: "duplicate indicator a; the first is on line 2"))
        #expect(try store.rows("SELECT indicator, name FROM indicators") == [["\"a\"", nil]])
    }
}
