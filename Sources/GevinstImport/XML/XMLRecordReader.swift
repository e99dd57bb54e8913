/// One record element: where its start tag stands and its field values.
public struct XMLRecord: Sendable, Equatable {
    /// Line of the record's start tag (1-based).
    public let line: Int
    /// Column of the start tag's `<` (1-based, in characters).
    public let column: Int
    /// One value per mapping path, in the mapping's order: nil when the path matched nothing,
    /// otherwise the raw text (not trimmed; an empty element gives "").
    public let values: [String?]
}

/// What a complete read saw.
public struct XMLReadSummary: Sendable, Equatable {
    public let records: Int
    /// The document's encoding as declared or detected (`UTF-8`, `ISO-8859-1`, `UTF-16`, …).
    public let encoding: String
}

/// The records whose start tags lie within the first bytes of a file, for `decimal: auto`.
public struct XMLSample: Sendable, Equatable {
    public let records: [XMLRecord]
    public let encoding: String
}

/// Streams the records of a generic XML export (`format: xml`, SPEC §5).
///
/// A record is every element with the mapping's local name, in any namespace. Records nest: a
/// record element inside another is a record of its own, and is not part of the outer record's
/// field values unless a path reaches into it. Records are handed over when their end tag is
/// read, so an inner record comes before the record that encloses it; memory stays flat however
/// large or deeply nested the file is.
public struct XMLRecordReader: Sendable {
    public let path: String
    /// How errors name the file (relative to the pipeline's root).
    public let displayPath: String
    public let mapping: XMLRecordMapping

    public init(path: String, displayPath: String? = nil, mapping: XMLRecordMapping) {
        self.path = path
        self.displayPath = displayPath ?? path
        self.mapping = mapping
    }

    /// Calls `body` for every record. Throws `XMLReadError` when the file cannot be read, is
    /// malformed or refused, and rethrows what `body` throws; either stops the read at once.
    @discardableResult
    public func forEachRecord(_ body: (XMLRecord) throws -> Void) throws -> XMLReadSummary {
        try withoutActuallyEscaping(body) { body in
            let handler = RecordHandler(mapping: mapping, file: displayPath, byteLimit: nil, emit: body)
            let stream = XMLStream(path: path, displayPath: displayPath, handler: handler)
            try stream.run()
            return XMLReadSummary(records: handler.emitted, encoding: stream.encoding ?? "UTF-8")
        }
    }

    /// The records whose start tag lies within the first `byteLimit` bytes of the file.
    public func sample(byteLimit: Int = 65_536) throws(XMLReadError) -> XMLSample {
        var records: [XMLRecord] = []
        let handler = RecordHandler(mapping: mapping, file: displayPath, byteLimit: byteLimit) { records.append($0) }
        let stream = XMLStream(path: path, displayPath: displayPath, handler: handler)
        do {
            try stream.run()
        } catch let error as XMLReadError {
            throw error
        } catch {
            preconditionFailure("the sample collector does not throw: \(error)")
        }
        return XMLSample(records: records, encoding: stream.encoding ?? "UTF-8")
    }
}

/// Matches the mapping's paths while the document streams by.
///
/// Element paths are compiled into a small tree below the record (node 0 is the record itself);
/// each open record keeps the tree node of every open element below it, so a start tag costs a
/// few pointer comparisons. Text is copied only for elements whose own text is a field.
final class RecordHandler: XMLEventHandler {
    private struct Node {
        var children: [(name: String, node: Int)] = []
        var textFields: [Int] = []
        var attributeFields: [(name: String, field: Int)] = []
    }

    private struct InternedNode {
        var children: [(name: XMLName, node: Int)]
        var textFields: [Int]
        var attributeFields: [(name: XMLName, field: Int)]
    }

    /// An open record.
    private final class Frame {
        var depth = 0
        var position = XMLPosition(line: 0, column: 0)
        var values: [String?]
        /// The tree node of each open element from the record down; -1 where no path leads.
        var nodes: [Int] = []
        /// Relative depths of the open elements whose own text is being collected.
        var capturing: [Int] = []
        /// The collected text, by relative depth.
        var buffers: [[UInt8]] = []

        init(fieldCount: Int) { values = Array(repeating: nil, count: fieldCount) }
    }

    /// A field's value may not be longer than this; a file is never trusted to be small.
    static let maximumValueBytes = 1 << 20

    private let recordText: String
    private let file: String
    private let pathTexts: [String]
    private let tree: [Node]
    private let ancestorNameTexts: [String]
    private let ancestorAttributeTexts: [[String]]
    /// (ancestor name index, attribute slot, field) for each `ancestor::` path.
    private let ancestorFields: [(ancestor: Int, slot: Int, field: Int)]
    private let fieldCount: Int
    private let byteLimit: Int?
    private let emit: (XMLRecord) throws -> Void

    private var recordName: XMLName?
    private var nodes: [InternedNode] = []
    private var ancestorNames: [XMLName] = []
    private var ancestorAttributes: [[XMLName]] = []

    private var depth = 0
    private var frames: [Frame] = []
    private var spareFrames: [Frame] = []
    private var openAncestors: [(depth: Int, ancestor: Int, values: [String?])] = []
    private(set) var emitted = 0

    init(mapping: XMLRecordMapping, file: String, byteLimit: Int?, emit: @escaping (XMLRecord) throws -> Void) {
        recordText = mapping.record
        self.file = file
        pathTexts = mapping.paths.map(\.text)
        fieldCount = mapping.paths.count
        self.byteLimit = byteLimit
        self.emit = emit
        var tree = [Node()]
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
                if let next = tree[node].children.first(where: { $0.name == step })?.node {
                    node = next
                } else {
                    tree.append(Node())
                    tree[node].children.append((step, tree.count - 1))
                    node = tree.count - 1
                }
            }
            if let attribute = path.attribute {
                tree[node].attributeFields.append((attribute, field))
            } else {
                tree[node].textFields.append(field)
            }
        }
        self.tree = tree
        ancestorNameTexts = ancestorNames
        ancestorAttributeTexts = ancestorAttributes
        self.ancestorFields = ancestorFields
    }

    func prepare(_ names: XMLNameTable) {
        recordName = names.intern(recordText)
        nodes = tree.map { node in
            InternedNode(children: node.children.map { (names.intern($0.name), $0.node) },
                         textFields: node.textFields,
                         attributeFields: node.attributeFields.map { (names.intern($0.name), $0.field) })
        }
        ancestorNames = ancestorNameTexts.map(names.intern)
        ancestorAttributes = ancestorAttributeTexts.map { $0.map(names.intern) }
    }

    func startElement(_ element: XMLElementStart) throws {
        depth += 1
        for frame in frames {
            let parent = frame.nodes[frame.nodes.count - 1]
            var node = -1
            if parent >= 0 {
                for child in nodes[parent].children where child.name == element.name {
                    node = child.node
                    break
                }
            }
            frame.nodes.append(node)
            if node >= 0 { enter(node, element, frame) }
        }
        if element.name == recordName {
            if let byteLimit, element.bytesConsumed > byteLimit { throw XMLStream.Finish() }
            let frame = spareFrames.popLast() ?? Frame(fieldCount: fieldCount)
            frame.depth = depth
            frame.position = element.position
            for (ancestor, slot, field) in ancestorFields {
                frame.values[field] = openAncestors.last(where: { $0.ancestor == ancestor })?.values[slot]
            }
            frame.nodes.append(0)
            enter(0, element, frame)
            frames.append(frame)
        }
        if !ancestorNames.isEmpty, let ancestor = ancestorNames.firstIndex(of: element.name) {
            let values = ancestorAttributes[ancestor].map { name in
                element.attribute(name).map { String(decoding: $0, as: UTF8.self) }
            }
            openAncestors.append((depth, ancestor, values))
        }
    }

    /// Takes the attributes the node's paths ask for and starts collecting its text.
    private func enter(_ node: Int, _ element: XMLElementStart, _ frame: Frame) {
        for (name, field) in nodes[node].attributeFields where frame.values[field] == nil {
            if let value = element.attribute(name) { frame.values[field] = String(decoding: value, as: UTF8.self) }
        }
        if nodes[node].textFields.contains(where: { frame.values[$0] == nil }) {
            let relative = frame.nodes.count - 1
            while frame.buffers.count <= relative { frame.buffers.append([]) }
            frame.buffers[relative].removeAll(keepingCapacity: true)
            frame.capturing.append(relative)
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        for frame in frames where frame.capturing.last == frame.nodes.count - 1 {
            let relative = frame.nodes.count - 1
            guard frame.buffers[relative].count + bytes.count <= Self.maximumValueBytes else {
                let field = nodes[frame.nodes[relative]].textFields[0]
                throw XMLReadError.refused(file: file, line: frame.position.line, column: frame.position.column,
                                           reason: "the value of '\(pathTexts[field])' in this record is longer than 1 MiB")
            }
            frame.buffers[relative].append(contentsOf: bytes)
        }
    }

    func endElement(_ name: XMLName) throws {
        var index = frames.count - 1
        while index >= 0 {
            let frame = frames[index]
            let relative = frame.nodes.count - 1
            if frame.capturing.last == relative {
                frame.capturing.removeLast()
                let text = String(decoding: frame.buffers[relative], as: UTF8.self)
                for field in nodes[frame.nodes[relative]].textFields where frame.values[field] == nil {
                    frame.values[field] = text
                }
            }
            frame.nodes.removeLast()
            if relative == 0 {
                frames.remove(at: index)
                try finish(frame)
            }
            index -= 1
        }
        if let last = openAncestors.last, last.depth == depth { openAncestors.removeLast() }
        depth -= 1
    }

    private func finish(_ frame: Frame) throws {
        emitted += 1
        try emit(XMLRecord(line: frame.position.line, column: frame.position.column, values: frame.values))
        // Emptied after the caller is done, so that the values' storage is reused when it kept no copy.
        for field in 0..<fieldCount { frame.values[field] = nil }
        spareFrames.append(frame)
    }
}
