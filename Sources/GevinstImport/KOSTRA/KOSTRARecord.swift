import GevinstCore

/// The fields that make a KOSTRA file one report: skjema, year, quarter, region and orgnr
/// (positions 1–22). Every record of a file carries the same; a newer file with the same identity
/// supersedes the older one whole, wherever it lies.
struct KOSTRAIdentity: Sendable, Hashable, CustomStringConvertible {
    let form: KOSTRAForm
    let year: Int
    /// 1–4 for a quarterly file (the year to date); nil for the year's accounts.
    let quarter: Int?
    /// Six digits as in the file: a municipality `040200`, an Oslo district `030101`.
    let region: String
    /// Nine digits, or empty when blank.
    let orgnr: String

    /// The year, or the quarter whose year to date the file holds.
    var period: Period { quarter.map { .quarter(year, $0) } ?? .year(year) }

    /// The same report one quarter earlier, which year-to-date differencing subtracts; nil for the
    /// year's accounts and the first quarter.
    var previousQuarter: KOSTRAIdentity? {
        guard let quarter, quarter > 1 else { return nil }
        return KOSTRAIdentity(form: form, year: year, quarter: quarter - 1, region: region, orgnr: orgnr)
    }

    /// The org unit `org_unit: region` names: a municipality's `040200` is `0402`, a county's
    /// `500000` is `50`; other regions (Oslo's districts) keep their six digits.
    var regionUnit: String {
        let county = ["0C", "0D", "0P", "0Q"].contains(form.code)
        if county, region.hasSuffix("0000") { return String(region.prefix(2)) }
        if region.hasSuffix("00") { return String(region.prefix(4)) }
        return region
    }

    /// `0A 2019K4 040200`, with the orgnr when there is one.
    var description: String {
        "\(form.code) \(period) \(region)" + (orgnr.isEmpty ? "" : " \(orgnr)")
    }
}

/// One code field as read: positions 33–36 (funksjon or kapittel) or 37–39 (art or sektor).
/// Kept as bytes so that the per-line path builds no String.
struct KOSTRACode: Sendable, Hashable {
    /// The field's bytes, the first in the lowest byte, spaces included.
    let packed: UInt32
    /// The value when the field is digits with spaces only around them; -1 otherwise.
    let number: Int32

    init(_ bytes: UnsafePointer<UInt8>, count: Int) {
        var packed: UInt32 = 0
        var number: Int32 = 0
        var state = 0  // 0 leading spaces, 1 digits, 2 trailing spaces, 3 not a number
        for i in 0..<count {
            let byte = bytes[i]
            packed |= UInt32(byte) << (8 * UInt32(i))
            switch (state, byte) {
            case (0, 0x20), (2, 0x20): break
            case (0...1, 0x30...0x39):
                state = 1
                number = number * 10 + Int32(byte - 0x30)
            case (1, 0x20): state = 2
            default: state = 3
            }
        }
        self.packed = packed
        self.number = state == 1 || state == 2 ? number : -1
    }

    /// The field's bytes without surrounding spaces, packed the same way: `"201 "` → `"201"`.
    var trimmedPacked: UInt32 { Self.trim(packed) }

    /// The field as text without surrounding spaces (ISO-8859-1).
    var text: String { Self.text(packed: trimmedPacked) }

    /// Packed bytes as text (ISO-8859-1).
    static func text(packed: UInt32) -> String {
        var scalars = String.UnicodeScalarView()
        var rest = packed
        while rest != 0 {
            scalars.append(Unicode.Scalar(UInt8(rest & 0xFF)))
            rest >>= 8
        }
        return String(scalars)
    }

    /// Packs up to four ISO-8859-1 characters of `text` without surrounding spaces; nil when longer
    /// or not ISO-8859-1.
    static func packed(_ text: String) -> UInt32? {
        var packed: UInt32 = 0
        var shift: UInt32 = 0
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF, scalar.value != 0, shift < 32 else { return nil }
            packed |= scalar.value << shift
            shift += 8
        }
        return trim(packed)
    }

    private static func trim(_ packed: UInt32) -> UInt32 {
        var result: UInt32 = 0
        var shift: UInt32 = 0
        var spaces = 0
        for index: UInt32 in 0..<4 {
            let byte = packed >> (8 * index) & 0xFF
            if byte == 0 { break }
            if byte == 0x20 {
                if shift > 0 { spaces += 1 }
                continue
            }
            for _ in 0..<spaces {
                result |= 0x20 << shift
                shift += 8
            }
            spaces = 0
            result |= byte << shift
            shift += 8
        }
        return result
    }
}

/// One accepted line of a KOSTRA file.
struct KOSTRARecord: Sendable, Hashable {
    /// The 1-based physical line.
    let line: Int
    /// The kontoklasse byte (position 32).
    let accountClass: UInt8
    /// Positions 33–36: a funksjon in appropriation accounts, a kapittel in balance accounts.
    let function: KOSTRACode
    /// Positions 37–39: an art in appropriation accounts, a sektor in balance accounts.
    let art: KOSTRACode
    /// Positions 40–48, in whole 1 000 NOK: expenses and assets positive, income and debt negative.
    let amount: Int64
}

/// A line that was not taken, with why.
struct KOSTRAReject: Sendable, Hashable {
    let line: Int
    let reason: KOSTRARejectReason
    /// The line as read (ISO-8859-1), cut at 64 characters.
    let text: String
}

enum KOSTRARejectReason: Sendable, Hashable, CustomStringConvertible {
    /// The line (without CR) is not 48 characters long.
    case length(Int)
    /// Positions 40–48 are no integer (`^ *-?[0-9]+$`).
    case amount(String)
    /// The kontoklasse is not one the form allows.
    case accountClass(String, form: String)

    /// The code for the rejects table.
    var kind: RejectKind {
        switch self {
        case .length: .lineLength
        case .amount: .invalidNumber
        case .accountClass: .accountClass
        }
    }

    /// Which field the reason is about, as the file description names it.
    var field: String {
        switch self {
        case .length: "record"
        case .amount: "belop"
        case .accountClass: "kontoklasse"
        }
    }

    var description: String {
        switch self {
        case .length(let length): "the line is \(length) characters long, not 48"
        case .amount(let text): "amount '\(text)' in positions 40–48 is not a whole number"
        case .accountClass(let code, let form):
            "kontoklasse '\(code)' is not allowed in form \(form) (allowed: "
                + (KOSTRAForm.named(form.utf8)?.accountClasses.map { "'\(Character(Unicode.Scalar($0.code)))' \($0.kind)" }
                    .joined(separator: ", ") ?? "") + ")"
        }
    }
}

/// The counts of one read file.
struct KOSTRAFileSummary: Sendable, Hashable {
    let identity: KOSTRAIdentity
    /// Lines that were not empty.
    let lines: Int
    let records: Int
    let rejected: Int
}

/// Text of ISO-8859-1 bytes.
func latin1Text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var scalars = String.UnicodeScalarView()
    for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
    return String(scalars)
}
