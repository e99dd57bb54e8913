// The entry functions of the fuzz targets in `fuzz/` — compiled into each libFuzzer target by
// `fuzz/build.sh`, and called by `ReliabilityFuzzReplayTests` on every corpus and regression input.
// Each takes arbitrary bytes, must neither crash nor hang, and checks a few properties the
// reader promises; a broken property stops the process (`preconditionFailure`), which libFuzzer
// records as a finding and a test run reports as a crash.
//
// Plain Swift on purpose: no Testing, no Foundation file APIs in the hot path.

#if canImport(Glibc)
import Glibc
#endif
import GevinstCore
@testable import GevinstImport
import GevinstRunner

enum FuzzEntry {
    /// Where the file-based readers find the input: one scratch file per process.
    static func scratchFile(_ suffix: String, directory: String) -> String {
        "\(directory)/gevinst-fuzz-\(getpid()).\(suffix)"
    }

    /// Writes `data` to `path` (created or truncated).
    static func write(_ data: UnsafeRawBufferPointer, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(fd >= 0, "cannot create the fuzz scratch file \(path)")
        defer { close(fd) }
        var done = 0
        while done < data.count {
            let n = Glibc.write(fd, data.baseAddress! + done, data.count - done)
            precondition(n > 0, "cannot write the fuzz scratch file \(path)")
            done += n
        }
    }

    // MARK: numbers and periods

    /// The number parser (both decimal marks) and the period parser on the bytes as one value.
    /// Properties: a parsed number is finite; a value that starts with a digit parses with a
    /// leading `+` to the same value and with a leading `-` to its negation; a parsed period's
    /// canonical text and code both give the period back.
    static func numbersAndPeriods(_ data: UnsafeRawBufferPointer) {
        let bytes = Array(data.prefix(256))
        bytes.withUnsafeBufferPointer { b in
            for mark in [DecimalMark.comma, .point] {
                guard case .success(let number) = NumberParser.parse(utf8: b, mark: mark) else { continue }
                precondition(number.double.isFinite, "number parsed to a non-finite double")
                if let first = b.first, (48...57).contains(first) {
                    let withPlus = ([UInt8(ascii: "+")] + bytes).withUnsafeBufferPointer { NumberParser.parse(utf8: $0, mark: mark) }
                    let withMinus = ([UInt8(ascii: "-")] + bytes).withUnsafeBufferPointer { NumberParser.parse(utf8: $0, mark: mark) }
                    guard case .success(let p) = withPlus, case .success(let m) = withMinus else {
                        preconditionFailure("a number parses without a sign but not with one")
                    }
                    precondition(p.double == number.double, "+x differs from x")
                    precondition(m.double == -number.double, "-x is not the negation of x")
                }
            }
            if let period = Period(utf8: b) {
                precondition(Period(period.description) == period, "canonical text of \(period) does not parse back")
                precondition(Period(code: period.code) == period, "code of \(period) does not decode back")
            }
            if let text = String(validating: b, as: UTF8.self) {
                _ = CalendarDate(text)
                _ = AccountPattern(text)
                var vote = DecimalMarkVote()
                vote.observe(text)
                _ = vote.decide(delimiter: nil)
                _ = MissingTokens.defaults.contains(text)
            }
        }
    }

    // MARK: CSV

    /// The CSV reader with four option sets: auto, read in 256 KiB chunks and again in 3-byte
    /// chunks; Windows-1252, `;`, header on line 2, 5-byte chunks; UTF-16 with tiny limits.
    /// Properties: the chunk size changes nothing (same records, same error); record lines start
    /// at 1 and never go back; no record exceeds the limits; errors name the file; for a small file
    /// read wholly, the sample's records are the file's records.
    static func csv(_ data: UnsafeRawBufferPointer, directory: String = "/tmp") {
        let path = scratchFile("csv", directory: directory)
        write(data, to: path)
        defer { unlink(path) }
        var small = CSVReader.Options()
        small.chunkSize = 3
        var windows = CSVReader.Options(encoding: .windows1252, delimiter: UInt8(ascii: ";"), headerRow: 2)
        windows.chunkSize = 5
        var limits = CSVReader.Options(encoding: .utf16, maxRecordBytes: 64, maxColumns: 8)
        limits.chunkSize = 4096
        let outcomes = [CSVReader.Options(), small, windows, limits].map { readAll(path, $0) }
        precondition(outcomes[0].records == outcomes[1].records && outcomes[0].error == outcomes[1].error,
                     "256 KiB chunks and 3-byte chunks read the file differently")
        // Valid UTF-8 read with `,` against an independent reading of the documented dialect.
        let bytes = Array(data)
        if String(validating: bytes, as: UTF8.self) != nil {
            var plain = CSVReader.Options(encoding: .utf8, delimiter: UInt8(ascii: ","))
            plain.chunkSize = 7
            let actual = readAll(path, plain)
            let expected = referenceCSV(bytes, delimiter: UInt8(ascii: ","))
            precondition(actual.records == Array(expected.records.prefix(2_000)), "the reader and the reference read different records")
            if actual.records.count < 2_000 {
                let error = expected.unterminatedQuoteLine.map { CSVError.unterminatedQuote(path: path, line: $0) }
                precondition(actual.error == error, "the reader ended with \(String(describing: actual.error)), the reference with \(String(describing: error))")
            }
        }
        if outcomes[0].error == nil, data.count <= 16_384, outcomes[0].records.count < 2_000 {
            do throws(CSVError) {
                let sample = try CSVReader.sample(path: path, options: CSVReader.Options())
                precondition(sample.records == outcomes[0].records, "the sample differs from the records of a small file")
            } catch {
                preconditionFailure("the sample fails on a file that reads: \(error)")
            }
        }
    }

    /// An independent, deliberately plain reading of the dialect in docs/csv-reader.md, for UTF-8
    /// text and a given delimiter: the records with the physical line each starts on, and the line
    /// of a quote that never closes. Written from the document, not from the reader's code.
    static func referenceCSV(_ b: [UInt8], delimiter: UInt8) -> (records: [CSVRecord], unterminatedQuoteLine: Int?) {
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), quote = UInt8(ascii: "\"")
        var i = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var records: [CSVRecord] = []
        var line = 1
        func isBreak(_ byte: UInt8) -> Bool { byte == lf || byte == cr }
        /// Steps over a line break (CRLF is one) and counts it.
        func skipBreak() {
            i += b[i] == cr && i + 1 < b.count && b[i + 1] == lf ? 2 : 1
            line += 1
        }
        while i < b.count {
            if isBreak(b[i]) { skipBreak(); continue }          // an empty line
            let start = line
            var fields: [String] = []
            while true {
                var field: [UInt8] = []
                if b[i] == quote {
                    let quoteLine = line
                    i += 1
                    var closed = false
                    while i < b.count {
                        if b[i] == quote {
                            if i + 1 < b.count && b[i + 1] == quote { field.append(quote); i += 2; continue }
                            i += 1
                            closed = true
                            break
                        }
                        if b[i] == cr || (b[i] == lf && b[i - 1] != cr) { line += 1 }
                        field.append(b[i])
                        i += 1
                    }
                    if !closed { return (records, quoteLine) }
                }
                // Unquoted text, or text after a closing quote: up to a delimiter or a line break.
                while i < b.count && b[i] != delimiter && !isBreak(b[i]) { field.append(b[i]); i += 1 }
                fields.append(String(decoding: field, as: UTF8.self))
                if i == b.count { break }
                if b[i] == delimiter {
                    i += 1
                    if i == b.count { fields.append(""); break }
                    continue
                }
                skipBreak()
                break
            }
            records.append(CSVRecord(line: start, fields: fields))
        }
        return (records, nil)
    }

    /// Every record (the first 2 000 kept) and the error that ended the read, if any.
    static func readAll(_ path: String, _ options: CSVReader.Options) -> (records: [CSVRecord], error: CSVError?) {
        var records: [CSVRecord] = []
        do throws(CSVError) {
            let reader = try CSVReader(path: path, options: options)
            var lastLine = 0
            while let record = try reader.next() {
                precondition(record.line >= 1 && record.line >= lastLine, "record line \(record.line) after \(lastLine)")
                precondition(record.count <= options.maxColumns, "more fields than maxColumns")
                lastLine = record.line
                for field in record { precondition(field.count <= options.maxRecordBytes, "field longer than the record limit") }
                if records.count < 2_000 { records.append(CSVRecord(record)) }
            }
            return (records, nil)
        } catch {
            precondition(error.path == path && !error.description.isEmpty, "CSV error does not name the file")
            if let line = error.line { precondition(line >= 1, "CSV error line \(line)") }
            return (records, error)
        }
    }

    // MARK: XML

    static let xmlMapping: XMLRecordMapping = {
        let paths = ["@a", "V", "V/@b", ".", "ancestor::G/@id", "W/X/@c"]
        // The paths are valid; a failure here is a bug in this file.
        return try! XMLRecordMapping(record: "R", paths: paths.map { try XMLFieldPath($0) })
    }()

    static let saftOptions = SAFTOptions(
        indicators: [AccountSelection(indicator: "konsulent", accounts: [.range(6700, 6799)], creditPositive: false),
                     AccountSelection(indicator: "vikar", accounts: [.id("1070"), .id("1080")], creditPositive: true)],
        analysisType: "A")

    /// The generic XML record reader (full read and sample) and the SAF-T reader on the same
    /// bytes. Properties: every record has one value per path and a position ≥ 1:1; errors name
    /// the file; a sample never holds more records than a full read of the same file.
    static func xml(_ data: UnsafeRawBufferPointer, directory: String = "/tmp") {
        let path = scratchFile("xml", directory: directory)
        write(data, to: path)
        defer { unlink(path) }
        let reader = XMLRecordReader(path: path, relativePath: "fuzz.xml", mapping: xmlMapping)
        var full: Int?
        do {
            let summary = try reader.forEachRecord { record in
                precondition(record.values.count == xmlMapping.paths.count, "record with the wrong number of values")
                precondition(record.line >= 1 && record.column >= 1, "record at \(record.line):\(record.column)")
            }
            full = summary.records
        } catch let error as XMLReadError {
            check(error)
        } catch {
            preconditionFailure("the XML reader threw something else: \(error)")
        }
        do throws(XMLReadError) {
            let sample = try reader.sample(byteLimit: 512)
            if let full { precondition(sample.records.count <= full, "sample has more records than the file") }
        } catch {
            check(error)
        }
        do throws(XMLReadError) {
            let ledger = try SAFTReader(path: path, relativePath: "fuzz.xml", options: saftOptions).read()
            _ = ledger
        } catch {
            check(error)
        }
    }

    private static func check(_ error: XMLReadError) {
        precondition(error.file == "fuzz.xml" && !error.description.isEmpty, "XML error does not name the file")
        if let line = error.line, let column = error.column { precondition(line >= 1 && column >= 1, "XML error at \(line):\(column)") }
    }

    // MARK: statistics cubes

    /// The JSON-stat and PC-Axis readers, each with the mapping the file's roles give, on the
    /// same bytes. Properties: cells come in increasing row-major order below the cube's size (a
    /// JSON-stat value array and PX DATA give every cell), positions are ≥ 1:1, every cell maps to
    /// a row, a missing or a rejected cell, and errors name the file.
    static func cube(_ data: UnsafeRawBufferPointer, directory: String = "/tmp") {
        let path = scratchFile("cube", directory: directory)
        write(data, to: path)
        defer { unlink(path) }
        for format in [Cube.Format.jsonstat, .px] {
            do {
                let cube: Cube, forEachCell: ((CubeCell) throws -> Void) throws -> Void
                if format == .px {
                    let reader = try PXReader(path: path, file: "fuzz.cube")
                    (cube, forEachCell) = (reader.cube, reader.forEachCell)
                } else {
                    let reader = try JSONStatReader(path: path, file: "fuzz.cube")
                    (cube, forEachCell) = (reader.cube, reader.forEachCell)
                }
                let mapping = try? CubeMapping(cube: cube, keys: CubeMapping.Keys(), file: "fuzz.cube")
                var last = -1
                try forEachCell { cell in
                    precondition(cell.index > last && cell.index < cube.cellCount, "cell \(cell.index) after \(last) of \(cube.cellCount)")
                    precondition(cell.line >= 1 && cell.column >= 1, "cell at \(cell.line):\(cell.column)")
                    last = cell.index
                    _ = mapping?.row(cell)
                }
                if format == .px { precondition(last == cube.cellCount - 1, "PX DATA read without every cell") }
            } catch let error as ImportError {
                precondition(error.file == "fuzz.cube" && !error.cause.isEmpty, "cube error does not name the file")
                if let line = error.line { precondition(line >= 1 && (error.column ?? 1) >= 1, "cube error at \(line)") }
            } catch {
                preconditionFailure("a cube reader threw something else: \(error)")
            }
        }
    }

    // MARK: pipeline files

    /// The pipeline loader on the bytes as YAML text. Properties: it returns a pipeline or a
    /// usage error that names the file; a pipeline has unique source ids.
    static func pipeline(_ data: UnsafeRawBufferPointer) {
        let text = String(decoding: data, as: UTF8.self)
        do throws(RunnerError) {
            let pipeline = try PipelineLoader.parse(yaml: text, file: "pipelines/fuzz.yml", absolutePath: "/fuzz/pipelines/fuzz.yml")
            precondition(Set(pipeline.sources.map(\.id)).count == pipeline.sources.count, "duplicate source ids accepted")
        } catch {
            precondition(error.file == "pipelines/fuzz.yml" && !error.cause.isEmpty, "pipeline error does not name the file")
            if let line = error.line { precondition(line >= 0, "pipeline error line \(line)") }
        }
    }
}
