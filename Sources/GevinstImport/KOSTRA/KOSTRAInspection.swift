/// What `gevinst inspect` shows of a KOSTRA file, so that an analyst can write a source's mapping:
/// its identity, line counts, sums per kontoklasse, the largest funksjon/art combinations and the
/// first rejects.
struct KOSTRAInspection: Sendable, Equatable {
    let summary: KOSTRAFileSummary
    /// Per kontoklasse in the file, in code order.
    let accountClasses: [AccountClassTotal]
    /// The combinations with the largest absolute sums, largest first (ties by code).
    let largest: [CombinationTotal]
    /// The first rejected lines.
    let rejects: [KOSTRAReject]

    struct AccountClassTotal: Sendable, Equatable {
        let code: UInt8
        let records: Int
        /// In whole 1 000 NOK.
        let sum: Int64
    }

    struct CombinationTotal: Sendable, Equatable {
        let accountClass: UInt8
        /// Funksjon or kapittel, art or sektor, without spaces.
        let function: String
        let art: String
        let records: Int
        let sum: Int64
    }

    /// Reads the whole file; lists at most `top` combinations and `shownRejects` rejects.
    static func inspect(path: String, displayPath: String? = nil, top: Int = 20, shownRejects: Int = 10) throws(KOSTRAError) -> KOSTRAInspection {
        var classes: [UInt8: (records: Int, sum: Int64)] = [:]
        var combinations: [Combination: (records: Int, sum: Int64)] = [:]
        var rejects: [KOSTRAReject] = []
        let reader = KOSTRAReader(path: path, displayPath: displayPath)
        let summary = try reader.read { line throws(KOSTRAError) in
            switch line {
            case .identity: break
            case .reject(let reject): if rejects.count < shownRejects { rejects.append(reject) }
            case .record(let record):
                classes[record.accountClass, default: (0, 0)].records += 1
                classes[record.accountClass]!.sum &+= record.amount
                let combination = Combination(accountClass: record.accountClass, function: record.function.trimmedPacked,
                                              art: record.art.trimmedPacked)
                combinations[combination, default: (0, 0)].records += 1
                combinations[combination]!.sum &+= record.amount
            }
        }
        let largest = combinations
            .map { CombinationTotal(accountClass: $0.key.accountClass, function: KOSTRACode.text(packed: $0.key.function),
                                    art: KOSTRACode.text(packed: $0.key.art), records: $0.value.records, sum: $0.value.sum) }
            .sorted { ($1.sum.magnitude, $0.accountClass, $0.function, $0.art) < ($0.sum.magnitude, $1.accountClass, $1.function, $1.art) }
            .prefix(top)
        return KOSTRAInspection(summary: summary,
                                accountClasses: classes.keys.sorted().map { AccountClassTotal(code: $0, records: classes[$0]!.records, sum: classes[$0]!.sum) },
                                largest: Array(largest), rejects: rejects)
    }

    private struct Combination: Hashable {
        let accountClass: UInt8
        let function: UInt32
        let art: UInt32
    }

    /// The inspection as plain text lines, amounts in whole 1 000 NOK as in the file.
    var lines: [String] {
        let identity = summary.identity
        let form = identity.form
        let (functionName, artName) = form.isAppropriation ? ("funksjon", "art") : ("kapittel", "sektor")
        var lines = [
            "form:        \(form.code) \(form.title)",
            "year:        \(identity.year)",
            "quarter:     " + (identity.quarter.map { "\($0) (the year to date, \(identity.period))" } ?? "blank (the year's accounts)"),
            "region:      \(identity.region) (org unit \(identity.regionUnit))",
            "orgnr:       " + (identity.orgnr.isEmpty ? "blank" : identity.orgnr),
            "lines:       \(summary.lines) (records \(summary.records), rejected \(summary.rejected))",
            "",
            Self.columns([("kontoklasse", 11), ("kind", -11), ("records", 8), ("sum (1 000 NOK)", 16)]),
        ]
        for total in accountClasses {
            let kind = form.accountClasses.first { $0.code == total.code }.map { "\($0.kind)" } ?? "-"
            lines.append(Self.columns([("'\(Self.character(total.code))'", 11), (kind, -11), ("\(total.records)", 8), ("\(total.sum)", 16)]))
        }
        lines.append("")
        lines.append("largest \(functionName)/\(artName) combinations by absolute sum:")
        lines.append(Self.columns([("kontoklasse", 11), (functionName, -8), (artName, -6), ("records", 8), ("sum (1 000 NOK)", 16)]))
        for total in largest {
            lines.append(Self.columns([("'\(Self.character(total.accountClass))'", 11), (total.function, -8), (total.art, -6),
                                       ("\(total.records)", 8), ("\(total.sum)", 16)]))
        }
        if !rejects.isEmpty {
            lines.append("")
            lines.append("first rejected lines:")
            for reject in rejects { lines.append("line \(reject.line): \(reject.reason)") }
        }
        return lines
    }

    private static func character(_ byte: UInt8) -> Character { Character(Unicode.Scalar(byte)) }

    /// Cells joined by two spaces; a positive width pads on the left, a negative one on the right.
    private static func columns(_ cells: [(String, Int)]) -> String {
        let line = cells.map { text, width in
            let pad = String(repeating: " ", count: max(0, abs(width) - text.count))
            return width < 0 ? text + pad : pad + text
        }.joined(separator: "  ")
        return String(line.reversed().drop { $0 == " " }.reversed())
    }
}
