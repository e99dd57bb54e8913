import Foundation
@testable import GevinstImport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Hostile XML")
struct XMLSecurityTests {
    /// Entity bombs, external entities and external DTDs from libxml2's and defusedxml's suites.
    /// libxml2's `good*.xml` declare entities too, so our rule refuses them as well.
    static let refusedFiles = XMLFixtures.files(in: "hostile/libxml2-recurse") { $0.hasSuffix(".xml") }
        + ["cyclic.xml", "dtd.xml", "external.xml", "external_file.xml", "quadratic.xml", "xmlbomb.xml", "xmlbomb2.xml"]
        .map { "hostile/defusedxml/\($0)" }

    @Test("Entity declarations, entity references and external DTDs are refused within a second", arguments: refusedFiles)
    func refused(file: String) throws {
        let started = ContinuousClock.now
        let error = #expect(throws: XMLReadError.self) {
            try XMLFixtures.records(XMLFixtures.path(file), record: "billion", paths: ["."])
        }
        #expect(ContinuousClock.now - started < .seconds(1))
        guard case .refused(_, let line, let column, let reason)? = error else {
            Issue.record("\(file): expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(line >= 1 && column >= 1)
        #expect(reason.contains("entit") || reason.contains("DTD"))
        #expect(error?.category == .data)
        #expect(error?.description.contains("refused") == true)
    }

    @Test("Plain documents with comments, processing instructions and namespaces are read",
          arguments: ["simple.xml", "simple-ns.xml"])
    func simpleDocuments(file: String) throws {
        let records = try XMLFixtures.records(XMLFixtures.path("hostile/defusedxml/\(file)"), record: "element", paths: ["@key", "."])
        #expect(records.map(\.values) == [["value", "text"], [nil, "text"]])
    }

    @Test("A DOCTYPE with element declarations and no entities is read")
    func elementDeclarations() throws {
        let records = try XMLFixtures.records(XMLFixtures.path("hostile/defusedxml/dtd_element.xml"), record: "node", paths: ["."])
        #expect(records.map(\.values) == [["A test"]])
    }

    @Test("Undeclared entity references are refused, in text and in attributes",
          arguments: ["undeclared-entity.xml", "entity-in-attribute.xml"])
    func undeclaredReferences(file: String) throws {
        let error = #expect(throws: XMLReadError.self) {
            try XMLFixtures.records(XMLFixtures.path("handmade/\(file)"), record: "Fravaer", paths: ["@eining", "."])
        }
        guard case .refused(_, let line, _, let reason)? = error else { Issue.record("expected a refusal"); return }
        #expect(line == 1)
        #expect(reason.contains("&nbsp;") || reason.contains("&x;"))
    }

    @Test("No local file is opened: an entity or DTD naming a FIFO would block forever", .timeLimit(.minutes(1)))
    func noLocalFileIsRead() throws {
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("trap").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let documents = [
            "<!DOCTYPE r [<!ENTITY e SYSTEM \"file://\(fifo)\">]>\n<r>&e;</r>\n",
            "<!DOCTYPE r [<!ENTITY % p SYSTEM \"\(fifo)\"> %p;]>\n<r/>\n",
            "<!DOCTYPE r SYSTEM \"\(fifo)\">\n<r>&e;</r>\n",
            "<!DOCTYPE r PUBLIC \"-//trap//EN\" \"file://\(fifo)\">\n<r/>\n",
        ]
        for (index, document) in documents.enumerated() {
            let file = directory.appendingPathComponent("doc\(index).xml")
            try document.write(to: file, atomically: false, encoding: .utf8)
            let error = #expect(throws: XMLReadError.self) { try XMLFixtures.records(file.path, record: "r", paths: ["."]) }
            guard case .refused? = error else { Issue.record("document \(index): expected a refusal, got \(String(describing: error))"); continue }
        }
    }

    @Test("No network request is made for external entities or DTDs")
    func noNetworkRequest() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(listener, raw, length) == 0 && listen(listener, 8) == 0 && getsockname(listener, raw, &length) == 0
            }
        }
        #expect(bound)
        let port = UInt16(bigEndian: address.sin_port)
        let directory = try XMLFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let documents = [
            "<!DOCTYPE r [<!ENTITY e SYSTEM \"http://127.0.0.1:\(port)/entity\">]>\n<r>&e;</r>\n",
            "<!DOCTYPE r SYSTEM \"http://127.0.0.1:\(port)/dtd\">\n<r/>\n",
            "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:\(port)/parameter\"> %p;]>\n<r/>\n",
        ]
        for (index, document) in documents.enumerated() {
            let file = directory.appendingPathComponent("net\(index).xml")
            try document.write(to: file, atomically: false, encoding: .utf8)
            #expect(throws: XMLReadError.self) { try XMLFixtures.records(file.path, record: "r", paths: ["."]) }
        }
        _ = fcntl(listener, F_SETFL, O_NONBLOCK)
        let connection = accept(listener, nil, nil)
        let acceptError = errno
        if connection >= 0 { close(connection) }
        #expect(connection < 0 && (acceptError == EAGAIN || acceptError == EWOULDBLOCK), "something connected to the listener")
    }
}

@Suite("KOSTRA test files as XML input")
struct XMLKostraTests {
    @Test("Binary junk fails with libxml2's message at 1:1")
    func junk() throws {
        let error = #expect(throws: XMLReadError.self) {
            try XMLFixtures.records(XMLFixtures.path("kostra/15F_Testfil_00_Junk.dat"), record: "Individ", paths: ["@Id"])
        }
        guard case .malformed(_, let line, let column, let message)? = error else { Issue.record("expected malformed"); return }
        #expect(line == 1 && column == 1)
        #expect(message.contains("Start tag expected"))
        #expect(error?.description.contains("15F_Testfil_00_Junk.dat:1:1: malformed XML") == true)
    }

    @Test("An empty file fails as an empty document")
    func blank() throws {
        let error = #expect(throws: XMLReadError.self) {
            try XMLFixtures.records(XMLFixtures.path("kostra/15F_Testfil_00_Blank.txt"), record: "Individ", paths: ["@Id"])
        }
        guard case .malformed(_, let line, _, let message)? = error else { Issue.record("expected malformed"); return }
        #expect(line == 1)
        #expect(message.contains("empty"))
    }

    @Test("The 'invalid' file is well-formed; its empty attributes come back empty for the import to reject")
    func schemaInvalid() throws {
        let records = try XMLFixtures.records(XMLFixtures.path("kostra/15F_Testfil_01_FEIL_2020_15F_ugyldig_xml.xml"),
                                              record: "Individ", paths: ["@Id", "@StartDato", "ancestor::Barnevern/@x"])
        #expect(records.map(\.values) == [["", "", nil]])
        #expect(records.map(\.position) == [XMLRecordPosition(line: 4, column: 5)])
    }

    @Test("The valid ISO-8859-1 file is read")
    func valid() throws {
        let path = XMLFixtures.path("kostra/15F_Testfil_21_OK_2020_15F_for_3401.xml")
        let records = try XMLFixtures.records(path, record: "Melder", paths: ["@Kode", "ancestor::Melding/@Id", "ancestor::Individ/@Id"])
        #expect(records.count > 10)
        #expect(records.first?.values == ["1", "M1", "i1"])
        let text = try String(contentsOfFile: path, encoding: .isoLatin1)
        #expect(records.map(\.position) == XMLFixtures.startTags(of: "Melder", in: text))
    }
}
