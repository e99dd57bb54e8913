/// The derived gain of one (initiative, gain type, quarter): the sum of its links' contributions
/// `factor × improvement`, computed in binary floating point (the warehouse holds measurements,
/// baselines and factors as REAL) and rounded once to the hundredth, half away from zero.
///
/// Binary arithmetic can leave a sum that is exactly half a hundredth in decimals a hair below or
/// above the half (`1.125 − 1.1` gives `0.02499999999999991`). The sum therefore carries a bound on
/// the error its arithmetic may have made, and a value within that bound of a half counts as the
/// half: it rounds away from zero, as a person computing in decimals would round it.
struct DerivedSum {
    private(set) var value = 0.0
    /// Σ |factor| × (|measured value| + |baseline|): the scale of the error each term can carry.
    private(set) var scale = 0.0
    /// The number of contributions added.
    private(set) var terms = 0

    /// Adds one link's contribution for a quarter value.
    mutating func add(factor: Double, improvement: Double, value measured: Double, baseline: Double) {
        value += factor * improvement
        scale += abs(factor) * (abs(measured) + abs(baseline))
        terms += 1
    }

    /// The sum in hundredths, half away from zero; nil when it is not finite or too large to hold.
    func roundedHundredths() -> Int64? {
        let hundredths = value * 100
        guard hundredths.isFinite, abs(hundredths) < 9e15 else { return nil }
        // Each operation errs by at most half an ulp of its operands; 16 per term is generous and
        // still far below any difference a decimal input of a few decimals can make.
        let tolerance = (scale * 100 * 16 * Double(max(terms, 1)) + abs(hundredths)) * Double.ulpOfOne
        let whole = hundredths.rounded(.towardZero)
        if abs(abs(hundredths - whole) - 0.5) <= tolerance {
            return Int64(whole) + (hundredths < 0 ? -1 : 1)
        }
        return Int64(hundredths.rounded(.toNearestOrAwayFromZero))
    }
}

/// `a × b / c` exactly, rounded half away from zero; nil when `c` is 0 or the result does not fit.
func roundedProduct(_ a: Int64, _ b: Int64, dividedBy c: Int64) -> Int64? {
    guard c != 0 else { return nil }
    let product = a.magnitude.multipliedFullWidth(by: b.magnitude)
    let divisor = c.magnitude
    guard product.high < divisor else { return nil }
    let (quotient, remainder) = divisor.dividingFullWidth(product)
    let (magnitude, overflow) = quotient.addingReportingOverflow(remainder >= divisor - remainder ? 1 : 0)
    guard !overflow, magnitude <= UInt64(Int64.max) else { return nil }
    let negative = ((a < 0) != (b < 0)) != (c < 0)
    return negative ? -Int64(magnitude) : Int64(magnitude)
}

/// Keeps every sum the stage forms exact: as long as the magnitudes of all amounts that enter the
/// figures add up to less than 2^62 hundredths, no sum, cumulative figure or deviation can leave
/// the 64-bit range.
struct AmountBudget {
    private var total: UInt64 = 0
    private static let limit: UInt64 = 1 << 62

    /// Counts an amount in; false when the budget is exhausted.
    mutating func admit(_ amount: Int64) -> Bool {
        let (sum, overflow) = total.addingReportingOverflow(amount.magnitude)
        total = sum
        return !overflow && sum < AmountBudget.limit
    }
}
