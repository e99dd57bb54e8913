import Foundation
import GevinstCore

/// SQLite compares TEXT with its BINARY collation, byte by byte in UTF-8. Swift's `String`
/// comparison and equality follow Unicode canonical equivalence instead, so the merge of tables
/// read in key order compares the bytes, as SQLite does.
extension String {
    /// Whether this string sorts before `other` in SQLite's BINARY order.
    func precedesInBinaryOrder(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// Whether the two strings have the same UTF-8 bytes.
    func equalsInBinary(_ other: String) -> Bool {
        var other = other
        return other.withUTF8 { equalsInBinary($0) }
    }

    /// Whether the string's UTF-8 bytes are `bytes`.
    func equalsInBinary(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var copy = self
        return copy.withUTF8 { own in
            own.count == bytes.count && (own.isEmpty || memcmp(own.baseAddress!, bytes.baseAddress!, own.count) == 0)
        }
    }
}

extension GainType {
    /// The gain types in the order SQLite sorts their names, the order of every output table's key.
    static let inTableOrder: [GainType] = allCases.sorted { $0.rawValue.precedesInBinaryOrder($1.rawValue) }

    /// The position in `inTableOrder`, for arrays with one value per gain type.
    var tableIndex: Int { GainType.inTableOrder.firstIndex(of: self)! }
}
