/// The `format: kostra` keys of a source: which forms and account classes to read, the indicators
/// with their selectors, the scale and the org unit.
public struct KOSTRAOptions: Sendable, Equatable {
    /// The skjema codes to read; nil reads every form. A file of another form yields nothing.
    public var forms: Set<String>?
    /// The kontoklasse codes or kinds to read; nil reads every class the form allows.
    public var accountClasses: [KOSTRAAccountClassSelection]?
    /// Indicators in the order the pipeline lists them.
    public var indicators: [KOSTRAIndicatorSelection]
    /// NOK per unit of the file's amounts (whole 1 000 NOK): the stored value is amount × scale.
    public var scale: Int64
    public var orgUnit: KOSTRAOrgUnit

    public init(forms: Set<String>? = nil, accountClasses: [KOSTRAAccountClassSelection]? = nil,
                indicators: [KOSTRAIndicatorSelection], scale: Int64 = 1000, orgUnit: KOSTRAOrgUnit = .total) {
        self.forms = forms
        self.accountClasses = accountClasses
        self.indicators = indicators
        self.scale = scale
        self.orgUnit = orgUnit
    }
}

/// What an account class (kontoklasse) holds: operations, investments or the balance sheet.
public enum KOSTRAAccountKind: String, Sendable, CaseIterable {
    case drift, investering, balanse
}

/// An `account_class` entry: a kontoklasse code, or `drift`/`investering`/`balanse`, which stands
/// for that kind's code in each form.
public enum KOSTRAAccountClassSelection: Sendable, Equatable {
    case code(UInt8)
    case kind(KOSTRAAccountKind)

    /// Reads `drift`, `investering`, `balanse` or a one-character code; nil otherwise.
    public init?(_ text: String) {
        if let kind = KOSTRAAccountKind(rawValue: text.lowercased()) {
            self = .kind(kind)
        } else if text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first, scalar.isASCII {
            self = .code(UInt8(scalar.value))
        } else {
            return nil
        }
    }
}

/// Which lines feed one indicator: codes and inclusive ranges per field. A line counts when it
/// matches every selector the indicator names; `funksjon` and `art` apply to appropriation forms,
/// `kapittel` and `sektor` to balance and result forms (on other forms they match nothing).
public struct KOSTRAIndicatorSelection: Sendable, Equatable {
    public var indicator: String
    public var art: [AccountPattern]?
    public var funksjon: [AccountPattern]?
    public var kapittel: [AccountPattern]?
    public var sektor: [AccountPattern]?

    public init(indicator: String, art: [AccountPattern]? = nil, funksjon: [AccountPattern]? = nil,
                kapittel: [AccountPattern]? = nil, sektor: [AccountPattern]? = nil) {
        self.indicator = indicator
        self.art = art
        self.funksjon = funksjon
        self.kapittel = kapittel
        self.sektor = sektor
    }
}

/// What a value's org unit is.
public enum KOSTRAOrgUnit: String, Sendable, Equatable, CaseIterable {
    /// Every line under `total`.
    case total
    /// The file's region: a municipality's `040200` is `0402`.
    case region
    /// The line's funksjon (positions 33–36, without spaces).
    case funksjon
}
