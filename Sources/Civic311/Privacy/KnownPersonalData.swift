/// The submitter's own details, prepared for ``PersonalDataFinder`` once per text. Preparing them
/// is most of the cost of scrubbing with a submitter, so names in ASCII are case-mapped byte by
/// byte, and the phone number is parsed without allocating.
struct KnownPersonalData {
    /// One spelling of one part of the name.
    struct NameForm {
        /// Where its bytes are in ``nameForms``.
        let bytes: Range<Int>
        /// Which part of the name it spells, in order.
        let part: Int
        /// `true` for the part as written, in capitals, or capitalized; `false` for the
        /// lowercase spelling of a part not written that way, which counts only within the
        /// whole name ("the green bin" is not Pat Green).
        let asWritten: Bool
    }

    /// The spellings of the name's parts, and their bytes one after another. The parts are words
    /// of two characters or more, without honorifics and name particles ("Mr", "de", "van"),
    /// which would match ordinary words. Case is mapped once here, so the search compares bytes
    /// only, in any script.
    private(set) var nameForms: [UInt8] = []
    private(set) var forms: [NameForm] = []
    private(set) var partCount = 0
    /// The first bytes of the spellings, as a 256-bit set.
    private var firstBytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// The phone number, parsed.
    let phone: PhoneNumberDigits?
    /// The e-mail address as given; compared ignoring ASCII case.
    let email: String?

    private static let ignoredNameParts: [StaticString] = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "jr", "sr", "ii", "iii", "iv", "de", "da", "del",
        "della", "di", "du", "la", "le", "van", "von", "der", "den", "dos", "das",
    ]

    init(_ submitter: Submitter) {
        phone = submitter.phone.flatMap(PhoneNumberDigits.init)
        email = submitter.email
        guard var name = submitter.name, !name.isEmpty else { return }
        name.withUTF8 { bytes in
            nameForms.reserveCapacity(bytes.count * 4)
            var index = 0
            while index < bytes.count {
                guard let word = TextWord(in: bytes, at: index) else {
                    index += ASCII.characterLength(bytes, at: index)
                    continue
                }
                addPart(UnsafeBufferPointer(rebasing: bytes[index..<word.end]))
                index = word.end
            }
        }
    }

    private mutating func addPart(_ part: UnsafeBufferPointer<UInt8>) {
        guard part.count >= 2, !Self.ignoredNameParts.contains(where: { Self.equalIgnoringCase(part, $0) }) else {
            return
        }
        if part.allSatisfy({ $0 < 0x80 }) {
            // Original, capitals, capitalized, lowercase: byte by byte, in a scratch buffer (an
            // open-data export prepares a submitter for every row).
            addForm(part, asWritten: true)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: part.count) { scratch in
                let spelling = UnsafeBufferPointer(scratch)
                for index in part.indices {
                    scratch[index] = ASCII.isLetter(part[index]) ? part[index] & ~0x20 : part[index]
                }
                addForm(spelling, asWritten: true)
                for index in part.indices.dropFirst() { scratch[index] = ASCII.folded(part[index]) }
                addForm(spelling, asWritten: true)
                for index in part.indices { scratch[index] = ASCII.folded(part[index]) }
                addForm(spelling, asWritten: false)
            }
        } else {
            let text = String(decoding: part, as: UTF8.self)
            guard text.count >= 2 else { return }
            addForm(text.utf8, asWritten: true)
            addForm(text.uppercased().utf8, asWritten: true)
            addForm((text.prefix(1).uppercased() + text.dropFirst().lowercased()).utf8, asWritten: true)
            addForm(text.lowercased().utf8, asWritten: false)
        }
        partCount += 1
    }

    /// Adds a spelling of the current part unless the part already has it (a lowercase spelling
    /// that equals the part as written counts as written).
    private mutating func addForm(_ spelling: UnsafeBufferPointer<UInt8>, asWritten: Bool) {
        guard !spelling.isEmpty else { return }
        var index = forms.endIndex
        while index > forms.startIndex, forms[index - 1].part == partCount {
            index -= 1
            let bytes = forms[index].bytes
            if bytes.count == spelling.count, nameForms[bytes].elementsEqual(spelling) { return }
        }
        let start = nameForms.count
        nameForms.append(contentsOf: spelling)
        forms.append(NameForm(bytes: start..<nameForms.count, part: partCount, asWritten: asWritten))
        let first = spelling[0]
        withUnsafeMutableBytes(of: &firstBytes) { $0[Int(first >> 3)] |= 1 << (first & 7) }
    }

    /// ``addForm(_:asWritten:)`` for a spelling made outside ASCII.
    private mutating func addForm(_ spelling: String.UTF8View, asWritten: Bool) {
        var text = String(spelling)
        text.withUTF8 { addForm($0, asWritten: asWritten) }
    }

    private static func equalIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        for offset in 0..<bytes.count where ASCII.folded(bytes[offset]) != word.utf8Start[offset] { return false }
        return true
    }

    /// Whether a spelling of the name starts with `byte`.
    @inline(__always) func mayStartName(_ byte: UInt8) -> Bool {
        withUnsafeBytes(of: firstBytes) { $0[Int(byte >> 3)] & (1 << (byte & 7)) != 0 }
    }

    /// The spelling of a name part that `text[stem]` is, if any.
    func match(_ stem: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> NameForm? {
        nameForms.withUnsafeBufferPointer { name in
            forms.first { form in
                form.bytes.count == stem.count && name[form.bytes].elementsEqual(text[stem])
            }
        }
    }

    /// Whether `digits` is the submitter's phone number in one of its written forms: national,
    /// with its country code, with a trunk `0` instead of the country code, or (for a North
    /// American number) the seven-digit local number.
    func isPhone(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let phone else { return false }
        let line = phone.line
        let national = phone.isNorthAmerican ? line.dropping(1) : line
        return line.withBytes { line in
            national.withBytes { national in
                if digits.elementsEqual(national) || phone.hasCountryCode && digits.elementsEqual(line) { return true }
                if phone.isNorthAmerican, digits.count == 7, digits.elementsEqual(line.suffix(7)) { return true }
                // A country code of one to three digits before the national number.
                if (national.count + 1...national.count + 3).contains(digits.count),
                    digits.suffix(national.count).elementsEqual(national)
                {
                    return true
                }
                // A trunk 0 instead of the country code ("020 7946 0958" for +44 20 7946 0958).
                if phone.hasCountryCode, digits.first == ASCII.zero, digits.count >= 7,
                    (line.count - 3...line.count - 1).contains(digits.count - 1),
                    line.suffix(digits.count - 1).elementsEqual(digits.dropFirst())
                {
                    return true
                }
                return false
            }
        }
    }

    /// Whether `address` is the submitter's e-mail address, ignoring ASCII case.
    func isEmail(_ address: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var email else { return false }
        return email.withUTF8 { own in
            var start = 0
            var end = own.count
            while start < end, ASCII.isWhiteSpace(own[start]) { start += 1 }
            while end > start, ASCII.isWhiteSpace(own[end - 1]) { end -= 1 }
            return end - start == address.count
                && zip(own[start..<end], address).allSatisfy { ASCII.folded($0) == ASCII.folded($1) }
        }
    }
}
