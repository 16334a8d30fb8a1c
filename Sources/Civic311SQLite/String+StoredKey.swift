import Foundation

extension String {
    /// The form identifiers are stored and compared in: Unicode NFC.
    ///
    /// Swift compares strings by canonical equivalence ("é" precomposed equals "e" plus a
    /// combining accent), and `RequestQuery.matches` compares identifiers that way; SQLite
    /// compares bytes. Storing and binding every identifier column in NFC makes the two agree.
    /// The stored values themselves (in the row bodies) keep their original spelling.
    var storedKey: String {
        utf8.allSatisfy { $0 < 0x80 } ? self : precomposedStringWithCanonicalMapping
    }
}
