import Foundation
import GRDB
import Testing
import GevinstCore
import GevinstWarehouse
@testable import GevinstImport

/// The A3 sheet's inputs (SPEC §13): the initiative's text fields and the `actions` register, from
/// CSV and XML, with Norwegian column names and status words and both date forms.
@Suite struct A3ImportTests {
    /// The Norwegian column names of a municipality's export.
    static let actionColumns = ["initiative": "tiltak", "action": "endringstiltak", "owner": "ansvar", "deadline": "frist",
                                "status": "status", "order": "nr"]

    @Test func actionsFromCSVWithNorwegianStatusesAndBothDateForms() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("tiltak.csv", """
            tiltak;endringstiltak;ansvar;frist;status;nr
            T1;Kartlegge arbeidsflyt;Kari;2025-03-31;ferdig;1
            T1;"Innføre nytt
            vaktsystem";Ola;30.06.2025;Pågår;2
            T1;Evaluere;;;ikkje starta;
            T2;Avslutte pilot;Per;01.12.2025;avbrutt;1
            T1;Kartlegge arbeidsflyt;Kari;2025-04-30;pågår;3
            T2;Rydde;Per;31.02.2025;pågår;2
            T2;Ukjent status;Per;;snart;3

            """)
        let outcome = try store.load(csvSource(.actions, path: path, fields: Self.actionColumns), path: path)
        #expect(outcome.counts.loaded == 4 && outcome.counts.rejected == 3)
        #expect(try texts(store, "SELECT initiative, action, owner, deadline, status, sort_order FROM actions ORDER BY initiative, action") == [
            ["T1", "Evaluere", nil, nil, "not_started", nil],
            ["T1", "Innføre nytt\nvaktsystem", "Ola", "2025-06-30", "in_progress", "2.0"],
            ["T1", "Kartlegge arbeidsflyt", "Kari", "2025-03-31", "done", "1.0"],
            ["T2", "Avslutte pilot", "Per", "2025-12-01", "cancelled", "1.0"],
        ])
        let rejects = try texts(store, #"SELECT line, "column", field, kind, reason, text FROM rejects ORDER BY id"#)
        #expect(rejects.map { $0[0] } == ["7", "8", "9"])
        #expect(rejects[0][3] == RejectKind.duplicateKey.rawValue)
        #expect(rejects[0][4] == "duplicate action T1 → Kartlegge arbeidsflyt; the first is on line 2")
        #expect(rejects[1][2] == "deadline" && rejects[1][3] == RejectKind.invalidDate.rawValue)
        #expect(rejects[2][2] == "status" && rejects[2][3] == RejectKind.unknownName.rawValue)
        // An unknown status lists the accepted words with their Norwegian aliases.
        #expect(rejects[2][4] == "'snart' is not a valid status; use one of: not_started (ikkje starta, ikke startet); "
                + "in_progress (pågår); done (ferdig, fullført); cancelled (avbrote, avbrutt)", "\(rejects[2][4] ?? "")")
    }

    @Test func anActionInTwoFilesOfASourceInModeReplaceIsADuplicate() throws {
        for mode in [ImportMode.replace, .upsert] {
            let store = try ImportWarehouse()
            let first = try store.directory.file("a3-1.csv", "tiltak;endringstiltak;ansvar;frist;status;nr\nT1;Kartlegge;Kari;;pågår;1\n")
            let second = try store.directory.file("a3-2.csv", "tiltak;endringstiltak;ansvar;frist;status;nr\nT1;Kartlegge;Ola;;ferdig;2\nT2;Rydde;Per;;;\n")
            var source = csvSource(.actions, path: store.directory.url.appendingPathComponent("a3-*.csv").path, fields: Self.actionColumns)
            source.mode = mode
            let counts = try store.loadTogether(source, paths: [first, second])
            let owners = try texts(store, "SELECT initiative, owner FROM actions ORDER BY initiative")
            if mode == .replace {
                #expect(counts.map(\.rejected) == [0, 1])
                #expect(owners == [["T1", "Kari"], ["T2", "Per"]])
                #expect(try texts(store, "SELECT line, kind, reason FROM rejects") == [
                    ["2", RejectKind.duplicateKey.rawValue, "duplicate action T1 → Kartlegge; the first is in \(first)"],
                ])
            } else {
                // Each file on its own: the later one's row replaces the earlier one's.
                #expect(counts.map(\.rejected) == [0, 0])
                #expect(owners == [["T1", "Ola"], ["T2", "Per"]])
            }
        }
    }

    @Test func actionsFromXML() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("tiltak.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Tiltaksplan>
              <Tiltak id="T1">
                <Handling nr="1"><Tekst>Kartlegge &amp; måle</Tekst><Ansvar>Kari</Ansvar><Frist>31.03.2025</Frist><Status>fullført</Status></Handling>
                <Handling nr="2"><Tekst>Kartlegge &amp; måle</Tekst><Ansvar>Ola</Ansvar><Frist>2025-06-30</Frist><Status>pågår</Status></Handling>
              </Tiltak>
            </Tiltaksplan>
            """)
        let source = Source(id: "x", kind: .actions, format: .xml, path: path, fields: [
            "initiative": "ancestor::Tiltak/@id", "action": "Tekst", "owner": "Ansvar", "deadline": "Frist", "status": "Status",
            "order": "@nr",
        ], record: "Handling")
        let outcome = try store.load(source, path: path)
        #expect(outcome.counts.loaded == 1 && outcome.counts.rejected == 1)
        #expect(try texts(store, "SELECT initiative, action, owner, deadline, status FROM actions") == [
            ["T1", "Kartlegge & måle", "Kari", "2025-03-31", "done"],
        ])
        #expect(try texts(store, #"SELECT line, "column", field, kind, reason, text FROM rejects ORDER BY id"#).first?[3] == RejectKind.duplicateKey.rawValue)
    }

    @Test func initiativeA3TextKeepsLinesAndAnyCharacters() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("initiativ.csv", """
            tiltak;tittel;begrunnelse;nåsituasjon;rotårsaker;ønsket;måling;a3-dato;versjon
            T1;Robot;"Linje 1
            <b>&amp; ""sitat""</b>";;Mange manuelle steg;;Tal frå KOSTRA;15.01.2025;2
            T2;Pilot;;;;;;2025-13-01;

            """)
        let columns = ["initiative": "tiltak", "title": "tittel", "rationale": "begrunnelse", "current_state": "nåsituasjon",
                       "root_causes": "rotårsaker", "target_state": "ønsket", "measurement_note": "måling", "a3_date": "a3-dato",
                       "a3_version": "versjon"]
        let outcome = try store.load(csvSource(.initiatives, path: path, fields: columns), path: path)
        #expect(outcome.counts.loaded == 1 && outcome.counts.rejected == 1)
        #expect(try texts(store, """
            SELECT rationale, current_state, root_causes, target_state, measurement_note, a3_date, a3_version FROM initiatives
            """) == [["Linje 1\n<b>&amp; \"sitat\"</b>", nil, "Mange manuelle steg", nil, "Tal frå KOSTRA", "2025-01-15", "2"]])
        #expect(try texts(store, #"SELECT line, "column", field, kind, reason, text FROM rejects ORDER BY id"#).first?[2] == "a3_date")
    }
}

/// Every row of a query, each value as plain text (NULL as nil).
private func texts(_ store: ImportWarehouse, _ sql: String) throws -> [[String?]] {
    try store.warehouse.database.read { db in
        try Row.fetchAll(db, sql: sql).map { row in
            row.databaseValues.map { value -> String? in
                switch value.storage {
                case .null: nil
                case .int64(let number): String(number)
                case .double(let number): String(number)
                case .string(let text): text
                case .blob: "blob"
                }
            }
        }
    }
}
