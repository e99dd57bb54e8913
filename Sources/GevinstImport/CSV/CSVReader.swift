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
/// while try reader.next() {
///     let code = reader.string(0)      // or reader.field(0), bytes valid until the next `next()`
///     …                                // reader.line: where the record starts
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
/// - ``field(_:)``, ``string(_:)``, ``record()``
/// - ``sample(path:options:byteLimit:)``
public final class CSVReader {
    /// How to read a file.
    public struct Options: Sendable, Equatable {
        public var encoding: CSVEncoding
        /// `,` `;` tab or `|`; nil detects it from the first records after the title lines.
        public var delimiter: UInt8?
        /// The 1-based physical line of the header: the `headerRow - 1` lines above it are skipped
        /// (title lines) and still counted in line numbers.
        public var headerRow: Int
        /// The longest record accepted, in bytes of UTF-8 (quotes included, line break excluded).
        public var maxRecordBytes: Int
        /// The most fields a record may have.
        public var maxColumns: Int
        /// Bytes read from the file at a time.
        var chunkSize = 256 * 1024
        /// Whether an empty line is skipped rather than read as a record with one empty field.
        var skipsEmptyLines = true

        public init(encoding: CSVEncoding = .auto, delimiter: UInt8? = nil, headerRow: Int = 1,
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
    public let path: String
    /// The encoding the file is read with (`auto` resolved).
    public let encoding: CSVEncoding
    /// The delimiter in use (detected when the options left it nil).
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// The 1-based physical line on which the current record starts.
    public private(set) var line = 0
    /// The number of fields in the current record.
    public private(set) var fieldCount = 0

    private let input: CSVInput
    private let options: Options
    /// Decoded text lives in `buffer[0..<end]`; `discarded` bytes of it came before `buffer[0]`.
    private var buffer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private var end = 0
    private var discarded = 0
    private var exhausted = false

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
    public init(path: String, options: Options = Options()) throws(CSVError) {
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

    /// Moves to the next record; false at the end of the file. Ends with an error at an unterminated
    /// quote, a record over a limit, or bytes that cannot be decoded (after the records before them).
    public func next() throws(CSVError) -> Bool {
        while true {
            if try parseRecord() { return true }
            if exhausted {
                if let offset = input.errorOffset {
                    throw .undecodableBytes(path: path, line: physicalLine, byteOffset: offset, encoding: encoding)
                }
                return try finishAtEnd()
            }
            try refill()
        }
    }

    /// The UTF-8 bytes of field `index` of the current record, quotes removed and `""` unescaped.
    /// Valid until the next call to `next()`.
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < fieldCount, "field index out of range")
        let start = bounds[2 * index]
        return UnsafeBufferPointer(start: buffer + start, count: bounds[2 * index + 1] - start)
    }

    /// Field `index` of the current record as a string.
    public func string(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }

    /// The current record, copied.
    public func record() -> CSVRecord {
        CSVRecord(line: line, fields: (0..<fieldCount).map(string))
    }

    /// The offset in the decoded text at which the current record starts.
    var recordOffset: Int { discarded + recordStart }

    // MARK: Parsing

    /// Parses on from `position` until a record is complete (true) or the buffer is used up (false).
    private func parseRecord() throws(CSVError) -> Bool {
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
                    try finishRecord(length: 0, line: recordLine, fields: 1)
                    return true
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
                    try growBounds(line: recordLine)
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
                    try finishRecord(length: position - 1 - recordStart, line: recordLine, fields: count)
                    return true
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
                    try growBounds(line: recordLine)
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
                    try finishRecord(length: position - 1 - recordStart, line: recordLine, fields: count)
                    return true
                }
            }
        }
        return false
    }

    /// Publishes a complete record after checking its length.
    private func finishRecord(length: Int, line: Int, fields: Int) throws(CSVError) {
        guard length <= options.maxRecordBytes else {
            throw .recordTooLong(path: path, line: line, limit: options.maxRecordBytes)
        }
        self.line = line
        fieldCount = fields
    }

    /// Ends the last record at the end of the file; false when there is none.
    private func finishAtEnd() throws(CSVError) -> Bool {
        let fieldEnd: Int
        switch state {
        case .recordStart:
            fieldCount = 0
            return false
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
        if count == boundsCapacity { try growBounds(line: recordLine) }
        bounds[2 * count] = fieldStart
        bounds[2 * count + 1] = fieldEnd
        count += 1
        state = .recordStart
        try finishRecord(length: position - recordStart, line: recordLine, fields: count)
        return true
    }

    /// Doubles the room for field bounds, up to `maxColumns`.
    private func growBounds(line: Int) throws(CSVError) {
        guard boundsCapacity < options.maxColumns else {
            throw .tooManyColumns(path: path, line: line, limit: options.maxColumns)
        }
        let newCapacity = min(2 * boundsCapacity, options.maxColumns)
        let newBounds = UnsafeMutablePointer<Int>.allocate(capacity: 2 * newCapacity)
        newBounds.update(from: bounds, count: 2 * count)
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

/// One record, copied out of the reader.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based physical line on which the record starts.
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

private let quoteByte = UInt8(ascii: "\"")
private let lf = UInt8(ascii: "\n")
private let cr = UInt8(ascii: "\r")
