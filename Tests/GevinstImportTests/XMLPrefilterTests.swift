import Foundation
@testable import GevinstImport
import Testing

/// The byte-level prefilter that refuses pathological start tags before libxml2 sees them.
@Suite("XML prefilter")
struct XMLPrefilterTests {
    /// Small limits, so that every chunk size can be tried on small documents.
    static let small = XMLPrefilter.Limits(attributes: 3, valueBytes: 8, namespaces: 2)

    /// Scans `bytes` in chunks of `size` (then an empty chunk, as at the end of a file).
    static func scan(_ bytes: [UInt8], chunk size: Int, limits: XMLPrefilter.Limits = small) -> XMLPrefilter.Refusal? {
        scanLocating(bytes, chunk: size, limits: limits)?.refusal
    }

    /// `scan`, with the offset in `bytes` of the byte the refusal was decided on (`refusedAt`).
    static func scanLocating(_ bytes: [UInt8], chunk size: Int, limits: XMLPrefilter.Limits = small)
        -> (refusal: XMLPrefilter.Refusal, offset: Int)? {
        var prefilter = XMLPrefilter(limits: limits)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            let refusal = bytes[start..<end].withUnsafeBytes { prefilter.scan($0) }
            if let refusal { return (refusal, start + prefilter.refusedAt) }
            start = end
        }
        return [UInt8]().withUnsafeBytes { prefilter.scan($0) }.map { ($0, bytes.count + prefilter.refusedAt) }
    }

    /// The refusal (line, column, first words) of a document, the same for every chunk size, and
    /// decided on the same byte.
    static func refusal(_ bytes: [UInt8]) -> (Int, Int, String)? {
        let whole = scanLocating(bytes, chunk: bytes.count + 1)
        for size in 1...max(1, bytes.count) {
            let chunked = scanLocating(bytes, chunk: size)
            #expect(chunked?.refusal == whole?.refusal, "chunks of \(size) bytes")
            #expect(chunked?.offset == whole?.offset, "chunks of \(size) bytes")
        }
        return whole.map { ($0.refusal.line, $0.refusal.column, String($0.refusal.reason.prefix(30))) }
    }

    static let attributes = "this start tag has more than 3"
    static let value = "an attribute value in this sta"
    static let namespaces = "more than 2 namespace declarat"

    @Test("Attributes are counted per start tag, beyond quotes, comments, CDATA, PIs and the DOCTYPE", arguments: [
        // (document, line, column, reason) — line 0: no refusal.
        ("<r a='1' b=\"2\" c='3'/>", 0, 0, ""),
        ("<r a='1' b=\"2\" c='3' d='4'/>", 1, 1, attributes),
        ("<r>\n  <s a = '1' b= '2' c ='3'\n d='4'></s></r>", 2, 3, attributes),
        ("<r a='=' b='=\"=\"='><s c='1'/></r>", 0, 0, ""),
        ("<r a=\"'=' '='\" b='\"=\"'/>", 0, 0, ""),
        ("<r><!-- <s a='1' b='2' c='3' d='4'/> --><s/></r>", 0, 0, ""),
        ("<r><!-- x -- y ---><s/></r>", 0, 0, ""),
        ("<r><![CDATA[<s a='1' b='2' c='3' d='4'/>]]]></r>", 0, 0, ""),
        ("<r><![CDATA[ ]] ] > ]]><s a='1' b='2' c='3' d='4'/></r>", 1, 24, attributes),
        ("<?p a='1' b='2' c='3' d='4' ?><r/>", 0, 0, ""),
        ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?><r a='1' b='2' c='3'/>", 0, 0, ""),
        ("<!DOCTYPE r [ <!ELEMENT r ANY> <!-- it's '> --> <?p '?> <!ATTLIST r a CDATA '>]'> ]><r a='1' b='2' c='3'/>", 0, 0, ""),
        ("<!DOCTYPE r [ <!-- ' --> ]><r a='1' b='2' c='3' d='4'/>", 1, 28, attributes),
        ("<r a='12345678'/>", 0, 0, ""),
        ("<r a='123456789'/>", 1, 1, value),
        ("<r>\r\n<æø a='1' b='x'/>\n <s b=\"123456789\"/></r>", 3, 2, value),
        ("<r>123456789 <!-- 123456789 --> <![CDATA[123456789]]></r>", 0, 0, ""),
        ("<r xmlns:p='v'><s xmlns:q='w'/><s xmlns:q='w'/></r>", 0, 0, ""),
        ("<r xmlns='u' xmlns:p='v'><s><t xmlns:q='w'/></s></r>", 1, 29, namespaces),
        ("<r xmlns:p='v'><s xmlns:q='w'/></r><!-- after -->", 0, 0, ""),
        ("<r xmlns:p='v'><s xmlns:q='w'></s><s xmlns:q='w'></s></r>", 0, 0, ""),
        ("<r xmlnsx='1' xmlns:p='v' p:xmlns='2'><s xmlns:q='w'/></r>", 0, 0, ""),
    ])
    func documents(document: String, line: Int, column: Int, reason: String) {
        let found = Self.refusal(Array(document.utf8))
        if line == 0 {
            #expect(found == nil)
        } else {
            #expect(found?.0 == line && found?.1 == column && found?.2 == reason, "\(String(describing: found))")
        }
    }

    @Test("UTF-16 (both byte orders, with and without a mark) and UCS-4 are read by code unit")
    func wideEncodings() {
        // U+013C has the byte 0x3C ('<') and U+223D the byte 0x3D ('='): neither is markup.
        let text = "<r a='\u{13C}\u{223D}' b='2'>\n <s a='1' b='2' c='3' d='4'/></r>"
        let le = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let ucs4 = text.unicodeScalars.flatMap { s in [24, 16, 8, 0].map { UInt8((s.value >> $0) & 0xFF) } }
        for bytes in [le, be, [0xFF, 0xFE] + le, [0xFE, 0xFF] + be, ucs4] {
            #expect(Self.refusal(bytes).map { [$0.0, $0.1] } == [2, 2])
        }
        #expect(Self.refusal(Array("<a b='\u{13C}\u{223D}'/>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) == nil)
    }

    @Test("Every XML fixture passes with the default limits, in any chunking",
          arguments: XMLFixtures.files(in: "handmade") { $0.hasSuffix(".xml") } + XMLFixtures.files(in: "hostile/defusedxml") { $0.hasSuffix(".xml") })
    func fixtures(file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: XMLFixtures.path(file))))
        for size in [1, 2, 3, 5, 4000] {
            #expect(Self.scan(bytes, chunk: size, limits: XMLPrefilter.Limits()) == nil, "\(file) in chunks of \(size)")
        }
    }

    @Test("Through the stream: 1 000 attributes are read, 1 001 and a value over 1 MiB are refused with their position")
    func stream() throws {
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func read(_ text: String) throws -> [XMLRecord] {
            let path = directory.appendingPathComponent("f.xml").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return try XMLFixtures.records(path, record: "R", paths: ["@a0", "@v"])
        }
        func attributes(_ n: Int) -> String { (0..<n).map { "a\($0)='\($0)'" }.joined(separator: " ") }
        #expect(try read("<r>\n <R \(attributes(1_000))/></r>").map(\.values) == [["0", nil]])
        let mebibyte = String(repeating: "x", count: 1 << 20)
        #expect(try read("<r><R v='\(mebibyte)'/></r>").map { $0.values[1]?.count } == [1 << 20])
        for (text, column, words) in [("<r>\n <R \(attributes(1_001))/></r>", 2, "more than 1000 attributes"),
                                       ("<r>\n<x/><R v='\(mebibyte)y'/></r>", 5, "longer than 1048576 bytes")] {
            let error = #expect(throws: XMLReadError.self) { try read(text) }
            guard case .refused(_, let line, let col, let reason)? = error else { Issue.record("expected a refusal: \(String(describing: error))"); continue }
            #expect(line == 2 && col == column)
            #expect(reason.contains(words), "\(reason)")
        }
    }

    @Test("Values of 1 MiB one after another past libxml2's 10 MB: a refusal that says so, not its bare \"Huge input lookup\"")
    func hugeInputLookup() throws {
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("f.xml").path
        // Each value is within the field limit; libxml2 keeps them all, as it finds no point to trim its buffer.
        let tag = "<R v='\(String(repeating: "x", count: 1 << 20))'/>\n"
        try Data(("<r>\n" + String(repeating: tag, count: 40) + "</r>\n").utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: XMLReadError.self) { try XMLFixtures.records(path, record: "S", paths: ["@v"]) }
        guard case .refused(let file, let line, _, let reason)? = error else { Issue.record("expected a refusal: \(String(describing: error))"); return }
        #expect(file == path && line > 1)
        #expect(reason.contains("more than 10 MB of the file at once"), "\(reason)")
    }
}
