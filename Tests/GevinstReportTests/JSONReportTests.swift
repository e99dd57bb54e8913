import Foundation
import GevinstCore
import Testing
@testable import GevinstReport

@Suite struct JSONReportTests {
    /// Parses a standard CSV file of the report that has no line breaks inside fields.
    static func csvRows(_ fixture: Fixture, _ name: String) throws -> (header: [String], rows: [[String]]) {
        let lines = CSVReportTests.lines(try fixture.file(name))
        func split(_ line: String) -> [String] {
            var fields: [String] = [], field = "", quoted = false
            for character in line {
                if character == "\"" { quoted.toggle() } else if character == ",", !quoted { fields.append(field); field = "" } else { field.append(character) }
            }
            return fields + [field]
        }
        return (split(lines[0]), lines.dropFirst().map(split))
    }

    @Test func numbersAndNullsEqualTheCSVs() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(formats: [.csv, .json])
        let text = try fixture.file("report.json")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        for (key, file) in [("trends", "trends.csv"), ("gains", "gains.csv"), ("gains_by_year", "gains_by_year.csv"),
                            ("gains_by_area", "gains_by_area.csv"), ("findings", "findings.csv")] {
            let (header, rows) = try JSONReportTests.csvRows(fixture, file)
            let table = json[key] as! [String: Any]
            #expect(table["columns"] as! [String] == header + (key == "findings" ? ["details"] : []), "\(key)")
            let values = table["rows"] as! [[Any]]
            // One row a line, in the CSV's order.
            let section = text.components(separatedBy: "\"\(key)\": {")[1].components(separatedBy: "\n  ]}")[0]
            let lines = section.split(separator: "\n").dropFirst().map(String.init)
            #expect(values.count == rows.count && lines.count == rows.count, "\(key)")
            for ((value, line), row) in zip(zip(values, lines), rows) {
                let fields = line.trimmingCharacters(in: CharacterSet(charactersIn: " [],"))
                for (index, (column, cell)) in zip(header, row).enumerated() {
                    switch value[index] {
                    case is NSNull:
                        #expect(cell == "", "\(key).\(column) null but CSV has \(cell)")
                    case let string as String:
                        #expect(string == cell, "\(key).\(column)")
                    case let number as NSNumber:
                        // The same digits as the CSV; Linux's JSONSerialization may round the last bit differently.
                        #expect(fields.hasPrefix(cell + ",") || fields.contains("," + cell + ",") || fields.hasSuffix("," + cell),
                                "\(key).\(column)")
                        let expected = Double(cell)!
                        #expect(abs(number.doubleValue - expected) <= 4 * expected.ulp, "\(key).\(column): \(number) vs \(cell)")
                    default:
                        Issue.record("\(key).\(column) missing")
                    }
                }
            }
        }
    }

    @Test func runMetadataAndStableKeyOrder() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(formats: [.json])
        let text = try fixture.file("report.json")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(json["pipeline"] as? String == "fjordvik")
        #expect(json["as_of"] as? String == "2025K2")
        #expect(json["run_id"] as? Int == 1)
        let files = json["files"] as! [[String: Any]]
        // By source, then path; the replaced file (current = 0) is left out.
        #expect(files.map { $0["path"] as! String } == [
            "data/example/indikatorar.csv", "data/example/inbox/maalingar/maalingar-2023-2025.csv", "data/example/tiltak.csv",
        ])
        #expect(files[1]["sha256"] as? String == "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        #expect(files[1]["size"] as? Int == 9813)
        #expect(files[1]["rows_rejected"] as? Int == 3)
        #expect(files[1]["imported_at"] as? String == "2025-10-06T06:15:07Z")
        let findings = (json["findings"] as! [String: Any])["rows"] as! [[Any]]
        #expect((findings[1].last as? [String: String]) == ["gain_type": "time"])
        #expect(((json["rejects"] as! [String: Any])["rows"] as! [Any]).count == 3)
        // Top-level keys in their documented order; money with two decimals as written.
        let keys = ["pipeline", "title", "language", "as_of", "run_id", "thresholds", "stages", "files", "trends", "gains",
                    "gains_by_year", "gains_by_area", "annual_cycle", "budget_balance", "findings", "rejects", "initiatives", "actions"]
        let positions = keys.map { text.range(of: "\"\($0)\": ")!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(text.contains("\n    [\"T03\",\"budget\",\"2024K4\",120000.25,120000.00,\"reported\",200000.25,206250.00,6249.75,1.03124871094,\"green\"]"))
        #expect(text.contains(",1500,0.0000001,150000000000000000000,0,0.0000123,"))
    }

    /// Where as_of stands in the årshjul, in the report's language: K2 (the fixture's as_of) asks
    /// for the deep dive, K4 prepares the change of the next year; null when no quarter was assessed.
    @Test func annualCycleOfTheAsOfQuarter() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        func cycle(_ language: ReportLanguage) throws -> [String: Any]? {
            try fixture.report(language: language, formats: [.json])
            let json = try JSONSerialization.jsonObject(with: fixture.bytes("report.json")) as! [String: Any]
            return json["annual_cycle"] as? [String: Any]
        }
        let deepDive = try #require(try cycle(.nn))
        #expect(deepDive["step"] as? Int == 2 && deepDive["name"] as? String == "deep_dive" && deepDive["next_year"] as? Int == 2026)
        #expect(deepDive["label"] as? String == "K2 Gjere djupdykk")
        #expect(deepDive["asks"] as? String == "Gjer djupdykk: rekn ut gevinstane til dei aktuelle tiltaka og før dei inn i gevinstplanen.")
        try fixture.execute("UPDATE stage_state SET as_of = \(Quarter(2025, 4).code)")
        let prepare = try #require(try cycle(.en))
        #expect(prepare["step"] as? Int == 4 && prepare["name"] as? String == "prepare_change" && prepare["label"] as? String == "Q4 Prepare the change")
        #expect(prepare["asks"] as? String
                == "Prepare the change: every initiative with gains in 2026 needs a gain owner and a measurement plan (a gain link or a measurement note).")

        let empty = try Fixture()
        defer { empty.remove() }
        try empty.report(formats: [.json])
        let json = try JSONSerialization.jsonObject(with: empty.bytes("report.json")) as! [String: Any]
        #expect(json["annual_cycle"] is NSNull)
    }

    /// `initiatives` carries the register's life cycle (phase, gain owner, dates) and the A3 text.
    @Test func initiativesCarryTheLifeCycleAndTheA3Text() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.execute("""
            UPDATE initiatives SET phase = 'handover', gain_owner = 'Leiar heimetenesta', baseline_date = '2024-01-31',
                                   handover_date = '2025-09-30', rationale = 'Fleire eldre', a3_version = '2'
            WHERE initiative = 'T01'
            """)
        try fixture.report(formats: [.json])
        let json = try JSONSerialization.jsonObject(with: fixture.bytes("report.json")) as! [String: Any]
        let table = json["initiatives"] as! [String: Any]
        let columns = table["columns"] as! [String]
        let rows = table["rows"] as! [[Any]]
        let t01 = Dictionary(uniqueKeysWithValues: zip(columns, rows[0]))
        #expect(t01["initiative"] as? String == "T01" && t01["phase"] as? String == "handover")
        #expect(t01["gain_owner"] as? String == "Leiar heimetenesta")
        #expect(t01["baseline_date"] as? String == "2024-01-31" && t01["handover_date"] as? String == "2025-09-30")
        #expect(t01["rationale"] as? String == "Fleire eldre" && t01["a3_version"] as? String == "2")
        let t02 = Dictionary(uniqueKeysWithValues: zip(columns, rows[1]))
        #expect(t02["phase"] is NSNull && t02["gain_owner"] is NSNull)
    }

    @Test func schemaDescribesEveryKey() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(formats: [.json])
        let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/report.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as! [String: Any]
        let json = try JSONSerialization.jsonObject(with: fixture.bytes("report.json")) as! [String: Any]
        let properties = schema["properties"] as! [String: Any]
        #expect(Set(properties.keys) == Set(json.keys))
        #expect(Set(schema["required"] as! [String]) == Set(json.keys))
        let definitions = schema["$defs"] as! [String: [String: Any]]
        for (key, definition) in [("files", "file"), ("stages", "stage")] {
            let declared = Set((definitions[definition]!["properties"] as! [String: Any]).keys)
            for object in json[key] as! [[String: Any]] {
                #expect(Set(object.keys) == declared, "\(key)")
            }
        }
        // A table's columns are the schema's `const` list, and its rows have that many values.
        for key in ["trends", "gains", "gains_by_year", "gains_by_area", "budget_balance", "findings", "rejects", "initiatives", "actions"] {
            let declared = (properties[key] as! [String: Any])["properties"] as! [String: Any]
            let columns = (declared["columns"] as! [String: Any])["const"] as! [String]
            let table = json[key] as! [String: Any]
            #expect(table["columns"] as! [String] == columns, "\(key)")
            let tuple = ((declared["rows"] as! [String: Any])["items"] as! [String: Any])["prefixItems"] as! [Any]
            #expect(tuple.count == columns.count, "\(key)")
            for row in table["rows"] as! [[Any]] { #expect(row.count == columns.count) }
        }
    }

    /// Every word list of the schema is the code's own vocabulary, in its order: a new finding kind,
    /// register, format, phase or status that the schema does not list fails here.
    @Test func schemaEnumsAreTheCodesVocabularies() throws {
        let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/report.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: [String: Any]])
        /// The words of an `enum`, null as `nil`.
        func words(_ node: Any?) throws -> [String?] {
            let list = try #require((node as? [String: Any])?["enum"] as? [Any])
            return list.map { $0 as? String }
        }
        /// The schema of the column `title` in the rows of table `key`; an `anyOf` gives its `enum` branch.
        func column(_ key: String, _ title: String) throws -> Any? {
            let rows = try #require(((properties[key] as? [String: Any])?["properties"] as? [String: Any])?["rows"] as? [String: Any])
            let tuple = try #require((rows["items"] as? [String: Any])?["prefixItems"] as? [[String: Any]])
            let item = try #require(tuple.first { $0["title"] as? String == title }, "\(key).\(title)")
            return (item["anyOf"] as? [[String: Any]])?.first { $0["enum"] != nil } ?? item
        }
        let file = try #require(definitions["file"]?["properties"] as? [String: Any])
        let cycle = try #require(((properties["annual_cycle"] as? [String: Any])?["anyOf"] as? [[String: Any]])?.first)

        #expect(try words(column("findings", "kind")) == FindingKind.allCases.map(\.rawValue))
        #expect(try words(column("findings", "severity")) == Severity.allCases.map(\.rawValue))
        #expect(try words(file["kind"]) == InputKind.allCases.map(\.name))
        #expect(try words(file["format"]) == SourceFormat.allCases.map(\.name))
        #expect(try words(properties["language"]) == ReportLanguage.allCases.map(\.name))
        #expect(try words(definitions["gainType"]) == GainType.allCases.map(\.name))
        #expect(try words(definitions["status"]) == GainStatus.allCases.map(\.rawValue))
        #expect(try words(column("trends", "frequency")) == PeriodKind.allCases.map(\.name))
        #expect(try words(column("trends", "trend")) == TrendDirection.allCases.map(\.rawValue) + [nil])
        #expect(try words(column("trends", "assessment")) == TrendAssessment.allCases.map(\.rawValue))
        #expect(try words(column("gains_by_year", "forecast_source")) == ForecastSource.allCases.map(\.rawValue) + [nil])
        #expect(try words((cycle["properties"] as? [String: Any])?["name"]) == AnnualCycleStep.allCases.map(\.word))
        #expect(try words(column("initiatives", "phase")) == Phase.allCases.map(\.name))
        #expect(try words(column("initiatives", "status")) == InitiativeStatus.allCases.map(\.name))
        #expect(try words(column("actions", "status")) == ActionStatus.allCases.map(\.name))
    }
}
