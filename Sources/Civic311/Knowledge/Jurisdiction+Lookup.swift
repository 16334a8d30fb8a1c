extension Jurisdiction {
    /// The call-taker's lookup: one call with the caller's words, returning the ranked articles,
    /// the service types to offer with their knowledge answers, and whether to transfer.
    ///
    /// Articles are searched as ``KnowledgeBase/search(_:for:limit:)`` does. A service type is
    /// offered when its name or keywords match the words (scored the same way) or when a found
    /// article links to it (adding that article's score); at most `limit` of each come back. When
    /// the best offer carries a ``ServiceType/referral``, the lookup advises a transfer to that
    /// agency, because the matter is not the jurisdiction's: the state highway, the school district.
    ///
    /// Call-takers look up for the ``KnowledgeArticle/Audience/internal`` audience; a self-service
    /// channel passes ``KnowledgeArticle/Audience/public`` and never sees internal articles, as
    /// found articles or as bound answers.
    public func lookUp(_ text: String, for audience: KnowledgeArticle.Audience, limit: Int = 5) -> KnowledgeLookup {
        guard limit > 0 else { return KnowledgeLookup(articles: [], offers: [], transfer: nil) }
        let articles = knowledgeBase.search(text, for: audience, limit: limit)
        var scores: [Int: Int] = [:]
        for (position, found) in serviceTypeSearch.matches(text) { scores[position, default: 0] += found.score }
        for match in articles {
            for code in match.article.serviceTypes {
                // Validation guarantees linked service types exist.
                if let position = serviceTypeIndex[code] {
                    scores[position, default: 0] += match.score
                }
            }
        }
        let offers = scores.sorted { ($0.value, serviceTypes[$1.key].id) > ($1.value, serviceTypes[$0.key].id) }
            .prefix(limit)
            .map { position, score in
                let serviceType = serviceTypes[position]
                let answer = serviceType.knowledgeArticle.flatMap(knowledgeArticle)
                return KnowledgeLookup.Offer(
                    serviceType: serviceType,
                    score: score,
                    answer: answer.flatMap { audience == .internal || $0.audience == .public ? $0 : nil }
                )
            }
        // The best offer decides first; failing that, the best article, when it is about another
        // agency's matter ("pothole on the interstate" names the county's pothole type, but the
        // article on state highways is the better answer).
        let deciding =
            [offers.first?.serviceType]
            + (articles.first?.article.serviceTypes.map { serviceTypeIndex[$0].map { serviceTypes[$0] } } ?? [])
        let transfer = deciding.lazy.compactMap { $0 }.compactMap { serviceType in
            serviceType.referral.map {
                KnowledgeLookup.Transfer(
                    serviceType: serviceType.id,
                    target: $0,
                    agencyName: departmentName($0.agency)
                )
            }
        }.first
        return KnowledgeLookup(articles: articles, offers: offers, transfer: transfer)
    }
}
