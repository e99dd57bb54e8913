import GevinstCore

/// One record element: where its start tag stands and its field values.
struct XMLRecord: Sendable, Equatable {
    /// Line of the record's start tag (1-based).
    let line: Int
    /// Column of the start tag's `<` (1-based, in characters).
    let column: Int
    /// One value per mapping path, in the mapping's order: nil when the path matched nothing,
    /// otherwise its text (an empty element gives ""), trimmed when the reader trims.
    let values: [String?]
}

/// What a complete read saw.
struct XMLReadSummary: Sendable, Equatable {
    let records: Int
    /// The document's encoding as declared or detected (`UTF-8`, `ISO-8859-1`, `UTF-16`, …).
    let encoding: String
}

/// The records whose start tags lie within the first bytes of a file, for `decimal: auto`.
struct XMLSample: Sendable, Equatable {
    let records: [XMLRecord]
    let encoding: String
    /// Whether the sample holds every record of the file.
    let complete: Bool
}

/// Streams the records of a generic XML export (`format: xml`, SPEC §5).
///
/// A record is every element with the mapping's local name, in any namespace. Records nest: a
/// record element inside another is a record of its own, and is not part of the outer record's
/// field values unless a path reaches into it. Records are handed over when their end tag is
/// read, so an inner record comes before the record that encloses it; memory stays flat however
/// large or deeply nested the file is.
struct XMLRecordReader: Sendable {
    let path: String
    /// How errors name the file (relative to the pipeline's root).
    let relativePath: String
    let mapping: XMLRecordMapping
    /// Whether values come trimmed of surrounding spaces, tabs, line breaks and U+00A0 (as SPEC §4
    /// asks of mapped fields), which is cheaper here than on the Strings afterwards; otherwise raw.
    let trimming: Bool

    init(path: String, relativePath: String? = nil, mapping: XMLRecordMapping, trimming: Bool = false) {
        self.path = path
        self.relativePath = relativePath ?? path
        self.mapping = mapping
        self.trimming = trimming
    }

    /// Calls `body` for every record. Throws `XMLReadError` when the file cannot be read, is
    /// malformed or refused, and rethrows what `body` throws; either stops the read at once.
    @discardableResult
    func forEachRecord(_ body: (XMLRecord) throws -> Void) throws -> XMLReadSummary {
        try withoutActuallyEscaping(body) { body in
            let handler = RecordHandler(RecordMatcher(mapping: mapping, file: relativePath, byteLimit: nil, trimming: trimming), emit: body)
            let stream = XMLStream(path: path, relativePath: relativePath, handler: handler)
            try stream.run()
            return XMLReadSummary(records: handler.emitted, encoding: stream.encoding ?? "UTF-8")
        }
    }

    /// The records whose start tag lies within the first `byteLimit` bytes of the file.
    func sample(byteLimit: Int = 65_536) throws(XMLReadError) -> XMLSample {
        var records: [XMLRecord] = []
        let handler = RecordHandler(RecordMatcher(mapping: mapping, file: relativePath, byteLimit: byteLimit, trimming: trimming)) {
            records.append($0)
        }
        let stream = XMLStream(path: path, relativePath: relativePath, handler: handler)
        try stream.runTyped()
        return XMLSample(records: records, encoding: stream.encoding ?? "UTF-8", complete: !handler.stoppedAtLimit)
    }
}

/// Hands libxml2's events to a `RecordMatcher`. The matcher is a struct kept behind a pointer, so
/// the per-event path makes none of the dynamic exclusivity checks Swift makes on class properties.
final class RecordHandler: XMLEventHandler {
    private let matcher: UnsafeMutablePointer<RecordMatcher>
    private let emit: (XMLRecord) throws -> Void

    init(_ matcher: RecordMatcher, emit: @escaping (XMLRecord) throws -> Void) {
        self.matcher = .allocate(capacity: 1)
        self.matcher.initialize(to: matcher)
        self.emit = emit
    }

    deinit {
        matcher.deinitialize(count: 1)
        matcher.deallocate()
    }

    var emitted: Int { matcher.pointee.emitted }
    var stoppedAtLimit: Bool { matcher.pointee.stoppedAtLimit }

    func prepare(_ names: XMLNameTable) { matcher.pointee.prepare(names) }
    func startElement(_ element: XMLElementStart) throws { try matcher.pointee.startElement(element) }
    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws { try matcher.pointee.text(bytes) }
    func endElement(_ name: XMLName) throws { try matcher.pointee.endElement(emit) }
}

/// Matches the mapping's paths while the document streams by.
///
/// Element paths are compiled into a small tree below the record (node 0 is the record itself),
/// kept as flat tables; each open record keeps the tree node of every open element below it, so
/// a start tag costs a few pointer comparisons. Text is copied only for elements whose own text
/// is a field.
struct RecordMatcher {
    /// A field's value may not be longer than this; a file is never trusted to be small.
    static let maximumValueBytes = 1 << 20

    /// An open record.
    private struct Frame {
        var depth = 0
        var position = XMLPosition(line: 0, column: 0)
        var values: [String?]
        /// The tree node of each open element from the record down; -1 where no path leads.
        var nodes: [Int] = []
        /// Relative depths of the open elements whose own text is being collected.
        var capturing: [Int] = []
        /// The collected text, by relative depth.
        var buffers: [[UInt8]] = []
    }

    private let file: String
    private let pathTexts: [String]
    private let fieldCount: Int
    private let byteLimit: Int?
    private let trimming: Bool

    // The tree, node by node: entries start..<start of the next node in each flat table.
    private let recordText: String
    private let childStart: [Int]
    private let childNameTexts: [String]
    private let childNodes: [Int]
    private let textStart: [Int]
    private let textFields: [Int]
    private let attributeStart: [Int]
    private let attributeNameTexts: [String]
    private let attributeFields: [Int]
    private let ancestorNameTexts: [String]
    private let ancestorAttributeTexts: [[String]]
    /// (ancestor name index, attribute slot, field) for each `ancestor::` path.
    private let ancestorFields: [(ancestor: Int, slot: Int, field: Int)]

    // The same names, interned for this parse.
    private var recordName: XMLName?
    private var childNames: [XMLName] = []
    private var attributeNames: [XMLName] = []
    private var ancestorNames: [XMLName] = []
    private var ancestorAttributes: [[XMLName]] = []

    private var depth = 0
    /// `frames[0..<open]` are the open records, outermost first; the rest are kept for reuse.
    private var frames: [Frame] = []
    private var open = 0
    private var openAncestors: [(depth: Int, ancestor: Int, values: [String?])] = []
    private(set) var emitted = 0
    /// Whether a record started beyond `byteLimit`, which ended the read.
    private(set) var stoppedAtLimit = false

    init(mapping: XMLRecordMapping, file: String, byteLimit: Int?, trimming: Bool) {
        self.file = file
        pathTexts = mapping.paths.map(\.text)
        fieldCount = mapping.paths.count
        self.byteLimit = byteLimit
        self.trimming = trimming
        recordText = mapping.record

        var children: [[(name: String, node: Int)]] = [[]]
        var texts: [[Int]] = [[]]
        var attributes: [[(name: String, field: Int)]] = [[]]
        var ancestorNames: [String] = []
        var ancestorAttributes: [[String]] = []
        var ancestorFields: [(Int, Int, Int)] = []
        for (field, path) in mapping.paths.enumerated() {
            if let ancestor = path.ancestor, let attribute = path.attribute {
                let index = ancestorNames.firstIndex(of: ancestor) ?? {
                    ancestorNames.append(ancestor)
                    ancestorAttributes.append([])
                    return ancestorNames.count - 1
                }()
                let slot = ancestorAttributes[index].firstIndex(of: attribute) ?? {
                    ancestorAttributes[index].append(attribute)
                    return ancestorAttributes[index].count - 1
                }()
                ancestorFields.append((index, slot, field))
                continue
            }
            var node = 0
            for step in path.steps {
                if let next = children[node].first(where: { $0.name == step })?.node {
                    node = next
                } else {
                    children.append([])
                    texts.append([])
                    attributes.append([])
                    children[node].append((step, children.count - 1))
                    node = children.count - 1
                }
            }
            if let attribute = path.attribute {
                attributes[node].append((attribute, field))
            } else {
                texts[node].append(field)
            }
        }
        func starts<T>(_ table: [[T]]) -> [Int] {
            var starts = [0]
            for entries in table { starts.append(starts[starts.count - 1] + entries.count) }
            return starts
        }
        childStart = starts(children)
        childNameTexts = children.flatMap { $0.map(\.name) }
        childNodes = children.flatMap { $0.map(\.node) }
        textStart = starts(texts)
        textFields = texts.flatMap { $0 }
        attributeStart = starts(attributes)
        attributeNameTexts = attributes.flatMap { $0.map(\.name) }
        attributeFields = attributes.flatMap { $0.map(\.field) }
        ancestorNameTexts = ancestorNames
        ancestorAttributeTexts = ancestorAttributes
        self.ancestorFields = ancestorFields
    }

    mutating func prepare(_ names: XMLNameTable) {
        recordName = names.intern(recordText)
        childNames = childNameTexts.map(names.intern)
        attributeNames = attributeNameTexts.map(names.intern)
        ancestorNames = ancestorNameTexts.map(names.intern)
        ancestorAttributes = ancestorAttributeTexts.map { $0.map(names.intern) }
    }

    mutating func startElement(_ element: XMLElementStart) throws {
        depth += 1
        for index in 0..<open {
            let parent = frames[index].nodes[frames[index].nodes.count - 1]
            var node = -1
            if parent >= 0 {
                for child in childStart[parent]..<childStart[parent + 1] where childNames[child] == element.name {
                    node = childNodes[child]
                    break
                }
            }
            frames[index].nodes.append(node)
            if node >= 0 { enter(node, element, index) }
        }
        if element.name == recordName {
            if let byteLimit, element.bytesConsumed > byteLimit {
                stoppedAtLimit = true
                throw XMLStream.Finish()
            }
            if open == frames.count { frames.append(Frame(values: Array(repeating: nil, count: fieldCount))) }
            frames[open].depth = depth
            frames[open].position = element.position
            for (ancestor, slot, field) in ancestorFields {
                frames[open].values[field] = openAncestors.last(where: { $0.ancestor == ancestor })?.values[slot]
            }
            frames[open].nodes.append(0)
            enter(0, element, open)
            open += 1
        }
        if !ancestorNames.isEmpty, let ancestor = ancestorNames.firstIndex(of: element.name) {
            let trimming = trimming
            let values = ancestorAttributes[ancestor].map { name in element.attribute(name).map { Self.string($0, trimming: trimming) } }
            openAncestors.append((depth, ancestor, values))
        }
    }

    /// Takes the attributes the node's paths ask for and starts collecting its text.
    private mutating func enter(_ node: Int, _ element: XMLElementStart, _ frame: Int) {
        for index in attributeStart[node]..<attributeStart[node + 1] where frames[frame].values[attributeFields[index]] == nil {
            if let value = element.attribute(attributeNames[index]) { frames[frame].values[attributeFields[index]] = Self.string(value, trimming: trimming) }
        }
        for index in textStart[node]..<textStart[node + 1] where frames[frame].values[textFields[index]] == nil {
            let relative = frames[frame].nodes.count - 1
            if frames[frame].buffers.count <= relative {
                frames[frame].buffers.append(contentsOf: repeatElement([], count: relative + 1 - frames[frame].buffers.count))
            }
            frames[frame].buffers[relative].removeAll(keepingCapacity: true)
            frames[frame].capturing.append(relative)
            return
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        for frame in 0..<open where frames[frame].capturing.last == frames[frame].nodes.count - 1 {
            let relative = frames[frame].nodes.count - 1
            guard frames[frame].buffers[relative].count + bytes.count <= Self.maximumValueBytes else {
                let field = textFields[textStart[frames[frame].nodes[relative]]]
                throw XMLReadError.refused(file: file, line: frames[frame].position.line, column: frames[frame].position.column,
                                           reason: "the value of '\(pathTexts[field])' in this record is longer than 1 MiB")
            }
            frames[frame].buffers[relative].append(contentsOf: bytes)
        }
    }

    mutating func endElement(_ emit: (XMLRecord) throws -> Void) throws {
        var frame = open - 1
        while frame >= 0 {
            let relative = frames[frame].nodes.count - 1
            if frames[frame].capturing.last == relative {
                frames[frame].capturing.removeLast()
                let trimming = trimming
                let text = frames[frame].buffers[relative].withUnsafeBufferPointer { Self.string($0, trimming: trimming) }
                let node = frames[frame].nodes[relative]
                for index in textStart[node]..<textStart[node + 1] where frames[frame].values[textFields[index]] == nil {
                    frames[frame].values[textFields[index]] = text
                }
            }
            frames[frame].nodes.removeLast()
            if relative == 0 {
                // Records nest, so the one that ends is the innermost open one.
                open -= 1
                emitted += 1
                try emit(XMLRecord(line: frames[frame].position.line, column: frames[frame].position.column, values: frames[frame].values))
                // Emptied after the caller is done, so that the values' storage is reused when it kept no copy.
                for field in 0..<fieldCount { frames[frame].values[field] = nil }
            }
            frame -= 1
        }
        if let last = openAncestors.last, last.depth == depth { openAncestors.removeLast() }
        depth -= 1
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, trimming: Bool) -> String {
        String(decoding: trimming ? trimmedSpaces(bytes) : bytes, as: UTF8.self)
    }
}
