extension StringProtocol {
    /// Whether the text is empty or only white space. Checks bytes first: grapheme-by-grapheme
    /// iteration is slow, and intake checks every text field of every request.
    package var isBlank: Bool {
        for byte in utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: continue
            case 0x80...: return allSatisfy(\.isWhitespace)
            default: return false
            }
        }
        return true
    }
}
