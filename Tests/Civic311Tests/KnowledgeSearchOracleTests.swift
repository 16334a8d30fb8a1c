import Civic311SampleCounty
import Testing

@_spi(Benchmarks) @testable import Civic311

/// Knowledge search against a plain restatement of its rules: the index numbers words and stems,
/// keeps scores in flat arrays and writes reasons only for the articles it returns, and none of
/// that may change a result. The oracle below is the search as first written (dictionaries of
/// words, every match scored and explained, then sorted); on a generated base of a few hundred
/// articles and 400 questions with typos and other word forms, both must return the same
/// articles in the same order with the same scores and reasons.
@Suite struct KnowledgeSearchOracleTests {
    @Test func theIndexRanksAndExplainsAsTheOracle() throws {
        var random = SplitMix64(seed: 13)
        let sample = Jurisdiction.sampleCounty.knowledgeArticles
        let vocabulary = Array(Set(sample.flatMap { SearchText.words($0.title + " " + $0.answer) })).sorted()
        let generated = (0..<200).map { index in
            KnowledgeArticle(
                id: KnowledgeArticleID("KB-GEN-\(index)"),
                title: Self.text(2 + Int(random.next() % 5), from: vocabulary, using: &random),
                answer: Self.text(10 + Int(random.next() % 60), from: vocabulary, using: &random),
                keywords: (0..<random.next() % 5).map { _ in Self.text(1, from: vocabulary, using: &random) },
                audience: index % 7 == 0 ? .internal : .public
            )
        }
        let base = try KnowledgeBase(articles: sample + generated)
        let oracle = Oracle(base.articles)
        for _ in 0..<400 {
            let words = (0...random.next() % 4).map { _ in
                Self.mangle(vocabulary[Int(random.next() % UInt64(vocabulary.count))], using: &random)
            }
            let query = words.joined(separator: random.next() % 2 == 0 ? " " : ", the ")
            // Small limits too: the search prunes what cannot reach the best `limit`, ties included.
            for audience in KnowledgeArticle.Audience.allCases {
                for limit in [1, 3, 12] {
                    let found = base.search(query, for: audience, limit: limit)
                    let expected = oracle.search(query, for: audience, limit: limit)
                    #expect(found == expected, "'\(query)' for \(audience), limit \(limit)")
                }
            }
        }
    }

    /// The banded, early-stopping edit distance against the whole optimal-string-alignment table.
    @Test func theBandedDistanceIsTheWholeTables() {
        var random = SplitMix64(seed: 7)
        let letters = Array("abcdeé".unicodeScalars)
        for _ in 0..<3_000 {
            let a = (0..<random.next() % 9).map { _ in letters[Int(random.next() % UInt64(letters.count))] }
            let b = (0..<random.next() % 9).map { _ in letters[Int(random.next() % UInt64(letters.count))] }
            let whole = Self.distance(a, b)
            for limit in 0...3 {
                #expect(SearchText.distance(a, b, limit: limit) == (whole <= limit ? whole : nil), "\(a) \(b) \(limit)")
            }
        }
    }

    /// Optimal string alignment over the whole table.
    private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    private static func text(_ count: Int, from words: [String], using random: inout SplitMix64) -> String {
        (0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
    }

    /// The word as it is, in another form, or with a typo or two.
    private static func mangle(_ word: String, using random: inout SplitMix64) -> String {
        var letters = Array(word)
        for _ in 0..<random.next() % 3 where letters.count >= 3 {
            let at = Int(random.next() % UInt64(letters.count - 1))
            switch random.next() % 5 {
            case 0: letters.swapAt(at, at + 1)
            case 1: letters.remove(at: at)
            case 2: letters.insert(letters[at], at: at)
            case 3: letters[at] = "e"
            default: letters += random.next() % 2 == 0 ? "s" : "ing"
            }
        }
        return String(letters)
    }

    /// The search as first written.
    struct Oracle {
        struct Posting {
            let document: Int
            let field: KnowledgeMatch.Field
            let word: String
        }

        let articles: [KnowledgeArticle]
        var postings: [String: [Posting]] = [:]
        var wordsByLength: [Int: [(word: String, scalars: [Unicode.Scalar], stem: String)]] = [:]

        init(_ articles: [KnowledgeArticle]) {
            self.articles = articles
            var indexedWords: Set<String> = []
            for (document, article) in articles.enumerated() {
                let fields: [(KnowledgeMatch.Field, String)] = [
                    (.title, article.title), (.keywords, article.keywords.joined(separator: " ")),
                    (.answer, article.answer),
                ]
                for (field, text) in fields {
                    var seen: Set<String> = []
                    for word in SearchText.words(text) where !SearchText.stopWords.contains(word) {
                        let stem = SearchText.stem(word)
                        if indexedWords.insert(word).inserted {
                            wordsByLength[word.unicodeScalars.count, default: []].append(
                                (word, Array(word.unicodeScalars), stem)
                            )
                        }
                        guard seen.insert(stem).inserted else { continue }
                        postings[stem, default: []].append(Posting(document: document, field: field, word: word))
                    }
                }
            }
            for length in wordsByLength.keys { wordsByLength[length]?.sort { $0.word < $1.word } }
        }

        func search(_ text: String, for audience: KnowledgeArticle.Audience, limit: Int) -> [KnowledgeMatch] {
            var results: [Int: (score: Int, reasons: [KnowledgeMatch.Reason])] = [:]
            var queried: Set<String> = []
            let words = SearchText.words(text).lazy.filter { !SearchText.stopWords.contains($0) }
            for word in words.prefix(SearchText.maximumQueryWords) {
                let stem = SearchText.stem(word)
                guard queried.insert(stem).inserted else { continue }
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
                for posting in postings[stem] ?? [] { offer(posting, posting.word == word ? .exact : .wordForm) }
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
            return
                results
                .compactMap { document, found -> KnowledgeMatch? in
                    let article = articles[document]
                    guard audience == .internal || article.audience == .public else { return nil }
                    return KnowledgeMatch(article: article, score: found.score, reasons: found.reasons)
                }
                .sorted { ($0.score, $1.article.id) > ($1.score, $0.article.id) }
                .prefix(limit)
                .map { $0 }
        }
    }
}
