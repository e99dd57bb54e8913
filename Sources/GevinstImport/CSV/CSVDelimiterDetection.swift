/// `delimiter: auto`: picks `,` `;` tab or `|` from the first records of the text.
enum CSVDelimiterDetection {
    /// The candidates, in the order that breaks a full tie.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
    /// How much text detection looks at, at most.
    static let window = 64 * 1024
    /// How many records detection looks at, at most.
    static let maxRecords = 20

    /// Counts each candidate outside quotes in every record of `text` (up to `maxRecords`; empty lines
    /// skipped; a quote opens a quoted field at the start of a line or after any candidate), then
    /// picks the candidate whose most frequent non-zero count occurs on the most records; ties go to
    /// the larger count, then to the earlier candidate. A candidate that never occurs is never picked:
    /// with none at all (a single column) the result is `,`. The last record counts only when
    /// `isComplete` says that `text` runs to the end of the file, or when it is the only one.
    static func detect(in text: UnsafeBufferPointer<UInt8>, isComplete: Bool) -> UInt8 {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var records: [[Int]] = []
        var counts = [0, 0, 0, 0]
        var hasContent = false
        var atFieldStart = true
        var inQuotes = false
        var quoteInQuotes = false
        for byte in text {
            if inQuotes {
                if quoteInQuotes {
                    quoteInQuotes = false
                    if byte == quote { continue }
                    inQuotes = false
                } else {
                    if byte == quote { quoteInQuotes = true }
                    continue
                }
            }
            if byte == lf || byte == cr {
                if hasContent {
                    records.append(counts)
                    if records.count == maxRecords { break }
                }
                counts = [0, 0, 0, 0]
                hasContent = false
                atFieldStart = true
            } else if let candidate = candidates.firstIndex(of: byte) {
                counts[candidate] += 1
                hasContent = true
                atFieldStart = true
            } else {
                inQuotes = byte == quote && atFieldStart
                hasContent = true
                atFieldStart = false
            }
        }
        if hasContent, records.count < maxRecords, isComplete || records.isEmpty {
            records.append(counts)
        }
        var best: (candidate: Int, records: Int, count: Int)?
        for candidate in candidates.indices {
            var frequency: [Int: Int] = [:]
            for record in records where record[candidate] > 0 {
                frequency[record[candidate], default: 0] += 1
            }
            guard let (count, occurrences) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            if best.map({ (occurrences, count) > ($0.records, $0.count) }) ?? true {
                best = (candidate, occurrences, count)
            }
        }
        return candidates[best?.candidate ?? 0]
    }
}
