/// An address generalised to its block, for ``LocationPublishing/block``: "1234 Oak St, Apt 5"
/// becomes "1200 block of Oak St".
///
/// The house number (with a letter, a fraction or a range: "12B", "12 1/2", "12-14") becomes its
/// hundred block; everything from the first comma, semicolon, `#`, `(` or unit word ("Apt",
/// "Unit", "Suite", "Floor", "Room", "Bldg", "c/o") on is dropped, since it names a household or a
/// person rather than a street. An address without a house number (an intersection, a landmark)
/// keeps its street part only, cut the same way.
enum BlockAddress {
    static func generalising(_ address: String) -> String? {
        var bytes = Array(address.utf8)
        var index = 0
        skipSpaces(bytes, &index)
        var houseNumber: Int?
        if index < bytes.count, isDigit(bytes[index]), !startsOrdinal(bytes, at: index) {
            var number = 0
            while index < bytes.count, isDigit(bytes[index]) {
                // Capped: a run of digits longer than any house number stays a big number.
                number = min(number * 10 + Int(bytes[index] - 0x30), 1_000_000_000)
                index += 1
            }
            houseNumber = number
            // A letter glued to the number ("12B"), a range ("12-14") or a fraction ("12 1/2").
            while index < bytes.count,
                isLetter(bytes[index]) && (index + 1 == bytes.count || !isLetter(bytes[index + 1]))
                    || bytes[index] == 0x2D || bytes[index] == 0x2F || isDigit(bytes[index])
            {
                index += 1
            }
            var lookahead = index
            skipSpaces(bytes, &lookahead)
            if lookahead + 2 < bytes.count, isDigit(bytes[lookahead]), bytes[lookahead + 1] == 0x2F,
                isDigit(bytes[lookahead + 2])
            {
                index = lookahead + 3
            }
        }
        let streetStart = index
        var end = streetStart
        while end < bytes.count, !endsStreet(bytes, at: end, streetStart: streetStart) { end += 1 }
        bytes = Array(bytes[streetStart..<end])
        var street = String(decoding: bytes, as: UTF8.self)
        street = trimmed(street)
        guard !street.isEmpty else { return nil }
        guard let houseNumber else { return street }
        return "\(houseNumber / 100 * 100) block of \(street)"
    }

    private static let unitWords: [String] = [
        "apt", "apartment", "unit", "suite", "ste", "floor", "fl", "room", "rm", "bldg", "building", "c/o", "attn",
    ]

    /// Whether the digits at `index` are an ordinal street name ("5th Ave", "21st St"), not a
    /// house number.
    private static func startsOrdinal(_ bytes: [UInt8], at index: Int) -> Bool {
        var end = index
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        guard end + 1 < bytes.count else { return false }
        let suffix = String(decoding: bytes[end..<end + 2], as: UTF8.self).lowercased()
        guard ["st", "nd", "rd", "th"].contains(suffix) else { return false }
        return end + 2 == bytes.count || !isLetter(bytes[end + 2])
    }

    /// Whether the street part ends at `index`: a separator, or a unit word starting a word there.
    private static func endsStreet(_ bytes: [UInt8], at index: Int, streetStart: Int) -> Bool {
        switch bytes[index] {
        case 0x2C, 0x3B, 0x23, 0x28, 0x0A, 0x0D: return true
        default: break
        }
        guard index > streetStart, bytes[index - 1] == 0x20, isLetter(bytes[index]) else { return false }
        var wordEnd = index
        while wordEnd < bytes.count, isLetter(bytes[wordEnd]) || bytes[wordEnd] == 0x2F { wordEnd += 1 }
        let word = String(decoding: bytes[index..<wordEnd], as: UTF8.self).lowercased()
        let trimmedWord = word.hasSuffix(".") ? String(word.dropLast()) : word
        return unitWords.contains(trimmedWord)
    }

    private static func trimmed(_ text: String) -> String {
        var result = Substring(text)
        while let first = result.first, first == " " || first == "-" || first == "," { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "-" || last == "," || last == "." {
            result = result.dropLast()
        }
        return String(result)
    }

    private static func skipSpaces(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
}
