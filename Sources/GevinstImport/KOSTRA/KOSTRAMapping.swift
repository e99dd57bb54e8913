import GevinstCore

extension KOSTRAAccountClassSelection {
    /// The codes this entry selects in `form`.
    func codes(in form: KOSTRAForm) -> [UInt8] {
        switch self {
        case .code(let code): form.allows(code) ? [code] : []
        case .kind(let kind): form.accountClasses(of: kind)
        }
    }
}

/// An indicator and org unit whose sum a file gives.
struct KOSTRAKey: Sendable, Hashable {
    let indicator: String
    let orgUnit: String
}

/// What one file gives for a source: its identity and counts, and per indicator and org unit the
/// sum of its matching lines × scale (NOK), for the year or for the quarter's year to date.
struct KOSTRAFileSums: Sendable, Equatable {
    let summary: KOSTRAFileSummary
    /// False when the file's form is not among the source's `form`s: then `sums` is empty.
    let formSelected: Bool
    /// Lines of zero amount never make a key; lines that cancel out leave a sum of 0.
    let sums: [KOSTRAKey: Int64]

    var identity: KOSTRAIdentity { summary.identity }
}

/// Sums a KOSTRA file's lines per indicator and org unit for a source's options.
struct KOSTRAMapping: Sendable {
    let options: KOSTRAOptions

    /// The largest magnitude a scaled sum may have, so that the difference of two always fits.
    static let largestSum = Int64.max / 2

    /// Reads `path` and sums it; every rejected line goes to `reject` first. Throws what the
    /// reader throws, and `overflow` for sums beyond ±`largestSum` once scaled.
    func sums(path: String, displayPath: String? = nil, chunkSize: Int = 256 * 1024,
              reject: (KOSTRAReject) -> Void) throws(KOSTRAError) -> KOSTRAFileSums {
        let reader = KOSTRAReader(path: path, displayPath: displayPath, chunkSize: chunkSize)
        var plan = Plan.none
        var totals: [PartialKey: Int64] = [:]
        let summary = try reader.read { line throws(KOSTRAError) in
            switch line {
            case .identity(let identity): plan = Plan(options: options, form: identity.form)
            case .reject(let rejected): reject(rejected)
            case .record(let record):
                guard record.amount != 0, plan.accountClasses[Int(record.accountClass)] else { return }
                let unit = options.orgUnit == .funksjon ? record.function.trimmedPacked : 0
                for index in plan.indicators.indices where plan.indicators[index].matches(record) {
                    let key = PartialKey(indicator: index, unit: unit)
                    let (sum, overflow) = totals[key, default: 0].addingReportingOverflow(record.amount)
                    guard !overflow else { throw .overflow(file: reader.displayPath, line: record.line) }
                    totals[key] = sum
                }
            }
        }
        let form = summary.identity.form
        guard options.forms?.contains(form.code) ?? true else {
            return KOSTRAFileSums(summary: summary, formSelected: false, sums: [:])
        }
        var sums: [KOSTRAKey: Int64] = [:]
        for (key, total) in totals {
            let (scaled, overflow) = total.multipliedReportingOverflow(by: options.scale)
            guard !overflow, scaled.magnitude <= Self.largestSum.magnitude else { throw .overflow(file: reader.displayPath, line: nil) }
            let orgUnit = switch options.orgUnit {
            case .total: "total"
            case .region: summary.identity.regionUnit
            case .funksjon: KOSTRACode.text(packed: key.unit)
            }
            sums[KOSTRAKey(indicator: options.indicators[key.indicator].indicator, orgUnit: orgUnit)] = scaled
        }
        return KOSTRAFileSums(summary: summary, formSelected: true, sums: sums)
    }

    /// The options resolved for one file's form.
    private struct Plan {
        /// By kontoklasse byte: whether its lines are read.
        let accountClasses: [Bool]
        let indicators: [IndicatorMatcher]

        static let none = Plan(accountClasses: [Bool](repeating: false, count: 256), indicators: [])

        private init(accountClasses: [Bool], indicators: [IndicatorMatcher]) {
            self.accountClasses = accountClasses
            self.indicators = indicators
        }

        init(options: KOSTRAOptions, form: KOSTRAForm) {
            var classes = [Bool](repeating: false, count: 256)
            if options.forms?.contains(form.code) ?? true {
                let codes = options.accountClasses.map { $0.flatMap { $0.codes(in: form) } } ?? form.accountClasses.map(\.code)
                for code in codes { classes[Int(code)] = true }
            }
            accountClasses = classes
            indicators = options.indicators.map { IndicatorMatcher($0, form: form) }
        }
    }

    /// One indicator's selectors for one form's field names.
    private struct IndicatorMatcher {
        /// Positions 33–36 and 37–39; nil matches everything.
        let function: CodeMatcher?
        let art: CodeMatcher?
        /// A selector the form has no field for (a `kapittel` on an appropriation form).
        let never: Bool

        init(_ selection: KOSTRAIndicatorSelection, form: KOSTRAForm) {
            let (function, other) = form.isAppropriation ? (selection.funksjon, selection.kapittel) : (selection.kapittel, selection.funksjon)
            let (art, otherArt) = form.isAppropriation ? (selection.art, selection.sektor) : (selection.sektor, selection.art)
            self.function = function.map(CodeMatcher.init)
            self.art = art.map(CodeMatcher.init)
            never = other != nil || otherArt != nil
        }

        @inline(__always)
        func matches(_ record: KOSTRARecord) -> Bool {
            !never && (function?.matches(record.function) ?? true) && (art?.matches(record.art) ?? true)
        }
    }

    /// Codes and inclusive ranges: a code of digits matches the field's number (`"20"` and `"020"`
    /// are art 020), any other code the field's text without spaces.
    private struct CodeMatcher {
        let ranges: [ClosedRange<Int32>]
        let texts: [UInt32]

        init(_ patterns: [AccountPattern]) {
            var ranges: [ClosedRange<Int32>] = []
            var texts: [UInt32] = []
            for pattern in patterns {
                switch pattern {
                case .range(let low, let high):
                    ranges.append(Int32(clamping: low)...Int32(clamping: high))
                case .id(let id):
                    if !id.isEmpty, id.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = Int32(id) {
                        ranges.append(number...number)
                    } else if let packed = KOSTRACode.packed(id) {
                        texts.append(packed)
                    }
                }
            }
            self.ranges = ranges
            self.texts = texts
        }

        func matches(_ code: KOSTRACode) -> Bool {
            if code.number >= 0, ranges.contains(where: { $0.contains(code.number) }) { return true }
            return !texts.isEmpty && texts.contains(code.trimmedPacked)
        }
    }

    private struct PartialKey: Hashable {
        let indicator: Int
        let unit: UInt32
    }
}
