import GRDB
import GevinstCore
import GevinstWarehouse
import Logging

/// What the computation found besides the rows.
struct GainsOutcome: Sendable {
    var asOf: Quarter?
    var counts: [String: Int]
    /// The findings raised, stored as they came (`GainFindings`).
    var findingCount = 0
    /// `no_baseline_measurement` for every usable link without a value before its start, in link
    /// order; the budget cycle keeps those of initiatives that are not stopped.
    var baselineGaps: [Finding] = []
    /// Each (initiative, gain type)'s figures up to as_of, in the key order of `gains_quarterly`.
    var keyFigures: [KeyFigures] = []
    /// When as_of is a fourth quarter: the initiatives without a gain link that plan a gain other
    /// than 0 in a quarter of the next year, in key order (the budget cycle's `no_measurement_plan`).
    var unlinkedPlansNextYear: [String] = []
}

/// Rows of the output tables, in their key order, and findings as they are raised.
enum GainRows: Sendable {
    /// One (initiative, gain type)'s `gains_quarterly` and `gains_yearly` rows.
    case initiative(String, GainType, quarters: [QuarterRow], years: [YearRow])
    /// One (area, gain type)'s `gains_by_area` rows.
    case area(String, GainType, [AreaRow])
    case finding(Finding)
}

/// The computing half of the stage. The registers are read in key order and merged by
/// initiative, so that each initiative's rows are computed and sent on as soon as all of its
/// plans, reported gains and links are read; only the links and the quarter values of the linked
/// series are held for the whole run.
struct GainsComputation {
    /// Rows are sent on in batches of about this many keys.
    static let batchSize = 256

    private let assessment: Assessment
    /// Emptied once the links' findings are made (`run`).
    private var series: SeriesQuarters
    private var links: [GainLink]
    /// The quarters (ordinals) of the year after as_of when as_of is a fourth quarter, else nil.
    private let nextYear: ClosedRange<Int>?
    /// Rows and findings not sent yet.
    private var pending: [GainRows] = []
    private var areas = AreaTotals()
    private var keyFigures: [KeyFigures] = []
    private var unlinkedPlansNextYear: [String] = []
    private var budget = AmountBudget()

    /// Computes the rows of the three gain tables and sends them in order, with the findings.
    /// `today` is the quarter of the run's date: `as_of: auto` leaves out later periods, and
    /// `measured` is what it finds of the measurements up to it and after it.
    static func run(_ db: Database, asOf setting: AsOfSetting, today: Quarter, measured: MeasurementsAsOf, thresholds: Thresholds,
                    logger: Logger, send: ([GainRows]) throws -> Void) throws -> GainsOutcome {
        let register = try RegisteredInitiative.readAll(db)
        let links = try GainLink.readAll(db)
        var aggregations: [Int64: Aggregation] = [:]
        for link in links where link.defect == nil {
            if let id = link.seriesID, let settings = link.settings { aggregations[id] = settings.aggregation }
        }
        let series = try SeriesQuarters.read(db, aggregations: aggregations)
        let (asOf, asOfFinding) = try resolve(setting, measured: measured, today: today, db)
        if let finding = asOfFinding, let period = finding.details["period"] {
            logger.warning(finding.kind == .futurePeriod
                ? "gains: as_of: auto left out \(finding.details["count"] ?? "") values after \(today), the first for \(period)"
                : "gains: as_of \(finding.quarter!) is after the current quarter \(period)")
        }
        if let asOf {
            logger.info("gains assessed at \(asOf)", metadata: ["as_of": "\(asOf)"])
        } else {
            logger.notice("gains: no measurement and no reported gain yet; every quarter counts as future")
        }

        let nextYear = asOf.flatMap { $0.index == 4 ? Quarter($0.year + 1, 1).ordinal...Quarter($0.year + 1, 4).ordinal : nil }
        // Consumed: the computation sets each link's effective start, and a second reference would
        // copy all 20 000 links on the first change.
        var computation = GainsComputation(assessment: Assessment(asOf: asOf?.ordinal, thresholds: thresholds), series: series,
                                           links: consume links, nextYear: nextYear)
        if let asOfFinding { computation.raise(asOfFinding) }
        computation.reportDefectiveLinks(logger)
        var plans = try AmountReader<GainPlansTable>(db)
        var reported = try AmountReader<GainsReportedTable>(db)
        var nextRegistered = 0, nextLink = 0
        while true {
            let heads = [plans.head?.initiative, reported.head?.initiative,
                         nextRegistered < register.count ? register[nextRegistered].initiative : nil,
                         nextLink < computation.links.count ? computation.links[nextLink].initiative : nil].compactMap { $0 }
            guard let initiative = heads.min(by: { $0.precedesInBinaryOrder($1) }) else { break }
            var area: String?
            if nextRegistered < register.count, register[nextRegistered].initiative.equalsInBinary(initiative) {
                area = register[nextRegistered].area
                nextRegistered += 1
            }
            let firstLink = nextLink
            while nextLink < computation.links.count, computation.links[nextLink].initiative.equalsInBinary(initiative) { nextLink += 1 }
            try computation.compute(initiative, area: area, plans: plans.take(initiative), reported: reported.take(initiative),
                                    links: firstLink..<nextLink)
            if computation.pending.count >= batchSize {
                try send(computation.pending)
                computation.pending.removeAll(keepingCapacity: true)
            }
        }
        for (key, rows) in computation.areas.rows(computation.assessment) {
            computation.pending.append(.area(key.area, key.gainType, rows))
        }
        try computation.reportLinksWithoutMeasurements(db)
        computation.reportDoubleCounting()
        let baselineGaps = computation.baselineGaps()
        // The series' values (12 MB at 20 000 linked series) are not read again: freed before the
        // A3 checks and the budget cycle add their findings.
        computation.series = SeriesQuarters()
        try A3Checks.run(db, asOf: asOf) { computation.raise($0) }
        try send(computation.pending)

        let usable = computation.links.count { $0.defect == nil }
        return GainsOutcome(asOf: asOf, counts: [
            "links_used": usable,
            "links_left_out": computation.links.count - usable,
        ], baselineGaps: baselineGaps, keyFigures: computation.keyFigures,
           unlinkedPlansNextYear: computation.unlinkedPlansNextYear)
    }

    /// The quarter a setting stands for, and the warning it calls for. `auto` takes the latest
    /// quarter up to `today` holding a measurement or a reported gain (nil when there is none),
    /// with a `future_period` finding when later values were left out; a quarter given after
    /// `today` comes with an `as_of_in_future` finding.
    static func resolve(_ setting: AsOfSetting, measured: MeasurementsAsOf, today: Quarter,
                        _ db: Database) throws -> (Quarter?, Finding?) {
        switch setting {
        case .quarter(let quarter):
            guard quarter > today else { return (quarter, nil) }
            return (quarter, Finding(.asOfInFuture, quarter: quarter, details: ["period": today.description]))
        case .auto:
            let latestReported = try GainsReportedTable.latestQuarter(upTo: today.code, db).flatMap { Period(code: $0) }.map(\.ordinal)
            let asOf = [measured.latestQuarter, latestReported].compactMap { $0 }.max().map(Quarter.init(ordinal:))
            var future = measured.future
            let later = try GainsReportedTable.quarters(after: today.code, db)
            if let period = later.first.flatMap({ Period(code: $0) }) {
                future.add(period, count: later.count)
            }
            guard let first = future.first else { return (asOf, nil) }
            return (asOf, Finding(.futurePeriod, details: ["period": first.description, "count": String(future.count)]))
        }
    }

    /// Computes the rows of one initiative from all its inputs.
    private mutating func compute(_ initiative: String, area registeredArea: String?, plans: [AmountRow], reported: [AmountRow],
                                  links linkRange: Range<Int>) throws {
        if registeredArea == nil {
            let namedBy = [(plans.isEmpty, GainPlansTable.name), (reported.isEmpty, GainsReportedTable.name), (linkRange.isEmpty, GainLinksTable.name)]
                .filter { !$0.0 }.map(\.1)
            raise(Finding(.unknownInitiative, initiative: initiative, details: ["named_by": namedBy.joined(separator: ",")]))
        }
        let area = registeredArea ?? Area.none
        guard area != Area.all else {
            throw GainsError(.data, "its area '\(area)' is the name reserved for the total of all areas", initiative: initiative)
        }

        // nil: a quarter without plan rows (a level carries the one before).
        var planned = Array(repeating: QuarterWindow<Int64?>(empty: nil), count: GainType.inTableOrder.count)
        for row in plans {
            try admit(row.amount, initiative)
            let index = row.gainType.tableIndex
            switch row.period.kind {
            case .quarter:
                planned[index][row.period.ordinal] = (planned[index][row.period.ordinal] ?? 0) + row.amount
            case .year:
                // A yearly flow is split over its quarters; a yearly level is the level of each.
                let parts = row.gainType.isLevel ? Array(repeating: row.amount, count: 4)
                    : Amount(hundredths: row.amount).split(into: 4).map(\.hundredths)
                for (quarter, part) in zip(row.period.quarters, parts) {
                    planned[index][quarter.ordinal] = (planned[index][quarter.ordinal] ?? 0) + part
                }
            case .month:
                throw GainsError(.data, "gain_plans has the month \(row.period); plans are for quarters or years", initiative: initiative)
            }
        }
        let firstPlanned = planned.compactMap(\.quarters?.lowerBound).min()

        var reportedAmounts = Array(repeating: QuarterWindow<Int64?>(empty: nil), count: GainType.inTableOrder.count)
        for row in reported {
            guard row.period.kind == .quarter else {
                throw GainsError(.data, "gains_reported has the period \(row.period), which is not a quarter", initiative: initiative)
            }
            guard assessment.isAssessed(row.period.ordinal) else { continue }
            try admit(row.amount, initiative)
            reportedAmounts[row.gainType.tableIndex][row.period.ordinal] = row.amount
        }

        var derivedSums = Array(repeating: QuarterWindow(empty: DerivedSum()), count: GainType.inTableOrder.count)
        for index in linkRange {
            links[index].effectiveStart = links[index].start ?? firstPlanned
            let link = links[index]
            guard link.defect == nil, let values = series.values(of: link.seriesID) else { continue }
            let start = link.effectiveStart ?? Int.min
            for value in values where value.period.ordinal >= start && assessment.isAssessed(value.period.ordinal) {
                derivedSums[link.gainType.tableIndex][value.period.ordinal]
                    .add(factor: link.factor, improvement: link.improvement(value.value), value: value.value, baseline: link.baseline)
            }
        }

        var figures: [KeyFigures] = []
        var plansNextYear = false
        for (index, gainType) in GainType.inTableOrder.enumerated() {
            let plannedWindow = planned[index], reportedWindow = reportedAmounts[index], sums = derivedSums[index]
            var derivedWindow = QuarterWindow<Int64?>(empty: nil)
            for (offset, sum) in sums.values.enumerated() where sum.terms > 0 {
                let quarter = sums.first + offset
                guard let amount = sum.roundedHundredths() else {
                    throw GainsError(.data, "the derived \(gainType.rawValue) gain of \(Quarter(ordinal: quarter)) "
                                     + "is \(sum.value), too large to hold", initiative: initiative)
                }
                try admit(amount, initiative)
                derivedWindow[quarter] = amount
            }
            let spans = [plannedWindow.quarters, reportedWindow.quarters, derivedWindow.quarters].compactMap { $0 }
            guard let first = spans.map(\.lowerBound).min(), let last = spans.map(\.upperBound).max() else { continue }

            let rows = assessment.quarterRows(first: first, last: last, planned: plannedWindow, reported: reportedWindow,
                                              derived: derivedWindow, level: gainType.isLevel)
            guard let years = assessment.yearRows(rows, level: gainType.isLevel) else {
                throw GainsError(.data, "a yearly forecast of its \(gainType.rawValue) gains is too large to hold", initiative: initiative)
            }
            pending.append(.initiative(initiative, gainType, quarters: rows, years: years))
            if let asOf = assessment.asOf, let key = KeyFigures(initiative, gainType, rows: rows, asOf: asOf) { figures.append(key) }
            if let nextYear, linkRange.isEmpty, !plansNextYear {
                plansNextYear = rows.contains { nextYear.contains($0.quarter) && $0.planned != 0 }
            }
            if !gainType.isLevel { areas.add(rows, area: area, gainType: gainType) }

            for row in rows {
                guard let finance = row.reported, let derived = row.derived, disagree(reported: finance, derived: derived) else { continue }
                raise(Finding(.reportedDerivedDisagree, initiative: initiative, quarter: Quarter(ordinal: row.quarter),
                                        details: ["gain_type": gainType.rawValue, "reported": amount(finance),
                                                  "derived": amount(derived), "difference": amount(derived - finance)]))
            }
            let measurable = reported.contains { $0.gainType == gainType }
                || links[linkRange].contains { $0.gainType == gainType && $0.defect == nil }
            if !plannedWindow.isEmpty && !measurable {
                // A level: the last one planned; a flow: the sum of all.
                let plannedFigure = gainType.isLevel ? plannedWindow[plannedWindow.last] ?? 0 : plannedWindow.values.reduce(0) { $0 + ($1 ?? 0) }
                raise(Finding(.unmeasurableInitiative, initiative: initiative, details: [
                    "gain_type": gainType.rawValue,
                    "planned": amount(plannedFigure),
                    "first_quarter": Quarter(ordinal: plannedWindow.first).description,
                ]))
            }
        }
        // The table's key order: gain types by their stored name.
        keyFigures += figures.sorted { $0.gainType.rawValue.utf8.lexicographicallyPrecedes($1.gainType.rawValue.utf8) }
        if plansNextYear { unlinkedPlansNextYear.append(initiative) }
    }

    /// Sends a finding on with the rows, to be stored as it comes.
    private mutating func raise(_ finding: Finding) {
        pending.append(.finding(finding))
    }

    /// Counts an amount into the budget that keeps every sum within 64 bits.
    private mutating func admit(_ amount: Int64, _ initiative: String) throws {
        guard budget.admit(amount) else {
            throw GainsError(.data, "the amounts add up to more than ±\(Amount(hundredths: Int64(1) << 62)), too much to sum exactly", initiative: initiative)
        }
    }

    /// Findings and log lines for the links that are left out.
    private mutating func reportDefectiveLinks(_ logger: Logger) {
        for link in links {
            guard let defect = link.defect else { continue }
            var details = ["gain_type": link.gainType.rawValue]
            let kind: FindingKind
            switch defect {
            case .unknownIndicator:
                kind = .unknownIndicator
                logger.warning("gains: link \(link.key) left out: the indicator is not in the catalogue")
            case .neutralIndicator, .yearlyIndicator:
                kind = .linkRefused
                let settings = link.settings!
                details["reason"] = defect == .neutralIndicator ? "neutral_polarity" : "yearly_frequency"
                details["polarity"] = settings.polarity.rawValue
                details["frequency"] = settings.frequency.name
                logger.warning("gains: link \(link.key) refused: the indicator is \(defect == .neutralIndicator ? "neutral" : "yearly")")
            }
            raise(Finding(kind, initiative: link.initiative, indicator: link.indicator, orgUnit: link.orgUnit, details: details))
        }
    }

    /// A usable link whose series has no quarter value from its start on yields nothing. When the
    /// series has no measurement at all, the finding names the closest org units measured for
    /// the indicator or, without any, the closest measured indicators (for the first
    /// `NearbyNames.linkLimit` such links).
    private mutating func reportLinksWithoutMeasurements(_ db: Database) throws {
        var named = 0
        for link in links where link.defect == nil {
            let measured = series.values(of: link.seriesID)
            let values = measured ?? .empty
            let start = link.effectiveStart ?? Int.min
            guard !values.contains(where: { $0.period.ordinal >= start }) else { continue }
            var details = ["gain_type": link.gainType.rawValue]
            if let last = values.last {
                details["last_measured"] = last.period.description
            } else if measured == nil && named < NearbyNames.linkLimit {
                named += 1
                if let (key, names) = try NearbyNames.closest(to: link, db) { details[key] = names }
            }
            raise(Finding(.linkWithoutMeasurements, initiative: link.initiative, indicator: link.indicator, orgUnit: link.orgUnit,
                                    quarter: link.effectiveStart.map(Quarter.init(ordinal:)), details: details))
        }
    }

    /// Usable links with a start whose series has no quarter value before it: the gain has no
    /// measured baseline to be compared with.
    private func baselineGaps() -> [Finding] {
        links.compactMap { link in
            guard link.defect == nil, let start = link.effectiveStart else { return nil }
            let values = series.values(of: link.seriesID) ?? .empty
            guard !values.contains(where: { $0.period.ordinal < start }) else { return nil }
            return Finding(.noBaselineMeasurement, initiative: link.initiative, indicator: link.indicator, orgUnit: link.orgUnit,
                           details: ["gain_type": link.gainType.rawValue, "start": Quarter(ordinal: start).description])
        }
    }

    /// Two usable links of different initiatives on the same (indicator, org_unit, gain type) that
    /// both yield a derived value in a quarter at or before as_of claim the same gain twice.
    private mutating func reportDoubleCounting() {
        struct Claim: Hashable {
            var seriesID: Int64
            var gainType: GainType
        }
        var claims: [Claim: [Int]] = [:]
        var order: [Claim] = []
        for (index, link) in links.enumerated() where link.defect == nil {
            guard let id = link.seriesID else { continue }
            let claim = Claim(seriesID: id, gainType: link.gainType)
            if claims[claim] == nil { order.append(claim) }
            claims[claim, default: []].append(index)
        }
        for claim in order {
            let indices = claims[claim]!, values = series.values(of: claim.seriesID) ?? .empty
            for (position, a) in indices.enumerated() {
                for b in indices[(position + 1)...] {
                    let start = max(links[a].effectiveStart ?? Int.min, links[b].effectiveStart ?? Int.min)
                    guard let shared = values.first(where: { $0.period.ordinal >= start }),
                          assessment.isAssessed(shared.period.ordinal) else { continue }
                    raise(Finding(.doubleCount, initiative: links[a].initiative, relatedInitiative: links[b].initiative,
                                            indicator: links[a].indicator, orgUnit: links[a].orgUnit, quarter: Quarter(shared.period),
                                            details: ["gain_type": claim.gainType.rawValue]))
                }
            }
        }
    }
}

/// Reported and derived figures disagree when they differ by more than 10 % of the reported
/// amount; against a reported 0, any derived amount other than 0 disagrees.
func disagree(reported: Int64, derived: Int64) -> Bool {
    // |d − r| > |r| / 10 in integers: for r = 10k + m (0 ≤ m < 10) both sides mean |d − r| > k.
    (derived - reported).magnitude > reported.magnitude / 10
}

/// An amount in hundredths as a canonical decimal for finding details.
private func amount(_ hundredths: Int64) -> String { Amount(hundredths: hundredths).description }
