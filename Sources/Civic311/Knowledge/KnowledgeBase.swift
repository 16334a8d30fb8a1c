/// A jurisdiction's knowledge articles, searchable: the answers agents and self-service give to
/// general-information contacts.
///
/// A knowledge base is immutable and always valid (unique, non-empty identifiers; a title and an
/// answer on every article). Build one in code with ``init(articles:)``, from its JSON document
/// with ``init(json:)``, or read a ``Jurisdiction``'s ``Jurisdiction/knowledgeBase``, whose articles
/// are also checked against its catalog.
///
/// ``search(_:for:limit:)`` ranks articles by how well they match free text, tolerating word forms
/// and small typos, and explains every match.
public struct KnowledgeBase: Sendable {
    /// The articles, in the order given.
    public let articles: [KnowledgeArticle]
    private let index: [KnowledgeArticleID: Int]
    private let searchIndex: SearchIndex
    /// Each article's place in identifier order, the tie-break of equal scores.
    private let idRanks: [Int32]
    /// Masks over scores (all ones for an article the audience sees, zero for one it does not),
    /// so hiding internal articles from a public search costs no branch.
    private let publicArticles: [SearchIndex.Score]
    private let everyArticle: [SearchIndex.Score]

    /// Builds and validates a knowledge base; problems are reported with paths such as
    /// `$.articles[3].title`.
    public init(articles: [KnowledgeArticle]) throws(ConfigurationError) {
        let log = ConfigurationIssueLog()
        Self.validate(Array(articles.enumerated()), root: "$.articles", log: log)
        try log.check()
        self.init(checkedArticles: articles)
    }

    /// Builds the indexes of articles already validated.
    init(checkedArticles articles: [KnowledgeArticle]) {
        self.articles = articles
        self.index = Dictionary(articles.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.searchIndex = SearchIndex(
            articles.map {
                [(.title, $0.title), (.keywords, $0.keywords.joined(separator: " ")), (.answer, $0.answer)]
            }
        )
        var idRanks = [Int32](repeating: 0, count: articles.count)
        for (rank, position) in articles.indices.sorted(by: { articles[$0].id < articles[$1].id }).enumerated() {
            idRanks[position] = Int32(rank)
        }
        self.idRanks = idRanks
        publicArticles = articles.map { $0.audience == .internal ? 0 : .max }
        everyArticle = [SearchIndex.Score](repeating: .max, count: articles.count)
    }

    /// The rules every article follows, wherever it is loaded; `root` is the path of the list.
    static func validate(
        _ articles: [(offset: Int, element: KnowledgeArticle)],
        root: String,
        log: ConfigurationIssueLog
    ) {
        var ids: Set<KnowledgeArticleID> = []
        for (index, article) in articles {
            let path = "\(root)[\(index)]"
            if article.id.rawValue.isBlank { log.add("\(path).id", "must not be empty") }
            if !ids.insert(article.id).inserted {
                log.add("\(path).id", "duplicate knowledge article id '\(article.id)'")
            }
            if article.title.isBlank { log.add("\(path).title", "must not be empty") }
            if article.answer.isBlank { log.add("\(path).answer", "must not be empty") }
            for (keywordIndex, keyword) in article.keywords.enumerated() where keyword.isBlank {
                log.add("\(path).keywords[\(keywordIndex)]", "must not be empty")
            }
        }
    }

    public func article(_ id: KnowledgeArticleID) -> KnowledgeArticle? {
        index[id].map { articles[$0] }
    }

    /// The articles matching `text` that `audience` may see, best first, at most `limit` of them
    /// (none when `limit` is below 1).
    ///
    /// Each query word (stop words such as "the" and "when" aside, the first 32 words at most) is
    /// compared with the words of each article's title, keywords and answer: the same word scores
    /// most, another form of it (by the stemmer described in the Knowledge Base article) a little
    /// less, and a stem one edit away (two for stems of eight letters or more; none under four)
    /// less again. Keywords and titles weigh three times the answer. Articles are ordered by score,
    /// highest first, then by identifier, so equal scores always come out in the same order.
    ///
    /// A search for the ``KnowledgeArticle/Audience/public`` audience never returns an
    /// ``KnowledgeArticle/Audience/internal`` article; an internal search sees both.
    public func search(_ text: String, for audience: KnowledgeArticle.Audience, limit: Int = 10) -> [KnowledgeMatch] {
        guard limit > 0 else { return [] }
        let query = searchIndex.query(text)
        let scores = searchIndex.scores(query)
        // The score the last of the best `limit` has, found by counting the articles at each
        // score; only those at it or above are ordered. Hidden articles count as unmatched.
        let scoreRange = searchIndex.maximumScore(query) + 1
        var counts = [Int](repeating: 0, count: scoreRange)
        var allowed = 0
        var best: [(score: Int32, rank: Int32, document: Int)] = []
        var tied: [(rank: Int32, document: Int)] = []
        let visible = audience == .internal ? everyArticle : publicArticles
        scores.withUnsafeBufferPointer { scores in
            visible.withUnsafeBufferPointer { visible in
                // Four histograms, one per document number modulo 4: many articles share a score,
                // and counting them all in one slot would wait on the previous increment each time.
                var lanes = [Int32](repeating: 0, count: 4 * scoreRange)
                lanes.withUnsafeMutableBufferPointer { lanes in
                    for document in 0..<scores.count {
                        let score = Int(scores[document] & visible[document])
                        lanes[(document & 3) &* scoreRange &+ score] &+= 1
                    }
                }
                for score in 1..<scoreRange {
                    for lane in 0..<4 { counts[score] += Int(lanes[lane * scoreRange + score]) }
                }
                allowed = counts.reduce(0, +)
                guard allowed > 0 else { return }
                var lowest = counts.count
                var above = 0
                while above < min(limit, allowed) {
                    lowest -= 1
                    above += counts[lowest]
                }
                // All the articles above that score, and the first by identifier of those at it.
                let needed = limit - (above - counts[lowest])
                let threshold = Int32(lowest)
                idRanks.withUnsafeBufferPointer { idRanks in
                    for document in 0..<scores.count {
                        let score = Int32(scores[document] & visible[document])
                        guard score >= threshold else { continue }
                        if score > threshold {
                            best.append((score, idRanks[document], document))
                        } else {
                            let rank = idRanks[document]
                            if tied.count == needed, let last = tied.last, last.rank < rank { continue }
                            var at = tied.count
                            while at > 0, tied[at - 1].rank > rank { at -= 1 }
                            tied.insert((rank, document), at: at)
                            if tied.count > needed { tied.removeLast() }
                        }
                    }
                }
                best.sort { ($0.score, $1.rank) > ($1.score, $0.rank) }
                best += tied.map { (threshold, $0.rank, $0.document) }
            }
        }
        return best.map { entry in
            KnowledgeMatch(
                article: articles[entry.document],
                score: Int(entry.score),
                reasons: searchIndex.reasons(query, document: entry.document)
            )
        }
    }

    /// The articles whose review-by day is before `day`, ordered by that day (the most overdue
    /// first), then by identifier. An article is due on its review-by day and past it the day after.
    public func articlesPastReview(asOf day: LocalDate) -> [KnowledgeArticle] {
        articles
            .compactMap { article in article.reviewBy.flatMap { $0 < day ? (article, $0) : nil } }
            .sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }
            .map { $0.0 }
    }

    /// How often each article was cited by the general-information contacts in `contacts`.
    public func usage(in contacts: some Sequence<Contact>) -> KnowledgeUsageReport {
        var counts: [KnowledgeArticleID: Int] = [:]
        var unknown: [KnowledgeArticleID: Int] = [:]
        for contact in contacts {
            guard case .generalInformation(let cited) = contact.callType else { continue }
            if index[cited] != nil {
                counts[cited, default: 0] += 1
            } else {
                unknown[cited, default: 0] += 1
            }
        }
        return KnowledgeUsageReport(
            articles: articles.map { KnowledgeUsageReport.Entry(article: $0.id, contacts: counts[$0.id] ?? 0) }
                .sorted { ($0.contacts, $1.article) > ($1.contacts, $0.article) },
            unknownArticles: unknown.map { KnowledgeUsageReport.Entry(article: $0.key, contacts: $0.value) }
                .sorted { ($0.contacts, $1.article) > ($1.contacts, $0.article) }
        )
    }
}

extension KnowledgeBase: Equatable {
    /// Two knowledge bases are equal when they hold the same articles in the same order.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.articles == rhs.articles }
}

/// How often knowledge articles answered general-information contacts.
public struct KnowledgeUsageReport: Hashable, Sendable {
    /// One article's count.
    public struct Entry: Hashable, Sendable {
        public let article: KnowledgeArticleID
        /// The general-information contacts that cited the article.
        public let contacts: Int
    }

    /// Every article of the knowledge base, unused ones included, the most used first (then by
    /// identifier).
    public let articles: [Entry]
    /// Citations of articles the knowledge base does not hold (retired since, or from another
    /// base), counted rather than dropped, in the same order.
    public let unknownArticles: [Entry]

    /// The count for one article (0 when it was never cited).
    public func contacts(citing article: KnowledgeArticleID) -> Int {
        (articles.first { $0.article == article } ?? unknownArticles.first { $0.article == article })?.contacts ?? 0
    }
}
