import CYaml

/// Counts the nodes a YAML document would have with every alias expanded, from libyaml's event
/// stream and without building anything, so that an alias bomb ("billion laughs" for YAML) is
/// refused before Yams composes the document: Yams hashes a mapping key whole, so an expanding
/// alias used as a key would otherwise take exponential time.
enum YAMLAliasBudget {
    /// More expanded nodes than a 1 MiB file can hold without aliases (every node takes at least
    /// two bytes), so only alias expansion ever reaches it.
    static let limit = 1_000_000

    /// The line (1-based) at which the expanded document passes `limit` nodes, or nil when it
    /// stays within it (or is not valid YAML, which Yams then reports).
    static func lineOverLimit(_ text: String, limit: Int = limit) -> Int? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Int? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var anchored: [String: Int] = [:]        // anchor → expanded size of its node
            var open: [(anchor: String?, size: Int)] = []
            var expanded = 0
            func add(_ size: Int) {
                expanded = min(limit + 1, expanded + size)
                if !open.isEmpty { open[open.count - 1].size = min(limit + 1, open[open.count - 1].size + size) }
            }
            func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                anchor.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    add(1)
                    if let anchor = name(event.data.scalar.anchor) { anchored[anchor] = 1 }
                case YAML_ALIAS_EVENT:
                    add(name(event.data.alias.anchor).flatMap { anchored[$0] } ?? 1)
                case YAML_SEQUENCE_START_EVENT:
                    expanded = min(limit + 1, expanded + 1)
                    open.append((name(event.data.sequence_start.anchor), 1))
                case YAML_MAPPING_START_EVENT:
                    expanded = min(limit + 1, expanded + 1)
                    open.append((name(event.data.mapping_start.anchor), 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let node = open.popLast() else { break }
                    if let anchor = node.anchor { anchored[anchor] = node.size }
                    if !open.isEmpty { open[open.count - 1].size = min(limit + 1, open[open.count - 1].size + node.size) }
                default:
                    break
                }
                if expanded > limit { return Int(event.start_mark.line) + 1 }
            }
        }
    }
}
