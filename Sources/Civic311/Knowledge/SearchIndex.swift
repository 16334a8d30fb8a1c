/// An inverted index over short documents (articles, service types) for knowledge search: stems to
/// the fields holding them, and the words grouped by length so a typo search only compares words
/// that could be close.
///
/// Everything is numbered when the index is built (words, stems, fields), so a search adds small
/// integers into flat arrays, and words and reasons are only written for the documents it
/// returns: a search over 10,000 articles stays within a few tens of microseconds.
struct SearchIndex: Sendable {
    /// A field's number: its position in `KnowledgeMatch.Field.allCases`.
    private static let fields = KnowledgeMatch.Field.allCases

    /// A stem's place in one field of one document, packed in 8 bytes so a common word's
    /// postings stream through the cache.
    private struct Posting: Sendable {
        /// The document's number times 4, plus the field's: the (document, field) slot.
        let slot: UInt32
        /// The first word in the field with this stem, for exact matches and explanations.
        let word: Int32

        init(document: Int32, field: UInt8, word: Int32) {
            slot = UInt32(document) << 2 | UInt32(field)
            self.word = word
        }

        var document: Int32 { Int32(slot >> 2) }
        var field: UInt8 { UInt8(slot & 3) }
    }

    /// Each field's weight in the score, by field number (slot & 3).
    private static let fieldWeights: [Score] = fields.map { Score($0.weight) } + [0]

    /// A document's score for one query. Sixteen bits hold the most a query can score (32 words,
    /// each exact in every field: 32 × 7 × 4 = 896), and halve what a search zeroes and scans.
    typealias Score = UInt16

    /// Every distinct word indexed, by number.
    private var words: [String] = []
    private var wordNumbers: [String: Int32] = [:]
    /// Each indexed word's stem, by word number.
    private var wordStems: [Int32] = []
    private var stemNumbers: [String: Int32] = [:]
    /// Each stem's postings, in document order, then in the order of the document's fields.
    private var postings: [[Posting]] = []
    /// Every distinct word indexed, by its length in scalars, with its stem; each list sorted by
    /// word, so typo candidates come in one order. Typos are made on words as written, so they are
    /// compared with words, not stems ("recyclign" is one swap from "recycling" but three edits
    /// from "recycl").
    private var wordsByLength: [Int: [Candidate]] = [:]
    let documentCount: Int

    private struct Candidate: Sendable {
        let word: String
        let scalars: [Unicode.Scalar]
        let stem: Int32
        /// Which scalars the word holds, hashed to 64 bits: an edit changes at most two bits, so
        /// words whose masks differ in more than twice the allowance cannot be close.
        let mask: UInt64
    }

    /// Indexes `documents`, each a list of fields with their texts; a document's position is its
    /// number in results.
    init(_ documents: [[(field: KnowledgeMatch.Field, text: String)]]) {
        documentCount = documents.count
        for (document, fields) in documents.enumerated() {
            for (field, text) in fields {
                var seen: Set<Int32> = []
                for word in SearchText.words(text) where !SearchText.stopWords.contains(word) {
                    let number: Int32
                    let stem: Int32
                    if let known = wordNumbers[word] {
                        // A word met before: its stem is known, so it is not stemmed again.
                        number = known
                        stem = wordStems[Int(known)]
                    } else {
                        let stemText = SearchText.stem(word)
                        stem = stemNumbers[stemText] ?? Int32(postings.count)
                        if stem == postings.count {
                            stemNumbers[stemText] = stem
                            postings.append([])
                        }
                        number = Int32(words.count)
                        words.append(word)
                        wordStems.append(stem)
                        wordNumbers[word] = number
                        let scalars = Array(word.unicodeScalars)
                        wordsByLength[scalars.count, default: []].append(
                            Candidate(word: word, scalars: scalars, stem: stem, mask: Self.mask(scalars))
                        )
                    }
                    guard seen.insert(stem).inserted else { continue }
                    postings[Int(stem)].append(
                        Posting(
                            document: Int32(document),
                            field: UInt8(Self.fields.firstIndex(of: field) ?? 0),
                            word: number
                        )
                    )
                }
            }
        }
        for length in wordsByLength.keys { wordsByLength[length]?.sort { $0.word < $1.word } }
    }

    /// What a typo of `distance` edits weighs, as `KnowledgeMatch.Closeness.typo(distance:)`.
    private static func typoWeight(_ distance: Int) -> Int { KnowledgeMatch.Closeness.typo(distance: distance).weight }

    private static func mask(_ scalars: [Unicode.Scalar]) -> UInt64 {
        scalars.reduce(0) { $0 | 1 << UInt64(($1.value &* 0x9E37_79B1) >> 26) }
    }

    /// A query read once: its words (stop words aside, at most `SearchText.maximumQueryWords`,
    /// one per stem), each with its stem's postings and the typo candidates near it.
    struct Query {
        fileprivate struct Word {
            let text: String
            /// The word's number, when the index holds it.
            let number: Int32?
            /// The word's stem, when the index holds it.
            let stem: Int32?
            /// The stems of the indexed words one or two edits away, with the distance, in the
            /// order words are offered (by length, then word); stems may repeat.
            let typos: [(stem: Int32, distance: Int)]
        }

        fileprivate let words: [Word]
    }

    func query(_ text: String) -> Query {
        // One query word per stem: stems the index holds by number, others by their text.
        var queriedStems: Set<Int32> = []
        var queriedTexts: Set<String> = []
        var read: [Query.Word] = []
        let words = SearchText.words(text).lazy.filter { !SearchText.stopWords.contains($0) }
        for word in words.prefix(SearchText.maximumQueryWords) {
            let number = wordNumbers[word]
            // An indexed word's stem is known; only words the index lacks are stemmed here.
            let stem = number.map { wordStems[Int($0)] } ?? stemNumbers[SearchText.stem(word)]
            if let stem {
                guard queriedStems.insert(stem).inserted else { continue }
            } else {
                guard queriedTexts.insert(SearchText.stem(word)).inserted else { continue }
            }
            var typos: [(stem: Int32, distance: Int)] = []
            let scalars = Array(word.unicodeScalars)
            let allowance = SearchText.typoAllowance(length: scalars.count)
            if allowance > 0 {
                let mask = Self.mask(scalars)
                for length in (scalars.count - allowance)...(scalars.count + allowance) {
                    for candidate in wordsByLength[length] ?? []
                    where candidate.stem != stem && (candidate.mask ^ mask).nonzeroBitCount <= 2 * allowance {
                        guard let distance = SearchText.distance(scalars, candidate.scalars, limit: allowance)
                        else { continue }
                        typos.append((candidate.stem, distance))
                    }
                }
            }
            read.append(Query.Word(text: word, number: number, stem: stem, typos: typos))
        }
        return Query(words: read)
    }

    /// The most a document can score for `query`: every word exact in every field.
    func maximumScore(_ query: Query) -> Int {
        query.words.count * Self.fields.reduce(0) { $0 + $1.weight } * KnowledgeMatch.Closeness.exact.weight
    }

    /// The score of every document for `query`, 0 for those it does not match.
    ///
    /// For each query word and each field of a document, the closest word found there scores the
    /// field's weight times the closeness's; a document's score is the sum. The postings are taken
    /// closest first (the word's stem, then typos of one edit, then of two), so the first to reach
    /// a (document, field) of a word is its closest, and the others pass it by: one mark per
    /// posting, no maximum kept. Matched documents are not listed as they are met (a branch per
    /// posting); callers scan the scores, which costs less than the postings of a common word.
    func scores(_ query: Query) -> [Score] {
        var scores = [Score](repeating: 0, count: documentCount)
        // The number of the last word that reached each (document, field) slot; words count from 1.
        // Only typos read it, so a query without any needs none.
        let anyTypos = query.words.contains { !$0.typos.isEmpty }
        var reached = [UInt8](repeating: 0, count: anyTypos ? documentCount &* 4 : 0)
        scores.withUnsafeMutableBufferPointer { scores in
            reached.withUnsafeMutableBufferPointer { reached in
                Self.fieldWeights.withUnsafeBufferPointer { weights in
                    for (number, word) in query.words.enumerated() {
                        let mark = UInt8(number + 1)
                        if let stem = word.stem {
                            // The first postings of a word: a stem has one per (document, field),
                            // so none is reached yet, and marks are only needed when typos follow.
                            Self.takeFirst(
                                postings[Int(stem)],
                                exactWord: word.number ?? -1,
                                mark: word.typos.isEmpty ? 0 : mark,
                                weights: weights,
                                reached: reached,
                                scores: scores
                            )
                        }
                        for typos in [word.typos.filter { $0.distance <= 1 }, word.typos.filter { $0.distance > 1 }] {
                            for (stem, distance) in typos {
                                Self.takeUnreached(
                                    postings[Int(stem)],
                                    closeness: Score(Self.typoWeight(distance)),
                                    mark: mark,
                                    weights: weights,
                                    reached: reached,
                                    scores: scores
                                )
                            }
                        }
                    }
                }
            }
        }
        return scores
    }

    /// Adds the points of the postings of a word's stem, marking what they reach with `mark`
    /// unless it is 0; those of `exactWord` (the query word itself) weigh as exact matches, the
    /// others as word forms.
    private static func takeFirst(
        _ postings: [Posting],
        exactWord: Int32,
        mark: UInt8,
        weights: UnsafeBufferPointer<Score>,
        reached: UnsafeMutableBufferPointer<UInt8>,
        scores: UnsafeMutableBufferPointer<Score>
    ) {
        let exact = Score(KnowledgeMatch.Closeness.exact.weight)
        let wordForm = Score(KnowledgeMatch.Closeness.wordForm.weight)
        postings.withUnsafeBufferPointer { postings in
            if mark != 0 {
                for posting in postings { reached[Int(posting.slot)] = mark }
            }
            for posting in postings {
                let closeness = posting.word == exactWord ? exact : wordForm
                scores[Int(posting.slot >> 2)] &+= weights[Int(posting.slot & 3)] &* closeness
            }
        }
    }

    /// Adds the points of `postings` that reach a (document, field) `mark` has not reached yet.
    private static func takeUnreached(
        _ postings: [Posting],
        closeness: Score,
        mark: UInt8,
        weights: UnsafeBufferPointer<Score>,
        reached: UnsafeMutableBufferPointer<UInt8>,
        scores: UnsafeMutableBufferPointer<Score>
    ) {
        postings.withUnsafeBufferPointer { postings in
            for posting in postings {
                let slot = Int(posting.slot)
                guard reached[slot] != mark else { continue }
                reached[slot] = mark
                scores[slot >> 2] &+= weights[slot & 3] &* closeness
            }
        }
    }

    /// Why `document` matched `query`: for each query word and field, the closest word found there
    /// (the first found, among equally close ones), in query-word order, then field order.
    func reasons(_ query: Query, document: Int) -> [KnowledgeMatch.Reason] {
        var reasons: [KnowledgeMatch.Reason] = []
        for word in query.words {
            for (number, field) in Self.fields.enumerated() {
                let slot = (document: Int32(document), field: UInt8(number))
                if let stem = word.stem, let posting = posting(of: stem, at: slot) {
                    let closeness: KnowledgeMatch.Closeness = posting.word == word.number ? .exact : .wordForm
                    reasons.append(.init(word.text, words[Int(posting.word)], field, closeness))
                    continue
                }
                // The first of the closest: a later candidate wins only by weighing more.
                var found: (posting: Posting, distance: Int)?
                for (stem, distance) in word.typos
                where found.map({ Self.typoWeight(distance) > Self.typoWeight($0.distance) }) ?? true {
                    if let posting = posting(of: stem, at: slot) { found = (posting, distance) }
                }
                if let (posting, distance) = found {
                    reasons.append(.init(word.text, words[Int(posting.word)], field, .typo(distance: distance)))
                }
            }
        }
        return reasons
    }

    /// The posting of `stem` in a document's field, found by halving (postings are in document
    /// order).
    private func posting(of stem: Int32, at slot: (document: Int32, field: UInt8)) -> Posting? {
        let list = postings[Int(stem)]
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].document < slot.document { low = middle + 1 } else { high = middle }
        }
        while low < list.count, list[low].document == slot.document {
            if list[low].field == slot.field { return list[low] }
            low += 1
        }
        return nil
    }

    /// Each matching document with its score and reasons, unordered.
    func matches(_ text: String) -> [Int: (score: Int, reasons: [KnowledgeMatch.Reason])] {
        let query = query(text)
        var results: [Int: (score: Int, reasons: [KnowledgeMatch.Reason])] = [:]
        for (document, score) in scores(query).enumerated() where score > 0 {
            results[document] = (Int(score), reasons(query, document: document))
        }
        return results
    }
}

extension KnowledgeMatch.Reason {
    fileprivate init(
        _ queryWord: String,
        _ matchedWord: String,
        _ field: KnowledgeMatch.Field,
        _ closeness: KnowledgeMatch.Closeness
    ) {
        self.init(queryWord: queryWord, matchedWord: matchedWord, field: field, closeness: closeness)
    }
}
