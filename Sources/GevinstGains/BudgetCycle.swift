import GRDB
import GevinstCore
import GevinstWarehouse

/// The budget cycle and the gain life cycle, computed from the gain tables once they are written
/// (in the stage's transaction): finance's forecasts replace the computed ones in `gains_yearly`,
/// `budget_balance` sets each plan's savings requirement against the planned, realised and
/// forecast budget gains, and the findings say where the plan is not in balance, what the
/// årshjul asks for in the as_of quarter and which initiatives lag behind in their life cycle.
/// `docs/budget-cycle.md` states every rule.
struct BudgetCycle {
    private let db: Database
    private let asOf: Quarter?
    private var findings: GainFindings

    /// Applies finance's forecasts, writes `budget_balance` and raises its findings into `findings`;
    /// returns the number of `budget_balance` rows.
    /// `keyFigures` are the computation's figures up to as_of, in key order; `baselineGaps` the gains
    /// stage's `no_baseline_measurement` candidates, in link order; `unlinkedPlansNextYear` the
    /// computation's initiatives without a gain link that plan gains the year after a K4 as_of.
    static func run(_ db: Database, asOf: Quarter?, keyFigures: [KeyFigures], baselineGaps: [Finding],
                    unlinkedPlansNextYear: [String], findings: inout GainFindings) throws -> Int {
        var cycle = BudgetCycle(db: db, asOf: asOf, findings: findings)
        try cycle.applyForecasts()
        let rows = try cycle.writeBalance()
        let register = try cycle.readRegister()
        if let asOf {
            try cycle.checkStopped(register, asOf: asOf)
            try cycle.checkCycle(register, asOf: asOf, unlinkedPlansNextYear: unlinkedPlansNextYear)
            try cycle.checkLifeCycle(register, asOf: asOf, figures: keyFigures, baselineGaps: baselineGaps)
            try cycle.checkComments(register, asOf: asOf)
        }
        try cycle.checkUnknown(register)
        findings = cycle.findings
        return rows
    }

    // MARK: Finance's forecast

    /// Finance has the last word on the year-end forecast: its amount replaces the computed one,
    /// and a year without quarter rows gets a row of its own (its other figures 0).
    private func applyForecasts() throws {
        try GainsYearlyTable.takeForecasts(source: ForecastSource.finance.rawValue, db)
    }

    // MARK: Budget balance

    private struct Sums {
        var planned: Int64 = 0, realised: Int64 = 0, forecast: Int64 = 0

        mutating func add(_ other: Sums) throws {
            planned = try sum(planned, other.planned)
            realised = try sum(realised, other.realised)
            forecast = try sum(forecast, other.forecast)
        }
    }

    private struct YearArea: Hashable {
        var year: Int
        var area: String
    }

    /// Writes `budget_balance` and raises `budget_not_balanced`; returns the number of rows.
    private mutating func writeBalance() throws -> Int {
        try BudgetBalanceTable.deleteAll(db)
        var targets: [String: [YearArea: Int64]] = [:]
        for target in try BudgetTargetsTable.amounts(db) {
            let key = YearArea(year: target.year, area: target.area)
            targets[target.plan, default: [:]][key] = try sum(targets[target.plan]?[key] ?? 0, target.amount)
        }
        guard !targets.isEmpty else { return 0 }

        // The budget gains of the initiatives that are not stopped, per year and area.
        var gains: [YearArea: Sums] = [:]
        for row in try GainsYearlyTable.sums(gainType: GainType.budget.rawValue, excluding: InitiativeStatus.stopped.rawValue, db) {
            let sums = Sums(planned: row.planned, realised: row.realised, forecast: row.forecast)
            try gains[YearArea(year: row.year, area: row.area), default: Sums()].add(sums)
            try gains[YearArea(year: row.year, area: Area.all), default: Sums()].add(sums)
        }

        var count = 0
        for plan in targets.keys.sorted(by: { $0.precedesInBinaryOrder($1) }) {
            let planTargets = targets[plan]!
            let years = planTargets.keys.map(\.year)
            let areas = Set(planTargets.keys.map(\.area)).sorted { $0.precedesInBinaryOrder($1) }
            for year in years.min()!...years.max()! {
                var total: Int64 = 0
                for area in areas { total = try sum(total, planTargets[YearArea(year: year, area: area)] ?? 0) }
                // `*` sorts before every area that starts with a letter or digit; rows go in key order.
                let rowAreas = ([Area.all] + areas).sorted { $0.precedesInBinaryOrder($1) }
                for area in rowAreas {
                    let requirement = area == Area.all ? total : planTargets[YearArea(year: year, area: area)] ?? 0
                    try writeRow(plan: plan, year: year, area: area, requirement: requirement,
                                 sums: gains[YearArea(year: year, area: area)] ?? Sums())
                    count += 1
                }
            }
        }
        return count
    }

    private mutating func writeRow(plan: String, year: Int, area: String, requirement: Int64, sums: Sums) throws {
        let gap = try difference(requirement, sums.planned), forecastGap = try difference(requirement, sums.forecast)
        let coverage: Double? = requirement == 0 ? nil : Double(sums.planned) / Double(requirement)
        try BudgetBalanceTable.insert(db, [
            .plan: plan, .year: year, .area: area, .requirement: requirement, .plannedBudget: sums.planned, .gap: gap,
            .coverage: coverage, .realisedYtd: sums.realised, .forecast: sums.forecast, .forecastGap: forecastGap,
            .status: gap <= 0 ? "balanced" : "not_balanced",
        ])
        if requirement > 0 && gap > 0 {
            try findings.raise(Finding(.budgetNotBalanced, details: [
                "plan": plan, "year": String(year), "area": area, "requirement": amount(requirement),
                "planned_budget": amount(sums.planned), "gap": amount(gap),
            ]))
        }
    }

    // MARK: The register

    private struct Registered {
        var initiative: String
        var status: InitiativeStatus
        var phase: Phase?
        var gainOwner: String?
        var deadline: CalendarDate?
        /// A measurement note other than blank.
        var hasMeasurementNote: Bool
    }

    /// The register in key order; a value the stage cannot read stops it.
    private func readRegister() throws -> [String: Registered] {
        var register: [String: Registered] = [:]
        for row in try InitiativesTable.lifeCycles(db) {
            let initiative = row.initiative
            let statusText = row.status, phaseText = row.phase, deadlineText = row.deadline
            guard let status = statusText.map({ InitiativeStatus(name: $0) }) ?? .active else {
                throw GainsError(.data, "its status '\(statusText ?? "")' is not one of \(InitiativeStatus.acceptedNames)", initiative: initiative)
            }
            let phase = phaseText.flatMap { Phase(name: $0) }
            guard phaseText == nil || phase != nil else {
                throw GainsError(.data, "its phase '\(phaseText!)' is not one of \(Phase.acceptedNames)", initiative: initiative)
            }
            let owner = row.gainOwner
            register[initiative] = Registered(initiative: initiative, status: status, phase: phase,
                                              gainOwner: owner?.isEmpty == false ? owner : nil,
                                              deadline: deadlineText.flatMap(CalendarDate.init),
                                              hasMeasurementNote: row.hasMeasurementNote)
        }
        return register
    }

    private func isStopped(_ initiative: String, _ register: [String: Registered]) -> Bool {
        register[initiative]?.status == .stopped
    }

    // MARK: Stopped initiatives and the årshjul

    /// A stopped initiative whose budget gains are planned in the as_of year or later: the
    /// balance lost them.
    private mutating func checkStopped(_ register: [String: Registered], asOf: Quarter) throws {
        for row in try GainsYearlyTable.plannedFrom(year: asOf.year, gainType: GainType.budget.rawValue, db) {
            guard isStopped(row.initiative, register) else { continue }
            try findings.raise(Finding(.stoppedWithPlans, initiative: row.initiative, details: [
                "gain_type": GainType.budget.rawValue, "year": String(asOf.year), "amount": amount(row.planned),
            ]))
        }
    }

    /// In K3 and K4 next year's budget must be covered; in K4 every initiative with plans next
    /// year must say how its gains will be measured: a gain link or a measurement note. Only for a
    /// year some plan's targets name.
    private mutating func checkCycle(_ register: [String: Registered], asOf: Quarter, unlinkedPlansNextYear: [String]) throws {
        guard asOf.index >= 3 else { return }
        let next = asOf.year + 1
        let totals = try BudgetBalanceTable.rows(year: next, area: Area.all, db)
        for row in totals {
            guard let coverage = row.coverage, coverage < 1 else { continue }
            try findings.raise(Finding(.nextYearNotCovered, details: [
                "plan": row.plan, "year": String(next), "area": Area.all, "requirement": amount(row.requirement),
                "planned_budget": amount(row.plannedBudget), "gap": amount(row.gap),
            ]))
        }
        guard asOf.index == 4, !totals.isEmpty else { return }
        for initiative in unlinkedPlansNextYear where register[initiative]?.hasMeasurementNote != true && !isStopped(initiative, register) {
            try findings.raise(Finding(.noMeasurementPlan, initiative: initiative, details: ["year": String(next)]))
        }
    }

    // MARK: The life cycle

    /// `figures` and the register's initiatives are both in binary order: each initiative's keys
    /// are found by walking the figures alongside.
    private mutating func checkLifeCycle(_ register: [String: Registered], asOf: Quarter, figures: [KeyFigures],
                                         baselineGaps: [Finding]) throws {
        // A deadline on or before the last day of the as_of quarter has passed.
        let lastMonth = (asOf.year, asOf.index * 3)

        var next = 0
        for initiative in register.keys.sorted(by: { $0.precedesInBinaryOrder($1) }) {
            while next < figures.count, figures[next].initiative.precedesInBinaryOrder(initiative) { next += 1 }
            let start = next
            while next < figures.count, figures[next].initiative.equalsInBinary(initiative) { next += 1 }
            let keys = figures[start..<next]
            let entry = register[initiative]!
            guard entry.status != .stopped else { continue }
            if let deadline = entry.deadline, (deadline.year, deadline.month) <= lastMonth, [.planned, .active].contains(entry.status) {
                try findings.raise(Finding(.deadlinePassed, initiative: initiative, details: [
                    "deadline": deadline.description, "status": entry.status.name,
                ]))
            }
            let realising = entry.phase == .handover || entry.phase == .realise || entry.status == .completed
            if realising && !keys.contains(where: \.anyRealised) {
                var details = ["status": entry.status.name]
                details["phase"] = entry.phase?.name
                try findings.raise(Finding(.realisingWithoutMeasurement, initiative: initiative, details: details))
            }
            if let phase = entry.phase, phase <= .plan,
               let first = keys.compactMap(\.firstPlanned).min() {
                try findings.raise(Finding(.phaseBehindPlan, initiative: initiative, quarter: first, details: ["phase": phase.name]))
            }
            if let phase = entry.phase, [.execute, .handover, .realise].contains(phase), entry.gainOwner == nil {
                try findings.raise(Finding(.missingGainOwner, initiative: initiative, details: ["phase": phase.name]))
            }
            if entry.phase == .closed || entry.status == .completed {
                for key in keys where !key.gainType.isLevel && key.status == .red {
                    var details = ["gain_type": key.gainType.rawValue, "status": entry.status.name]
                    details["phase"] = entry.phase?.name
                    try findings.raise(Finding(.closedWithGap, initiative: initiative, details: details))
                }
            }
        }
        // Planned quarters without figures: for every initiative that is not stopped, in the register or not.
        for key in figures where !key.gainType.isLevel && !isStopped(key.initiative, register) {
            guard let first = key.firstMissing else { continue }
            try findings.raise(Finding(.plannedPastNoData, initiative: key.initiative, quarter: first, details: [
                "gain_type": key.gainType.rawValue, "count": String(key.missing),
            ]))
        }
        var reported: Set<String> = []
        for gap in baselineGaps {
            guard let initiative = gap.initiative, !isStopped(initiative, register), reported.insert(initiative).inserted else { continue }
            try findings.raise(gap)
        }
        redRows = figures.filter { $0.status == .red }.map { ($0.initiative, $0.gainType) }
    }

    /// The keys red at as_of, for `red_without_comment`.
    private var redRows: [(String, GainType)] = []

    // MARK: Comments and unknown initiatives

    private mutating func checkComments(_ register: [String: Registered], asOf: Quarter) throws {
        var commented: Set<String> = []
        for row in try GainCommentsTable.keys(db) {
            let (initiative, code, gainType) = (row.initiative, row.quarter, row.gainType)
            guard let quarter = Quarter(code: code) else {
                throw GainsError(.data, "gain_comments has the period code \(code), which is not a quarter", initiative: initiative)
            }
            if quarter > asOf {
                var details = ["period": asOf.description]
                if !gainType.isEmpty { details["gain_type"] = gainType }
                try findings.raise(Finding(.commentAfterAsOf, initiative: initiative, quarter: quarter, details: details))
            } else if quarter == asOf {
                commented.insert("\(initiative)\u{0}\(gainType)")
            }
        }
        for (initiative, gainType) in redRows
        where !commented.contains("\(initiative)\u{0}\(gainType.rawValue)") && !commented.contains("\(initiative)\u{0}") {
            try findings.raise(Finding(.redWithoutComment, initiative: initiative, quarter: asOf, details: ["gain_type": gainType.rawValue]))
        }
    }

    /// A comment or forecast for an initiative the register does not hold: named in the
    /// `unknown_initiative` finding of the initiative (`GainFindings` adds the table to one raised before).
    private mutating func checkUnknown(_ register: [String: Registered]) throws {
        for (table, initiatives) in [(GainCommentsTable.name, try GainCommentsTable.distinct(.initiative, db)),
                                     (GainForecastsTable.name, try GainForecastsTable.distinct(.initiative, db))] {
            for initiative in initiatives where register[initiative] == nil {
                try findings.raise(Finding(.unknownInitiative, initiative: initiative, details: ["named_by": table]))
            }
        }
    }
}

/// `a + b`, or a data error when it does not fit.
private func sum(_ a: Int64, _ b: Int64) throws -> Int64 {
    let (result, overflow) = a.addingReportingOverflow(b)
    guard !overflow else { throw GainsError(.data, "the budget amounts add up to more than 64 bits can hold") }
    return result
}

private func difference(_ a: Int64, _ b: Int64) throws -> Int64 {
    let (result, overflow) = a.subtractingReportingOverflow(b)
    guard !overflow else { throw GainsError(.data, "the budget amounts add up to more than 64 bits can hold") }
    return result
}

private func amount(_ hundredths: Int64) -> String { Amount(hundredths: hundredths).description }

/// One (initiative, gain type)'s `gains_quarterly` figures up to as_of, for the life cycle checks:
/// gathered by the computation from the rows it writes, so that no query reads the table again.
struct KeyFigures: Sendable {
    var initiative: String
    var gainType: GainType
    /// The first quarter ≤ as_of with a plan other than 0.
    var firstPlanned: Quarter?
    /// The first quarter ≤ as_of with a plan other than 0 and no realised figure, and how many.
    var firstMissing: Quarter?
    var missing = 0
    var anyRealised = false
    /// The status of the key's latest row at or before as_of.
    var status: GainStatus

    /// The figures of `rows` (one key's, in quarter order) up to the ordinal `asOf`; nil when no
    /// row is that early.
    init?(_ initiative: String, _ gainType: GainType, rows: [QuarterRow], asOf: Int) {
        guard let latest = rows.last(where: { $0.quarter <= asOf }) else { return nil }
        self.initiative = initiative
        self.gainType = gainType
        status = latest.cumulative.status
        for row in rows where row.quarter <= asOf {
            if row.planned != 0 {
                if firstPlanned == nil { firstPlanned = Quarter(ordinal: row.quarter) }
                if row.realised == nil {
                    if firstMissing == nil { firstMissing = Quarter(ordinal: row.quarter) }
                    missing += 1
                }
            }
            if row.realised != nil { anyRealised = true }
        }
    }
}
