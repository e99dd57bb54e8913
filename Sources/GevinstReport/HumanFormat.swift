import GevinstCore

/// What the figures of a gain are counted in.
enum AmountUnit: Equatable {
    /// NOK (budget and efficiency gains).
    case money
    /// Hours (time gains).
    case hours
    /// The linked indicators' unit (quality gains); nil when none or several.
    case indicator(String?)

    /// The unit of a gain type; `qualityUnit` is the unit of the quality gain's indicators.
    init(_ type: GainType, qualityUnit: String?) {
        switch type {
        case .budget, .efficiency: self = .money
        case .time: self = .hours
        case .quality: self = .indicator(qualityUnit)
        }
    }
}

/// Numbers, amounts, periods and dates as a reader of the report's language writes them:
/// `1 234 567,89 kr`, `78,4 %`, `K1 2024` in nynorsk and bokmål; `NOK 1,234,567.89`, `78.4%`,
/// `Q1 2024` in English. Rounding is done on the shortest decimal form, half away from zero.
struct HumanFormat {
    let text: Localization
    /// The name of each code of a registered org unit (its own code and its aliases).
    let orgUnitNames: [String: String]

    init(_ language: ReportLanguage, orgUnitNames: [String: String] = [:]) {
        text = Localization(language)
        self.orgUnitNames = orgUnitNames
    }

    /// `value` rounded to `decimals` decimals; trailing zeros dropped unless `fixed`.
    func number(_ value: Double, decimals: Int = 2, fixed: Bool = false) -> String {
        guard value.isFinite else { return "–" }
        var plain = Array(PlainNumber.text(value).utf8)
        let negative = plain.first == UInt8(ascii: "-")
        if negative { plain.removeFirst() }
        let point = plain.firstIndex(of: UInt8(ascii: ".")) ?? plain.count
        var integer = Array(plain[..<point])
        var fraction = point < plain.count ? Array(plain[(point + 1)...]) : []
        if fraction.count > decimals {
            let roundUp = fraction[decimals] >= UInt8(ascii: "5")
            fraction.removeLast(fraction.count - decimals)
            if roundUp {
                var digits = integer + fraction
                var index = digits.count - 1
                while index >= 0 {
                    if digits[index] == UInt8(ascii: "9") {
                        digits[index] = UInt8(ascii: "0")
                        index -= 1
                    } else {
                        digits[index] += 1
                        break
                    }
                }
                if index < 0 { digits.insert(UInt8(ascii: "1"), at: 0) }
                integer = Array(digits[..<(digits.count - decimals)])
                fraction = Array(digits[(digits.count - decimals)...])
            }
        }
        if fixed {
            fraction += repeatElement(UInt8(ascii: "0"), count: decimals - fraction.count)
        } else {
            while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        }
        let isZero = !(integer + fraction).contains { $0 != UInt8(ascii: "0") }
        return compose(negative: negative && !isZero, integer: integer, fraction: fraction)
    }

    /// An amount in hundredths with two decimals: `1 234,50`.
    func hundredths(_ value: Int64) -> String {
        let magnitude = value.magnitude
        var fraction = Array(String(magnitude % 100).utf8)
        if fraction.count < 2 { fraction.insert(UInt8(ascii: "0"), at: 0) }
        return compose(negative: value < 0, integer: Array(String(magnitude / 100).utf8), fraction: fraction)
    }

    private func compose(negative: Bool, integer: [UInt8], fraction: [UInt8]) -> String {
        var result = negative ? text[.minusSign] : ""
        let group = text[.groupSeparator]
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { result += group }
            result.unicodeScalars.append(Unicode.Scalar(digit))
        }
        if !fraction.isEmpty {
            result += text[.decimalMark]
            result += String(decoding: fraction, as: UTF8.self)
        }
        return result
    }

    /// An amount in hundredths as a reader needs it: money in whole thousand kroner (`4 597 tkr`,
    /// `NOK 4,597k`), hours in whole hours (`17 441 timar`), a quality level with two decimals in its
    /// unit (`2,67 prosentpoeng`). Rounded half away from zero; the exact figures are in the CSV and JSON.
    func amount(_ value: Int64, _ unit: AmountUnit) -> String {
        switch unit {
        case .money: text(.thousandsPattern, ["amount": whole(value, per: 100_000)])
        case .hours: "\(whole(value, per: 100))\u{00A0}\(unitName(unit))"
        case .indicator: "\(hundredths(value))\u{00A0}\(unitName(unit))"
        }
    }

    /// `value / divisor` rounded half away from zero to a whole number, without a sign when it rounds to 0.
    private func whole(_ value: Int64, per divisor: UInt64) -> String {
        let rounded = (value.magnitude / divisor) + (value.magnitude % divisor >= divisor / 2 ? 1 : 0)
        return compose(negative: value < 0 && rounded > 0, integer: Array(String(rounded).utf8), fraction: [])
    }

    /// The unit's word: `kr`, `timar`, the indicator's unit, or a generic word. A quality gain on
    /// a percentage indicator is a difference of percentages: percentage points.
    func unitName(_ unit: AmountUnit) -> String {
        switch unit {
        case .money: text[.unitKroner]
        case .hours: text[.unitHours]
        case .indicator(let name?) where HumanFormat.percentUnits.contains(name.lowercased()): text[.unitPercentagePoints]
        case .indicator(let name): name ?? text[.unitGeneric]
        }
    }

    /// The catalogue units that mean a percentage.
    static let percentUnits: Set<String> = ["%", "prosent", "percent"]

    /// A rate as a percentage with one decimal: `78,4 %`.
    func percent(_ rate: Double) -> String {
        text(.percentPattern, ["value": number(rate * 100, decimals: 1, fixed: true)])
    }

    /// `K1 2024`, `mars 2024`, `2024`.
    func period(_ period: Period) -> String {
        switch period.kind {
        case .year: String(period.year)
        case .quarter: text(.quarterLong, ["quarter": String(period.indexInYear), "year": String(period.year)])
        case .month: "\(monthName(period.indexInYear)) \(period.year)"
        }
    }

    /// A canonical period text in the reader's form; other text as it is.
    func period(text value: String) -> String {
        Period(value).map(period) ?? value
    }

    /// `K1`, for the quarter row of a chart axis.
    func quarterShort(_ quarter: Period) -> String {
        text(.quarterShort, ["quarter": String(quarter.indexInYear)])
    }

    func monthName(_ month: Int) -> String {
        let months: [Phrase] = [.january, .february, .march, .april, .may, .june, .july, .august, .september,
                                .october, .november, .december]
        return text[months[month - 1]]
    }

    /// A date `2026-12-31` (or `31.12.2026`) as `31. desember 2026`; other text as it is.
    func date(_ value: String) -> String {
        guard let date = CalendarDate(value) else { return value }
        return text(.dayMonthYear, ["day": String(date.day), "month": monthName(date.month), "year": String(date.year)])
    }

    /// A warehouse timestamp `2025-10-06T06:15:00Z` as `6. oktober 2025 kl. 06.15 UTC`.
    func timestamp(_ value: String) -> String {
        let parts = value.split(separator: "T")
        guard parts.count == 2, parts[1].count >= 5 else { return value }
        let clock = parts[1].prefix(5)
        let time = text.language == .en ? String(clock) : String(clock).replacing(":", with: ".")
        return text(.timestampPattern, ["date": date(String(parts[0])), "time": time])
    }

    func gainType(_ type: GainType) -> String {
        switch type {
        case .budget: text[.gainBudget]
        case .efficiency: text[.gainEfficiency]
        case .time: text[.gainTime]
        case .quality: text[.gainQuality]
        }
    }

    /// A gain type as stored (`budget`), in the reader's word; unknown text as it is.
    func gainType(name: String) -> String {
        GainType(name: name).map(gainType) ?? name
    }

    func frequency(_ name: String) -> String {
        switch PeriodKind(name: name) {
        case .month: text[.frequencyMonth]
        case .quarter: text[.frequencyQuarter]
        case .year: text[.frequencyYear]
        case nil: name
        }
    }

    /// An org unit by its registered name; else `OrgUnit.total` is the whole municipality,
    /// `OrgUnit.unassigned` lines without one, and another code stands as it is.
    func orgUnit(_ code: String) -> String {
        if let name = orgUnitNames[code] { return name }
        switch code {
        case OrgUnit.total: return text[.orgUnitTotal]
        case OrgUnit.unassigned: return text[.orgUnitUnassigned]
        default: return code
        }
    }

    /// An area of `gains_by_area`: `Area.all` is all areas, `Area.none` initiatives without one.
    func area(_ name: String) -> String {
        switch name {
        case Area.all: text[.areaAll]
        case Area.none: text[.areaNone]
        default: name
        }
    }

    func initiativeStatus(_ name: String) -> String {
        switch InitiativeStatus(name: name) {
        case .planned: text[.initiativePlanned]
        case .active: text[.initiativeActive]
        case .completed: text[.initiativeCompleted]
        case .stopped: text[.initiativeStopped]
        case nil: name
        }
    }

    /// A phase of Prosjektveiviseren, lower case.
    func phase(_ phase: Phase) -> String {
        switch phase {
        case .identify: text[.phaseIdentify]
        case .plan: text[.phasePlan]
        case .execute: text[.phaseExecute]
        case .handover: text[.phaseHandover]
        case .realise: text[.phaseRealise]
        case .closed: text[.phaseClosed]
        }
    }

    /// An action's status on the A3 sheet, lower case.
    func actionStatus(_ status: ActionStatus) -> String {
        switch status {
        case .notStarted: text[.actionNotStarted]
        case .inProgress: text[.actionInProgress]
        case .done: text[.actionDone]
        case .cancelled: text[.actionCancelled]
        }
    }

    /// The A3 section's title as the template writes it, with its number (`2. Nåsituasjon og rotårsaker`).
    func a3Title(_ section: A3Section) -> String {
        "\(section.rawValue). " + text[section.name]
    }

    /// The sections an `a3_incomplete` finding names (`1,5`), as `1. Begrunnelse, 5. Måling`.
    func a3Sections(_ numbers: String) -> String {
        numbers.split(separator: ",").map { number in
            Int(number).flatMap(A3Section.init(rawValue:)).map(a3Title) ?? String(number)
        }.joined(separator: ", ")
    }

    func assessment(_ assessment: TrendAssessment?) -> String {
        switch assessment {
        case .improving: text[.assessImproving]
        case .worsening: text[.assessWorsening]
        case .stable: text[.assessStable]
        case .notApplicable, nil: "–"
        }
    }

    func trend(_ direction: TrendDirection?) -> String {
        switch direction {
        case .increasing: text[.trendIncreasing]
        case .decreasing: text[.trendDecreasing]
        case .noTrend: text[.trendNone]
        case nil: "–"
        }
    }

    /// A canonical input field (`org_unit`) in the reader's word; other text as it is.
    func field(_ name: String) -> String {
        let phrases: [String: Phrase] = [
            "indicator": .fieldIndicator, "name": .fieldName, "unit": .fieldUnit, "polarity": .fieldPolarity,
            "aggregation": .fieldAggregation, "frequency": .fieldFrequency, "target": .fieldTarget,
            "org_unit": .fieldOrgUnit, "period": .fieldPeriod, "value": .fieldValue, "initiative": .fieldInitiative,
            "title": .fieldTitle, "owner": .fieldOwner, "area": .fieldArea, "status": .fieldStatus,
            "deadline": .fieldDeadline, "description": .fieldDescription, "gain_type": .fieldGainType,
            "amount": .fieldAmount, "baseline": .fieldBaseline, "factor": .fieldFactor, "start": .fieldStart,
            "action": .fieldAction, "order": .fieldOrder, "a3_date": .fieldA3Date,
            "parent": .fieldParent, "aliases": .fieldAliases,
        ]
        return phrases[name].map { text[$0] } ?? name
    }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .warning: text[.severityWarning]
        case .info: text[.severityInfo]
        }
    }
}

/// A gain status as a traffic light, with the symbol that carries it without colour.
extension GainStatus {
    var symbol: String {
        switch self {
        case .green: "●"
        case .yellow: "▲"
        case .red: "■"
        case .none: "○"
        case .future: "◌"
        }
    }

    var phrase: Phrase {
        switch self {
        case .green: .lightGreen
        case .yellow: .lightYellow
        case .red: .lightRed
        case .none: .lightNone
        case .future: .lightFuture
        }
    }

    /// `● Grøn`.
    func label(_ text: Localization) -> String { "\(symbol) \(text[phrase])" }
}
