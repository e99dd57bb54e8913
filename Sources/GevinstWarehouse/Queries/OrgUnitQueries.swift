public import GRDB

extension OrgUnitAliasesTable {
    /// The unit whose alias `alias` is; nil when it is no alias.
    public static func orgUnit(ofAlias alias: String, _ db: Database) throws -> String? {
        let statement = try db.cachedStatement(sql: "SELECT \(Column.orgUnit.quoted) FROM \(name) WHERE \(Column.alias.quoted) = ?")
        return try String.fetchOne(statement, arguments: [alias])
    }
}

extension OrgUnitCodesView {
    /// The registered unit that `code` (a unit's own code or an alias) stands for; nil for none.
    public static func orgUnit(ofCode code: String, _ db: Database) throws -> String? {
        let statement = try db.cachedStatement(sql: "SELECT \(Column.orgUnit.quoted) FROM \(name) WHERE \(Column.code.quoted) = ?")
        return try String.fetchOne(statement, arguments: [code])
    }

    /// Every code of a registered unit with the unit it stands for and the unit's name.
    public static func all(_ db: Database) throws -> [(code: String, orgUnit: String, name: String)] {
        try Row.fetchAll(db, sql: selectAll()).map { ($0[Column.code], $0[Column.orgUnit], $0[Column.name]) }
    }
}

/// The codes of each registered org unit (`org_unit_codes`), so that a link finds its series under
/// another code of the same unit: the SAF-T department `RAD` for the HR system's `Rådhuset`.
public struct OrgUnitCodes: Sendable {
    /// The unit each code stands for.
    private var unitOf: [String: String] = [:]
    /// Each unit's codes: its own first, then its aliases in binary order.
    private var codesOf: [String: [String]] = [:]

    public init(_ db: Database) throws {
        for (code, unit, _) in try OrgUnitCodesView.all(db) {
            unitOf[code] = unit
            if code != unit { codesOf[unit, default: []].append(code) }
        }
        for (unit, aliases) in codesOf { codesOf[unit] = [unit] + aliases.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
    }

    /// The unit `code` stands for; the code itself when the register does not know it.
    public func unit(of code: String) -> String { unitOf[code] ?? code }

    /// Every code of `code`'s unit in the order a link looks for its series under them: the unit's
    /// own code first, then its aliases in binary order; just `code` when the register does not know it.
    public func codes(ofUnitOf code: String) -> [String] {
        unitOf[code].flatMap { codesOf[$0] } ?? [code]
    }
}
