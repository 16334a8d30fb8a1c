import Foundation

extension String {
    /// The form identifiers are stored, indexed and compared in: Unicode NFC, with NUL (which
    /// PostgreSQL text cannot hold) and `%` percent-escaped.
    ///
    /// Swift compares strings by canonical equivalence ("é" precomposed equals "e" plus a
    /// combining accent); PostgreSQL compares bytes under the "C" collation. Storing and binding
    /// every key column in this form makes the two agree. The values themselves, in the row
    /// bodies, keep their original spelling.
    var storedKey: String {
        let normalized = utf8.allSatisfy { $0 < 0x80 } ? self : precomposedStringWithCanonicalMapping
        guard normalized.utf8.contains(where: { $0 == 0 || $0 == UInt8(ascii: "%") }) else { return normalized }
        var escaped = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            switch scalar {
            case "%": escaped.append(contentsOf: "%25".unicodeScalars)
            case "\u{0}": escaped.append(contentsOf: "%00".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
