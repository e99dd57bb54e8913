import Foundation
@testable import GevinstImport
import Testing

@Suite("XML inspection")
struct XMLInspectorTests {
    @Test("Element and attribute paths by local name, with counts and the first non-empty example")
    func paths() throws {
        let inspection = try XMLInspector.inspect(path: XMLFixtures.path("handmade/namespaces.xml"), relativePath: "hr/namespaces.xml")
        #expect(inspection.file == "hr/namespaces.xml")
        #expect(inspection.encoding == "UTF-8")
        #expect(inspection.complete)
        #expect(inspection.elementsRead == 12)
        #expect(inspection.namespaces == ["urn:example:hr", "urn:example:hr2", "urn:other"])
        #expect(inspection.paths.map { "\($0.count) \($0.path) \($0.example ?? "-")" } == [
            "1 /rapport -",
            "2 /rapport/Eining -",
            "2 /rapport/Eining/@kode 0301",
            "3 /rapport/Eining/Fravaer -",
            "3 /rapport/Eining/Fravaer/@eining A1",
            "3 /rapport/Eining/Fravaer/Periode 2024K1",
            "3 /rapport/Eining/Fravaer/Prosent 5,2",
        ])
    }

    @Test("Reading stops at the element limit")
    func limit() throws {
        let inspection = try XMLInspector.inspect(path: XMLFixtures.path("saft-norway/ExampleFile SAF-T Financial_888888888_20180228235959.xml"), limit: 50)
        #expect(!inspection.complete)
        #expect(inspection.elementsRead == 50)
        #expect(inspection.paths.first?.path == "/AuditFile")
        #expect(inspection.paths.contains { $0.path == "/AuditFile/Header/AuditFileVersion" && $0.example == "1.0" })
    }

    @Test("With a record name, reading stops at the end of the N-th record of that name, whatever comes before it")
    func recordLimit() throws {
        let path = XMLFixtures.path("saft-norway/ExampleFile SAF-T Financial_888888888_20180228235959.xml")
        let inspection = try XMLInspector.inspect(path: path, limit: 3, record: "Transaction")
        #expect(!inspection.complete)
        #expect(inspection.recordsRead == 3)
        #expect(inspection.paths.first { $0.path == "/AuditFile/GeneralLedgerEntries/Journal/Transaction" }?.count == 3)
        #expect(inspection.paths.contains { $0.path.hasPrefix("/AuditFile/MasterFiles/") })
        #expect(inspection.description.contains("elements and 3 records read (stopped at the limit)"))
        // All 53 transactions of the file, when the limit is above them.
        let whole = try XMLInspector.inspect(path: path, limit: 100, record: "Transaction")
        #expect(whole.complete && whole.recordsRead == 53)
    }

    @Test("Text and JSON forms")
    func renderings() throws {
        let inspection = try XMLInspector.inspect(path: XMLFixtures.path("handmade/latin1.xml"), relativePath: "latin1.xml")
        #expect(inspection.description == """
            latin1.xml: ISO-8859-1, 3 elements read (the whole file)
            count  path                   example
                1  /Rapport
                1  /Rapport/Post
                1  /Rapport/Post/@eining  Særskilt øving
                1  /Rapport/Post/@staður  Ål
                1  /Rapport/Post/Tekst    blåbærsyltetøy ÆØÅ
            """)
        let json = try JSONEncoder().encode(inspection)
        #expect(try JSONDecoder().decode(XMLInspection.self, from: json) == inspection)
    }

    @Test("Hostile and malformed files fail as they do for the readers")
    func failures() throws {
        let refused = #expect(throws: XMLReadError.self) { try XMLInspector.inspect(path: XMLFixtures.path("hostile/libxml2-recurse/lol_classic.xml")) }
        guard case .refused? = refused else { Issue.record("expected a refusal"); return }
        let junk = #expect(throws: XMLReadError.self) { try XMLInspector.inspect(path: XMLFixtures.path("kostra/15F_Testfil_00_Junk.dat")) }
        guard case .malformed? = junk else { Issue.record("expected malformed"); return }
    }
}
