public import GevinstCore

/// Why the gains stage stopped: the cause, and the initiative or link to blame where there is one.
public struct GainsError: CategorizedError, Equatable {
    /// A gain link's key, as the warehouse holds it.
    public struct Link: Sendable, Hashable, CustomStringConvertible {
        public var initiative: String
        public var indicator: String
        public var orgUnit: String
        public var gainType: String

        public init(initiative: String, indicator: String, orgUnit: String, gainType: String) {
            self.initiative = initiative
            self.indicator = indicator
            self.orgUnit = orgUnit
            self.gainType = gainType
        }

        public var description: String { "\(initiative) → \(indicator) (\(orgUnit), \(gainType))" }
    }

    public var category: FailureCategory
    /// What went wrong.
    public var cause: String
    /// The initiative whose figures could not be computed, when one is to blame.
    public var initiative: String?
    /// The gain link to blame, when one is.
    public var link: Link?

    public init(_ category: FailureCategory, _ cause: String, initiative: String? = nil, link: Link? = nil) {
        self.category = category
        self.cause = cause
        self.initiative = initiative ?? link?.initiative
        self.link = link
    }

    public var description: String {
        if let link { return "gains: link \(link): \(cause)" }
        if let initiative { return "gains: initiative \(initiative): \(cause)" }
        return "gains: \(cause)"
    }
}
