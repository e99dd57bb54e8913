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
        utf8.elementsEqual(other.utf8)
    }
}

extension GainType {
    /// The gain types in the order SQLite sorts their names, the order of every output table's key.
    static let inTableOrder: [GainType] = allCases.sorted { $0.rawValue.precedesInBinaryOrder($1.rawValue) }
}
