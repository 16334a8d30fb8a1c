/// The submitter's own details, prepared once per text for ``PersonalDataFinder``.
struct KnownPersonalData {
    /// The name's bytes and its parts: words of two characters or more, without honorifics and
    /// name particles ("Mr", "de", "van"), which would match ordinary words.
    let nameBytes: [UInt8]
    let nameTokens: [Range<Int>]
    /// The phone number's digits: national (`5550107788`), international without `+`
    /// (`15550107788`, empty when the country is unknown), and local (`0107788`, North American
    /// numbers only).
    let phoneNational: [UInt8]
    let phoneInternational: [UInt8]
    let phoneLocal: [UInt8]
    /// The normalized e-mail address.
    let email: String?

    private static let ignoredNameParts: Set<[UInt8]> = Set(
        [
            "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "jr", "sr", "ii", "iii", "iv", "de", "da",
            "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "dos", "das",
        ].map { Array($0.utf8) }
    )

    init(_ submitter: Submitter) {
        let nameBytes = Array((submitter.name ?? "").utf8)
        var tokens: [Range<Int>] = []
        nameBytes.withUnsafeBufferPointer { name in
            var index = 0
            while index < name.count {
                guard let word = TextWord(in: name, at: index) else {
                    index += ASCII.characterLength(name, at: index)
                    continue
                }
                let range = index..<word.end
                let folded = name[range].map(ASCII.folded)
                if range.count >= 2, !Self.ignoredNameParts.contains(folded) { tokens.append(range) }
                index = word.end
            }
        }
        self.nameBytes = nameBytes
        nameTokens = tokens

        let phone = submitter.phone.flatMap { ContactIdentity(phone: $0) }
        let line = Array((phone?.normalized ?? "").utf8.prefix { $0 != UInt8(ascii: ";") })
        if line.first == ASCII.plus {
            phoneInternational = Array(line.dropFirst())
            let northAmerican = line.count == 12 && line[1] == UInt8(ascii: "1")
            phoneNational = northAmerican ? Array(line.suffix(10)) : phoneInternational
            phoneLocal = northAmerican ? Array(line.suffix(7)) : []
        } else {
            phoneInternational = []
            phoneNational = line
            phoneLocal = []
        }
        email = submitter.email.flatMap { ContactIdentity(email: $0) }?.normalized
    }

    /// The index of the first name part equal to `text[stem]`, ignoring ASCII and Latin-1 case.
    func matches(_ stem: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        nameBytes.withUnsafeBufferPointer { name in
            nameTokens.firstIndex { token in
                guard token.count == stem.count else { return false }
                var previousWasLatin1Lead = false
                for offset in 0..<token.count {
                    let a = text[stem.lowerBound + offset]
                    let b = name[token.lowerBound + offset]
                    defer { previousWasLatin1Lead = a == 0xC3 && b == 0xC3 }
                    if a == b || ASCII.folded(a) == ASCII.folded(b) && a < 0x80 { continue }
                    // À…Þ and à…þ differ by 0x20 in their second byte (× and ÷ excepted).
                    if previousWasLatin1Lead, Self.latin1Folded(a) == Self.latin1Folded(b) { continue }
                    return false
                }
                return true
            }
        }
    }

    private static func latin1Folded(_ byte: UInt8) -> UInt8 {
        byte >= 0x80 && byte <= 0x9E && byte != 0x97 ? byte + 0x20 : byte
    }

    /// Whether `digits` is the submitter's phone number in one of its written forms.
    func isPhone(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        if digits.elementsEqual(phoneNational) || digits.elementsEqual(phoneInternational) { return true }
        if phoneLocal.count == 7, digits.elementsEqual(phoneLocal) { return true }
        // With a country code of one to three digits before the national number.
        if (phoneNational.count + 1...phoneNational.count + 3).contains(digits.count),
            digits.suffix(phoneNational.count).elementsEqual(phoneNational)
        {
            return true
        }
        // With a trunk 0 instead of the country code ("020 7946 0958" for +44 20 7946 0958).
        if digits.first == ASCII.zero, digits.count >= 7, !phoneInternational.isEmpty,
            (phoneInternational.count - 3...phoneInternational.count - 1).contains(digits.count - 1),
            phoneInternational.suffix(digits.count - 1).elementsEqual(digits.dropFirst())
        {
            return true
        }
        return false
    }
}
