import Foundation
import GevinstWarehouse

/// The trend rows of the report files the report stage wrote last time, read in step with the
/// `trends` table, so that a row no run computed since then is copied from them instead of being
/// formatted again: after a night that changed a tenth of the series, nine rows in ten of
/// `trends.csv` and of `report.json` are copies (`BENCHMARKS.md`).
///
/// A row may be copied when its `run_id` is at most the trends run the previous report read:
/// every write of a `trends` row (an insert, or a changed series' update in place) sets `run_id` to
/// the run that writes it, so such a row is the one that report printed. The previous files must be
/// the ones it wrote (size and modification time as it recorded them) with the same settings and
/// the same gevinst (`StageStateTable.recorded`). `report.json` drives: its rows are found by the
/// JSON of their key; `trends.csv` holds the same rows in the same order and moves with it.
/// Anything unexpected in either file throws `Mismatch`, and the report stage writes every row
/// afresh instead.
final class PreviousTrends {
    /// The previous files do not hold what the warehouse says they should.
    struct Mismatch: Error {}

    /// Rows computed by this run or an earlier one are in the previous files.
    let upTo: Int64
    /// The rows copied so far.
    private(set) var copied = 0
    private let json: RecordReader
    private let csv: RecordReader?
    /// The start of a row's JSON: `["indicator","org unit",`.
    private var prefix: [UInt8] = []

    /// The previous files, when the report recorded in `recorded` wrote them with the settings of
    /// `current` and they are as it left them; `csv` when this report writes `trends.csv` too. Nil
    /// when any of that does not hold (or the previous report knew no trends run).
    init?(directory: String, recorded: ReportState, current: ReportInputs, csv writesCSV: Bool) {
        guard recorded.read.pipeline == current.pipeline, let upTo = recorded.read.trendsRun,
              let json = PreviousTrends.open("report.json", in: directory, recorded: recorded) else { return nil }
        var csv: RecordReader?
        if writesCSV {
            // The header is written afresh.
            guard let reader = PreviousTrends.open("trends.csv", in: directory, recorded: recorded),
                  (try? reader.next(quoted: true)) != nil else { return nil }
            csv = reader
        }
        // report.json's trends rows follow the line that opens the table.
        let opening = Array("  \"trends\": {\"columns\": [".utf8)
        while true {
            guard let line = try? json.next(quoted: false) else { return nil }
            if json.bytes(line).starts(with: opening) { break }
        }
        self.upTo = upTo
        self.json = json
        self.csv = csv
    }

    private static func open(_ name: String, in directory: String, recorded: ReportState) -> RecordReader? {
        guard let stamp = recorded.files[name], ReportState.stamp(of: name, in: directory) == stamp else { return nil }
        return RecordReader(path: URL(fileURLWithPath: directory).appendingPathComponent(name).path)
    }

    /// Appends the previous files' row of the key `indicator`, `orgUnit` to `jsonOut` (after the
    /// row separator `first` asks for) and `csvOut`; the rows before it in those files, of series
    /// changed or gone since, are passed over.
    func copyRow(indicator: UnsafeBufferPointer<UInt8>, orgUnit: UnsafeBufferPointer<UInt8>, csvKey: [UInt8]?, first: Bool,
                 json jsonOut: inout [UInt8], csv csvOut: inout [UInt8]) throws(Mismatch) {
        prefix.removeAll(keepingCapacity: true)
        prefix.append(UInt8(ascii: "["))
        JSONReport.appendString(indicator, &prefix)
        prefix.append(UInt8(ascii: ","))
        JSONReport.appendString(orgUnit, &prefix)
        prefix.append(UInt8(ascii: ","))
        var passed = 0
        let row: Range<Int>
        while true {
            guard let line = try json.next(quoted: false) else { throw Mismatch() }
            // Row lines are `    [...],` (the last without the comma); the line that closes the table is not.
            var bytes = json.bytes(line)
            guard bytes.starts(with: PreviousTrends.indent) else { throw Mismatch() }
            if bytes.last == 0x0A { bytes = bytes.dropLast() }
            if bytes.last == UInt8(ascii: ",") { bytes = bytes.dropLast() }
            // From the row's `[`, as the prefix.
            let content = bytes.dropFirst(PreviousTrends.indent.count - 1)
            if content.starts(with: prefix) {
                row = content.indices
                break
            }
            passed += 1
        }
        JSONReport.rowStart(first: first, &jsonOut)
        jsonOut.append(contentsOf: json.buffer[(row.lowerBound + 1)..<row.upperBound])
        copied += 1
        guard let csv, let csvKey else { return }
        for _ in 0..<passed {
            guard try csv.next(quoted: true) != nil else { throw Mismatch() }
        }
        guard let record = try csv.next(quoted: true) else { throw Mismatch() }
        let bytes = csv.bytes(record)
        guard bytes.starts(with: csvKey) else { throw Mismatch() }
        csvOut.append(contentsOf: bytes)
    }

    /// How a row line of report.json starts.
    private static let indent = Array("    [".utf8)
}

/// A file read a line (or a CSV record, whose quoted fields may hold line breaks) at a time through
/// a buffer of 1 MiB, grown only for a longer line.
final class RecordReader {
    private(set) var buffer: [UInt8]
    private let descriptor: Int32
    private var start = 0
    private var end = 0
    private var atEnd = false

    init?(path: String) {
        descriptor = Foundation.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        buffer = [UInt8](repeating: 0, count: 1 << 20)
    }

    deinit { Foundation.close(descriptor) }

    /// The bytes of a range `next` returned, valid until the next call.
    func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> { buffer[range] }

    /// The next line with its line end; with `quoted`, the next CSV record (a line break inside
    /// quotes does not end it). Nil at the end of the file; a last line without a line end is
    /// returned as it is.
    func next(quoted: Bool) throws(PreviousTrends.Mismatch) -> Range<Int>? {
        // Where the search for the record's end goes on after a refill; the quotes before it are counted.
        var scanned = start
        var quotes = 0
        while true {
            let (newline, stopped): (Int?, Int) = buffer.withUnsafeBufferPointer { bytes in
                var position = scanned
                while position < end, let found = memchr(bytes.baseAddress! + position, 0x0A, end - position) {
                    let index = UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!)
                    if quoted {
                        quotes += Self.count(UInt8(ascii: "\""), in: bytes, position..<index)
                        if quotes % 2 != 0 {
                            position = index + 1
                            continue
                        }
                    }
                    return (index, position)
                }
                return (nil, position)
            }
            if let newline {
                let record = start..<(newline + 1)
                start = newline + 1
                return record
            }
            scanned = stopped
            guard !atEnd else {
                guard start < end else { return nil }
                let record = start..<end
                start = end
                return record
            }
            try fill(&scanned)
        }
    }

    /// Moves the unread bytes to the front (growing the buffer when they fill it) and reads more;
    /// `scanned` moves with them.
    private func fill(_ scanned: inout Int) throws(PreviousTrends.Mismatch) {
        if start > 0 {
            buffer.withUnsafeMutableBufferPointer { bytes in
                _ = memmove(bytes.baseAddress!, bytes.baseAddress! + start, end - start)
            }
            end -= start
            scanned -= start
            start = 0
        }
        if end == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        let count = buffer.withUnsafeMutableBufferPointer { bytes in
            read(descriptor, bytes.baseAddress! + end, bytes.count - end)
        }
        guard count >= 0 else { throw PreviousTrends.Mismatch() }
        if count == 0 { atEnd = true }
        end += count
    }

    private static func count(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        var position = range.lowerBound
        while position < range.upperBound,
              let found = memchr(bytes.baseAddress! + position, Int32(byte), range.upperBound - position) {
            count += 1
            position = UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!) + 1
        }
        return count
    }
}
