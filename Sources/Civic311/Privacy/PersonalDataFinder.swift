/// Finds personal data in UTF-8 text for ``PersonalDataScrubber``: one cheap pass for signals
/// (digits, `@`, brackets), then only the searches those signals call for.
///
/// Works on bytes, without Foundation or regular expressions. Every finding starts and ends at a
/// character boundary: scans stop only at ASCII bytes or at the first byte of a multi-byte
/// character.
struct PersonalDataFinder {
    enum Kind: Sendable {
        case email
        case phone
        case name
    }

    /// A span of bytes to replace.
    struct Finding: Sendable {
        var start: Int
        var end: Int
        var kind: Kind
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let rules: PersonalDataScrubber.Rules
    private let known: KnownPersonalData?
    private var findings: [Finding] = []
    /// Where the name rule recorded its last name, to join the next one to it.
    private var lastName: Int?

    init(_ bytes: UnsafeBufferPointer<UInt8>, rules: PersonalDataScrubber.Rules, known: KnownPersonalData?) {
        self.bytes = bytes
        self.rules = rules
        self.known = known
    }

    /// Every finding, sorted, without overlaps.
    mutating func findAll() -> [Finding] {
        var digits = 0
        var hasAt = false
        var hasBracket = false
        var hasSpacedDot = false
        for index in bytes.indices {
            switch bytes[index] {
            case ASCII.zero...ASCII.nine: digits += 1
            case ASCII.at: hasAt = true
            case ASCII.openBracket, ASCII.openParenthesis, ASCII.openBrace:
                // Only a spelled-out "[at]" makes a bracket worth an e-mail search.
                if !hasBracket, bracketedWord("at", at: index) != nil { hasBracket = true }
            case ASCII.space: if !hasSpacedDot, matchesFolded("dot ", at: index + 1) { hasSpacedDot = true }
            default: break
            }
        }
        let ownEmail = known?.email != nil
        if (rules.contains(.emailAddresses) || ownEmail) && (hasAt || hasBracket || hasSpacedDot) {
            findEmails()
        }
        let ownPhone = known?.phone != nil
        if (rules.contains(.phoneNumbers) || ownPhone) && digits >= 7 {
            findPhoneNumbers()
        }
        if let partCount = known?.partCount, partCount > 0 {
            findNames()
        }
        return findings
    }

    // MARK: Shared

    /// Adds a finding found by a later pass, keeping the list sorted; earlier passes' findings are
    /// skipped by the later ones, so nothing overlaps.
    @discardableResult
    private mutating func record(_ finding: Finding) -> Int {
        var index = findings.endIndex
        while index > findings.startIndex, findings[index - 1].start > finding.start { index -= 1 }
        findings.insert(finding, at: index)
        return index
    }

    /// The end of the finding that covers `position`, if one does; `cursor` walks the sorted
    /// findings alongside a scan that only moves forward.
    private func covering(_ position: Int, cursor: inout Int) -> Int? {
        while cursor < findings.count, findings[cursor].end <= position { cursor += 1 }
        guard cursor < findings.count, findings[cursor].start <= position else { return nil }
        return findings[cursor].end
    }

    /// The start of the next finding at or after `position`, or the end of the text.
    private func limit(after position: Int, cursor: Int) -> Int {
        var index = cursor
        while index < findings.count, findings[index].start < position { index += 1 }
        return index < findings.count ? findings[index].start : bytes.count
    }

    /// Whether the bytes at `index` spell `word` (lowercase ASCII), ignoring ASCII case.
    private func matchesFolded(_ word: StaticString, at index: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index >= 0, index + count <= bytes.count else { return false }
        let pattern = word.utf8Start
        for offset in 0..<count where ASCII.folded(bytes[index + offset]) != pattern[offset] { return false }
        return true
    }

    // MARK: E-mail addresses

    private enum AtStyle {
        /// `@`.
        case plain
        /// `[at]`, `(at)`, `{at}`.
        case bracketed
        /// ` at `, which counts only when the domain's dots are spelled out too.
        case spaced
    }

    private mutating func findEmails() {
        var index = 0
        while index < bytes.count {
            guard let (atStart, atEnd, style) = atSign(at: index) else {
                index += 1
                continue
            }
            let lowerBound = findings.last?.end ?? 0
            if let (start, end) = emailAddress(around: atStart, atEnd, style, lowerBound: lowerBound),
                rules.contains(.emailAddresses) || isOwnEmail(start, end)
            {
                findings.append(Finding(start: start, end: end, kind: .email))
                index = end
            } else {
                index = atEnd
            }
        }
    }

    /// The `@` (or a spelled-out one) starting at `index`: its span and style.
    private func atSign(at index: Int) -> (Int, Int, AtStyle)? {
        switch bytes[index] {
        case ASCII.at:
            return (index, index + 1, .plain)
        case ASCII.openBracket, ASCII.openParenthesis, ASCII.openBrace:
            guard let end = bracketedWord("at", at: index) else { return nil }
            return (index, end, .bracketed)
        case ASCII.space:
            guard matchesFolded("at ", at: index + 1) else { return nil }
            return (index, index + 4, .spaced)
        default:
            return nil
        }
    }

    /// The end of `[word]`, `(word)` or `{word}` (spaces allowed inside) starting at `index`.
    private func bracketedWord(_ word: StaticString, at index: Int) -> Int? {
        let close: UInt8 =
            switch bytes[index] {
            case ASCII.openBracket: ASCII.closeBracket
            case ASCII.openParenthesis: ASCII.closeParenthesis
            default: ASCII.closeBrace
            }
        var position = skipSpaces(from: index + 1, limit: 2)
        guard matchesFolded(word, at: position) else { return nil }
        position = skipSpaces(from: position + word.utf8CodeUnitCount, limit: 2)
        guard position < bytes.count, bytes[position] == close else { return nil }
        return position + 1
    }

    private func skipSpaces(from index: Int, limit: Int) -> Int {
        var position = index
        while position < bytes.count, position - index < limit, bytes[position] == ASCII.space { position += 1 }
        return position
    }

    /// The address around an `@`: the local part before it, the domain after it.
    private func emailAddress(
        around atStart: Int,
        _ atEnd: Int,
        _ style: AtStyle,
        lowerBound: Int
    ) -> (Int, Int)? {
        // The local part, leftwards.
        var localEnd = atStart
        if style == .bracketed {
            while localEnd > lowerBound, bytes[localEnd - 1] == ASCII.space { localEnd -= 1 }
        }
        var start = localEnd
        while start > lowerBound, ASCII.isLocalPart(bytes[start - 1]) { start -= 1 }
        // The scan stopped after an ASCII byte, so `start` is a character boundary; drop leading
        // punctuation ("“sam@…", ".sam@…") a character at a time.
        while start < localEnd, !ASCII.isAlphanumeric(bytes[start]),
            bytes[start] < 0x80 || ASCII.wordCharacterLength(bytes, at: start) == 0
        {
            start += ASCII.characterLength(bytes, at: start)
        }
        guard start < localEnd else { return nil }
        // The domain, rightwards: labels joined by dots, spelled out or not.
        var position = style == .bracketed ? skipSpaces(from: atEnd, limit: 2) : atEnd
        var labels = 0
        var spelledDots = 0
        var lastLabel = position..<position
        while true {
            let labelStart = position
            while position < bytes.count, ASCII.isDomain(bytes[position]) {
                // Letters of any script, but not punctuation outside ASCII ("…org”").
                guard bytes[position] < 0x80 else {
                    let length = ASCII.wordCharacterLength(bytes, at: position)
                    guard length > 0 else { break }
                    position += length
                    continue
                }
                position += 1
            }
            var labelEnd = position
            while labelEnd > labelStart, bytes[labelEnd - 1] == ASCII.hyphen { labelEnd -= 1 }
            guard labelEnd > labelStart else {
                position = labelStart
                break
            }
            labels += 1
            lastLabel = labelStart..<labelEnd
            guard labelEnd == position, let (next, spelled) = domainDot(at: position) else { break }
            position = next
            if spelled { spelledDots += 1 }
        }
        // Top-level domains have no hyphens (but `xn--`): "example.org-based" ends at "org".
        if !matchesFolded("xn--", at: lastLabel.lowerBound),
            let hyphen = lastLabel.first(where: { bytes[$0] == ASCII.hyphen })
        {
            lastLabel = lastLabel.lowerBound..<hyphen
        }
        guard labels >= 2, style != .spaced || spelledDots > 0, isTopLevelDomain(lastLabel) else { return nil }
        return (start, lastLabel.upperBound)
    }

    /// After a label: a `.` followed by another label, or a spelled-out dot (`[dot]`, `(dot)`,
    /// ` dot `); the position of the next label and whether the dot was spelled out.
    private func domainDot(at index: Int) -> (Int, Bool)? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case ASCII.period:
            guard index + 1 < bytes.count, ASCII.isDomain(bytes[index + 1]) else { return nil }
            return (index + 1, false)
        case ASCII.space, ASCII.openBracket, ASCII.openParenthesis, ASCII.openBrace:
            let open = skipSpaces(from: index, limit: 2)
            let end: Int
            if open < bytes.count, ASCII.isOpeningBracket(bytes[open]), let bracketed = bracketedWord("dot", at: open) {
                end = bracketed
            } else if bytes[index] == ASCII.space, matchesFolded("dot ", at: index + 1) {
                end = index + 4
            } else {
                return nil
            }
            let next = skipSpaces(from: end, limit: 2)
            guard next < bytes.count, ASCII.isDomain(bytes[next]) else { return nil }
            return (next, true)
        default:
            return nil
        }
    }

    /// Two or more letters (or an internationalized label).
    private func isTopLevelDomain(_ label: Range<Int>) -> Bool {
        guard label.count >= 2 else { return false }
        if matchesFolded("xn--", at: label.lowerBound) { return true }
        return label.allSatisfy { ASCII.isLetter(bytes[$0]) || bytes[$0] >= 0x80 }
    }

    /// Whether `start..<end` is the submitter's e-mail address.
    private func isOwnEmail(_ start: Int, _ end: Int) -> Bool {
        known?.isEmail(UnsafeBufferPointer(rebasing: bytes[start..<end])) ?? false
    }

    // MARK: Phone numbers

    /// A run of digits in a candidate number.
    private struct Group {
        var start: Int
        var end: Int
        var digits: Int { end - start }
    }

    private mutating func findPhoneNumbers() {
        // Room for the digit groups of one candidate; candidates with more are long digit runs,
        // removed whole.
        withUnsafeTemporaryAllocation(of: Group.self, capacity: 32) { groups in
            var index = 0
            var cursor = 0
            while index < bytes.count {
                if let end = covering(index, cursor: &cursor) {
                    index = end
                    continue
                }
                let byte = bytes[index]
                let opensNumber =
                    ASCII.isDigit(byte)
                    || (byte == ASCII.plus || byte == ASCII.openParenthesis) && index + 1 < bytes.count
                        && ASCII.isDigit(bytes[index + 1])
                guard opensNumber else {
                    index += 1
                    continue
                }
                let limit = limit(after: index, cursor: cursor)
                let candidate = phoneCandidate(at: index, limit: limit, groups: groups)
                // Digits glued to a word ("WO12345678", "id=12345678", "12345678th") are codes, not
                // phone numbers.
                let glued =
                    index > 0 && ASCII.isWordGlue(bytes[index - 1])
                    || candidate.extensionEnd == candidate.end && candidate.end < bytes.count
                        && ASCII.isLetter(bytes[candidate.end])
                if !glued {
                    evaluate(candidate, groups: groups)
                }
                index = max(candidate.extensionEnd, index + 1)
            }
        }
    }

    private struct Candidate {
        var start: Int
        var end: Int
        var extensionEnd: Int
        var groupCount: Int
        var international: Bool
        var overflowed: Bool
    }

    /// Digit groups joined by up to three separators (`space - . ( ) /`) each, from `index`.
    private func phoneCandidate(
        at index: Int,
        limit: Int,
        groups: UnsafeMutableBufferPointer<Group>
    ) -> Candidate {
        var position = index
        let international = bytes[position] == ASCII.plus
        if international { position += 1 }
        if bytes[position] == ASCII.openParenthesis { position += 1 }
        var count = 0
        var overflowed = false
        while true {
            let groupStart = position
            while position < limit, ASCII.isDigit(bytes[position]) { position += 1 }
            if count < groups.count {
                groups[count] = Group(start: groupStart, end: position)
                count += 1
            } else {
                overflowed = true
                groups[groups.count - 1].end = position
            }
            var next = position
            while next < limit, next - position < 3, ASCII.isNumberSeparator(bytes[next]) { next += 1 }
            guard next > position, next < limit, ASCII.isDigit(bytes[next]) else { break }
            position = next
        }
        return Candidate(
            start: index,
            end: position,
            extensionEnd: extensionEnd(after: position, limit: limit) ?? position,
            groupCount: count,
            international: international,
            overflowed: overflowed
        )
    }

    /// The end of an extension after a number: `x12`, ` ext. 12`, ` extension 12`, ` #12`.
    private func extensionEnd(after index: Int, limit: Int) -> Int? {
        var position = skipSpaces(from: index, limit: 1)
        var marker = 0
        for word: StaticString in ["extension", "ext", "x", "#"] where matchesFolded(word, at: position) {
            marker = word.utf8CodeUnitCount
            break
        }
        guard marker > 0 else { return nil }
        position += marker
        while position < limit, position - index < 16,
            bytes[position] == ASCII.period || bytes[position] == ASCII.colon || bytes[position] == ASCII.space
        {
            position += 1
        }
        let digitsStart = position
        while position < limit, ASCII.isDigit(bytes[position]) { position += 1 }
        guard (1...6).contains(position - digitsStart) else { return nil }
        if position < bytes.count, ASCII.isAlphanumeric(bytes[position]) { return nil }
        return position
    }

    /// Splits a candidate longer than any phone number at its spaces or slashes (two numbers
    /// written side by side), then judges each part.
    private mutating func evaluate(_ candidate: Candidate, groups: UnsafeMutableBufferPointer<Group>) {
        let count = candidate.groupCount
        var total = 0
        for index in 0..<count { total += groups[index].digits }
        guard total > 15, !candidate.overflowed else {
            judge(candidate, groups: groups, 0..<count)
            return
        }
        // Segments end at spaces and slashes; neighbours join while they fit in one number.
        var parts: [Range<Int>] = []
        var partStart = 0
        var partDigits = 0
        var segmentStart = 0
        var segmentDigits = 0
        for index in 0...count {
            let endsSegment =
                index > 0
                && (index == count
                    || (groups[index - 1].end..<groups[index].start).contains {
                        bytes[$0] == ASCII.space || bytes[$0] == ASCII.slash
                    })
            if endsSegment {
                if partDigits > 0 && partDigits + segmentDigits > 15 {
                    parts.append(partStart..<segmentStart)
                    partStart = segmentStart
                    partDigits = 0
                }
                partDigits += segmentDigits
                segmentStart = index
                segmentDigits = 0
            }
            if index < count { segmentDigits += groups[index].digits }
        }
        // A short tail belongs to the part before it: "4111 1111 1111 1111" is one number.
        if partDigits < 7, let last = parts.popLast() {
            partStart = last.lowerBound
        }
        parts.append(partStart..<count)
        for part in parts { judge(candidate, groups: groups, part) }
    }

    /// Records the part `groups[part]` of a candidate if it is a phone number (or the submitter's).
    private mutating func judge(_ candidate: Candidate, groups: UnsafeMutableBufferPointer<Group>, _ part: Range<Int>) {
        let first = part.lowerBound == 0
        let last = part.upperBound == candidate.groupCount
        let start = first ? candidate.start : groups[part.lowerBound].start
        let end = last ? candidate.extensionEnd : groups[part.upperBound - 1].end
        var digits = 0
        for index in part { digits += groups[index].digits }
        let international = first && candidate.international
        if isOwnPhone(groups, part, digits: digits) {
            record(Finding(start: start, end: end, kind: .phone))
            return
        }
        guard rules.contains(.phoneNumbers), digits >= 7 else { return }
        if digits <= 15, !candidate.overflowed, !international, isNotAPhoneNumber(groups, part, digits: digits) {
            return
        }
        record(Finding(start: start, end: end, kind: .phone))
    }

    /// Shapes that are not phone numbers: dates, ZIP+4 codes, year ranges, decimals, and valid
    /// ticket numbers (which public notes quote).
    private func isNotAPhoneNumber(_ groups: UnsafeMutableBufferPointer<Group>, _ part: Range<Int>, digits: Int) -> Bool
    {
        let lengths = part.map { groups[$0].digits }
        let separators = part.dropFirst().map { index -> UInt8? in
            let gap = groups[index - 1].end..<groups[index].start
            return gap.count == 1 ? bytes[gap.lowerBound] : nil
        }
        let oneSeparator: UInt8? = separators.first.flatMap { first in
            separators.allSatisfy { $0 == first } ? first : nil
        }
        switch (lengths.count, oneSeparator) {
        case (3, ASCII.hyphen?), (3, ASCII.slash?), (3, ASCII.period?):
            // 2026-01-05, 01/05/2026, 5.1.2026
            if lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2 { return true }
            if lengths[0] <= 2 && lengths[1] <= 2 && lengths[2] == 4 { return true }
        case (2, ASCII.hyphen?) where lengths == [5, 4]:
            return true  // 20850-1234
        case (2, ASCII.hyphen?) where lengths == [4, 4], (2, ASCII.slash?) where lengths == [4, 4]:
            return isYear(groups[part.lowerBound]) && isYear(groups[part.lowerBound + 1])  // 2019-2020
        case (2, ASCII.period?):
            return true  // 38.907234
        default:
            break
        }
        if digits == 15 {
            let start = groups[part.lowerBound].start
            let end = groups[part.upperBound - 1].end
            return TicketNumber(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                != nil
        }
        return false
    }

    private func isYear(_ group: Group) -> Bool {
        matchesFolded("19", at: group.start) || matchesFolded("20", at: group.start)
    }

    /// Whether the part's digits are the submitter's number, written nationally, with its country
    /// code, with a trunk `0`, or (for a North American number) as the seven-digit local number.
    private func isOwnPhone(_ groups: UnsafeMutableBufferPointer<Group>, _ part: Range<Int>, digits: Int) -> Bool {
        guard let known, known.phone != nil, (7...15).contains(digits) else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 15) { buffer in
            var count = 0
            for index in part {
                for position in groups[index].start..<groups[index].end {
                    buffer[count] = bytes[position]
                    count += 1
                }
            }
            return known.isPhone(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    // MARK: Names

    private mutating func findNames() {
        guard let known else { return }
        var index = 0
        var cursor = 0
        while index < bytes.count {
            if let end = covering(index, cursor: &cursor) {
                index = end
                continue
            }
            // Most words cannot start a name: skip an ASCII word whose first letter no spelling
            // of the name has, without building it.
            if ASCII.isAlphanumeric(bytes[index]), !known.mayStartName(bytes[index]) {
                let start = index
                index += 1
                while index < bytes.count, ASCII.isAlphanumeric(bytes[index]) { index += 1 }
                // A word that goes on past ASCII letters ("d'Arcy", "Garcías") is skipped whole.
                if index < bytes.count,
                    bytes[index] >= 0x80 || bytes[index] == UInt8(ascii: "'")
                        || bytes[index] == UInt8(ascii: "_")
                {
                    index = TextWord(in: bytes, at: start)?.end ?? index
                }
                continue
            }
            guard let word = TextWord(in: bytes, at: index) else {
                index += ASCII.characterLength(bytes, at: index)
                continue
            }
            var next = word.end
            if let form = known.match(word.stem, in: bytes) {
                if form.asWritten {
                    recordName(index, word.stem.upperBound)
                } else if let end = fullName(from: word) {
                    recordName(index, end)
                    next = end
                }
            }
            index = next
        }
    }

    /// The end of the whole name written out from `word` (each part in order, separated by spaces
    /// or hyphens), in any case.
    private func fullName(from word: TextWord) -> Int? {
        guard let known, known.partCount > 1, known.match(word.stem, in: bytes)?.part == 0 else { return nil }
        var end = word.stem.upperBound
        for part in 1..<known.partCount {
            var position = end
            while position < bytes.count, bytes[position] == ASCII.space || bytes[position] == ASCII.hyphen {
                position += 1
            }
            guard position > end, position < bytes.count, let next = TextWord(in: bytes, at: position),
                known.match(next.stem, in: bytes)?.part == part
            else { return nil }
            end = next.stem.upperBound
        }
        return end
    }

    /// Records a name, joining it to a name just before it ("Sam Rivera" is one placeholder).
    private mutating func recordName(_ start: Int, _ end: Int) {
        if let lastName, findings[lastName].end <= start,
            (findings[lastName].end..<start).allSatisfy({ bytes[$0] == ASCII.space || bytes[$0] == ASCII.hyphen })
        {
            findings[lastName].end = end
            return
        }
        lastName = record(Finding(start: start, end: end, kind: .name))
    }
}
