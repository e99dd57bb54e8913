/// Numbers as the machine formats print them: plain decimals without exponent, with a chosen
/// decimal mark, written straight into a byte buffer.
enum PlainNumber {
    /// The shortest decimal that reads back as `value`, without exponent and without a trailing
    /// `.0`: `1e-07` → `0.0000001`, `1.5e+20` → `150000000000000000000`, `-0.0` → `0`.
    /// Nothing is written for NaN and infinities, which stand for undefined figures.
    static func append(_ value: Double, mark: UInt8 = UInt8(ascii: "."), to out: inout [UInt8]) {
        guard value.isFinite else { return }
        var text = value.description
        text.withUTF8 { appendExpanding($0, mark: mark, to: &out) }
    }

    /// `Double.description` bytes (`-1.5e-07`, `100.0`) as a plain decimal.
    private static func appendExpanding(_ text: UnsafeBufferPointer<UInt8>, mark: UInt8, to out: inout [UInt8]) {
        guard text.contains(where: { $0 == UInt8(ascii: "e") }) else {
            // Already plain and shortest: only a trailing `.0` and the sign of `-0` go.
            var end = text.count
            if end >= 2, text[end - 1] == UInt8(ascii: "0"), text[end - 2] == UInt8(ascii: ".") { end -= 2 }
            let start = end == 2 && text[0] == UInt8(ascii: "-") && text[1] == UInt8(ascii: "0") ? 1 : 0
            for byte in text[start..<end] { out.append(byte == UInt8(ascii: ".") ? mark : byte) }
            return
        }
        var index = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") { negative = true; index = 1 }
        // Significant digits without the point, and how many of them stand before the point.
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var integerLength = 0
        var seenPoint = false
        var exponent = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(String(decoding: UnsafeBufferPointer(rebasing: text[(index + 1)...]), as: UTF8.self)) ?? 0
                break
            } else {
                digits.append(byte)
                if !seenPoint { integerLength += 1 }
            }
            index += 1
        }
        integerLength += exponent
        var start = 0
        while start < digits.count, digits[start] == UInt8(ascii: "0") {
            start += 1
            integerLength -= 1
        }
        var end = digits.count
        while end > start, digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
        guard start < end else {
            out.append(UInt8(ascii: "0"))
            return
        }
        if negative { out.append(UInt8(ascii: "-")) }
        let count = end - start
        if integerLength <= 0 {
            out.append(UInt8(ascii: "0"))
            out.append(mark)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -integerLength))
            out.append(contentsOf: digits[start..<end])
        } else if integerLength >= count {
            out.append(contentsOf: digits[start..<end])
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: integerLength - count))
        } else {
            out.append(contentsOf: digits[start..<(start + integerLength)])
            out.append(mark)
            out.append(contentsOf: digits[(start + integerLength)..<end])
        }
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
    static func text(_ value: Double, mark: UInt8 = UInt8(ascii: ".")) -> String {
        var out: [UInt8] = []
        append(value, mark: mark, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `appendHundredths` into a new string.
    static func hundredths(_ value: Int64, mark: UInt8 = UInt8(ascii: ".")) -> String {
        var out: [UInt8] = []
        appendHundredths(value, mark: mark, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
