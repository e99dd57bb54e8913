import GevinstCore
import Testing

/// Polarity, aggregation and frequency take Norwegian words as status and gain type do.
@Suite("Vocabulary: aliases of polarity, aggregation and frequency")
struct VocabularyAliasTests {
    @Test("Norwegian aliases, in any case", arguments: [
        ("Høgare", Polarity.higherIsBetter), ("høyere", .higherIsBetter), ("STIGANDE", .higherIsBetter),
        ("lågare", .lowerIsBetter), ("Lavere", .lowerIsBetter), ("synkende", .lowerIsBetter), ("ingen", .neutral),
    ])
    func polarity(word: String, expected: Polarity) {
        #expect(Polarity(name: word) == expected)
    }

    @Test("aggregation aliases", arguments: [("summert", Aggregation.sum), ("Middel", .mean), ("sist", .last), ("siste verdi", .last)])
    func aggregation(word: String, expected: Aggregation) {
        #expect(Aggregation(name: word) == expected)
    }

    @Test("frequency aliases", arguments: [("månadleg", PeriodKind.month), ("Månedlig", .month), ("mnd", .month),
                                           ("kvartalsvis", .quarter), ("årleg", .year), ("Årlig", .year)])
    func frequency(word: String, expected: PeriodKind) {
        #expect(PeriodKind(name: word) == expected)
    }

    @Test("no word names two values")
    func unambiguous() {
        func check<T: NamedValue>(_ type: T.Type) {
            let words = T.allCases.flatMap { [$0.name.lowercased()] + $0.aliases.map { $0.lowercased() } }
            let owners = Dictionary(grouping: T.allCases.flatMap { value in
                Set([value.name.lowercased()] + value.aliases.map { $0.lowercased() }).map { ($0, value) }
            }, by: \.0)
            #expect(owners.allSatisfy { $0.value.count == 1 }, "\(T.self): \(words)")
        }
        check(Polarity.self)
        check(Aggregation.self)
        check(PeriodKind.self)
        check(GainType.self)
        check(InitiativeStatus.self)
    }
}
