import GevinstCore

/// One accounting form (skjema) of Statistics Norway's file description for KOSTRA accounts,
/// with the account classes its lines may carry.
struct KOSTRAForm: Sendable, Hashable {
    /// `0A`, `0B`, …
    let code: String
    let title: String
    /// The kontoklasse bytes the form allows, each with what it holds.
    let accountClasses: [KOSTRAAccountClass]
    /// True for appropriation accounts (bevilgningsregnskap): positions 33–36 hold a funksjon and
    /// 37–39 an art. Otherwise (balance and result accounts) they hold a kapittel and a sektor.
    let isAppropriation: Bool

    func allows(_ accountClass: UInt8) -> Bool { accountClasses.contains { $0.code == accountClass } }

    /// The account class codes of `kind` in this form (none when the form has no such accounts).
    func accountClasses(of kind: KOSTRAAccountKind) -> [UInt8] {
        accountClasses.filter { $0.kind == kind }.map(\.code)
    }

    /// The form whose code is `bytes` (two ASCII characters), or nil.
    static func named(_ bytes: some Collection<UInt8>) -> KOSTRAForm? {
        let code = String(decoding: bytes, as: UTF8.self)
        return all.first { $0.code == code }
    }

    /// The forms of `file_description_Regnskap.yaml`; account classes per form as
    /// kostra-kontrollprogram's `RegnskapConstants` assigns them (municipal and county treasuries
    /// 1/0/2, church, special-purpose and consolidated accounts 3/4/5, health trusts blank).
    static let all: [KOSTRAForm] = [
        appropriation("0A", "Bevilgningsregnskap kommunekasse", drift: "1", investering: "0"),
        balance("0B", "Balanse kommunekasse", "2"),
        appropriation("0C", "Bevilgningsregnskap fylkeskasse", drift: "1", investering: "0"),
        balance("0D", "Balanse fylkeskasse", "2"),
        appropriation("0F", "Bevilgningsregnskap for kirkelig fellesråd", drift: "3", investering: "4"),
        balance("0G", "Balanseregnskap for kirkelig fellesråd", "5"),
        appropriation("0I", "Bevilgningsregnskap kommunale særbedrifter og lånefond", drift: "3", investering: "4"),
        balance("0J", "Balanse kommunale særbedrifter og lånefond", "5"),
        appropriation("0K", "Bevilgningsregnskap fylkeskommunale særbedrifter og lånefond", drift: "3", investering: "4"),
        balance("0L", "Balanse fylkeskommunale særbedrifter og lånefond", "5"),
        appropriation("0M", "Konsolidert bevilgningsregnskap kommuner", drift: "3", investering: "4"),
        balance("0N", "Konsolidert balanse kommuner", "5"),
        appropriation("0P", "Konsolidert bevilgningsregnskap fylkeskommuner", drift: "3", investering: "4"),
        balance("0Q", "Konsolidert balanse fylkeskommuner", "5"),
        // A health trust's result account is its operations; its kontoklasse is blank.
        KOSTRAForm(code: "0X", title: "Resultatrekneskap helseforetak",
                   accountClasses: [KOSTRAAccountClass(code: UInt8(ascii: " "), kind: .drift)], isAppropriation: false),
        balance("0Y", "Balanse helseforetak", " "),
    ]

    private static func appropriation(_ code: String, _ title: String, drift: Unicode.Scalar, investering: Unicode.Scalar) -> KOSTRAForm {
        KOSTRAForm(code: code, title: title,
                   accountClasses: [KOSTRAAccountClass(code: UInt8(ascii: drift), kind: .drift),
                                    KOSTRAAccountClass(code: UInt8(ascii: investering), kind: .investering)],
                   isAppropriation: true)
    }

    private static func balance(_ code: String, _ title: String, _ accountClass: Unicode.Scalar) -> KOSTRAForm {
        KOSTRAForm(code: code, title: title, accountClasses: [KOSTRAAccountClass(code: UInt8(ascii: accountClass), kind: .balanse)],
                   isAppropriation: false)
    }
}

/// One kontoklasse a form allows.
struct KOSTRAAccountClass: Sendable, Hashable {
    /// The byte in position 32.
    let code: UInt8
    let kind: KOSTRAAccountKind
}
