/// How knowledge search reads text: words, their stems, and how far apart two stems are.
///
/// The stemmer is deliberately small, so its behavior can be stated in full and trusted by the
/// people who write articles. On a lowercased word of letters only (other words are kept whole):
/// 1. Words of three letters or fewer are kept.
/// 2. Plurals: `-ies` becomes `-y` (parties → party); `-sses` becomes `-ss`; `-xes`, `-ches`,
///    `-shes` and `-zes` lose `-es` (boxes → box); any other final `-s` goes, except after `s`, `u`
///    or `i` (bins → bin, but grass, bus, this stay).
/// 3. Verb forms: `-ied` becomes `-y`; `-ing` and `-ed` go when at least three letters with a
///    vowel remain (parking → park, missed → miss, but thing, bed stay); a doubled final consonant
///    left behind is halved, except `l`, `s` and `z` (stopped → stop).
/// 4. A final `-e` goes from a stem of five letters or more, so the verb forms meet the base
///    (recycle, recycled and recycling all become recycl).
enum SearchText {
    /// The longest query read, in words: more is noise and would make the work unbounded.
    static let maximumQueryWords = 32
    /// Words longer than this are never compared for typos (they are not words residents type).
    static let maximumTypoWordLength = 40

    /// Words that carry no meaning in a question ("when is my trash day") and would match every
    /// article; they are neither indexed nor searched.
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "in",
        "is", "it", "my", "of", "on", "or", "the", "to", "what", "when", "where", "who", "will", "with",
        "you", "your",
    ]

    /// The lowercased words of `text`: runs of letters and digits.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            // ASCII is settled without the Unicode tables: its alphabetic scalars are the letters.
            let isWordScalar =
                scalar.isASCII
                ? ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                : scalar.properties.isAlphabetic
            if isWordScalar {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The stem of a lowercased word, by the rules above. It works on the word's bytes: a word
    /// it changes is ASCII letters only, so a byte is a letter.
    static func stem(_ word: String) -> String {
        var letters = Array(word.utf8)
        guard letters.count > 3, letters.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else {
            return word
        }
        func ends(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard letters.count > count else { return false }
            let start = letters.count - count
            for offset in 0..<count where letters[start + offset] != suffix.utf8Start[offset] { return false }
            return true
        }
        func replace(_ count: Int, with replacement: StaticString) {
            letters.removeLast(count)
            letters.append(
                contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount)
            )
        }
        func isOne(of set: StaticString, _ letter: UInt8) -> Bool {
            UnsafeBufferPointer(start: set.utf8Start, count: set.utf8CodeUnitCount).contains(letter)
        }
        // 2. Plurals.
        if ends("ies") && letters.count > 4 {
            replace(3, with: "y")
        } else if ends("sses") {
            replace(2, with: "")
        } else if ends("xes") || ends("ches") || ends("shes") || ends("zes") {
            replace(2, with: "")
        } else if ends("s") && !ends("ss") && !ends("us") && !ends("is") {
            replace(1, with: "")
        }
        // 3. Verb forms.
        if ends("ied") && letters.count > 4 {
            replace(3, with: "y")
        } else {
            for suffix: StaticString in ["ing", "ed"] where ends(suffix) {
                let rest = letters.count - suffix.utf8CodeUnitCount
                guard rest >= 3, letters[..<rest].contains(where: { isOne(of: "aeiouy", $0) }) else { break }
                letters.removeLast(suffix.utf8CodeUnitCount)
                if let last = letters.last, letters.count >= 2, letters[letters.count - 2] == last,
                    !isOne(of: "aeiouylsz", last)
                {
                    letters.removeLast()
                }
                break
            }
        }
        // 4. Final e.
        if letters.count >= 5, letters.last == UInt8(ascii: "e"), letters[letters.count - 2] != UInt8(ascii: "e") {
            letters.removeLast()
        }
        return String(decoding: letters, as: UTF8.self)
    }

    /// The typo allowance for a word of `length` letters: none below four, one from four, two
    /// from eight.
    static func typoAllowance(length: Int) -> Int {
        switch length {
        case ..<4: 0
        case 4..<8: 1
        case 8...maximumTypoWordLength: 2
        default: 0
        }
    }

    /// The optimal-string-alignment distance between `a` and `b` (insertions, deletions,
    /// substitutions and swaps of neighbors each cost one), or `nil` when it exceeds `limit`.
    ///
    /// Only the diagonal band of width `2 * limit + 1` is computed, and the work stops as soon as a
    /// row's best exceeds `limit`, so one comparison costs at most `length * (2 * limit + 1)` steps.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let outside = limit + 1
        let width = b.count + 1
        // Three rows in one buffer on the stack: two back (for swaps), previous, current.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows -> Int? in
            var twoBack = rows.baseAddress!
            var previous = twoBack + width
            var current = previous + width
            for j in 0..<width {
                twoBack[j] = outside
                previous[j] = j <= limit ? j : outside
                current[j] = outside
            }
            for i in 1...a.count {
                let low = max(1, i - limit)
                let high = min(b.count, i + limit)
                current[0] = i <= limit ? i : outside
                if low > 1 { current[low - 1] = outside }
                var best = current[0]
                if low <= high {
                    for j in low...high {
                        let cost = a[i - 1] == b[j - 1] ? 0 : 1
                        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                            value = min(value, twoBack[j - 2] + 1)
                        }
                        current[j] = min(value, outside)
                        best = min(best, current[j])
                    }
                }
                if high < b.count { current[high + 1] = outside }
                if best > limit { return nil }
                (twoBack, previous, current) = (previous, current, twoBack)
            }
            let result = previous[b.count]
            return result <= limit ? result : nil
        }
    }
}
