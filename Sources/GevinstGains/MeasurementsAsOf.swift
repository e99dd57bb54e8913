import GRDB
import GevinstCore
import GevinstWarehouse

extension Period {
    /// The quarter (ordinal) a period counts in for as_of: a month in its quarter, a year in its
    /// fourth quarter.
    var asOfQuarter: Int { kind == .year ? 4 * year + 3 : containing(.quarter).ordinal }
}

/// Values stored for periods after the quarter of the run's date, which `as_of: auto` leaves out.
struct FutureValues {
    /// The earliest such period: by the quarter it counts in, then a month before a quarter before
    /// a year.
    private(set) var first: Period?
    private(set) var count = 0

    mutating func add(_ period: Period, count added: Int = 1) {
        count += added
        func order(_ p: Period) -> (Int, Int, Int) { (p.asOfQuarter, p.kind.rawValue, p.ordinal) }
        if let first, order(first) <= order(period) { return }
        first = period
    }
}

/// What `as_of: auto` needs of the measurements, of one series or of all: the latest quarter up to
/// the run's (`today`) holding one, and those after it.
///
/// The stage keeps it per series in `series_as_of`, for the quarter of its last run: a night reads
/// again only the series whose values changed since (`MeasurementsTable.seriesChanged`), and sums
/// the small table up. Every series is read again when the run's quarter is another (values move
/// from the future into the past), with `--force`, or without a record of the last run. A series
/// is read from its latest period backwards, only as far as a period could still change its
/// figures (`readSeries`): usually one row. The latest quarter is the greatest of the series'
/// latest, the first future value the first of theirs by the same order: the figures equal those of
/// a pass over every measurement.
struct MeasurementsAsOf {
    /// The latest quarter (ordinal) up to `today` holding a measurement (`Period.asOfQuarter`).
    private(set) var latestQuarter: Int?
    /// The measurements after `today`.
    private(set) var future = FutureValues()

    /// Counts one measurement's period against `today` (a quarter ordinal).
    mutating func add(_ period: Period, today: Int) {
        let quarter = period.asOfQuarter
        if quarter > today {
            future.add(period)
        } else {
            latestQuarter = max(latestQuarter ?? quarter, quarter)
        }
    }

    /// Brings `series_as_of` up to `today` and returns what it holds for all series, and how many
    /// series it read again (nil: all). `since` is how far the imports had gone when the table was
    /// last brought up to the same quarter; nil reads every series.
    static func update(_ db: Database, today: Quarter, since: ImportVersion?) throws -> (MeasurementsAsOf, seriesRead: Int?) {
        if let since {
            let changed = try MeasurementsTable.seriesChanged(after: since, db)
            try SeriesAsOfTable.remove(changed, db)
            try write(db, today: today.ordinal, series: changed)
            return (try summary(db), changed.count)
        }
        try SeriesAsOfTable.deleteAll(db)
        try write(db, today: today.ordinal, series: try SeriesTable.ids(db))
        return (try summary(db), nil)
    }

    /// Writes a row for each of the series `ids` that holds a measurement.
    private static func write(_ db: Database, today: Int, series ids: [Int64]) throws {
        var insert = try TableInsert<SeriesAsOfTable>(db, keepsFailedBatch: true)
        let cursor = try TableCursor<MeasurementsTable>.oneSeries(db, latestFirst: true)
        for id in ids {
            let facts = try readSeries(id, cursor, today: today, db)
            guard facts.latestQuarter != nil || facts.future.count > 0 else { continue }
            let row = try insert.row()
            try row.bind(.seriesID, id)
            try row.bind(.latestQuarter, facts.latestQuarter.map { Quarter(ordinal: $0).code })
            try row.bind(.firstFuture, facts.future.first?.code)
            try row.bind(.futureCount, facts.future.count)
        }
        try insert.finish()
    }

    /// The figures of series `id`, read from its latest period backwards. A period of year `y`
    /// counts in a quarter no later than `y`'s fourth; once that is no later than the latest quarter
    /// found, neither it nor any earlier period can raise the latest quarter or be a future value,
    /// and the reading stops.
    private static func readSeries(_ id: Int64, _ cursor: TableCursor<MeasurementsTable>, today: Int, _ db: Database) throws -> MeasurementsAsOf {
        try cursor.restart(binding: id)
        var order = MeasurementKeyOrder(descending: true)
        var facts = MeasurementsAsOf()
        while try cursor.step() {
            let period = try cursor.period(series: id, &order, db)
            if let latest = facts.latestQuarter, 4 * period.year + 3 <= latest { break }
            facts.add(period, today: today)
        }
        return facts
    }

    /// What `series_as_of` holds for all series.
    private static func summary(_ db: Database) throws -> MeasurementsAsOf {
        var result = MeasurementsAsOf()
        if let code = try SeriesAsOfTable.latestQuarter(db) {
            guard let quarter = Quarter(code: code) else {
                throw GainsError(.data, "\(SeriesAsOfTable.name) has the quarter code \(code), which is no quarter")
            }
            result.latestQuarter = quarter.ordinal
        }
        for (code, count) in try SeriesAsOfTable.futures(db) {
            guard let period = Period(code: code) else {
                throw GainsError(.data, "\(SeriesAsOfTable.name) has the period code \(code), which is no period")
            }
            result.future.add(period, count: count)
        }
        return result
    }
}

extension TableCursor<MeasurementsTable> {
    /// The measurements of one series (its id bound with `restart(binding:)`), in key order or,
    /// `latestFirst`, latest period first.
    static func oneSeries(_ db: Database, latestFirst: Bool = false) throws -> TableCursor {
        typealias Column = MeasurementsTable.Column
        return try TableCursor(db, "WHERE \(Column.seriesID.quoted) = ? ORDER BY \(Column.period.quoted)\(latestFirst ? " DESC" : "")")
    }

    /// The period of the current row, of series `id`, after checking the key order: a code that is
    /// no period is a data error.
    func period(series id: Int64, _ order: inout MeasurementKeyOrder, _ db: Database) throws -> Period {
        let code = int(.period)
        try order.check(series: id, period: code, db)
        guard let period = Period(code: code) else {
            throw GainsError(.data, "series \(id) has a measurement with the period code \(code), which is no period")
        }
        return period
    }
}
