import Civic311SampleCounty
import Foundation
import Testing

@testable import Civic311

@Suite struct KnowledgeBaseTests {
    /// A fixed corpus whose expected orders are worked out by hand from the documented weights:
    /// title and keywords 3, answer 1; exact 4, word form 3, one edit 2, two edits 1.
    static let corpus: KnowledgeBase = {
        do {
            return try KnowledgeBase(articles: [
                KnowledgeArticle(
                    id: "KB-BULK",
                    title: "Bulk pickup",
                    answer: "Up to four items per pickup, booked through 311.",
                    keywords: ["couch", "mattress"],
                    serviceTypes: ["BULK_PICKUP"]
                ),
                KnowledgeArticle(
                    id: "KB-BINS",
                    title: "Replacing recycling bins",
                    answer: "Damaged carts are replaced once a year.",
                    keywords: ["cart"]
                ),
                KnowledgeArticle(
                    id: "KB-PARKING",
                    title: "Parking rules",
                    answer: "Cars parked for 72 hours may be towed.",
                    keywords: ["tow"]
                ),
                KnowledgeArticle(
                    id: "KB-SCRIPT",
                    title: "Agent script: recycling complaints",
                    answer: "Confirm the recycling day before taking a report.",
                    audience: .internal
                ),
                KnowledgeArticle(id: "KB-ALPHA", title: "Leaf collection", answer: "Leaves in paper bags."),
                KnowledgeArticle(id: "KB-AARDVARK", title: "Leaf collection", answer: "Leaves in paper bags."),
            ])
        } catch {
            preconditionFailure("the test corpus is invalid: \(error)")
        }
    }()

    static func ids(_ matches: [KnowledgeMatch]) -> [String] { matches.map(\.article.id.rawValue) }

    // MARK: Stemming and typos

    @Test func wordFormsMeetTheirStem() {
        // "bin" (singular) meets "bins" in the title as a word form, not as an exact word.
        let matches = Self.corpus.search("bin", for: .public)
        #expect(Self.ids(matches) == ["KB-BINS"])
        let reason = try? #require(matches.first?.reasons.first)
        #expect(reason?.closeness == .wordForm)
        #expect(reason?.matchedWord == "bins")
        #expect(reason?.field == .title)
        #expect(matches.first?.score == 9)
    }

    @Test func verbFormsMeet() {
        // "parking" and "parked" both stem to "park": the title scores 3x4 (exact "parking"),
        // the answer 1x3 ("parked", a word form).
        let matches = Self.corpus.search("parking", for: .public)
        #expect(Self.ids(matches) == ["KB-PARKING"])
        #expect(matches.first?.score == 15)
        #expect(matches.first?.reasons.map(\.field) == [.title, .answer])
        let towed = Self.corpus.search("towing", for: .public)
        #expect(towed.first?.reasons.map(\.closeness) == [.wordForm, .wordForm], "\(towed)")
    }

    @Test func oneTypoIsForgivenFromFourLetters() {
        // "mattres" is one edit from "mattress"; "couhc" a swap away from "couch".
        #expect(Self.ids(Self.corpus.search("mattres", for: .public)) == ["KB-BULK"])
        let swapped = Self.corpus.search("couhc", for: .public)
        #expect(Self.ids(swapped) == ["KB-BULK"])
        #expect(swapped.first?.reasons.first?.closeness == .typo(distance: 1))
        // Three letters: no typo allowance, so "cot" does not meet "cart" or "couch".
        #expect(Self.corpus.search("cot", for: .public).isEmpty)
    }

    @Test func twoTyposAreForgivenFromEightLetters() {
        // "recyclign" is one swap from "recycling", which both articles hold.
        let once = Self.corpus.search("recyclign", for: .internal)
        #expect(Set(Self.ids(once)) == ["KB-BINS", "KB-SCRIPT"], "\(once)")
        // "mattrexx" is two edits from "mattress": allowed at eight letters.
        #expect(Self.ids(Self.corpus.search("mattrexx", for: .public)) == ["KB-BULK"])
        // "matrexx" (seven letters) is three edits away and under eight letters: not found.
        #expect(Self.corpus.search("matrexx", for: .public).isEmpty)
    }

    @Test func stemmerRules() {
        let cases: [(String, String)] = [
            ("bins", "bin"), ("parties", "party"), ("boxes", "box"), ("branches", "branch"), ("grass", "grass"),
            ("bus", "bus"), ("parking", "park"), ("parked", "park"), ("stopped", "stop"), ("missed", "miss"),
            ("recycle", "recycl"), ("recycling", "recycl"), ("recycled", "recycl"), ("thing", "thing"),
            ("carried", "carry"), ("tree", "tree"), ("mattresses", "mattress"),
        ]
        for (word, stem) in cases {
            #expect(SearchText.stem(word) == stem, "\(word)")
        }
        // Two words with the same stem always find each other as word forms.
        for (word, stem) in cases {
            let base = try? KnowledgeBase(articles: [KnowledgeArticle(id: "A", title: stem, answer: "x")])
            let reason = base?.search(word, for: .public).first?.reasons.first
            #expect(reason?.closeness == (word == stem ? .exact : .wordForm), "\(word) → \(stem)")
        }
    }

    // MARK: Ranking

    @Test func rankingIsByScoreThenIdentifier() {
        // Equal scores: ordered by identifier, whatever the order of the articles.
        #expect(Self.ids(Self.corpus.search("leaf", for: .public)) == ["KB-AARDVARK", "KB-ALPHA"])
        // "bulk pickup couch": KB-BULK has title (bulk, pickup) + keywords (couch) + answer (pickup).
        let matches = Self.corpus.search("bulk pickup couch", for: .public)
        #expect(Self.ids(matches) == ["KB-BULK"])
        #expect(matches.first?.score == 12 + 12 + 4 + 12)
        #expect(matches.first?.reasons.count == 4)
        // A limit takes the best.
        #expect(Self.ids(Self.corpus.search("leaf", for: .public, limit: 1)) == ["KB-AARDVARK"])
        #expect(Self.corpus.search("leaf", for: .public, limit: 0).isEmpty)
    }

    @Test func theExplanationNamesTheWordsAndFields() throws {
        let match = try #require(Self.corpus.search("Recycling bin", for: .public).first)
        #expect(match.article.id == "KB-BINS")
        #expect(
            match.description
                == "KB-BINS (21): 'recycling' matched 'recycling' in title (exact, +12); 'bin' matched 'bins' in title (word form, +9)"
        )
    }

    @Test func stopWordsAndPunctuationAreIgnored() {
        #expect(Self.corpus.search("when is the", for: .internal).isEmpty)
        #expect(Self.corpus.search("", for: .internal).isEmpty)
        #expect(Self.ids(Self.corpus.search("...COUCH?!", for: .public)) == ["KB-BULK"])
    }

    @Test func hugeQueriesDoBoundedWork() {
        // 10,000 words: only the first 32 are read, so this returns (and finds the early word).
        let query = "couch " + Array(repeating: "zzzzzzzzz", count: 10_000).joined(separator: " ")
        #expect(Self.ids(Self.corpus.search(query, for: .public)) == ["KB-BULK"])
        let long = String(repeating: "a", count: 100_000)
        #expect(Self.corpus.search(long, for: .public).isEmpty)
    }

    // MARK: Audience

    @Test func aPublicSearchNeverReturnsInternalArticles() {
        let internalSearch = Self.corpus.search("recycling", for: .internal)
        #expect(Set(Self.ids(internalSearch)) == ["KB-BINS", "KB-SCRIPT"])
        let publicSearch = Self.corpus.search("recycling", for: .public)
        #expect(Self.ids(publicSearch) == ["KB-BINS"])
        // Over the whole sample base, for every word of every internal article: never public.
        let base = Jurisdiction.sampleCounty.knowledgeBase
        let internalArticles = base.articles.filter { $0.audience == .internal }
        #expect(internalArticles.count >= 2)
        for article in internalArticles {
            let text = ([article.title, article.answer] + article.keywords).joined(separator: " ")
            let found = base.search(text, for: .public, limit: 100)
            #expect(found.allSatisfy { $0.article.audience == .public }, "\(article.id)")
            #expect(base.search(article.title, for: .internal, limit: 100).contains { $0.article.id == article.id })
        }
    }

    // MARK: Review and usage

    @Test func theReviewReportListsArticlesPastTheirDay() throws {
        let base = try KnowledgeBase(articles: [
            KnowledgeArticle(id: "B", title: "B", answer: "b", reviewBy: try LocalDate(parsing: "2026-06-30")),
            KnowledgeArticle(id: "A", title: "A", answer: "a", reviewBy: try LocalDate(parsing: "2026-06-30")),
            KnowledgeArticle(id: "C", title: "C", answer: "c", reviewBy: try LocalDate(parsing: "2026-01-15")),
            KnowledgeArticle(id: "D", title: "D", answer: "d", reviewBy: try LocalDate(parsing: "2026-07-01")),
            KnowledgeArticle(id: "E", title: "E", answer: "e"),
        ])
        // On the review-by day the article is due, not past.
        #expect(base.articlesPastReview(asOf: try LocalDate(parsing: "2026-06-30")).map(\.id) == ["C"])
        #expect(base.articlesPastReview(asOf: try LocalDate(parsing: "2026-07-01")).map(\.id) == ["C", "A", "B"])
        #expect(base.articlesPastReview(asOf: try LocalDate(parsing: "2027-01-01")).map(\.id) == ["C", "A", "B", "D"])
        #expect(base.articlesPastReview(asOf: try LocalDate(parsing: "2025-01-01")).isEmpty)
    }

    @Test func usageCountsGeneralInformationContacts() throws {
        func contact(_ sequence: Int, _ callType: CallType) throws -> Contact {
            Contact(
                ticket: try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: sequence),
                channel: .phone,
                receivedAt: Date(timeIntervalSince1970: 0),
                agent: nil,
                callType: callType
            )
        }
        let contacts = [
            try contact(1, .generalInformation(article: "KB-PARKING")),
            try contact(2, .generalInformation(article: "KB-BULK")),
            try contact(3, .generalInformation(article: "KB-PARKING")),
            try contact(4, .referral(Referral(target: "SHA", transfer: .warm))),
            try contact(5, .generalInformation(article: "KB-RETIRED")),
            try contact(
                6,
                .serviceRequest(.complaint, request: try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: 1))
            ),
        ]
        let report = Self.corpus.usage(in: contacts)
        #expect(report.articles.count == Self.corpus.articles.count, "unused articles are listed too")
        #expect(report.articles.prefix(2).map(\.article) == ["KB-PARKING", "KB-BULK"])
        #expect(report.contacts(citing: "KB-PARKING") == 2)
        #expect(report.contacts(citing: "KB-BULK") == 1)
        #expect(report.contacts(citing: "KB-ALPHA") == 0)
        #expect(report.unknownArticles.map(\.article) == ["KB-RETIRED"])
        #expect(report.contacts(citing: "KB-RETIRED") == 1)
    }

    @Test func usageCountsContactsRecordedByTheCenter() async throws {
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: .inMemory,
            configuration: .init(node: 1)
        )
        let agent = Participant.callTaker("maria")
        for article: KnowledgeArticleID in ["KB-BULK", "KB-HOURS", "KB-BULK"] {
            try await center.record(ContactDraft(.information(article: article), channel: .phone), by: agent)
        }
        let page = try await center.store.contacts(matching: ContactQuery(), page: try PageRequest(limit: 100))
        let report = Jurisdiction.sampleCounty.knowledgeBase.usage(in: page.items)
        #expect(report.contacts(citing: "KB-BULK") == 2)
        #expect(report.contacts(citing: "KB-HOURS") == 1)
        #expect(report.articles.first?.article == "KB-BULK")
    }
}
