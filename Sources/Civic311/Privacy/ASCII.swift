/// Byte classes for scanning UTF-8 text without decoding it.
enum ASCII {
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let at = UInt8(ascii: "@")
    static let space = UInt8(ascii: " ")
    static let period = UInt8(ascii: ".")
    static let colon = UInt8(ascii: ":")
    static let hyphen = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let slash = UInt8(ascii: "/")
    static let openParenthesis = UInt8(ascii: "(")
    static let closeParenthesis = UInt8(ascii: ")")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")

    /// The byte in lowercase, if it is an ASCII capital.
    @inline(__always) static func folded(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Space, tab, line feed, carriage return, vertical tab, form feed.
    static func isWhiteSpace(_ byte: UInt8) -> Bool { byte == space || (0x09...0x0D).contains(byte) }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }

    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }

    static func isOpeningBracket(_ byte: UInt8) -> Bool {
        byte == openBracket || byte == openParenthesis || byte == openBrace
    }

    /// What an e-mail address's local part is made of, in practice.
    static func isLocalPart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "-"),
            UInt8(ascii: "'"):
            true
        default: isAlphanumeric(byte) || byte >= 0x80
        }
    }

    /// What a domain label is made of (internationalized labels included).
    static func isDomain(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == hyphen || byte >= 0x80 }

    /// What may stand between the digit groups of a phone number.
    static func isNumberSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case space, hyphen, period, openParenthesis, closeParenthesis, slash: true
        default: false
        }
    }

    /// Bytes that make digits after them part of a code or a URL rather than a phone number.
    static func isWordGlue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "&"), UInt8(ascii: "?"),
            UInt8(ascii: "%"):
            true
        default: isAlphanumeric(byte)
        }
    }

    /// The length of the character starting at `index` (1 for a stray continuation byte), never
    /// past the end.
    static func characterLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        let length =
            switch byte {
            case 0xF0...: 4
            case 0xE0...: 3
            case 0xC0...: 2
            default: 1
            }
        return min(length, bytes.count - index)
    }

    /// The length of the character at `index` if it belongs in a word (a letter of any script, a
    /// digit, `_`, an apostrophe), else 0. Punctuation outside ASCII ends a word: curly quotes,
    /// dashes, non-breaking spaces, guillemets.
    static func wordCharacterLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 {
            return isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "'") ? 1 : 0
        }
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        switch byte {
        case 0xC2 where next >= 0xA0:
            return 0  // U+00A0…U+00BF: no-break space, ¡, «, », ¿ …
        case 0xE2 where next == 0x80:
            // U+2000…U+203F, general punctuation: only the right single quote is an apostrophe.
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            return third == 0x99 ? characterLength(bytes, at: index) : 0
        case 0xE3 where next == 0x80:
            return 0  // CJK punctuation
        case 0x80...0xBF:
            return 0  // a stray continuation byte
        default:
            return characterLength(bytes, at: index)
        }
    }

    /// `'` or `’`.
    static func isApostrophe(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        if bytes[index] == UInt8(ascii: "'") { return true }
        return bytes[index] == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x99
    }
}
