@testable import GevinstPublish
import Testing

@Suite("Published tables")
struct PublishedTablesTests {
    @Test("the order of a first publish names published tables, each once")
    func usuallyBiggest() {
        let names = PublishedTable.all.map(\.name)
        #expect(PublishedTable.usuallyBiggest.allSatisfy(names.contains))
        #expect(Set(PublishedTable.usuallyBiggest).count == PublishedTable.usuallyBiggest.count)
    }
}
