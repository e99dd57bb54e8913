import Foundation
import Testing
import GevinstCore
@testable import GevinstImport

/// The `org_units` register: aliases split and trimmed, and codes or aliases that would make two
/// units of one name rejected with their line and reason.
@Suite struct OrgUnitImportTests {
    private func row(_ values: [String: String]) -> MappedRow {
        MappedRow(line: 2, column: nil, values: InputKind.orgUnits.fields.map { values[$0] }, text: { "" })
    }

    @Test func aliasesAreSplitOnSemicolonsTrimmedAndWithoutRepeatsOrTheUnitsOwnCode() {
        let interpreter = RowInterpreter(kind: .orgUnits, mark: .comma, missing: .defaults)
        let outcome = interpreter.orgUnit(row(["org_unit": "RAD", "name": "Rådhuset", "aliases": " Rådhuset ;RAD; 120;;Rådhuset\u{A0}"]))
        guard case .row(let unit) = outcome else { Issue.record("\(outcome)"); return }
        #expect(unit == OrgUnitRow(orgUnit: "RAD", name: "Rådhuset", parent: nil, aliases: ["Rådhuset", "120"]))
        guard case .rejected(let noName) = interpreter.orgUnit(row(["org_unit": "RAD"])) else {
            Issue.record("a unit without a name was accepted"); return
        }
        #expect(noName.kind == .requiredEmpty && noName.field == "name")
        guard case .rejected(let ownParent) = interpreter.orgUnit(row(["org_unit": "RAD", "name": "R", "parent": "RAD"])) else {
            Issue.record("a unit that is its own parent was accepted"); return
        }
        #expect(ownParent.kind == .orgUnitConflict && ownParent.field == "parent")
    }

    @Test func aDuplicateCodeAnAliasOfTwoUnitsAndACodeThatIsAnotherUnitsAliasAreRejectedWithLineAndReason() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("einingar.csv", """
            eining;namn;overordna;alias
            4699;Havbrekk kommune;;
            RAD;Rådhuset;4699;"Rådhuset;Sentraladministrasjonen"
            TEK;Teknisk eining;4699;Rådhuset
            RAD;Rådhuset igjen;;
            Rådhuset;Rådhuset;;
            HN;Heimetenesta Nord;4699;4699
            BHG;Barnehagane;4699;"Barnehagane;BHG"
            """)
        let source = csvSource(.orgUnits, path: path, fields: ["org_unit": "eining", "name": "namn", "parent": "overordna", "aliases": "alias"])
        let (counts, _) = try store.load(source, path: path)
        #expect(counts == FileCounts(read: 7, loaded: 3, missing: 0, collapsed: 0, rejected: 4))
        #expect(try store.rows("SELECT org_unit, name, parent FROM org_units ORDER BY org_unit") == [
            ["\"4699\"", "\"Havbrekk kommune\"", nil], ["\"BHG\"", "\"Barnehagane\"", "\"4699\""], ["\"RAD\"", "\"Rådhuset\"", "\"4699\""],
        ])
        #expect(try store.rows("SELECT code, org_unit, name FROM org_unit_codes ORDER BY code") == [
            ["\"4699\"", "\"4699\"", "\"Havbrekk kommune\""], ["\"BHG\"", "\"BHG\"", "\"Barnehagane\""],
            ["\"Barnehagane\"", "\"BHG\"", "\"Barnehagane\""], ["\"RAD\"", "\"RAD\"", "\"Rådhuset\""],
            ["\"Rådhuset\"", "\"RAD\"", "\"Rådhuset\""], ["\"Sentraladministrasjonen\"", "\"RAD\"", "\"Rådhuset\""],
        ])
        #expect(try store.rows("SELECT line, field, kind, reason FROM rejects ORDER BY line") == [
            ["4", "\"aliases\"", "\"org_unit_conflict\"", "\"the alias Rådhuset already stands for the org unit RAD (line 3)\""],
            ["5", nil, "\"duplicate_key\"", "\"duplicate org unit RAD; the first is on line 3\""],
            ["6", "\"org_unit\"", "\"org_unit_conflict\"", "\"Rådhuset is already an alias of the org unit RAD (line 3)\""],
            ["7", "\"aliases\"", "\"org_unit_conflict\"", "\"the alias 4699 already stands for the org unit 4699 (line 2)\""],
        ])
    }

    @Test func aLaterFilesUnitReplacesTheAliasesOfTheSameCodeAndAConflictWithAnEarlierImportIsNamed() throws {
        let store = try ImportWarehouse()
        let fields = ["org_unit": "eining", "name": "namn", "aliases": "alias"]
        let first = try store.directory.file("a.csv", "eining;namn;alias\nHN;Heimetenesta Nord;Nord\nRAD;Rådhuset;\"Rådhuset;Adm\"\n")
        _ = try store.load(csvSource(.orgUnits, path: first, fields: fields), path: first)
        let second = try store.directory.file("b.csv", "eining;namn;alias\nRAD;Rådhus;Rådhuset\nTEK;Teknisk;Adm\nSKU;Skulane;RAD\nBHG;Barnehagane;Nord\n")
        let (counts, _) = try store.load(csvSource(.orgUnits, path: second, fields: fields), path: second)
        #expect(counts.loaded == 2 && counts.rejected == 2)
        #expect(try store.rows("SELECT code, org_unit, name FROM org_unit_codes ORDER BY code") == [
            ["\"Adm\"", "\"TEK\"", "\"Teknisk\""], ["\"HN\"", "\"HN\"", "\"Heimetenesta Nord\""],
            ["\"Nord\"", "\"HN\"", "\"Heimetenesta Nord\""], ["\"RAD\"", "\"RAD\"", "\"Rådhus\""], ["\"Rådhuset\"", "\"RAD\"", "\"Rådhus\""],
            ["\"TEK\"", "\"TEK\"", "\"Teknisk\""],
        ])
        #expect(try store.rows("SELECT line, reason FROM rejects ORDER BY line") == [
            ["4", "\"the alias RAD already stands for the org unit RAD (line 2)\""],
            ["5", "\"the alias Nord already stands for the org unit HN (from an earlier import)\""],
        ])
    }

    @Test func anXMLRegisterOfOrgUnitsLoadsLikeACSVOne() throws {
        let store = try ImportWarehouse()
        let path = try store.directory.file("einingar.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Einingar>
              <Eining kode="RAD"><Namn>Rådhuset</Namn><Alias>Rådhuset; 120</Alias></Eining>
              <Eining kode="TEK"><Namn>Teknisk eining</Namn><Overordna>RAD</Overordna></Eining>
            </Einingar>
            """)
        let source = Source(id: "einingar", kind: .orgUnits, format: .xml, path: path,
                            fields: ["org_unit": "@kode", "name": "Namn", "parent": "Overordna", "aliases": "Alias"], record: "Eining")
        let (counts, _) = try store.load(source, path: path)
        #expect(counts == FileCounts(read: 2, loaded: 2, missing: 0, collapsed: 0, rejected: 0))
        #expect(try store.rows("SELECT o.org_unit, o.parent, group_concat(a.alias) FROM org_units AS o LEFT JOIN org_unit_aliases AS a USING (org_unit) GROUP BY o.org_unit ORDER BY o.org_unit") == [
            ["\"RAD\"", nil, "\"Rådhuset,120\""], ["\"TEK\"", "\"RAD\"", nil],
        ])
    }
}
