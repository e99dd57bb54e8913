/// A value that pipeline files and input files name by a word, with Norwegian aliases.
public protocol NamedValue: CaseIterable, Sendable, Hashable {
    /// The canonical English name written to the warehouse and reports.
    var name: String { get }
    /// Other accepted spellings (compared case-insensitively).
    var aliases: [String] { get }
    /// Every accepted word, lower-cased, and its value; each type keeps `nameTable()` here, built
    /// once, because some are read on every row of a file.
    static var byName: [String: Self] { get }
}

extension NamedValue {
    public var aliases: [String] { [] }

    /// Reads the canonical name or an alias, case-insensitively (no lower-casing for a word
    /// already written in lower case).
    public init?(name text: String) {
        guard let match = Self.byName[text] ?? Self.byName[text.lowercased()] else { return nil }
        self = match
    }

    static func nameTable() -> [String: Self] {
        var table: [String: Self] = [:]
        for value in allCases {
            for word in [value.name] + value.aliases { table[word.lowercased()] = value }
        }
        return table
    }

    /// The accepted words, for error messages.
    public static var acceptedNames: String { allCases.map(\.name).joined(separator: ", ") }

    /// The accepted words with their aliases (`planned (planlagt)`), for values people type in
    /// Norwegian.
    public static var acceptedNamesWithAliases: String {
        allCases.map { $0.aliases.isEmpty ? $0.name : "\($0.name) (\($0.aliases.joined(separator: ", ")))" }
            .joined(separator: "; ")
    }
}

/// Which direction of an indicator is good.
public enum Polarity: String, NamedValue, Codable {
    public static let byName = nameTable()
    case higherIsBetter = "higher_is_better"
    case lowerIsBetter = "lower_is_better"
    case neutral

    public var name: String { rawValue }
    public var aliases: [String] {
        switch self {
        case .higherIsBetter: ["høgare er betre", "høyere er bedre", "higher", "høgare", "høyere", "stigande", "stigende"]
        case .lowerIsBetter: ["lågare er betre", "lavere er bedre", "lower", "lågare", "lavere", "søkkande", "synkende"]
        case .neutral: ["nøytral", "ingen"]
        }
    }
}

/// How finer periods combine into a coarser one.
public enum Aggregation: String, NamedValue, Codable {
    public static let byName = nameTable()
    case sum, mean, last

    public var name: String { rawValue }
    public var aliases: [String] {
        switch self {
        case .sum: ["sum", "summer", "summert"]
        case .mean: ["snitt", "gjennomsnitt", "average", "middel", "middelverdi"]
        case .last: ["siste", "sist", "siste verdi"]
        }
    }
}

extension PeriodKind: NamedValue {
    public static let byName = nameTable()
    public var aliases: [String] {
        switch self {
        case .month: ["månad", "måned", "monthly", "månadleg", "månedlig", "mnd"]
        case .quarter: ["kvartal", "quarterly", "kvartalsvis"]
        case .year: ["år", "yearly", "annual", "årleg", "årlig"]
        }
    }
}

/// The four kinds of gain (SPEC §4).
public enum GainType: String, NamedValue, Codable, Comparable {
    public static let byName = nameTable()
    /// Cash-releasing: money taken out of the budget (budsjettmessig gevinst), NOK.
    case budget
    /// Non-cash-releasing capacity, valued in NOK.
    case efficiency
    /// Hours.
    case time
    /// In the linked indicator's unit.
    case quality

    public var name: String { rawValue }
    public var aliases: [String] {
        switch self {
        case .budget: ["budsjett"]
        case .efficiency: ["effektivisering"]
        case .time: ["tid"]
        case .quality: ["kvalitet"]
        }
    }

    public static func < (lhs: GainType, rhs: GainType) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// `rawValue` as a constant, which binds to SQLite without a copy.
    public var storedName: StaticString {
        switch self {
        case .budget: "budget"
        case .efficiency: "efficiency"
        case .time: "time"
        case .quality: "quality"
        }
    }
}

/// Where an initiative stands.
public enum InitiativeStatus: String, NamedValue, Codable {
    public static let byName = nameTable()
    case planned, active, completed, stopped

    public var name: String { rawValue }
    public var aliases: [String] {
        switch self {
        case .planned: ["planlagt"]
        case .active: ["pågår", "aktiv"]
        case .completed: ["fullført", "ferdig"]
        case .stopped: ["avbrote", "avbrutt", "stoppa", "stoppet"]
        }
    }
}

/// Where an initiative stands in Prosjektveiviseren's life cycle, in order: gains are identified,
/// planned, followed up while it is carried out, handed over to the line, realised, and closed.
public enum Phase: String, NamedValue, Codable, Comparable {
    public static let byName = nameTable()
    case identify, plan, execute, handover, realise, closed

    public var name: String { rawValue }
    public var aliases: [String] {
        switch self {
        case .identify: ["identifisere", "identifisera"]
        case .plan: ["planlegge", "planleggje"]
        case .execute: ["gjennomføre", "gjennomføring"]
        case .handover: ["overføre", "overført", "overlevere"]
        case .realise: ["realisere", "realisera", "realize"]
        case .closed: ["avslutta", "avsluttet", "avslutte"]
        }
    }

    public static func < (lhs: Phase, rhs: Phase) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where an action of an initiative's A3 sheet stands (4. Endringstiltak).
public enum ActionStatus: String, NamedValue, Codable {
    public static let byName = nameTable()
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case done, cancelled

    public var name: String { rawValue }
    public var aliases: [String] {
        switch self {
        case .notStarted: ["ikkje starta", "ikke startet"]
        case .inProgress: ["pågår"]
        case .done: ["ferdig", "fullført"]
        case .cancelled: ["avbrote", "avbrutt"]
        }
    }

    /// Done and cancelled actions are never overdue.
    public var isOpen: Bool { self == .notStarted || self == .inProgress }
}

/// What a source holds (SPEC §4), in import order.
public enum InputKind: String, NamedValue, Codable, Comparable {
    public static let byName = nameTable()
    case indicators, initiatives
    case gainPlans = "gain_plans"
    case gainsReported = "gains_reported"
    case gainLinks = "gain_links"
    case orgUnits = "org_units"
    case budgetTargets = "budget_targets"
    case gainComments = "gain_comments"
    case gainForecasts = "gain_forecasts"
    case actions
    case measurements

    public var name: String { rawValue }

    /// Registers are replaced whole by default; measurements are upserted.
    var defaultMode: ImportMode { self == .measurements ? .upsert : .replace }

    /// The canonical fields, required ones first.
    public var requiredFields: [String] {
        switch self {
        case .indicators: ["indicator"]
        case .measurements: ["indicator", "period", "value"]
        case .initiatives: ["initiative", "title"]
        case .gainPlans, .gainsReported: ["initiative", "gain_type", "period", "amount"]
        case .gainLinks: ["initiative", "indicator", "gain_type", "baseline"]
        case .orgUnits: ["org_unit", "name"]
        case .budgetTargets: ["year", "amount"]
        case .gainComments: ["initiative", "period", "comment"]
        case .gainForecasts: ["initiative", "gain_type", "year", "amount"]
        case .actions: ["initiative", "action"]
        }
    }

    var optionalFields: [String] {
        switch self {
        case .indicators: ["name", "unit", "polarity", "aggregation", "frequency", "target"]
        case .measurements: ["org_unit"]
        case .initiatives: ["owner", "area", "status", "deadline", "description", "phase", "gain_owner", "baseline_date", "handover_date"] + Self.a3Fields
        case .gainPlans, .gainsReported: []
        case .gainLinks: ["org_unit", "factor", "start"]
        case .orgUnits: ["parent", "aliases"]
        case .budgetTargets: ["area", "plan", "label", "case_ref"]
        case .gainComments: ["gain_type", "author"]
        case .gainForecasts: ["comment"]
        case .actions: ["owner", "deadline", "status", "order"]
        }
    }

    public var fields: [String] { requiredFields + optionalFields }

    /// The initiative's A3 text fields (KS's A3 sheet: 1 Begrunnelse, 2 Nåsituasjon and Rotårsaker,
    /// 3 Ønsket situasjon, 5 Måling) and the sheet's date and version.
    public static let a3Fields = ["rationale", "current_state", "root_causes", "target_state", "measurement_note",
                                  "a3_date", "a3_version"]

    /// Fields that hold numbers, which decide `decimal: auto`.
    public var numericFields: [String] {
        switch self {
        case .indicators: ["target"]
        case .measurements: ["value"]
        case .initiatives, .gainComments, .orgUnits, .actions: []
        case .gainPlans, .gainsReported, .budgetTargets, .gainForecasts: ["amount"]
        case .gainLinks: ["baseline", "factor"]
        }
    }

    public static func < (lhs: InputKind, rhs: InputKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How a source's new import treats what it imported before.
public enum ImportMode: String, NamedValue, Codable {
    public static let byName = nameTable()
    /// Rows with the same key are replaced; the replaced values go to history.
    case upsert
    /// Everything the source imported before is replaced by the new import.
    case replace

    public var name: String { rawValue }
}

/// What a bad row does to its file.
public enum ErrorPolicy: String, NamedValue, Codable {
    public static let byName = nameTable()
    /// Bad rows are rejected and reported; good rows load.
    case skip
    /// Any bad row fails the whole file.
    case fail

    public var name: String { rawValue }
}

/// The file format of a source.
public enum SourceFormat: String, NamedValue, Codable {
    public static let byName = nameTable()
    case csv, xml, saft, kostra, jsonstat, px

    public var name: String { rawValue }
}
