/// An exact amount in hundredths of its unit: øre for NOK (budget and efficiency gains, SAF-T
/// ledgers), hundredths of an hour (time gains) or of an indicator's unit (quality gains). Amounts
/// from files are decimal; sums are exact; rounding (half away from zero, to the hundredth) happens
/// only where a rule says so.
public struct Amount: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, AdditiveArithmetic {
    public var hundredths: Int64

    public init(hundredths: Int64) { self.hundredths = hundredths }

    public static let zero = Amount(hundredths: 0)

    /// The exact amount of a parsed number, rounded half away from zero to the hundredth when it has
    /// more than two decimals. Nil when it has too many digits or does not fit.
    public init?(_ number: ParsedNumber) {
        guard let significand = number.significand else { return nil }
        let shift = number.exponent + 2
        if shift >= 0 {
            guard shift <= 18 else { return nil }
            let (product, overflow) = significand.multipliedReportingOverflow(by: Amount.pow10(shift))
            guard !overflow else { return nil }
            hundredths = product
        } else {
            guard -shift <= 18 else { hundredths = 0; return }
            hundredths = Amount.divideRounded(significand, Amount.pow10(-shift))
        }
    }

    /// The nearest hundredth to a computed amount in whole units, half away from zero. The value is first
    /// taken to its shortest decimal form, so `0.125` (which a Double holds as 0.12499999…) rounds
    /// to 0.13 as a person reading it expects.
    public init?(rounding value: Double) {
        guard value.isFinite, abs(value) < 9e15 else { return nil }
        guard case .success(let parsed) = NumberParser.parse("\(value)", mark: .point), let exact = Amount(parsed) else {
            return nil
        }
        self = exact
    }

    /// In whole units (kroner for NOK).
    public var value: Double { Double(hundredths) / 100 }

    /// Plain decimal with two decimals and a point: `-1234.50`.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Splits the amount into `parts` nearly equal amounts that add up exactly; the first
    /// parts take the remaining hundredths (largest remainder, in order).
    public func split(into parts: Int) -> [Amount] {
        let base = hundredths / Int64(parts)
        var remainder = hundredths - base * Int64(parts)
        let step: Int64 = remainder < 0 ? -1 : 1
        return (0..<parts).map { _ in
            guard remainder != 0 else { return Amount(hundredths: base) }
            remainder -= step
            return Amount(hundredths: base + step)
        }
    }

    public static func + (lhs: Amount, rhs: Amount) -> Amount { Amount(hundredths: lhs.hundredths + rhs.hundredths) }
    public static func - (lhs: Amount, rhs: Amount) -> Amount { Amount(hundredths: lhs.hundredths - rhs.hundredths) }
    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.hundredths < rhs.hundredths }

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
