import Foundation
import GevinstCore

/// The element and attribute paths at the start of an XML file, with counts and an example value
/// each, so that an analyst can write a source's `record:` and `fields:` (`gevinst inspect`).
struct XMLInspection: Sendable, Equatable, Codable, CustomStringConvertible {
    /// One element path (`/Rapport/Eining/Fravaer/Prosent`) or attribute path (`…/Fravaer/@eining`),
    /// by local names.
    struct Path: Sendable, Equatable, Codable {
        let path: String
        /// How often it occurred in the part of the file read.
        let count: Int
        /// The first non-empty value (an element's own text or an attribute's value), shortened
        /// to 60 characters; nil when every occurrence was empty.
        let example: String?
    }

    /// The file as the caller labelled it.
    let file: String
    /// The document's encoding as declared or detected.
    let encoding: String
    /// Namespace URIs of the elements read, in order of appearance.
    let namespaces: [String]
    /// Elements read.
    let elementsRead: Int
    /// Elements named as the caller's `record` that ended within what was read; nil without one.
    let recordsRead: Int?
    /// True when the whole file was read; false when reading stopped at the limit.
    let complete: Bool
    /// In order of first appearance.
    let paths: [Path]

    /// A plain-text table: count, path and example per line, under a line about the file.
    var description: String {
        let read = "\(elementsRead) elements" + (recordsRead.map { " and \($0) records" } ?? "") + " read"
        var lines = ["\(file): \(encoding), \(read)" + (complete ? " (the whole file)" : " (stopped at the limit)")]
        if !namespaces.isEmpty { lines.append("namespaces: " + namespaces.joined(separator: ", ")) }
        let countWidth = max(5, String(paths.map(\.count).max() ?? 0).count)
        let pathWidth = min(80, paths.map(\.path.count).max() ?? 0)
        func padded(_ text: String, _ width: Int, left: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, width - text.count))
            return left ? fill + text : text + fill
        }
        lines.append(padded("count", countWidth, left: true) + "  " + padded("path", pathWidth, left: false) + "  example")
        for path in paths {
            let row = padded(String(path.count), countWidth, left: true) + "  " + padded(path.path, pathWidth, left: false)
                + "  " + (path.example ?? "")
            lines.append(String(row.reversed().drop(while: { $0 == " " }).reversed()))
        }
        return lines.joined(separator: "\n")
    }
}

/// Reads the start of an XML file for `XMLInspection`, with the same safety rules as the readers.
enum XMLInspector {
    /// Reads up to `limit` elements of the file, or, given a `record` name (local, any namespace),
    /// up to the end of the `limit`-th element of that name.
    static func inspect(path: String, relativePath: String? = nil, limit: Int = 10_000,
                               record: String? = nil) throws(XMLReadError) -> XMLInspection {
        let file = relativePath ?? path
        let handler = InspectionHandler(limit: limit, record: record)
        let stream = XMLStream(path: path, relativePath: file, handler: handler)
        try stream.runTyped()
        return XMLInspection(file: file, encoding: stream.encoding ?? "UTF-8", namespaces: handler.namespaces,
                             elementsRead: handler.elementsRead, recordsRead: record == nil ? nil : handler.recordsRead,
                             complete: !handler.stoppedAtLimit,
                             paths: handler.entries.map { XMLInspection.Path(path: $0.path, count: $0.count, example: $0.example) })
    }
}

/// Counts paths while the document streams by; keeps only the open elements' paths and text.
final class InspectionHandler: XMLEventHandler {
    struct Entry {
        let path: String
        var count = 0
        var example: String?
    }

    /// Text beyond this many bytes of an element is not kept; examples are short anyway.
    private static let textLimit = 256

    private let limit: Int
    private let record: String?
    private(set) var entries: [Entry] = []
    private(set) var namespaces: [String] = []
    private(set) var elementsRead = 0
    private(set) var recordsRead = 0
    private(set) var stoppedAtLimit = false
    private var index: [String: Int] = [:]
    private var open: [(entry: Int, text: [UInt8])] = []

    init(limit: Int, record: String?) {
        self.limit = limit
        self.record = record
    }

    /// The record name as libxml2 interns it: end tags are matched by pointer.
    private var recordName: XMLName?

    func prepare(_ names: XMLNameTable) {
        recordName = record.map(names.intern)
    }

    func startElement(_ element: XMLElementStart) throws {
        guard record != nil || elementsRead < limit else {
            stoppedAtLimit = true
            throw XMLStream.Finish()
        }
        elementsRead += 1
        if let uri = element.namespace {
            let namespace = String(cString: uri)
            if !namespaces.contains(namespace) { namespaces.append(namespace) }
        }
        let parent = open.last.map { entries[$0.entry].path } ?? ""
        let path = parent + "/" + String(cString: element.name)
        let entry = count(path, example: nil)
        for attribute in 0..<element.attributeCount {
            let value = String(decoding: trimmedSpaces(element.attributeValue(at: attribute)), as: UTF8.self)
            _ = count(path + "/@" + String(cString: element.attributeName(at: attribute)), example: value)
        }
        open.append((entry, []))
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !open.isEmpty, open[open.count - 1].text.count < Self.textLimit else { return }
        open[open.count - 1].text.append(contentsOf: bytes.prefix(Self.textLimit))
    }

    func endElement(_ name: XMLName) throws {
        let (entry, text) = open.removeLast()
        if entries[entry].example == nil {
            let value = text.withUnsafeBufferPointer { String(decoding: trimmedSpaces($0), as: UTF8.self) }
            if !value.isEmpty { entries[entry].example = Self.shortened(value) }
        }
        if let recordName, name == recordName {
            recordsRead += 1
            if recordsRead == limit {
                stoppedAtLimit = true
                throw XMLStream.Finish()
            }
        }
    }

    /// Counts one occurrence of a path and keeps its first non-empty example.
    private func count(_ path: String, example: String?) -> Int {
        let position = index[path] ?? {
            entries.append(Entry(path: path))
            index[path] = entries.count - 1
            return entries.count - 1
        }()
        entries[position].count += 1
        if entries[position].example == nil, let example, !example.isEmpty { entries[position].example = Self.shortened(example) }
        return position
    }

    private static func shortened(_ text: String) -> String {
        let single = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return single.count > 60 ? single.prefix(60) + "…" : single
    }
}

extension XMLInspection: FileInspection {
    func text() -> String { description + "\n" }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
