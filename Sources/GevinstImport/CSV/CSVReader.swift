#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a CSV file record by record, streaming: memory stays bounded by the longest record, never
/// by the file. The text is always handed out as UTF-8, whatever the file's encoding.
///
/// ```swift
/// let reader = try CSVReader(path: path, options: .init(encoding: encoding))
/// while let record = try reader.next() {
///     let code = record.string(0)      // or record[0], UTF-8 bytes valid until the next `next()`
///     …                                // record.line: where the record starts
/// }
/// ```
///
/// Dialect: RFC 4180 with the leniencies in `docs/csv-reader.md` — `""` inside quotes is one quote,
/// delimiters and line breaks inside quotes are kept verbatim, records end at LF, CRLF or a lone CR,
/// empty lines are skipped, a quote inside an unquoted field is literal, text after a closing quote
/// is appended to the field. Fields are not trimmed.
///
/// ## Topics
/// - ``next()``
/// - ``CSVRecordView``
/// - ``sample(path:options:byteLimit:)``
final class CSVReader {
    /// How to read a file.
    struct Options: Sendable, Equatable {
        var encoding: CSVEncoding
        /// `,` `;` tab or `|`; nil detects it from the first records after the title lines.
        var delimiter: UInt8?
        /// The 1-based physical line of the header: the `headerRow - 1` lines above it are skipped
        /// (title lines) and still counted in line numbers.
        var headerRow: Int
        /// The longest record accepted, in bytes of UTF-8 (quotes included, line break excluded).
        var maxRecordBytes: Int
        /// The most fields a record may have.
        var maxColumns: Int
        /// Bytes read from the file at a time.
        var chunkSize = 256 * 1024
        /// Whether an empty line is skipped rather than read as a record with one empty field.
        var skipsEmptyLines = true

        init(encoding: CSVEncoding = .auto, delimiter: UInt8? = nil, headerRow: Int = 1,
                    maxRecordBytes: Int = 16 * 1024 * 1024, maxColumns: Int = 100_000) {
            self.encoding = encoding
            self.delimiter = delimiter
            self.headerRow = headerRow
            self.maxRecordBytes = maxRecordBytes
            self.maxColumns = maxColumns
        }
    }

    private enum State { case recordStart, fieldStart, unquoted, quoted, quoteInQuoted, afterQuote }

    /// The file as given to `init`.
    let path: String
    /// The encoding the file is read with (`auto` resolved).
    let encoding: CSVEncoding
    /// The delimiter in use (detected when the options left it nil).
    private(set) var delimiter: UInt8 = UInt8(ascii: ",")

    private let input: CSVInput
    private let options: Options
    /// Decoded text lives in `buffer[0..<end]`; `discarded` bytes of it came before `buffer[0]`.
    private var buffer: UnsafeMutablePointer<UInt8>
    /// The bytes allocated for `buffer`: at most about `maxRecordBytes` plus one decoded chunk.
    private(set) var capacity: Int
    private var end = 0
    private var discarded = 0
    private var exhausted = false
    private var failure: CSVError?

    // The parser's state between calls; `parseRecord()` works on local copies.
    private var position = 0
    private var state = State.recordStart
    private var physicalLine = 1
    /// A CR ended the last line, so an LF right after it belongs to the same line break.
    private var pendingLF = false
    private var recordStart = 0
    private var recordLine = 0
    private var fieldStart = 0
    /// Where the unescaped text of a quoted field is written (it never overtakes `position`).
    private var write = 0
    private var quoteLine = 0
    private var count = 0
    /// Start and end offsets in `buffer` of each field of the record being read.
    private var bounds: UnsafeMutablePointer<Int>
    private var boundsCapacity: Int

    /// Opens `path`, settles its encoding (`auto` may read the whole file once first; the importer
    /// passes an encoding resolved with `EncodingSniffer` instead), skips the title lines above
    /// `headerRow` and detects the delimiter when it is nil.
    init(path: String, options: Options = Options()) throws(CSVError) {
        precondition(options.headerRow >= 1 && options.maxRecordBytes > 0 && options.maxColumns > 0)
        precondition(options.delimiter.map { ![quoteByte, lf, cr].contains($0) } ?? true)
        input = try CSVInput(path: path, encoding: options.encoding, chunkSize: options.chunkSize)
        self.path = path
        self.options = options
        encoding = input.encoding
        capacity = 2 * input.maxOutput + CSVDelimiterDetection.window
        buffer = .allocate(capacity: capacity)
        boundsCapacity = min(64, options.maxColumns)
        bounds = .allocate(capacity: 2 * boundsCapacity)
        try skipLines(options.headerRow - 1)
        if let delimiter = options.delimiter {
            self.delimiter = delimiter
        } else {
            delimiter = try detectDelimiter()
        }
    }

    deinit {
        buffer.deallocate()
        bounds.deallocate()
    }

    /// The next record; nil at the end of the file. Ends with an error at an unterminated quote, a
    /// record over a limit, or bytes that cannot be decoded (after the records before them); every
    /// later call throws the same error. The record's fields point into the reader's buffer: they
    /// are valid until the next call.
    func next() throws(CSVError) -> CSVRecordView? {
        if let failure { throw failure }
        do {
            return try readRecord()
        } catch {
            failure = error
            throw error
        }
    }

    private func readRecord() throws(CSVError) -> CSVRecordView? {
        while true {
            if let record = try parseRecord() { return record }
            if exhausted {
                if let offset = input.errorOffset {
                    throw .undecodableBytes(path: path, line: physicalLine, byteOffset: offset, encoding: encoding)
                }
                return try finishAtEnd()
            }
            try refill()
        }
    }

    /// The offset in the decoded text at which the record last returned by `next()` starts.
    var recordOffset: Int { discarded + recordStart }

    // MARK: Parsing

    /// Parses on from `position` until a record is complete, or returns nil when the buffer is used up.
    private func parseRecord() throws(CSVError) -> CSVRecordView? {
        let buffer = buffer, end = end, delimiter = delimiter
        var position = position, state = state, line = physicalLine, pendingLF = pendingLF
        var recordStart = recordStart, recordLine = recordLine, fieldStart = fieldStart, write = write
        var quoteLine = quoteLine, count = count, bounds = bounds
        defer {
            self.position = position
            self.state = state
            self.physicalLine = line
            self.pendingLF = pendingLF
            self.recordStart = recordStart
            self.recordLine = recordLine
            self.fieldStart = fieldStart
            self.write = write
            self.quoteLine = quoteLine
            self.count = count
        }
        scan: while position < end {
            switch state {
            case .recordStart:
                let byte = buffer[position]
                if byte == lf || byte == cr {
                    position += 1
                    if byte == lf && pendingLF {
                        pendingLF = false
                        continue
                    }
                    line += 1
                    pendingLF = byte == cr
                    if options.skipsEmptyLines { continue }
                    recordStart = position - 1
                    recordLine = line - 1
                    bounds[0] = recordStart
                    bounds[1] = recordStart
                    count = 1
                    return try finishRecord(length: 0, line: recordLine, fields: 1)
                }
                pendingLF = false
                recordStart = position
                recordLine = line
                count = 0
                state = .fieldStart
            case .fieldStart:
                if buffer[position] == quoteByte {
                    quoteLine = line
                    position += 1
                    fieldStart = position
                    write = position
                    state = .quoted
                } else {
                    fieldStart = position
                    state = .unquoted
                }
            case .unquoted:
                var byte: UInt8 = 0
                while position < end {
                    byte = buffer[position]
                    if byte == delimiter || byte == lf || byte == cr { break }
                    position += 1
                }
                guard position < end else { break scan }
                if count == boundsCapacity {
                    try growBounds(line: recordLine, keeping: count)
                    bounds = self.bounds
                }
                bounds[2 * count] = fieldStart
                bounds[2 * count + 1] = position
                count += 1
                position += 1
                if byte == delimiter {
                    state = .fieldStart
                } else {
                    line += 1
                    pendingLF = byte == cr
                    state = .recordStart
                    return try finishRecord(length: position - 1 - recordStart, line: recordLine, fields: count)
                }
            case .quoted:
                while position < end {
                    let byte = buffer[position]
                    if byte == quoteByte { break }
                    if byte == cr || (byte == lf && buffer[position - 1] != cr) { line += 1 }
                    buffer[write] = byte
                    write += 1
                    position += 1
                }
                guard position < end else { break scan }
                position += 1
                state = .quoteInQuoted
            case .quoteInQuoted:
                if buffer[position] == quoteByte {
                    buffer[write] = quoteByte
                    write += 1
                    position += 1
                    state = .quoted
                } else {
                    state = .afterQuote
                }
            case .afterQuote:
                let byte = buffer[position]
                if byte != delimiter && byte != lf && byte != cr {
                    buffer[write] = byte
                    write += 1
                    position += 1
                    continue
                }
                if count == boundsCapacity {
                    try growBounds(line: recordLine, keeping: count)
                    bounds = self.bounds
                }
                bounds[2 * count] = fieldStart
                bounds[2 * count + 1] = write
                count += 1
                position += 1
                if byte == delimiter {
                    state = .fieldStart
                } else {
                    line += 1
                    pendingLF = byte == cr
                    state = .recordStart
                    return try finishRecord(length: position - 1 - recordStart, line: recordLine, fields: count)
                }
            }
        }
        return nil
    }

    /// Hands out a complete record after checking its length.
    private func finishRecord(length: Int, line: Int, fields: Int) throws(CSVError) -> CSVRecordView {
        guard length <= options.maxRecordBytes else {
            throw .recordTooLong(path: path, line: line, limit: options.maxRecordBytes)
        }
        return CSVRecordView(text: buffer, bounds: bounds, count: fields, line: line)
    }

    /// Ends the last record at the end of the file; nil when there is none.
    private func finishAtEnd() throws(CSVError) -> CSVRecordView? {
        let fieldEnd: Int
        switch state {
        case .recordStart:
            return nil
        case .fieldStart:
            fieldStart = position
            fieldEnd = position
        case .unquoted:
            fieldEnd = position
        case .quoted:
            throw .unterminatedQuote(path: path, line: quoteLine)
        case .quoteInQuoted, .afterQuote:
            fieldEnd = write
        }
        if count == boundsCapacity { try growBounds(line: recordLine, keeping: count) }
        bounds[2 * count] = fieldStart
        bounds[2 * count + 1] = fieldEnd
        count += 1
        state = .recordStart
        return try finishRecord(length: position - recordStart, line: recordLine, fields: count)
    }

    /// Doubles the room for field bounds, up to `maxColumns`, keeping the first `fields` fields'
    /// bounds (`parseRecord` keeps its count in a local, so `self.count` may be behind).
    private func growBounds(line: Int, keeping fields: Int) throws(CSVError) {
        guard boundsCapacity < options.maxColumns else {
            throw .tooManyColumns(path: path, line: line, limit: options.maxColumns)
        }
        let newCapacity = min(2 * boundsCapacity, options.maxColumns)
        let newBounds = UnsafeMutablePointer<Int>.allocate(capacity: 2 * newCapacity)
        newBounds.update(from: bounds, count: 2 * fields)
        bounds.deallocate()
        bounds = newBounds
        boundsCapacity = newCapacity
    }

    // MARK: Buffer

    /// Drops the text before the record being read, makes room, and decodes the next chunk. Sets
    /// `exhausted` at the end of the text: the end of the file, or bytes that cannot be decoded (which
    /// `next()` reports once it has parsed up to them). Throws when the record outgrows its limit.
    private func refill() throws(CSVError) {
        let keep: Int
        if state == .recordStart {
            keep = position
        } else {
            keep = recordStart
            guard end - recordStart <= options.maxRecordBytes else {
                throw .recordTooLong(path: path, line: recordLine, limit: options.maxRecordBytes)
            }
        }
        if keep > 0 {
            memmove(buffer, buffer + keep, end - keep)
            end -= keep
            position -= keep
            recordStart -= keep
            fieldStart -= keep
            write -= keep
            for i in 0..<(2 * count) { bounds[i] -= keep }
            discarded += keep
        }
        if capacity - end < input.maxOutput {
            let newCapacity = max(end + input.maxOutput, min(2 * capacity, options.maxRecordBytes + input.maxOutput))
            let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newBuffer.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = newBuffer
            capacity = newCapacity
        }
        let decoded = try input.read(into: buffer + end, capacity: capacity - end)
        exhausted = decoded == 0
        end += decoded
    }

    /// Skips `lines` physical lines (LF, CRLF or CR), whatever their quotes.
    private func skipLines(_ lines: Int) throws(CSVError) {
        var remaining = lines
        var length = 0
        while remaining > 0 {
            if position == end {
                if exhausted { return }
                try refill()
                continue
            }
            let byte = buffer[position]
            position += 1
            if byte == lf || byte == cr {
                length = 0
                if byte == lf && pendingLF {
                    pendingLF = false
                    continue
                }
                physicalLine += 1
                remaining -= 1
                pendingLF = byte == cr
            } else {
                pendingLF = false
                length += 1
                guard length <= options.maxRecordBytes else {
                    throw .recordTooLong(path: path, line: physicalLine, limit: options.maxRecordBytes)
                }
            }
        }
    }

    /// Reads ahead up to the detection window and detects the delimiter there.
    private func detectDelimiter() throws(CSVError) -> UInt8 {
        while end - position < CSVDelimiterDetection.window && !exhausted {
            try refill()
        }
        let available = end - position
        let window = min(available, CSVDelimiterDetection.window)
        return CSVDelimiterDetection.detect(in: UnsafeBufferPointer(start: buffer + position, count: window),
                                            isComplete: exhausted && window == available)
    }
}

/// The fields of one record as UTF-8 bytes (quotes removed, `""` unescaped), pointing into the
/// reader's buffer: valid only until the reader's next `next()`. Copy what must outlive it.
struct CSVRecordView: RandomAccessCollection {
    /// The 1-based physical line on which the record starts.
    let line: Int
    let endIndex: Int
    @usableFromInline let text: UnsafePointer<UInt8>
    /// Start and end offsets in `text` of each field.
    @usableFromInline let bounds: UnsafePointer<Int>

    init(text: UnsafeMutablePointer<UInt8>, bounds: UnsafeMutablePointer<Int>, count: Int, line: Int) {
        self.text = UnsafePointer(text)
        self.bounds = UnsafePointer(bounds)
        endIndex = count
        self.line = line
    }

    var startIndex: Int { 0 }

    /// The bytes of field `position`.
    @inlinable
    subscript(position: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(position >= 0 && position < endIndex, "field index out of range")
        let start = bounds[2 * position]
        return UnsafeBufferPointer(start: text + start, count: bounds[2 * position + 1] - start)
    }

    /// Field `index` as a string.
    func string(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }
}

/// One record, copied out of the reader.
struct CSVRecord: Sendable, Equatable {
    /// The 1-based physical line on which the record starts.
    var line: Int
    var fields: [String]

    init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// Copies `view`'s fields into strings.
    init(_ view: CSVRecordView) {
        self.init(line: view.line, fields: view.indices.map(view.string))
    }
}

private let quoteByte = UInt8(ascii: "\"")
private let lf = UInt8(ascii: "\n")
private let cr = UInt8(ascii: "\r")
