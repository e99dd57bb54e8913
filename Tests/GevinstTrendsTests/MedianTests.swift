import GevinstCore
@testable import GevinstTrends
import Testing

@Suite struct MedianTests {
    /// Deterministic pseudo-random values with many ties (values drawn from `distinct` levels).
    private func values(count: Int, distinct: UInt64, seed: UInt64) -> [Double] {
        var state = seed
        return (0 ..< count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double((state >> 33) % distinct) - Double(distinct / 2)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 10, 11, 100, 101, 1000, 4097])
    func medianEqualsTheSortedMedian(count: Int) {
        for distinct: UInt64 in [1, 2, 3, 50, 1 << 30] {
            var data = values(count: count, distinct: distinct, seed: UInt64(count) &* distinct)
            let sorted = data.sorted()
            let expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
            #expect(data.withUnsafeMutableBufferPointer { selectMedian($0) } == expected, "n \(count), \(distinct) levels")
        }
    }

    @Test func selectPlacesEveryRank() {
        let data = values(count: 257, distinct: 20, seed: 7)
        let sorted = data.sorted()
        for k in data.indices {
            var copy = data
            let selected = copy.withUnsafeMutableBufferPointer { select(k, in: $0) }
            #expect(selected == sorted[k])
            #expect(copy[..<k].allSatisfy { $0 <= selected } && copy[k...].allSatisfy { $0 >= selected })
        }
    }

    @Test func sortedAndReversedInputs() {
        for data in [(0 ..< 1000).map(Double.init), (0 ..< 1000).reversed().map(Double.init)] {
            var copy = data
            #expect(copy.withUnsafeMutableBufferPointer { selectMedian($0) } == 499.5)
        }
    }
}
