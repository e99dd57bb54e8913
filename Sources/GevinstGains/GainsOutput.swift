import GRDB
import GevinstWarehouse
import GevinstCore

/// Writes `gains_quarterly`, `gains_yearly` and `gains_by_area`, in key order, and the stage's
/// findings. A run writes about two million rows, so each table is written through a multi-row
/// `TableInsert` bound with SQLite's C API straight from the computed rows.
struct GainsOutput {
    private var quarterly: TableInsert<GainsQuarterlyTable>
    private var yearly: TableInsert<GainsYearlyTable>
    private var byArea: TableInsert<GainsByAreaTable>
    var findings: GainFindings

    var quarterRows: Int { quarterly.count }
    var yearRows: Int { yearly.count }
    var areaRows: Int { byArea.count }

    /// Empties the tables and the stage's findings and prepares their INSERTs; findings go under `runID`.
    init(_ db: Database, stage: String, runID: Int64) throws {
        try GainsQuarterlyTable.deleteAll(db)
        try GainsYearlyTable.deleteAll(db)
        try GainsByAreaTable.deleteAll(db)
        quarterly = try TableInsert(db)
        yearly = try TableInsert(db)
        byArea = try TableInsert(db)
        findings = try GainFindings(db, stage: stage, runID: runID)
    }

    /// Writes rows; the rows of each table must come in its key order.
    mutating func write(_ batch: [GainRows]) throws {
        for rows in batch {
            switch rows {
            case .initiative(let initiative, let gainType, let quarters, let years):
                for row in quarters {
                    let insert = try quarterly.row()
                    try insert.bind(.initiative, initiative)
                    try insert.bind(.gainType, gainType.storedName)
                    try insert.bind(.quarter, Int64(Quarter(ordinal: row.quarter).code))
                    try insert.bind(.planned, row.planned)
                    try insert.bind(.realised, row.realised)
                    try insert.bind(.realisedSource, row.source.name)
                    try insert.bind(.derived, row.derived)
                    try insert.bind(.reported, row.reported)
                    try Self.bind(row.cumulative, insert)
                }
                for row in years {
                    let insert = try yearly.row()
                    try insert.bind(.initiative, initiative)
                    try insert.bind(.gainType, gainType.storedName)
                    try insert.bind(.year, Int64(row.year))
                    try insert.bind(.planned, row.planned)
                    try insert.bind(.plannedYtd, row.plannedToDate)
                    try insert.bind(.realisedYtd, row.realisedToDate)
                    try insert.bind(.rateYtd, row.rate)
                    try insert.bind(.forecast, row.forecast)
                    if row.forecast == nil {
                        try insert.bind(.forecastSource, nil as String?)
                    } else {
                        try insert.bind(.forecastSource, ForecastSource.computed.storedName)
                    }
                }
            case .area(let area, let gainType, let rows):
                for row in rows {
                    let insert = try byArea.row()
                    try insert.bind(.area, area)
                    try insert.bind(.gainType, gainType.storedName)
                    try insert.bind(.quarter, Int64(Quarter(ordinal: row.quarter).code))
                    try insert.bind(.planned, row.planned)
                    try insert.bind(.realised, row.realised)
                    try Self.bind(row.cumulative, insert)
                }
            case .finding(let finding):
                try findings.raise(finding)
            }
        }
    }

    /// Binds the five cumulative figures, named alike in `gains_quarterly` and `gains_by_area`.
    private static func bind<T: CumulativeTable>(_ figures: Cumulative, _ insert: TableInsert<T>.Slot) throws {
        try insert.bind(T.Column.cumPlanned, figures.cumPlanned)
        try insert.bind(T.Column.cumRealised, figures.cumRealised)
        try insert.bind(T.Column.deviation, figures.deviation)
        try insert.bind(T.Column.realisationRate, figures.rate)
        try insert.bind(T.Column.status, figures.status.storedName)
    }

    /// Writes the rows of the last, partial batches of the gain tables (the findings have their own `finish`).
    mutating func finish() throws {
        try quarterly.finish()
        try yearly.finish()
        try byArea.finish()
    }
}
