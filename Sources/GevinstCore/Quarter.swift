/// A calendar quarter, `2024K1`: what as_of and every quarter-only field hold, so that a year or a
/// month cannot stand where a quarter must.
public struct Quarter: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `4 × year + quarter − 1`, the form the gains stage counts quarters in.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// `Quarter(2024, 1)` is 2024K1.
    public init(_ year: Int, _ quarter: Int) { ordinal = 4 * year + quarter - 1 }

    /// The quarter a period is; nil for a year or a month.
    public init?(_ period: Period) {
        guard period.kind == .quarter else { return nil }
        ordinal = period.ordinal
    }

    /// Any form `Period` reads (`2024K1`, `2024Q1`, `2024-K1`); nil for text that is no quarter.
    public init?(_ text: String) {
        guard let period = Period(text) else { return nil }
        self.init(period)
    }

    /// The warehouse's period code (`2024101`); nil for a code that is no quarter.
    public init?(code: Int) {
        guard let period = Period(code: code) else { return nil }
        self.init(period)
    }

    public var period: Period { Period(kind: .quarter, ordinal: ordinal) }
    public var year: Int { ordinal / 4 }
    /// 1–4.
    public var index: Int { ordinal % 4 + 1 }
    /// The warehouse's period code, `year * 1000 + 100 + quarter`.
    public var code: Int { period.code }
    public var description: String { period.description }
    /// The quarter's last day: a deadline on or before it has passed by the end of the quarter.
    public var lastDay: CalendarDate {
        let month = index * 3
        return CalendarDate(valid: year, month, month == 3 || month == 12 ? 31 : 30)
    }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool { lhs.ordinal < rhs.ordinal }
}
