/// An inverted index over short documents (articles, service types) for knowledge search: stems to
/// the fields holding them, and the stems grouped by length so a typo search only compares stems
/// that could be close.
struct SearchIndex: Sendable {
    private struct Posting: Sendable {
        let document: Int
        let field: KnowledgeMatch.Field
        /// The first word in the field with this stem, for exact matches and explanations.
        let word: String
    }

    private var postings: [String: [Posting]] = [:]
    /// Every distinct word indexed, by its length in scalars, with its stem; each list sorted, so
    /// typo candidates come in one order. Typos are made on words as written, so they are compared
    /// with words, not stems ("recyclign" is one swap from "recycling" but three edits from "recycl").
    private var wordsByLength: [Int: [(word: String, scalars: [Unicode.Scalar], stem: String)]] = [:]

    /// Indexes `documents`, each a list of fields with their texts; a document's position is its
    /// number in results.
    init(_ documents: [[(field: KnowledgeMatch.Field, text: String)]]) {
        var indexedWords: Set<String> = []
        for (document, fields) in documents.enumerated() {
            for (field, text) in fields {
                var seen: Set<String> = []
                for word in SearchText.words(text) where !SearchText.stopWords.contains(word) {
                    let stem = SearchText.stem(word)
                    if indexedWords.insert(word).inserted {
                        let scalars = Array(word.unicodeScalars)
                        wordsByLength[scalars.count, default: []].append((word, scalars, stem))
                    }
                    guard seen.insert(stem).inserted else { continue }
                    postings[stem, default: []].append(Posting(document: document, field: field, word: word))
                }
            }
        }
        for length in wordsByLength.keys { wordsByLength[length]?.sort { $0.word < $1.word } }
    }

    /// Each matching document with its score and reasons, unordered. A document's reasons hold,
    /// for each query word and field, the closest word found there.
    func matches(_ text: String) -> [Int: (score: Int, reasons: [KnowledgeMatch.Reason])] {
        var results: [Int: (score: Int, reasons: [KnowledgeMatch.Reason])] = [:]
        var queried: Set<String> = []
        let words = SearchText.words(text).lazy.filter { !SearchText.stopWords.contains($0) }
        for word in words.prefix(SearchText.maximumQueryWords) {
            let stem = SearchText.stem(word)
            guard queried.insert(stem).inserted else { continue }
            // The best reason per (document, field) for this word.
            var best: [Int: [KnowledgeMatch.Field: KnowledgeMatch.Reason]] = [:]
            func offer(_ posting: Posting, _ closeness: KnowledgeMatch.Closeness) {
                let reason = KnowledgeMatch.Reason(
                    queryWord: word,
                    matchedWord: posting.word,
                    field: posting.field,
                    closeness: closeness
                )
                if let held = best[posting.document]?[posting.field], held.points >= reason.points { return }
                best[posting.document, default: [:]][posting.field] = reason
            }
            for posting in postings[stem] ?? [] {
                offer(posting, posting.word == word ? .exact : .wordForm)
            }
            let scalars = Array(word.unicodeScalars)
            let allowance = SearchText.typoAllowance(length: scalars.count)
            if allowance > 0 {
                for length in (scalars.count - allowance)...(scalars.count + allowance) {
                    for candidate in wordsByLength[length] ?? [] where candidate.stem != stem {
                        guard let distance = SearchText.distance(scalars, candidate.scalars, limit: allowance)
                        else { continue }
                        for posting in postings[candidate.stem] ?? [] { offer(posting, .typo(distance: distance)) }
                    }
                }
            }
            for (document, fields) in best {
                let reasons = KnowledgeMatch.Field.allCases.compactMap { fields[$0] }
                results[document, default: (0, [])].score += reasons.reduce(0) { $0 + $1.points }
                results[document, default: (0, [])].reasons += reasons
            }
        }
        return results
    }
}
