extension String {
    /// Without surrounding spaces, tabs, line breaks and U+00A0 (SPEC §4).
    public var trimmingSpaces: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return "" }
        // Most values have nothing to trim.
        if !isTrimmableByte(first), first != 0xC2, !isTrimmableByte(last), last != 0xA0 { return self }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isTrimmable }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isTrimmable })!
        return String(scalars[start...end])
    }
}

extension String {
    /// At most 80 characters of an input's content, for a message: errors, rejects' reasons and
    /// findings never quote more of a file than this.
    public var excerpt: String {
        guard let end = index(startIndex, offsetBy: 79, limitedBy: endIndex), end != endIndex,
              index(after: end) != endIndex else { return self }
        return self[..<end] + "…"
    }
}

extension Substring {
    /// Without surrounding spaces, tabs, line breaks and U+00A0 (SPEC §4).
    public var trimmingSpaces: String { String(self).trimmingSpaces }
}

@inline(__always) func isTrimmableByte(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}

extension Unicode.Scalar {
    var isTrimmable: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0D, 0xA0: true
        default: false
        }
    }
}

/// Trims spaces, tabs, line breaks and U+00A0 (C2 A0) from both ends of UTF-8 bytes.
public func trimmedSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0, end = bytes.count
    while start < end {
        let b = bytes[start]
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { start += 1 }
        else if b == 0xC2, start + 1 < end, bytes[start + 1] == 0xA0 { start += 2 }
        else { break }
    }
    while end > start {
        let b = bytes[end - 1]
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { end -= 1 }
        else if b == 0xA0, end - 2 >= start, bytes[end - 2] == 0xC2 { end -= 2 }
        else { break }
    }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
}
