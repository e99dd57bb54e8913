/// Numbers as the machine formats print them: plain decimals without exponent, with a chosen
/// decimal mark, written straight into a byte buffer.
enum PlainNumber {
    /// The significant digits the machine files give a statistic: enough for any figure a
    /// municipality measures, few enough to drop binary noise (`-1.2999999999999972` → `-1.3`).
    static let statisticDigits = 12

    /// The shortest decimal that reads back as `value`, without exponent and without a trailing
    /// `.0`: `1e-07` → `0.0000001`, `1.5e+20` → `150000000000000000000`, `-0.0` → `0`; with
    /// `significantDigits`, that decimal rounded half away from zero to at most so many significant
    /// digits. Nothing is written for NaN and infinities, which stand for undefined figures.
    static func append(_ value: Double, mark: UInt8 = UInt8(ascii: "."), significantDigits: Int? = nil, to out: inout [UInt8]) {
        guard value.isFinite else { return }
        var text = value.description
        text.withUTF8 { appendExpanding($0, mark: mark, significantDigits: significantDigits ?? Int.max, to: &out) }
    }

    /// `Double.description` bytes (`-1.5e-07`, `100.0`) as a plain decimal of at most `limit`
    /// significant digits. The digits go through a buffer on the stack: this runs for every
    /// statistic of every series (2.5 M times for 100 000 series).
    private static func appendExpanding(_ text: UnsafeBufferPointer<UInt8>, mark: UInt8, significantDigits limit: Int,
                                        to out: inout [UInt8]) {
        // A description has at most 17 significant digits, a few zeros before them and one more
        // when rounding carries: the buffer's first byte is left for that carry.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count + 1) { digits in
            var index = 0
            var negative = false
            if text[0] == UInt8(ascii: "-") { negative = true; index = 1 }
            // Significant digits without the point (from digits[1]), and how many stand before the point.
            var count = 1
            var integerLength = 0
            var seenPoint = false
            var exponent = 0
            while index < text.count {
                let byte = text[index]
                if byte == UInt8(ascii: ".") {
                    seenPoint = true
                } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                    exponent = parseExponent(UnsafeBufferPointer(rebasing: text[(index + 1)...]))
                    break
                } else {
                    digits[count] = byte
                    count += 1
                    if !seenPoint { integerLength += 1 }
                }
                index += 1
            }
            integerLength += exponent
            var start = 1
            while start < count, digits[start] == UInt8(ascii: "0") {
                start += 1
                integerLength -= 1
            }
            var end = count
            if end - start > limit {
                end = start + limit
                if digits[end] >= UInt8(ascii: "5") {
                    var position = end - 1
                    while position >= start, digits[position] == UInt8(ascii: "9") {
                        digits[position] = UInt8(ascii: "0")
                        position -= 1
                    }
                    if position >= start {
                        digits[position] += 1
                    } else {
                        // 9.99… rounds to 10: one more digit before the point.
                        start -= 1
                        digits[start] = UInt8(ascii: "1")
                        integerLength += 1
                    }
                }
            }
            while end > start, digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
            guard start < end else {
                out.append(UInt8(ascii: "0"))
                return
            }
            if negative { out.append(UInt8(ascii: "-")) }
            let length = end - start
            let significant = UnsafeBufferPointer(rebasing: digits[start..<end])
            if integerLength <= 0 {
                out.append(UInt8(ascii: "0"))
                out.append(mark)
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -integerLength))
                out.append(contentsOf: significant)
            } else if integerLength >= length {
                out.append(contentsOf: significant)
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: integerLength - length))
            } else {
                out.append(contentsOf: significant[..<integerLength])
                out.append(mark)
                out.append(contentsOf: significant[integerLength...])
            }
        }
    }

    /// The exponent of a description (`-07`, `+20`, `20`).
    private static func parseExponent(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var value = 0, negative = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value * 10 + Int(byte - UInt8(ascii: "0"))
            default: break
            }
        }
        return negative ? -value : value
    }

    /// An amount in hundredths (øre for NOK) with exactly two decimals: `-1234.50`.
    static func appendHundredths(_ value: Int64, mark: UInt8 = UInt8(ascii: "."), to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        appendInteger(magnitude / 100, to: &out)
        out.append(mark)
        let fraction = UInt8(magnitude % 100)
        out.append(UInt8(ascii: "0") + fraction / 10)
        out.append(UInt8(ascii: "0") + fraction % 10)
    }

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendInteger(value.magnitude, to: &out)
    }

    static func appendInteger(_ value: UInt64, to out: inout [UInt8]) {
        guard value >= 10 else {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &scratch) { raw in
            var position = raw.count
            var rest = value
            while rest > 0 {
                position -= 1
                raw[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            out.append(contentsOf: raw[position...])
        }
    }

    /// `append` into a new string, for callers outside the byte writers.
    static func text(_ value: Double, mark: UInt8 = UInt8(ascii: "."), significantDigits: Int? = nil) -> String {
        var out: [UInt8] = []
        append(value, mark: mark, significantDigits: significantDigits, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `appendHundredths` into a new string.
    static func hundredths(_ value: Int64, mark: UInt8 = UInt8(ascii: ".")) -> String {
        var out: [UInt8] = []
        appendHundredths(value, mark: mark, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
