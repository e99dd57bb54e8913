/// How fine a period is: a year, a quarter or a month. Also an indicator's frequency.
public enum PeriodKind: Int, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case month = 0
    case quarter = 1
    case year = 2

    /// Periods of this kind in one year: 12, 4 or 1.
    public var periodsPerYear: Int {
        switch self {
        case .month: 12
        case .quarter: 4
        case .year: 1
        }
    }

    /// The name used in pipeline files, catalogues and reports: `month`, `quarter`, `year`.
    public var name: String {
        switch self {
        case .month: "month"
        case .quarter: "quarter"
        case .year: "year"
        }
    }

    public static func < (lhs: PeriodKind, rhs: PeriodKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A calendar year, quarter or month, printed in Statistics Norway's canonical forms
/// `2024`, `2024K1` and `2024M03`.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let kind: PeriodKind
    /// Counts periods of `kind` from year 0: `year`, `4*year + quarter - 1` or `12*year + month - 1`.
    public let ordinal: Int

    public init(kind: PeriodKind, ordinal: Int) {
        self.kind = kind
        self.ordinal = ordinal
    }

    public static func year(_ year: Int) -> Period { Period(kind: .year, ordinal: year) }
    public static func quarter(_ year: Int, _ quarter: Int) -> Period { Period(kind: .quarter, ordinal: 4 * year + quarter - 1) }
    public static func month(_ year: Int, _ month: Int) -> Period { Period(kind: .month, ordinal: 12 * year + month - 1) }

    public var year: Int { ordinal / kind.periodsPerYear }
    /// The quarter (1–4), month (1–12), or 1 for a year.
    public var indexInYear: Int { ordinal % kind.periodsPerYear + 1 }
    /// Time in years, `ordinal / periodsPerYear`, the x axis of every slope.
    public var time: Double { Double(ordinal) / Double(kind.periodsPerYear) }

    /// The period of `coarser` kind that contains this one (itself when the kind is the same).
    public func containing(_ coarser: PeriodKind) -> Period {
        precondition(coarser >= kind, "a period is not contained in a finer one")
        return Period(kind: coarser, ordinal: year * coarser.periodsPerYear + (indexInYear - 1) * coarser.periodsPerYear / kind.periodsPerYear)
    }

    /// The quarters a year or quarter covers; a month covers none whole.
    public var quarters: [Period] {
        switch kind {
        case .year: (1...4).map { .quarter(year, $0) }
        case .quarter: [self]
        case .month: []
        }
    }

    public func advanced(by periods: Int) -> Period { Period(kind: kind, ordinal: ordinal + periods) }

    public var description: String {
        switch kind {
        case .year: return String(year)
        case .quarter: return "\(year)K\(indexInYear)"
        case .month:
            let m = indexInYear
            return "\(year)M\(m < 10 ? "0" : "")\(m)"
        }
    }

    /// A single integer that orders periods within a kind and keeps kinds apart:
    /// `year * 1000 + kind * 100 + index` (2024 → 2024201, 2024K1 → 2024101, 2024M03 → 2024003).
    /// The warehouse stores periods in this form.
    public var code: Int { year * 1000 + kind.rawValue * 100 + indexInYear }

    public init?(code: Int) {
        let year = code / 1000, rest = code % 1000
        guard year > 0, let kind = PeriodKind(rawValue: rest / 100) else { return nil }
        let index = rest % 100
        guard index >= 1, index <= kind.periodsPerYear else { return nil }
        self.init(kind: kind, ordinal: year * kind.periodsPerYear + index - 1)
    }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        lhs.kind == rhs.kind ? lhs.ordinal < rhs.ordinal : lhs.code < rhs.code
    }
}

extension Period {
    /// Parses every form of SPEC §5: `2024`; `2024K1`, `2024Q1`, `2024-K1`, `2024 q1`, and `K1 2024`
    /// as reports write it; `2024M03`,
    /// `2024-03`; dates `2024-03-15` and `15.03.2024`, which stand for their month.
    /// The input must already be trimmed.
    public init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Period(utf8: $0) }) else { return nil }
        self = parsed
    }

    /// The byte-level parser behind `init?(_:)`.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= n else { return nil }
            var value = 0
            for i in from..<(from + count) {
                let d = Int(bytes[i]) &- 48
                guard d >= 0, d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        // 15.03.2024
        if n == 10, bytes[2] == UInt8(ascii: "."), bytes[5] == UInt8(ascii: ".") {
            guard let d = digits(0, 2), let m = digits(3, 2), let y = digits(6, 4), y >= 1000,
                  Period.isValidDate(year: y, month: m, day: d) else { return nil }
            self = .month(y, m)
            return
        }
        // K1 2024
        if n == 7, bytes[0] | 0x20 == UInt8(ascii: "k") || bytes[0] | 0x20 == UInt8(ascii: "q"), bytes[2] == UInt8(ascii: " ") {
            guard let q = digits(1, 1), (1...4).contains(q), let y = digits(3, 4), y >= 1000 else { return nil }
            self = .quarter(y, q)
            return
        }
        guard let year = digits(0, 4), year >= 1000 else { return nil }
        if n == 4 { self = .year(year); return }
        var i = 4
        if bytes[i] == UInt8(ascii: "-") {
            // 2024-03, 2024-03-15, or 2024-K1
            if let m = digits(5, 2) {
                if n == 7 {
                    guard (1...12).contains(m) else { return nil }
                    self = .month(year, m)
                    return
                }
                guard n == 10, bytes[7] == UInt8(ascii: "-"), let d = digits(8, 2),
                      Period.isValidDate(year: year, month: m, day: d) else { return nil }
                self = .month(year, m)
                return
            }
            i += 1
        } else if bytes[i] == UInt8(ascii: " ") {
            i += 1
        }
        guard i < n else { return nil }
        switch bytes[i] | 0x20 {
        case UInt8(ascii: "k"), UInt8(ascii: "q"):
            guard n == i + 2, let q = digits(i + 1, 1), (1...4).contains(q) else { return nil }
            self = .quarter(year, q)
        case UInt8(ascii: "m") where i == 4:
            let count = n - 5
            guard count == 1 || count == 2, let m = digits(5, count), (1...12).contains(m) else { return nil }
            self = .month(year, m)
        default:
            return nil
        }
    }

    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}

/// A calendar date as `2025-06-30` or `30.06.2025`, kept in ISO form. Used for deadlines.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(_ text: String) {
        let parts: [Substring]
        let ymd: (Int?, Int?, Int?)
        if text.count == 10, text.contains("-") {
            parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4 else { return nil }
            ymd = (Int(parts[0]), Int(parts[1]), Int(parts[2]))
        } else if text.count == 10, text.contains(".") {
            parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[2].count == 4 else { return nil }
            ymd = (Int(parts[2]), Int(parts[1]), Int(parts[0]))
        } else {
            return nil
        }
        guard let y = ymd.0, let m = ymd.1, let d = ymd.2, Period.isValidDate(year: y, month: m, day: d) else { return nil }
        (year, month, day) = (y, m, d)
    }

    /// A date known to be valid (the last day of a quarter).
    init(valid year: Int, _ month: Int, _ day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    public var description: String {
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
