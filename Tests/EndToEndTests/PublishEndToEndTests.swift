import Foundation
import GRDB
@testable import GevinstPublish
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `gevinst publish` and the fifth stage of `run` against a real PostgreSQL server (docs/publish.md).
/// Serialized: each test starts its own server, which is enough load for a small machine.
@Suite("Publish", .serialized)
struct PublishEndToEndTests {
    /// The tables publish writes, with the figures whose sums must agree on both sides.
    static let tables = ["indicators", "org_units", "org_unit_aliases", "initiatives", "actions", "gain_plans", "gains_reported",
                         "gain_links", "budget_targets", "gain_comments", "gain_forecasts", "measurements", "trends",
                         "gains_quarterly", "gains_yearly", "gains_by_area", "budget_balance", "findings", "files", "runs"]

    /// The example twice: havbrekk (4699, as_of auto) and nabo (4700, as_of 2024K4), both publishing.
    func twoMunicipalities(_ server: PostgresServer) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.copyExample()
        let example = try String(contentsOfFile: scratch.path("pipelines/example.yml"), encoding: .utf8)
        try scratch.write("pipelines/example.yml", example + server.publishSection(municipality: "4699"))
        let nabo = example.replacingOccurrences(of: "name: havbrekk", with: "name: nabo")
            .replacingOccurrences(of: "data/havbrekk.sqlite", with: "data/nabo.sqlite")
            .replacingOccurrences(of: "reports/havbrekk", with: "reports/nabo")
            .replacingOccurrences(of: "as_of: auto", with: "as_of: 2024K4")
        try scratch.write("pipelines/nabo.yml", nabo + server.publishSection(municipality: "4700"))
        return scratch
    }

    func run(_ arguments: [String], _ scratch: Scratch, _ server: PostgresServer, expect status: Int32 = 0) throws -> Gevinst.Result {
        let result = try Gevinst.run(arguments, in: scratch.url, environment: server.environment)
        #expect(result.status == status, "gevinst \(arguments.joined(separator: " ")): \(result.stderr.suffix(3000))")
        return result
    }

    /// Per table and municipality: row count and a sum of the rows' system column xmin, which
    /// changes when any row is rewritten.
    func versions(_ server: PostgresServer, municipality: String) throws -> [String] {
        try Self.tables.map { table in
            try server.value("SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM gevinst.\(table) WHERE municipality = '\(municipality)'")
        }
    }

    /// The columns that hold a period: canonical text, with its code in `<column>_code` beside it.
    static let periods = [("gain_plans", "period"), ("gains_reported", "quarter"), ("gain_links", "start"), ("gain_comments", "quarter"),
                          ("measurements", "period"),
                          ("trends", "first_period"), ("trends", "last_period"), ("gains_quarterly", "quarter"),
                          ("gains_by_area", "quarter"), ("findings", "quarter"), ("runs", "as_of")]

    /// Per period column: how many rows hold a period, and how many of those whose text is not the
    /// canonical form of their code (year·1000 + 100·kind + index: 2024K1 is 2024101).
    func periodColumns(_ server: PostgresServer) throws -> [String] {
        try Self.periods.map { table, column in
            let code = "\(column)_code"
            let canonical = """
                CASE \(code) / 100 % 10 WHEN 0 THEN (\(code) / 1000)::text || 'M' || lpad((\(code) % 100)::text, 2, '0')
                WHEN 1 THEN (\(code) / 1000)::text || 'K' || (\(code) % 100)::text WHEN 2 THEN (\(code) / 1000)::text END
                """
            return try server.value("""
                SELECT '\(table).\(column) ' || count(\(column)) || ' ' || count(*) FILTER (WHERE \(column) IS DISTINCT FROM \(canonical))
                FROM gevinst.\(table)
                """)
        }
    }

    @Test("two municipalities side by side: every table's rows and sums equal the warehouse's and the CSV reports'")
    func sideBySideSumsAgree() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let scratch = try twoMunicipalities(server)
        _ = try run(["run", "pipelines/example.yml"], scratch, server)
        _ = try run(["run", "pipelines/nabo.yml"], scratch, server)

        for (municipality, name) in [("4699", "havbrekk"), ("4700", "nabo")] {
            let warehouse = "data/\(name).sqlite"
            func both(_ pg: String, _ sqlite: String, _ what: String) throws {
                let published = try server.value("SELECT \(pg) WHERE municipality = '\(municipality)'")
                let stored = try scratch.query(warehouse, sqlite).first?.first ?? ""
                #expect(published == stored, "\(municipality) \(what): PostgreSQL \(published), SQLite \(stored)")
            }
            let money = { (column: String) in "printf('%.2f', coalesce(sum(\(column)), 0) / 100.0)" }
            try both("count(*) FROM gevinst.measurements", "SELECT count(*) FROM measurements", "measurements")
            try both("round(sum(value)::numeric, 4) FROM gevinst.measurements", "SELECT printf('%.4f', sum(value)) FROM measurements",
                     "sum of measurement values")
            try both("count(*) FROM gevinst.indicators", "SELECT count(*) FROM indicator_settings", "indicators")
            // Text columns by their total length (characters on both sides), to catch a column left out or shifted.
            let initiativeTexts = ["title", "owner", "area", "status", "deadline", "description", "phase", "gain_owner", "baseline_date",
                                   "handover_date", "rationale", "current_state", "root_causes", "target_state", "measurement_note",
                                   "a3_date", "a3_version"].map { "coalesce(sum(length(\($0))), 0)" }.joined(separator: " || ' ' || ")
            try both("count(*) || ' ' || \(initiativeTexts) FROM gevinst.initiatives",
                     "SELECT count(*) || ' ' || \(initiativeTexts) FROM initiatives", "initiatives")
            try both("count(*) || ' ' || sum(length(name)) || ' ' || count(parent) FROM gevinst.org_units",
                     "SELECT count(*) || ' ' || sum(length(name)) || ' ' || count(parent) FROM org_units", "org units")
            try both("count(*) FROM gevinst.org_unit_aliases", "SELECT count(*) FROM org_unit_aliases", "org unit aliases")
            try both("count(*) || ' ' || sum(length(action)) || ' ' || count(deadline) || ' ' || count(sort_order) FROM gevinst.actions",
                     "SELECT count(*) || ' ' || sum(length(action)) || ' ' || count(deadline) || ' ' || count(sort_order) FROM actions",
                     "actions")
            try both("count(*) || ' ' || sum(amount) || ' ' || count(label) FROM gevinst.budget_targets",
                     "SELECT count(*) || ' ' || \(money("amount")) || ' ' || count(label) FROM budget_targets", "budget targets")
            try both("count(*) || ' ' || sum(length(comment)) FROM gevinst.gain_comments",
                     "SELECT count(*) || ' ' || sum(length(comment)) FROM gain_comments", "gain comments")
            try both("count(*) || ' ' || sum(amount) FROM gevinst.gain_forecasts",
                     "SELECT count(*) || ' ' || \(money("amount")) FROM gain_forecasts", "gain forecasts")
            try both("count(*) || ' ' || sum(requirement) || ' ' || sum(planned_budget) || ' ' || sum(gap) || ' ' || sum(realised_ytd) || ' ' || sum(forecast) FROM gevinst.budget_balance",
                     "SELECT count(*) || ' ' || \(money("requirement")) || ' ' || \(money("planned_budget")) || ' ' || \(money("gap")) || ' ' || \(money("realised_ytd")) || ' ' || \(money("forecast")) FROM budget_balance",
                     "budget balance")
            try both("coalesce(sum(amount), 0) FROM gevinst.gain_plans", "SELECT \(money("amount")) FROM gain_plans", "planned amounts")
            try both("coalesce(sum(amount), 0) FROM gevinst.gains_reported", "SELECT \(money("amount")) FROM gains_reported", "reported amounts")
            try both("count(*) || ' ' || round(sum(baseline)::numeric, 4) FROM gevinst.gain_links",
                     "SELECT count(*) || ' ' || printf('%.4f', sum(baseline)) FROM gain_links", "gain links")
            try both("count(*) || ' ' || sum(n) FROM gevinst.trends", "SELECT count(*) || ' ' || sum(n) FROM trends", "trends")
            try both("count(*) || ' ' || sum(planned) || ' ' || coalesce(sum(realised), 0) FROM gevinst.gains_quarterly",
                     "SELECT count(*) || ' ' || \(money("planned")) || ' ' || \(money("realised")) FROM gains_quarterly", "gains_quarterly")
            try both("count(*) || ' ' || sum(planned) || ' ' || sum(realised_ytd) || ' ' || sum(forecast) || ' ' || count(forecast_source) FROM gevinst.gains_yearly",
                     "SELECT count(*) || ' ' || \(money("planned")) || ' ' || \(money("realised_ytd")) || ' ' || \(money("forecast")) || ' ' || count(forecast_source) FROM gains_yearly",
                     "gains_yearly")
            try both("count(*) || ' ' || sum(planned) || ' ' || coalesce(sum(realised), 0) FROM gevinst.gains_by_area",
                     "SELECT count(*) || ' ' || \(money("planned")) || ' ' || \(money("realised")) FROM gains_by_area", "gains_by_area")
            try both("count(*) FROM gevinst.findings",
                     "SELECT count(*) FROM findings AS f LEFT JOIN files AS fi ON fi.id = f.file_id WHERE f.file_id IS NULL OR fi.current = 1",
                     "findings")
            try both("count(*) || ' ' || sum(size) || ' ' || count(published) FROM gevinst.files",
                     "SELECT count(*) || ' ' || sum(size) || ' ' || count(published) FROM files", "files")
            // The run that published is still running while it publishes, so it is not among them.
            try both("count(*) FROM gevinst.runs", "SELECT count(*) - 1 FROM runs", "runs")

            // The CSV reports: the same quarter, year and area figures.
            func csvSums(_ file: String, _ columns: [String]) throws -> String {
                let lines = try String(contentsOfFile: scratch.path("reports/\(name)/\(file)"), encoding: .utf8)
                    .split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                let header = lines[0]
                let sums = columns.map { column -> String in
                    let index = header.firstIndex(of: column)!
                    let hundredths = lines.dropFirst().reduce(Int64(0)) { total, row in
                        total + (row[index].isEmpty ? 0 : Int64(row[index].replacingOccurrences(of: ".", with: ""))!)
                    }
                    return String(format: "%.2f", Double(hundredths) / 100)
                }
                return ([String(lines.count - 1)] + sums).joined(separator: " ")
            }
            let reportChecks: [(String, String, [String])] = [
                ("gains.csv", "gains_quarterly", ["planned", "realised"]),
                ("gains_by_year.csv", "gains_yearly", ["planned", "realised_ytd"]),
                ("gains_by_area.csv", "gains_by_area", ["planned", "realised"]),
                ("budget_balance.csv", "budget_balance", ["requirement", "planned_budget", "gap", "realised_ytd", "forecast"]),
            ]
            for (file, table, columns) in reportChecks {
                let published = try server.value("SELECT count(*) || ' ' || " + columns.map { "coalesce(sum(\($0)), 0)" }.joined(separator: " || ' ' || ")
                                                  + " FROM gevinst.\(table) WHERE municipality = '\(municipality)'")
                #expect(published == (try csvSums(file, columns)), "\(municipality) \(table) against \(file)")
            }
            let trendLines = try String(contentsOfFile: scratch.path("reports/\(name)/trends.csv"), encoding: .utf8).split(whereSeparator: \.isNewline).count - 1
            #expect(try server.value("SELECT count(*) FROM gevinst.trends WHERE municipality = '\(municipality)'") == String(trendLines))
        }
        // Every period as its canonical text beside its code; every period column the example fills is filled.
        for column in try periodColumns(server) {
            let fields = column.split(separator: " ")
            #expect(fields[2] == "0", "\(fields[0]): \(fields[2]) rows whose text is not their code's")
            #expect(fields[0] == "runs.as_of" || fields[1] != "0", "\(fields[0]) is empty")
        }
        // The national views: both municipalities' flow gains per quarter, budget balance per year, indicator values.
        #expect(try server.value("SELECT count(DISTINCT municipality) FROM gevinst.national_gains") == "2")
        #expect(try server.value("SELECT sum(cum_planned) FROM gevinst.national_gains WHERE municipality = '4699'")
                == server.value("SELECT sum(cum_planned) FROM gevinst.gains_quarterly WHERE municipality = '4699' AND gain_type <> 'quality'"))
        #expect(try server.value("SELECT count(DISTINCT municipality) || ' ' || count(*) FROM gevinst.national_budget_balance")
                == server.value("SELECT '2 ' || count(*) FROM gevinst.budget_balance WHERE area = '*'"))
        #expect(try server.value("SELECT count(*) || ' ' || count(name) FROM gevinst.national_indicator_values")
                == server.value("SELECT count(*) || ' ' || count(*) FILTER (WHERE indicator IN (SELECT indicator FROM gevinst.indicators WHERE name IS NOT NULL AND municipality = m.municipality)) FROM gevinst.measurements AS m"))
        #expect(try server.value("SELECT max(version) FROM gevinst.schema_migrations") == String(PostgresSchema.latest))
        try expectTwoPartitionsEach(server)
    }

    /// Every published table has a partition for each of two municipalities, and no other table is
    /// left in the schema (a replaced partition is dropped, not left detached).
    func expectTwoPartitionsEach(_ server: PostgresServer, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try server.value(Self.partitionCounts) == Array(repeating: "2", count: Self.tables.count).joined(separator: " "),
                sourceLocation: sourceLocation)
        #expect(try server.value(Self.strayTables) == "0", sourceLocation: sourceLocation)
    }

    /// Per published table, in `tables` order, how many partitions it has.
    static let partitionCounts = """
        SELECT string_agg((SELECT count(*) FROM pg_inherits WHERE inhparent = ('gevinst.' || t)::regclass)::text, ' ' ORDER BY n)
        FROM unnest(ARRAY['\(tables.joined(separator: "', '"))']) WITH ORDINALITY AS u(t, n)
        """

    /// Tables in the schema that are neither a published table, one of its partitions, nor publish's own records.
    static let strayTables = """
        SELECT count(*) FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname = 'gevinst' AND c.relkind = 'r' AND NOT c.relispartition
          AND c.relname NOT IN ('slices', 'publishes', 'schema_migrations')
        """

    @Test("publishing an unchanged state again rewrites no row and adds only the publish record")
    func secondPublishChangesNothing() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let scratch = try twoMunicipalities(server)
        _ = try run(["run", "pipelines/example.yml"], scratch, server)
        _ = try run(["publish", "pipelines/example.yml"], scratch, server)  // the run above has ended since: runs changes
        let before = try versions(server, municipality: "4699")
        let warehouse = try WarehouseContent.dump(scratch.path("data/havbrekk.sqlite"))
        _ = try run(["publish", "pipelines/example.yml"], scratch, server)
        #expect(try versions(server, municipality: "4699") == before)
        let changed = try server.query("SELECT cardinality(changed), row_count FROM gevinst.publishes ORDER BY id")
        #expect(changed.count == 3)
        #expect(changed.map { $0[0] } == [String(Self.tables.count), "1", "0"])
        #expect(Set(changed.map { $0[1] }).count == 2, "the row count grows by the ended run only: \(changed)")
        #expect(try WarehouseContent.dump(scratch.path("data/havbrekk.sqlite")) == warehouse)
        // The ended run, with its quarter as text and code.
        #expect(try periodColumns(server).last == "runs.as_of 1 0")
    }

    @Test("replacing one municipality's slice leaves the other's rows untouched")
    func replacementLeavesOtherSlice() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let scratch = try twoMunicipalities(server)
        _ = try run(["run", "pipelines/example.yml"], scratch, server)
        _ = try run(["run", "pipelines/nabo.yml"], scratch, server)
        let nabo = try versions(server, municipality: "4700")
        let havbrekkGains = try server.value("SELECT sum(planned) || ' ' || count(*) FROM gevinst.gains_quarterly WHERE municipality = '4699'")
        let example = try String(contentsOfFile: scratch.path("pipelines/example.yml"), encoding: .utf8)
        try scratch.write("pipelines/example.yml", example.replacingOccurrences(of: "as_of: auto", with: "as_of: 2024K2"))
        _ = try run(["run", "pipelines/example.yml"], scratch, server)
        #expect(try versions(server, municipality: "4700") == nabo)
        #expect(try server.value("SELECT sum(planned) || ' ' || count(*) FROM gevinst.gains_quarterly WHERE municipality = '4699'") != havbrekkGains)
        #expect(try server.value("SELECT count(*) FROM gevinst.gains_quarterly WHERE municipality = '4699'")
                == String(try scratch.count("data/havbrekk.sqlite", "SELECT count(*) FROM gains_quarterly")))
        try expectTwoPartitionsEach(server)
    }

    @Test("a schema at version 1 (plain tables) migrates to partitioned tables keeping every municipality's rows")
    func migratesFromVersionOne() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let scratch = try twoMunicipalities(server)
        // Version 1 as an earlier gevinst left it, with a slice of 4700 in it.
        let v1 = PostgresSchema.v1.replacingOccurrences(of: "SCHEMA.", with: "gevinst.")
        _ = try server.query("BEGIN; CREATE SCHEMA gevinst; CREATE TABLE gevinst.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); \(v1); "
                             + "INSERT INTO gevinst.schema_migrations (version) VALUES (1); COMMIT")
        _ = try server.query("""
            INSERT INTO gevinst.indicators VALUES ('4700', 'sjukefravaer', 'Sjukefråvær', '%', 'lower', 'mean', 'quarter', 6.5, true);
            INSERT INTO gevinst.measurements VALUES ('4700', 'sjukefravaer', 'total', '2024K1', 2024101, 7.25, 1),
                                                    ('4700', 'sjukefravaer', 'total', '2024K2', 2024102, 6.75, 1);
            INSERT INTO gevinst.trends (municipality, indicator, org_unit, frequency, n, assessment, cc_signals, points)
            VALUES ('4700', 'sjukefravaer', 'total', 'quarter', 2, 'too_short', 0, '[[2024101, 7.25, 0], [2024102, 6.75, 0]]');
            INSERT INTO gevinst.slices VALUES ('4700', 'measurements', 'old', 2, now());
            INSERT INTO gevinst.publishes (municipality, pipeline, fingerprint, changed, row_count) VALUES ('4700', 'nabo', 'old', '{}', 2);
            """)
        _ = try run(["run", "pipelines/example.yml"], scratch, server)

        #expect(try server.value("SELECT max(version) FROM gevinst.schema_migrations") == String(PostgresSchema.latest))
        #expect(try server.value("SELECT string_agg(relkind::text, '' ORDER BY relname) FROM pg_class WHERE oid IN "
                                 + "('gevinst.measurements'::regclass, 'gevinst.trends'::regclass)") == "pp")
        #expect(try server.query("SELECT period, value, name FROM gevinst.national_indicator_values WHERE municipality = '4700' ORDER BY period_code")
                == [["2024K1", "7.25", "Sjukefråvær"], ["2024K2", "6.75", "Sjukefråvær"]])
        #expect(try server.value("SELECT points->1->>1 FROM gevinst.trends WHERE municipality = '4700'") == "6.75")
        #expect(try server.value("SELECT count(*) FROM gevinst.measurements WHERE municipality = '4699'")
                == String(try scratch.count("data/havbrekk.sqlite", "SELECT count(*) FROM measurements")))
        #expect(try server.value("SELECT count(*) FROM gevinst.publishes WHERE municipality = '4700'") == "1")
        // 4700's first publish since replaces its migrated slice.
        _ = try run(["run", "pipelines/nabo.yml"], scratch, server)
        #expect(try server.value("SELECT count(*) FROM gevinst.measurements WHERE municipality = '4700'")
                == String(try scratch.count("data/nabo.sqlite", "SELECT count(*) FROM measurements")))
        try expectTwoPartitionsEach(server)
    }

    /// A municipality (9999) whose published slice holds 2 measurements, and whose warehouse now
    /// holds 300 002: a big slice for the next publish, built as a new table.
    func bigSlicePending(_ server: PostgresServer) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("pipelines/stor.yml", """
            name: stor
            root: ..
            sources:
              - id: maalingar
                kind: measurements
                format: csv
                path: data/maalingar/*.csv
            """ + "\n" + server.publishSection(municipality: "9999"))
        try scratch.write("data/maalingar/a.csv", "indicator,org_unit,period,value\nlitenserie,total,2024K1,1\nlitenserie,total,2024K2,2\n")
        _ = try run(["run", "pipelines/stor.yml"], scratch, server)
        #expect(try server.value("SELECT count(*) FROM gevinst.measurements WHERE municipality = '9999'") == "2")

        // 1 000 indicators × 300 quarters: a COPY that lasts long enough to be killed in.
        var big = "indicator,org_unit,period,value\n"
        for indicator in 0..<1_000 {
            for quarter in 0..<300 { big += "i\(indicator),total,\(1800 + quarter / 4)K\(quarter % 4 + 1),\(indicator * 7 + quarter)\n" }
        }
        try scratch.write("data/maalingar/b.csv", big)
        _ = try run(["import", "pipelines/stor.yml"], scratch, server)
        return scratch
    }

    /// Starts `gevinst publish` of the pipeline above and kills it (SIGKILL) once `moment` holds, or
    /// when it has ended; whether the moment came, and how the publish ended.
    func killPublish(_ scratch: Scratch, _ server: PostgresServer, at moment: () throws -> Bool) throws -> (Bool, Child.Outcome) {
        let child = try Child(["publish", scratch.path("pipelines/stor.yml")], logDirectory: scratch.logs, environment: server.environment)
        var reached = false
        for _ in 0..<6_000 where !child.hasEnded {
            if try moment() {
                reached = true
                break
            }
            usleep(20_000)
        }
        child.signal(SIGKILL)
        return (reached, child.wait())
    }

    /// Waits until the killed publish's backends are gone: the server has ended its transactions.
    func waitForGevinstBackends(_ server: PostgresServer) throws {
        for _ in 0..<500 where try server.value("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'gevinst'") != "0" {
            usleep(20_000)
        }
    }

    @Test("a kill while COPY runs leaves the previously published slice, and the next publish completes")
    func killMidCopy() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let scratch = try bigSlicePending(server)
        let (copying, outcome) = try killPublish(scratch, server) { try server.value("SELECT count(*) FROM pg_stat_progress_copy") != "0" }
        #expect(copying && outcome.killed, "the publish must be killed while it copies: \(outcome.summary)")
        // The server ends the killed client's transactions: nothing of them stays.
        try waitForGevinstBackends(server)
        #expect(try server.value("SELECT count(*) FROM gevinst.measurements WHERE municipality = '9999'") == "2")
        #expect(try server.value("SELECT count(*) FROM gevinst.publishes") == "1")
        #expect(try server.value(Self.strayTables) == "0")
        _ = try run(["publish", "pipelines/stor.yml"], scratch, server)
        #expect(try server.value("SELECT count(*) FROM gevinst.measurements WHERE municipality = '9999'") == "300002")
        // The measurements' count changed, so they were copied without a digest first, on the second
        // connection, their digest taken on the way: the same digest, as a publish of the same state
        // finds nothing changed.
        _ = try run(["publish", "pipelines/stor.yml"], scratch, server)
        #expect(try server.value("SELECT cardinality(changed) FROM gevinst.publishes ORDER BY id DESC LIMIT 1") == "0")
        // The built table was loaded frozen: every page all-visible and frozen, nothing left for vacuum.
        _ = try server.value("CREATE EXTENSION IF NOT EXISTS pg_visibility")
        let partition = try server.value("SELECT partition FROM gevinst.slices WHERE municipality = '9999' AND table_name = 'measurements'")
        let pages = try server.value("SELECT count(*) FROM pg_visibility_map('gevinst.\(partition)')")
        let frozen = try server.value("SELECT count(*) FROM pg_visibility_map('gevinst.\(partition)') WHERE all_visible AND all_frozen")
        #expect(pages != "0" && frozen == pages, "\(frozen) of \(pages) pages frozen")
    }

    @Test("a kill after the second connection committed its table, before the attach: the previous slice stays; the next publish drops the table and publishes")
    func killBeforeAttach() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let scratch = try bigSlicePending(server)
        // A reader's transaction on measurements holds the swap back (detaching the old partition waits for it).
        let reader = try server.session("BEGIN; SELECT count(*) FROM gevinst.measurements; SELECT pg_sleep(600)")
        defer { reader.signal(SIGKILL) }
        let readerHolds = """
            SELECT count(*) FROM pg_locks WHERE relation = 'gevinst.measurements'::regclass AND granted
              AND pid IN (SELECT pid FROM pg_stat_activity WHERE application_name = 'psql' AND query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid())
            """
        for _ in 0..<500 where try server.value(readerHolds) != "1" { usleep(20_000) }
        let unattached = "SELECT count(*) FROM pg_class WHERE obj_description(oid, 'pg_class') = 'gevinst publish of 9999: not yet attached'"
        let waiting = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'gevinst' AND wait_event_type = 'Lock'"
        let (between, outcome) = try killPublish(scratch, server) { try server.value(unattached) == "1" && server.value(waiting) == "1" }
        #expect(between && outcome.killed, "the publish must be killed after the second connection's commit: \(outcome.summary)")
        _ = try server.value("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'psql' AND query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()")
        try waitForGevinstBackends(server)
        // The previous slice, and the committed table left over, not attached.
        #expect(try server.value("SELECT count(*) || ' ' || sum(value) FROM gevinst.measurements WHERE municipality = '9999'") == "2 3")
        #expect(try server.value("SELECT count(*) FROM gevinst.publishes") == "1")
        #expect(try server.value(unattached) == "1")
        #expect(try server.value(Self.strayTables) == "1")

        _ = try run(["publish", "pipelines/stor.yml"], scratch, server)
        #expect(try server.value(unattached) == "0")
        #expect(try server.value(Self.strayTables) == "0")
        #expect(try server.value("SELECT count(*) FROM pg_inherits WHERE inhparent = 'gevinst.measurements'::regclass") == "1")
        #expect(try server.value("SELECT count(*) || ' ' || sum(value) FROM gevinst.measurements WHERE municipality = '9999'")
                == (try scratch.query("data/stor.sqlite", "SELECT count(*) || ' ' || CAST(sum(value) AS INTEGER) FROM measurements").first?.first))
        #expect(try server.value("SELECT count(*) FROM pg_class WHERE obj_description(oid, 'pg_class') IS NOT NULL AND relnamespace = 'gevinst'::regnamespace") == "0")
    }

    @Test("a server that is down: exit 69 naming host and port, and the warehouse and reports stay as they were")
    func serverDown() throws {
        let scratch = try Scratch()
        try scratch.copyExample()
        _ = try Gevinst.run(["run", "pipelines/example.yml"], in: scratch.url)
        let port = try PostgresServer.freePort()
        let example = try String(contentsOfFile: scratch.path("pipelines/example.yml"), encoding: .utf8)
        try scratch.write("pipelines/example.yml", example + "publish:\n  url: postgresql://gevinst@127.0.0.1:\(port)/gevinst\n  municipality: \"4699\"\n")
        let warehouse = try Data(contentsOf: URL(fileURLWithPath: scratch.path("data/havbrekk.sqlite")))
        let reports = try ReportContent.dump(scratch.path("reports/havbrekk"))
        let result = try Gevinst.run(["publish", "pipelines/example.yml"], in: scratch.url, environment: ["PGPASSWORD": "x"])
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("PostgreSQL at 127.0.0.1:\(port): cannot connect: connection refused;"), "\(result.stderr)")
        #expect(!result.stderr.contains("errno") && !result.stderr.contains("SingleConnectionFailure"), "NIO's own text: \(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path("data/havbrekk.sqlite"))) == warehouse)
        #expect(try ReportContent.dump(scratch.path("reports/havbrekk")) == reports)
    }

    @Test("run's fifth stage against a server that is down: exit 69 naming host and port, the four stages' work kept")
    func runWithServerDown() throws {
        let scratch = try Scratch()
        try scratch.copyExample()
        let port = try PostgresServer.freePort()
        let example = try String(contentsOfFile: scratch.path("pipelines/example.yml"), encoding: .utf8)
        try scratch.write("pipelines/example.yml", example + "publish:\n  url: postgresql://gevinst@127.0.0.1:\(port)/gevinst\n  municipality: \"4699\"\n")
        let result = try Gevinst.run(["run", "pipelines/example.yml"], in: scratch.url, environment: ["PGPASSWORD": "x"])
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("PostgreSQL at 127.0.0.1:\(port): cannot connect"), "\(result.stderr)")
        // The stages before publish committed their work and wrote the reports; the run records the failure.
        #expect(try scratch.count("data/havbrekk.sqlite", "SELECT count(*) FROM gains_quarterly") > 0)
        #expect(FileManager.default.fileExists(atPath: scratch.path("reports/havbrekk/gains.csv")))
        #expect(try scratch.query("data/havbrekk.sqlite", "SELECT outcome FROM runs ORDER BY id DESC LIMIT 1") == [["failed: unavailable"]])
    }

    @Test("a refused login exits 69 naming host and port; no password is ever printed or stored")
    func refusedLogin() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let scratch = try twoMunicipalities(server)
        _ = try run(["run", "pipelines/example.yml"], scratch, server)
        let wrong = "wrong-\(UUID().uuidString.prefix(10))"
        var outputs: [String] = []
        for format in ["text", "json"] {
            let result = try Gevinst.run(["publish", "pipelines/example.yml", "-v", "--log-format", format], in: scratch.url,
                                         environment: ["PGPASSWORD": wrong])
            #expect(result.status == 69, "\(result.stderr)")
            #expect(result.stderr.contains("127.0.0.1:\(server.port)") && result.stderr.contains("refused the login"), "\(result.stderr)")
            outputs += [result.stdout, result.stderr]
        }
        // The right password, from ~/.pgpass: accepted at mode 0600, ignored (with a warning) when others may read it.
        let home = scratch.path("home")
        try scratch.write("home/.pgpass", "# test\n127.0.0.1:\(server.port):postgres:\(PostgresServer.user):\(server.password)\n")
        chmod(scratch.path("home/.pgpass"), 0o600)
        let fromFile = try Gevinst.run(["publish", "pipelines/example.yml", "-v"], in: scratch.url, environment: ["HOME": home, "PGPASSWORD": ""])
        outputs += [fromFile.stdout, fromFile.stderr]
        chmod(scratch.path("home/.pgpass"), 0o644)
        let tooOpen = try Gevinst.run(["publish", "pipelines/example.yml", "-v"], in: scratch.url, environment: ["HOME": home, "PGPASSWORD": ""])
        outputs += [tooOpen.stdout, tooOpen.stderr]
        // A password in the url is refused before anything connects.
        let example = try String(contentsOfFile: scratch.path("pipelines/example.yml"), encoding: .utf8)
        try scratch.write("pipelines/leak.yml", example.replacingOccurrences(of: "\(PostgresServer.user)@", with: "\(PostgresServer.user):\(wrong)@"))
        let inURL = try Gevinst.run(["publish", "pipelines/leak.yml"], in: scratch.url)
        outputs += [inURL.stdout, inURL.stderr]

        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(tooOpen.status == 69 && tooOpen.stderr.contains(".pgpass is ignored"), "\(tooOpen.stderr)")
        #expect(inURL.status == 64 && inURL.stderr.contains("must not hold a password"), "\(inURL.stderr)")
        var stored = outputs.joined(separator: "\n")
        for file in try FileManager.default.contentsOfDirectory(atPath: scratch.path("data")) where file.hasPrefix("havbrekk.sqlite") {
            stored += String(decoding: try Data(contentsOf: URL(fileURLWithPath: scratch.path("data/\(file)"))), as: UTF8.self)
        }
        #expect(!stored.contains(wrong) && !stored.contains(server.password), "a password was printed or stored")
        #expect(try server.value("SELECT count(*) FROM gevinst.publishes") == "2")
    }
}
