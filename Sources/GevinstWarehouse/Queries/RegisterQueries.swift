public import GRDB

extension RegisterTable {
    /// Removes the rows that the files `fileIDs` stored into `register_history`, `removedBy`
    /// naming the file whose import removed them (0 for `forget`). Returns the rows removed.
    @discardableResult
    public static func removeRows(storedBy fileIDs: [Int64], removedBy: Int64, _ db: Database) throws -> Int {
        guard !fileIDs.isEmpty else { return 0 }
        typealias History = RegisterHistoryTable.Column
        let files = fileIDs.map(String.init).joined(separator: ", ")
        let fields = Column.allCases.filter { $0 != .fileID }.map { "'\($0.rawValue)', \($0.quoted)" }.joined(separator: ", ")
        try db.execute(sql: """
            INSERT INTO \(RegisterHistoryTable.name) (\([History.register, .fields, .fileID, .replacedByFileID].map(\.quoted).joined(separator: ", ")))
            SELECT ?, json_object(\(fields)), \(Column.fileID.quoted), ? FROM \(name) WHERE \(Column.fileID.quoted) IN (\(files))
            """, arguments: [name, removedBy])
        try db.execute(sql: "DELETE FROM \(name) WHERE \(Column.fileID.quoted) IN (\(files))")
        return db.changesCount
    }

    /// Removes every row that files of `source` stored, without history: in mode `replace` the
    /// source's new files are the whole register.
    public static func deleteRows(ofSource source: String, _ db: Database) throws {
        typealias File = FilesTable.Column
        try db.execute(sql: """
            DELETE FROM \(name) WHERE \(Column.fileID.quoted) IN (SELECT \(File.id.quoted) FROM \(FilesTable.name) WHERE \(File.source.quoted) = ?)
            """, arguments: [source])
    }
}

extension InitiativesTable {
    /// Every initiative in key order with its area ("" without one).
    public static func areas(_ db: Database) throws -> [(initiative: String, area: String)] {
        try Row.fetchAll(db, sql: """
            SELECT \(Column.initiative.quoted), COALESCE(\(Column.area.quoted), '') FROM \(name) ORDER BY \(keyOrder)
            """).map { ($0[0], $0[1]) }
    }
}

extension GainLinksTable {
    /// Every link in order of (initiative, gain type, indicator, org unit), each row with the link's
    /// columns, the id of its series (`MeasurementsTable.Column.seriesID`, NULL without one) and its
    /// indicator's settings (`IndicatorSettingsView` columns but the indicator, NULL without any).
    public static func withSeriesAndSettings(_ db: Database) throws -> RowCursor {
        typealias Series = SeriesTable.Column
        typealias Setting = IndicatorSettingsView.Column
        let settings: [Setting] = [.polarity, .aggregation, .frequency, .inCatalogue]
        let order: [Column] = [.initiative, .gainType, .indicator, .orgUnit]
        return try Row.fetchCursor(db, sql: """
            SELECT \(columnList("l")), s.\(Series.id.quoted) AS \(MeasurementsTable.Column.seriesID.quoted),
                   \(settings.map { "st.\($0.quoted)" }.joined(separator: ", "))
            FROM \(name) AS l
            LEFT JOIN \(SeriesTable.name) AS s ON s.\(Series.indicator.quoted) = l.\(Column.indicator.quoted)
                AND s.\(Series.orgUnit.quoted) = l.\(Column.orgUnit.quoted)
            LEFT JOIN \(IndicatorSettingsView.name) AS st ON st.\(Setting.indicator.quoted) = l.\(Column.indicator.quoted)
            ORDER BY \(order.map { "l.\($0.quoted)" }.joined(separator: ", "))
            """)
    }

    /// The distinct (initiative, area — "" without one —, unit of the indicator) of the links of
    /// `gainType` (stored word), in that order.
    public static func units(gainType: String, _ db: Database) throws -> [(initiative: String, area: String, unit: String?)] {
        typealias Initiative = InitiativesTable.Column
        typealias Setting = IndicatorSettingsView.Column
        return try Row.fetchAll(db, sql: """
            SELECT DISTINCT l.\(Column.initiative.quoted), COALESCE(i.\(Initiative.area.quoted), ''), s.\(Setting.unit.quoted)
            FROM \(name) AS l
            LEFT JOIN \(InitiativesTable.name) AS i ON i.\(Initiative.initiative.quoted) = l.\(Column.initiative.quoted)
            LEFT JOIN \(IndicatorSettingsView.name) AS s ON s.\(Setting.indicator.quoted) = l.\(Column.indicator.quoted)
            WHERE l.\(Column.gainType.quoted) = ?
            ORDER BY 1, 2, 3
            """, arguments: [gainType]).map { ($0[0], $0[1], $0[2]) }
    }
}

extension GainsReportedTable {
    /// The latest quarter (code) up to `quarter` that has a reported gain; nil when none has.
    public static func latestQuarter(upTo quarter: Int, _ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT MAX(\(period.quoted)) FROM \(name) WHERE \(period.quoted) <= ?", arguments: [quarter])
    }

    /// The first quarter (code) after `quarter` that has a reported gain, and the number of rows after it.
    public static func quarters(after quarter: Int, _ db: Database) throws -> (first: Int?, count: Int) {
        let row = try Row.fetchOne(db, sql: "SELECT MIN(\(period.quoted)), COUNT(*) FROM \(name) WHERE \(period.quoted) > ?", arguments: [quarter])
        return (row?[0], row?[1] ?? 0)
    }
}
