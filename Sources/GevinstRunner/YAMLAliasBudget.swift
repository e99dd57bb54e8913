import Yams

/// Counts the nodes a YAML document would have with every alias expanded, without expanding any,
/// so that an alias bomb ("billion laughs" for YAML) is refused before Yams composes the document:
/// Yams hashes a mapping key whole, so an expanding alias used as a key would otherwise take
/// exponential time.
///
/// Yams offers no event stream, so the count walks a copy of the document in which every alias
/// `*name` reads as the plain scalar `Xname`, X being a character the text neither holds nor
/// escapes. The copy has no aliases, so Yams composes it in linear time; X takes one column, as
/// `*` does, so the copy's lines and columns are the document's.
enum YAMLAliasBudget {
    /// More expanded nodes than a 1 MiB file can hold without aliases (every node takes at least
    /// two bytes), so only alias expansion ever reaches it.
    static let limit = 1_000_000

    /// The line (1-based) at which the expanded document passes `limit` nodes, or nil when it
    /// stays within it. Throws what Yams finds wrong with the document's syntax, at its place.
    static func lineOverLimit(_ text: String, limit: Int = limit) throws -> Int? {
        guard text.utf8.contains(asterisk) else { return nil }
        guard let standIn = standIn(for: text) else { return 1 }
        var copy: [UInt8] = []
        copy.reserveCapacity(text.utf8.count + 64)
        var bytes = text.utf8.makeIterator(), pending = bytes.next()
        while let byte = pending {
            pending = bytes.next()
            if byte == asterisk, let next = pending, isAnchorCharacter(next) {
                copy.append(contentsOf: String(Character(standIn)).utf8)
            } else {
                copy.append(byte)
            }
        }
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: String(decoding: copy, as: UTF8.self))
            root = try parser.singleRoot()
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            // Name a duplicated alias key as the document writes it.
            let named = duplicates.map { String($0.unicodeScalars.map { $0 == standIn ? "*" : Character($0) }) }
            throw YamlError.duplicatedKeysInMapping(duplicates: named, context: context)
        }
        guard let root else { return nil }
        return withExtendedLifetime(parser) {   // The parser holds the anchors the nodes name.
            Count(standIn: standIn, limit: limit).lineOverLimit(root)
        }
    }

    private static let asterisk = UInt8(ascii: "*")

    /// libyaml's anchor and alias names: ASCII letters, digits, `-` and `_`.
    private static func isAnchorCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    /// A private-use character that `text` neither holds nor writes as a `\u` or `\U` escape; nil
    /// only for a text made to use them all.
    private static func standIn(for text: String) -> Unicode.Scalar? {
        let privateUse: ClosedRange<UInt32> = 0xE000...0xF8FF
        var used = Set(text.unicodeScalars.lazy.map(\.value).filter(privateUse.contains))
        let bytes = Array(text.utf8)
        for index in bytes.indices.dropLast() where bytes[index] == UInt8(ascii: "\\") {
            let width: Int
            switch bytes[index + 1] {
            case UInt8(ascii: "u"): width = 4
            case UInt8(ascii: "U"): width = 8
            default: continue
            }
            let digits = bytes[(index + 2)...].prefix(width)
            if let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16) { used.insert(value) }
        }
        return privateUse.lazy.first { !used.contains($0) }.flatMap(Unicode.Scalar.init)
    }

    /// The walk: every node in document order, as libyaml's events would come.
    private struct Count {
        let standIn: Unicode.Scalar
        let limit: Int

        private enum Step {
            case enter(Node)
            case leave(anchor: String?)
        }

        func lineOverLimit(_ root: Node) -> Int? {
            var anchored: [String: Int] = [:]          // anchor → expanded size of its node
            var open: [Int] = []                        // expanded sizes of the open collections
            var expanded = 0
            func add(_ size: Int) {
                expanded = min(limit + 1, expanded + size)
                if !open.isEmpty { open[open.count - 1] = min(limit + 1, open[open.count - 1] + size) }
            }
            var steps: [Step] = [.enter(root)]
            while let step = steps.popLast() {
                switch step {
                case .leave(let anchor):
                    let size = open.removeLast()
                    if let anchor { anchored[anchor] = size }
                    if !open.isEmpty { open[open.count - 1] = min(limit + 1, open[open.count - 1] + size) }
                case .enter(let node):
                    switch node {
                    case .scalar(let scalar):
                        let size = aliases(in: scalar).map { names in names.reduce(0) { min(limit + 1, $0 + (anchored[$1] ?? 1)) } } ?? 1
                        add(size)
                        if let anchor = scalar.anchor { anchored[anchor.rawValue] = size }
                    case .sequence(let sequence):
                        expanded = min(limit + 1, expanded + 1)
                        open.append(1)
                        steps.append(.leave(anchor: sequence.anchor?.rawValue))
                        steps.append(contentsOf: sequence.reversed().map(Step.enter))
                    case .mapping(let mapping):
                        expanded = min(limit + 1, expanded + 1)
                        open.append(1)
                        steps.append(.leave(anchor: mapping.anchor?.rawValue))
                        for (key, value) in mapping.reversed() { steps += [.enter(value), .enter(key)] }
                    case .alias:
                        add(1)   // Yams resolves aliases; none comes back as a node.
                    }
                    if expanded > limit { return node.mark?.line ?? 1 }
                }
            }
            return nil
        }

        /// The alias names of a plain scalar that was an alias in the document (it starts with the
        /// stand-in); nil for any other scalar. After an alias in a flow collection libyaml reads
        /// `:` as the value indicator, where the copy goes on with one scalar (`*a:*b` is `Xa:Xb`),
        /// so every alias the scalar holds counts.
        private func aliases(in scalar: Node.Scalar) -> [String]? {
            guard scalar.style == .plain, scalar.string.unicodeScalars.first == standIn else { return nil }
            return scalar.string.unicodeScalars.split(separator: standIn, omittingEmptySubsequences: false).dropFirst().map {
                String(String.UnicodeScalarView($0.prefix { $0.isASCII && isAnchorCharacter(UInt8($0.value)) }))
            }
        }
    }
}
