extension StringProtocol {
    /// Whether the text is empty or only white space. Checks bytes first: grapheme-by-grapheme
    /// iteration is slow, and intake checks every text field of every request. The bytes are read
    /// in place where the string has them contiguous (the view's iterator cost more than the
    /// check, which usually ends at the first byte).
    package var isBlank: Bool {
        let blankness = utf8.withContiguousStorageIfAvailable { Self.blankness(of: $0) } ?? Self.blankness(of: utf8)
        return blankness ?? allSatisfy(\.isWhitespace)
    }

    /// Whether `bytes` are all ASCII white space; `nil` when a byte beyond ASCII comes before any
    /// other byte that settles it.
    private static func blankness(of bytes: some Sequence<UInt8>) -> Bool? {
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: continue
            case 0x80...: return nil
            default: return false
            }
        }
        return true
    }
}
