/// An exact amount of Norwegian kroner, held as integer øre. Amounts from files are decimal;
/// sums are exact; rounding (half away from zero, to the øre) happens only where a rule says so.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, AdditiveArithmetic {
    public var ore: Int64

    public init(ore: Int64) { self.ore = ore }

    public static let zero = Money(ore: 0)

    /// The exact amount of a parsed number, rounded half away from zero to the øre when it has
    /// more than two decimals. Nil when it has too many digits or does not fit.
    public init?(_ number: ParsedNumber) {
        guard let significand = number.significand else { return nil }
        let shift = number.exponent + 2
        if shift >= 0 {
            guard shift <= 18 else { return nil }
            let (product, overflow) = significand.multipliedReportingOverflow(by: Money.pow10(shift))
            guard !overflow else { return nil }
            ore = product
        } else {
            guard -shift <= 18 else { ore = 0; return }
            ore = Money.divideRounded(significand, Money.pow10(-shift))
        }
    }

    /// The nearest øre to a computed amount in kroner, half away from zero. The value is first
    /// taken to its shortest decimal form, so `0.125` (which a Double holds as 0.12499999…) rounds
    /// to 0.13 as a person reading it expects.
    public init?(roundingKroner value: Double) {
        guard value.isFinite, abs(value) < 9e15 else { return nil }
        guard case .success(let parsed) = NumberParser.parse("\(value)", mark: .point), let exact = Money(parsed) else {
            return nil
        }
        self = exact
    }

    public var kroner: Double { Double(ore) / 100 }

    /// Plain decimal with two decimals and a point: `-1234.50`.
    public var description: String {
        let sign = ore < 0 ? "-" : ""
        let magnitude = ore.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Splits the amount into `parts` nearly equal amounts that add up exactly; the first
    /// parts take the remaining øre (largest remainder, in order).
    public func split(into parts: Int) -> [Money] {
        let base = ore / Int64(parts)
        var remainder = ore - base * Int64(parts)
        let step: Int64 = remainder < 0 ? -1 : 1
        return (0..<parts).map { _ in
            guard remainder != 0 else { return Money(ore: base) }
            remainder -= step
            return Money(ore: base + step)
        }
    }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(ore: lhs.ore + rhs.ore) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(ore: lhs.ore - rhs.ore) }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.ore < rhs.ore }

    static func pow10(_ p: Int) -> Int64 {
        var v: Int64 = 1
        for _ in 0..<p { v *= 10 }
        return v
    }

    /// `value / divisor` rounded half away from zero.
    static func divideRounded(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        let remainder = value % divisor
        if remainder.magnitude * 2 >= divisor.magnitude {
            return quotient + (value < 0 ? -1 : 1)
        }
        return quotient
    }
}
