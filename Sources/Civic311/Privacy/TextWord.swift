/// A word of text for the name rule: letters (any script), digits, `_` and inner apostrophes.
struct TextWord {
    /// Where the whole word ends.
    let end: Int
    /// The word without a possessive `'s` or `’s`.
    let stem: Range<Int>

    /// The word starting at `index`, or `nil` when no word starts there.
    init?(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) {
        guard ASCII.wordCharacterLength(bytes, at: index) > 0, !ASCII.isApostrophe(bytes, at: index) else {
            return nil
        }
        var position = index
        while position < bytes.count {
            let length = ASCII.wordCharacterLength(bytes, at: position)
            guard length > 0 else { break }
            // An apostrophe belongs to the word only between two letters: "O'Brien", "Rivera's".
            if ASCII.isApostrophe(bytes, at: position) {
                let after = position + length
                guard after < bytes.count, ASCII.wordCharacterLength(bytes, at: after) > 0,
                    !ASCII.isApostrophe(bytes, at: after)
                else { break }
            }
            position += length
        }
        end = position
        var stemEnd = position
        if position - index > 2, ASCII.folded(bytes[position - 1]) == UInt8(ascii: "s") {
            if bytes[position - 2] == UInt8(ascii: "'") {
                stemEnd = position - 2
            } else if position - index > 4, ASCII.isApostrophe(bytes, at: position - 4) {
                stemEnd = position - 4
            }
        }
        stem = index..<stemEnd
    }

    /// Written as a name is: the first letter a capital (ASCII or Latin-1), which also covers
    /// all capitals.
    func isCapitalized(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = bytes[stem.lowerBound]
        if first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") { return true }
        guard first == 0xC3, stem.lowerBound + 1 < bytes.count else { return false }
        let second = bytes[stem.lowerBound + 1]
        return second >= 0x80 && second <= 0x9E && second != 0x97
    }
}
