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
}
