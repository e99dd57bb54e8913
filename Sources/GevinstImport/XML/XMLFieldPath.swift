import GevinstCore

/// Where a field's value lies relative to a record element (SPEC §5, XML): `Child`,
/// `Child/Grandchild`, `@attr`, `Child/@attr`, `.` (the record's own text, CDATA included) or
/// `ancestor::Name/@attr` (an attribute of the nearest enclosing element of that name).
///
/// Every name is a local name matched in any namespace; a prefix written in a path (`n1:Line`) is
/// ignored. An element step selects direct children; when several elements match, the first in
/// document order that has the value wins. An element's value is its own text: the character data
/// and CDATA directly inside it, not the text of its child elements.
struct XMLFieldPath: Sendable, Hashable, CustomStringConvertible {
    /// The path as written.
    let text: String
    /// For `ancestor::Name/@attr`: the ancestor's local name.
    let ancestor: String?
    /// Element steps (local names) below the record; empty for `.`, `@attr` and `ancestor::`.
    let steps: [String]
    /// The attribute the path ends in, nil when it selects an element's text.
    let attribute: String?

    /// Parses a path; throws a `XMLPathError` that says what is wrong and what is allowed.
    init(_ text: String) throws(XMLPathError) {
        self.text = text
        do {
            (ancestor, steps, attribute) = try XMLFieldPath.parse(text)
        } catch {
            throw XMLPathError(path: text, reason: error.reason + "; use Child, Child/Grandchild, @attr, Child/@attr, . or ancestor::Name/@attr")
        }
    }

    /// The ancestor name, element steps and attribute of a path.
    fileprivate static func parse(_ text: String) throws(XMLPathError) -> (String?, [String], String?) {
        let trimmed = text.trimmingSpaces
        func invalid(_ reason: String) -> XMLPathError { XMLPathError(path: text, reason: reason) }
        if trimmed == "." { return (nil, [], nil) }
        if trimmed.hasPrefix("ancestor::") {
            let parts = trimmed.dropFirst("ancestor::".count).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].hasPrefix("@") else {
                throw invalid("an ancestor:: path must be ancestor::Name/@attribute")
            }
            return (try localName(parts[0], in: text), [], try localName(parts[1].dropFirst(), in: text))
        }
        var body = Substring(trimmed)
        if body.hasPrefix("./") { body = body.dropFirst(2) }
        guard !body.isEmpty else { throw invalid("the path is empty") }
        var parts = body.split(separator: "/", omittingEmptySubsequences: false)
        var attribute: String?
        if let last = parts.last, last.hasPrefix("@") {
            attribute = try localName(last.dropFirst(), in: text)
            parts.removeLast()
        }
        let steps = try parts.map { step throws(XMLPathError) in
            if step.hasPrefix("@") { throw invalid("an attribute (@…) can only be the last step") }
            return try localName(step, in: text)
        }
        return (nil, steps, attribute)
    }

    var description: String { text }

    /// The local part of a step, checked to be a plain XML name.
    private static func localName(_ step: Substring, in path: String) throws(XMLPathError) -> String {
        let name = step.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let forbidden: Set<Character> = [" ", "\t", "/", "[", "]", "(", ")", "*", "=", "@", "'", "\"", ",", "|", "$"]
        guard !name.isEmpty, step.split(separator: ":", omittingEmptySubsequences: false).count <= 2 else {
            throw XMLPathError(path: path, reason: step.isEmpty ? "a step is empty" : "'\(step)' is not an XML name")
        }
        guard let first = name.first, !first.isNumber, first != "-", first != ".",
              !name.contains(where: { forbidden.contains($0) }) else {
            throw XMLPathError(path: path, reason: "'\(step)' is not an XML name (predicates, wildcards and other XPath are not supported)")
        }
        return name
    }
}

/// A `record:` or `fields:` entry that is not a supported path; an error in the pipeline file.
struct XMLPathError: CategorizedError, Equatable, Sendable {
    let path: String
    let reason: String

    var category: FailureCategory { .usage }

    var description: String { "XML path '\(path)': \(reason)" }
}

/// A record element and the paths of its fields, in the order the values come back.
struct XMLRecordMapping: Sendable, Hashable {
    /// The record element's local name.
    let record: String
    let paths: [XMLFieldPath]

    /// Throws when `record` is not a plain element name (a prefix is allowed and ignored).
    init(record: String, paths: [XMLFieldPath]) throws(XMLPathError) {
        let parsed = try? XMLFieldPath.parse(record)
        guard let parsed, parsed.0 == nil, parsed.2 == nil, parsed.1.count == 1 else {
            throw XMLPathError(path: record, reason: "record: must be one element name, such as Fravaer")
        }
        self.record = parsed.1[0]
        self.paths = paths
    }
}
