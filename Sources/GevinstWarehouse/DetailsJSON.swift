import Foundation

/// Encodes a finding's details as a JSON object with sorted keys, byte for byte as
/// `JSONSerialization` with `.sortedKeys` writes it (`/` escaped as `\/`, other control characters
/// as lowercase `\u00xx`, non-ASCII as is), without its cost per object (a tenth of the gains stage).
/// `JSONSerialization` sorts keys by a locale's collation (case-insensitive, numeric); for keys of
/// lowercase ASCII letters and `_` alone, as the stages name them, that order is byte order, so
/// other keys go through `JSONSerialization` itself.
enum DetailsJSON {
    static func encode(_ details: [String: String]) throws -> String {
        guard details.keys.allSatisfy(isPlainKey) else {
            let data = try JSONSerialization.data(withJSONObject: details, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in details.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendString(details[key]!, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a key is one whose collation order is its byte order: `[a-z_]+`.
    static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "_") }
    }

    private static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "b"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0C: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "f"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)]); bytes.append(hex[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
