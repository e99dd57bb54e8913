import GRDB
import GevinstTestSupport
import Testing
@testable import GevinstWarehouse

/// The report's choice of series to chart (`TrendsTable.chartSeries`) against the window query it
/// replaced, kept here as the reference, on random warehouses: linked series under their own code
/// or an alias, the whole municipality linked or not, series without points, indicators without links.
@Suite("Chart series")
struct ChartSeriesTests {
    /// The choice as one SQL statement: every trend ranked within its indicator.
    static func reference(perIndicator: Int, limit: Int, totalOrgUnit: String, _ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: """
            WITH linked AS (SELECT DISTINCT g.indicator AS indicator, COALESCE(c.org_unit, g.org_unit) AS org_unit
                            FROM gain_links AS g LEFT JOIN org_unit_codes AS c ON c.code = g.org_unit),
            ranked AS (
                SELECT t.indicator AS indicator, t.org_unit AS org_unit, l.indicator IS NOT NULL AS linked,
                       ROW_NUMBER() OVER (PARTITION BY t.indicator
                                          ORDER BY l.indicator IS NOT NULL DESC, t.org_unit = ? DESC, t.org_unit) AS rank
                FROM trends AS t LEFT JOIN org_unit_codes AS tc ON tc.code = t.org_unit
                LEFT JOIN linked AS l ON l.indicator = t.indicator AND l.org_unit = COALESCE(tc.org_unit, t.org_unit)
                WHERE t.points <> '[]')
            SELECT indicator, org_unit, rank FROM ranked WHERE linked OR rank <= ?
            ORDER BY linked DESC, indicator, rank LIMIT ?
            """, arguments: [totalOrgUnit, perIndicator, limit]).map { "\($0[0] as String)/\($0[1] as String)#\($0[2] as Int)" }
    }

    @Test("the same series, ranks and order as the window query, on 40 random warehouses", arguments: 0..<40)
    func sameAsWindowQuery(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let store = try TemporaryWarehouse()
        let units = ["total", "a", "b", "c", "d", "e", "f", "g", "h"]
        try store.warehouse.database.write { db in
            try db.execute(sql: "INSERT INTO runs (id, pipeline, stages, started_at, outcome, pid) VALUES (1, 'p', 'import', 't', 'success', 7)")
            try db.execute(sql: "INSERT INTO files (id, source, kind, format, path, sha256, size, run_id, imported_at) VALUES (1, 's', 'k', 'csv', 'f', 'h', 1, 1, 't')")
            for unit in units.dropFirst(3) where Bool.random(using: &random) {
                try db.execute(sql: "INSERT INTO org_units (org_unit, name, file_id) VALUES (?, ?, 1)", arguments: [unit, unit.uppercased()])
                try db.execute(sql: "INSERT INTO org_unit_aliases (alias, org_unit, file_id) VALUES (?, ?, 1)", arguments: ["0" + unit, unit])
            }
            for indicator in ["i1", "i2", "i3", "i4", "i5"].filter({ _ in Int.random(in: 0..<5, using: &random) > 0 }) {
                for unit in units where Int.random(in: 0..<4, using: &random) > 0 {
                    let points = Int.random(in: 0..<5, using: &random) == 0 ? "[]" : "[[2024101,1.0,0]]"
                    try db.execute(sql: "INSERT INTO trends (indicator, org_unit, frequency, n, assessment, points) VALUES (?, ?, 'quarter', 1, 'n/a', ?)",
                                   arguments: [indicator, unit, points])
                }
            }
            for index in 0..<Int.random(in: 0..<6, using: &random) {
                let indicator = ["i1", "i2", "i3", "i9"].randomElement(using: &random)!
                let unit = Bool.random(using: &random) ? units.randomElement(using: &random)! : "0" + units.dropFirst(3).randomElement(using: &random)!
                try db.execute(sql: """
                    INSERT INTO gain_links (initiative, indicator, org_unit, gain_type, baseline, factor, file_id) VALUES (?, ?, ?, 'budget', 1, 1, 1)
                    """, arguments: ["T\(index)", indicator, unit])
            }
        }
        try store.warehouse.database.read { db in
            for (perIndicator, limit) in [(1, 100), (2, 5), (3, 100), (0, 3)] {
                let chosen = try TrendsTable.chartSeries(perIndicator: perIndicator, limit: limit, totalOrgUnit: "total", db)
                    .map { "\($0.indicator)/\($0.orgUnit)#\($0.rank)" }
                #expect(chosen == (try Self.reference(perIndicator: perIndicator, limit: limit, totalOrgUnit: "total", db)),
                        "seed \(seed), \(perIndicator) per indicator, at most \(limit)")
            }
        }
    }
}
