import GRDB
import GevinstCore
import GevinstWarehouse

/// One initiative's A3 sheet (SPEC §13): the register's text of sections 1–3 and 5, the actions of
/// section 4, and the live figures of section 5, read from the warehouse.
struct A3Sheet {
    struct Action {
        let action: String
        let owner: String?
        /// An ISO date.
        let deadline: String?
        let status: ActionStatus?
        /// Open and due by the end of the as_of quarter (`action_overdue`).
        let overdue: Bool
    }

    /// A gain link's indicator series from a year before the link's start; links of several gain
    /// types to one series with the same baseline and start are one.
    struct LinkSeries {
        let indicator: String
        let name: String?
        let unit: String?
        let orgUnit: String
        /// In the domain's order.
        var gainTypes: [GainType]
        let polarity: Polarity
        let aggregation: Aggregation?
        let frequency: PeriodKind?
        let baseline: Double
        let target: Double?
        /// The link's start, or its initiative's first planned quarter.
        let start: Quarter?
        let points: [(period: Period, value: Double)]
        /// The whole series' assessment from the trends stage.
        let assessment: TrendAssessment?

        /// The baseline on the chart's scale: a month of a monthly sum has a third of it.
        var chartBaseline: LinkBaseline {
            LinkBaseline(baseline, kind: points.first?.period.kind ?? frequency, aggregation: aggregation)
        }

        /// The latest value's improvement on the baseline in the good direction (negative: worse).
        var improvement: Double? {
            guard let last = points.last else { return nil }
            let baseline = chartBaseline.perPoint
            return polarity == .lowerIsBetter ? baseline - last.value : last.value - baseline
        }
    }

    let info: InitiativeInfo
    /// The sheet's file name without extension, unique among the sheets.
    let fileName: String
    let rationale, currentState, rootCauses, targetState, measurementNote, date, version: String?
    var actions: [Action] = []
    var links: [LinkSeries] = []
    /// Cumulative planned and realised figures per gain type, with the figure at as_of.
    var gains: [(series: CumulativeSeries, figure: GainFigure)] = []

    /// The text of a section (2 joins the current state and the root causes); nil when empty.
    func text(_ section: A3Section) -> String? {
        switch section {
        case .rationale: rationale
        case .currentState: currentState
        case .targetState: targetState
        case .measurement: measurementNote
        case .actions: nil
        }
    }
}

/// Reads the sheets of every initiative in the register, one at a time, in id order.
struct A3Sheets {
    let asOf: Quarter?
    /// How many points a link's chart shows at most (the latest).
    static let pointsCharted = 60

    /// Calls `body` with each initiative's sheet.
    func forEach(_ db: Database, _ body: (A3Sheet) throws -> Void) throws {
        typealias Initiative = InitiativesTable.Column
        let units = try QualityUnits(db)
        let codes = try OrgUnitCodes(db)
        var names = A3FileNames()
        let rows = try InitiativesTable.all(db)
        while let row = try rows.next() {
            let id: String = row[Initiative.initiative]
            let info = InitiativeInfo(id: id, title: row[Initiative.title], owner: row[Initiative.owner], area: row[Initiative.area],
                                      status: row[Initiative.status], deadline: row[Initiative.deadline],
                                      phase: row[Initiative.phase], gainOwner: row[Initiative.gainOwner])
            var sheet = A3Sheet(info: info, fileName: names.next(id), rationale: row[Initiative.rationale],
                                currentState: row[Initiative.currentState], rootCauses: row[Initiative.rootCauses],
                                targetState: row[Initiative.targetState], measurementNote: row[Initiative.measurementNote],
                                date: row[Initiative.a3Date], version: row[Initiative.a3Version])
            sheet.actions = try actions(db, id)
            sheet.links = try links(db, id, codes: codes)
            sheet.gains = try gains(db, id, qualityUnit: units.initiative(id))
            try body(sheet)
        }
    }

    private func actions(_ db: Database, _ initiative: String) throws -> [A3Sheet.Action] {
        typealias Action = ActionsTable.Column
        let lastDay = asOf?.lastDay.description
        return try ActionsTable.sheet(of: initiative, db).map { row in
            let status = (row[Action.status] as String?).flatMap(ActionStatus.init(name:))
            let deadline: String? = row[Action.deadline]
            // ISO dates compare as text.
            let overdue = status?.isOpen == true && lastDay != nil && deadline.map { $0 <= lastDay! } == true
            return A3Sheet.Action(action: row[Action.action], owner: row[Action.owner], deadline: deadline, status: status,
                                  overdue: overdue)
        }
    }

    /// A link's series is under its own code, else under the first other code of its unit that has
    /// points, as the gains stage finds it (`OrgUnitCodes`).
    private func links(_ db: Database, _ initiative: String, codes: OrgUnitCodes) throws -> [A3Sheet.LinkSeries] {
        typealias Link = GainLinksTable.Column
        typealias Setting = IndicatorSettingsView.Column
        let firstPlanned = try GainPlansTable.firstPeriod(of: initiative, db).flatMap(Period.init(code:))
            .flatMap { Quarter($0) ?? Quarter($0.year, 1) }
        let links = try GainLinksTable.withIndicators(of: initiative, db).compactMap { row -> A3Sheet.LinkSeries? in
            guard let gainType = GainType(rawValue: row[Link.gainType]) else { return nil }
            let indicator: String = row[Link.indicator], linked: String = row[Link.orgUnit]
            let start = (row[Link.start] as Int?).flatMap(Quarter.init(code:)) ?? firstPlanned
            typealias Point = TrendPointsView.Column
            var orgUnit = linked
            var points: [(period: Period, value: Double)] = []
            for code in [linked] + codes.codes(ofUnitOf: linked).filter({ $0 != linked }) {
                points = try TrendPointsView.points(indicator: indicator, orgUnit: code, db).compactMap { point in
                    Period(code: point[Point.period]).map { (period: $0, value: point[Point.value] as Double) }
                }
                if !points.isEmpty { orgUnit = code; break }
            }
            let assessment = try TrendsTable.assessment(indicator: indicator, orgUnit: orgUnit, db)
            if let start, let kind = points.first?.period.kind {
                let from = A3Sheets.ordinal(of: start, in: kind) - kind.periodsPerYear
                points.removeAll { $0.period.ordinal < from }
            }
            points = Array(points.suffix(A3Sheets.pointsCharted))
            return A3Sheet.LinkSeries(indicator: indicator, name: row[Setting.name], unit: row[Setting.unit], orgUnit: orgUnit,
                                      gainTypes: [gainType], polarity: (row[Setting.polarity] as String?).flatMap(Polarity.init(rawValue:)) ?? .neutral,
                                      aggregation: (row[Setting.aggregation] as String?).flatMap(Aggregation.init(rawValue:)),
                                      frequency: (row[Setting.frequency] as String?).flatMap(PeriodKind.init(name:)),
                                      baseline: row[Link.baseline], target: row[Setting.target], start: start, points: points,
                                      assessment: assessment.flatMap(TrendAssessment.init(rawValue:)))
        }
        // The links of one series come together in key order (indicator, org unit, gain type).
        var merged: [A3Sheet.LinkSeries] = []
        for link in links {
            if let last = merged.last, last.indicator == link.indicator, last.orgUnit == link.orgUnit, last.baseline == link.baseline,
               last.start == link.start {
                merged[merged.count - 1].gainTypes = GainType.allCases.filter((last.gainTypes + link.gainTypes).contains)
            } else {
                merged.append(link)
            }
        }
        return merged
    }

    private func gains(_ db: Database, _ initiative: String, qualityUnit: String?) throws -> [(series: CumulativeSeries, figure: GainFigure)] {
        typealias Gain = GainsQuarterlyTable.Column
        let rows = try GainsQuarterlyTable.rows(of: initiative, db)
        // A column found by name costs a search that lowercases names: each row's type is read once.
        let types = rows.map { $0[Gain.gainType] as String? }
        var result: [(series: CumulativeSeries, figure: GainFigure)] = []
        for type in GainType.allCases {
            let typed = rows.indices.filter { types[$0] == type.rawValue }.map { rows[$0] }
            guard !typed.isEmpty else { continue }
            let unit = AmountUnit(type, qualityUnit: qualityUnit)
            let points = typed.compactMap { row in
                Period(code: row[Gain.quarter]).map {
                    CumulativeSeries.Point(quarter: $0, cumPlanned: row[Gain.cumPlanned], cumRealised: row[Gain.cumRealised])
                }
            }
            // The row at as_of, or the last before it, or (starting later) the first.
            let pick = typed.last { row in asOf.map { (row[Gain.quarter] as Int) <= $0.code } ?? false } ?? typed[0]
            let figure = GainFigure(key: initiative, gainType: type, unit: unit, cumPlanned: pick[Gain.cumPlanned],
                                    cumRealised: pick[Gain.cumRealised], deviation: pick[Gain.deviation], rate: pick[Gain.realisationRate],
                                    light: GainStatus(rawValue: pick[Gain.status]) ?? .none)
            result.append((CumulativeSeries(gainType: type, unit: unit, points: points), figure))
        }
        return result
    }

    /// The ordinal, in periods of `kind`, of the first period of `quarter`.
    static func ordinal(of quarter: Quarter, in kind: PeriodKind) -> Int {
        switch kind {
        case .year: quarter.year
        case .quarter: quarter.ordinal
        case .month: quarter.year * 12 + (quarter.index - 1) * 3
        }
    }
}

/// File names for the sheets: the initiative id with every character but ASCII letters, digits,
/// `-` and `_` as `_`, at most 80 characters, and `-2`, `-3`, … when two ids come out alike.
struct A3FileNames {
    private var taken: Set<String> = []

    mutating func next(_ id: String) -> String {
        let safe = String(String.UnicodeScalarView(id.unicodeScalars.prefix(80).map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_") ? scalar : "_"
        }))
        let base = safe.isEmpty ? "_" : safe
        var name = base, number = 1
        while !taken.insert(name.lowercased()).inserted {
            number += 1
            name = "\(base)-\(number)"
        }
        return name
    }
}
