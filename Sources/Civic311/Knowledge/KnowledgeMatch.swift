/// One article a knowledge search found, with its score and the reasons it matched.
public struct KnowledgeMatch: Hashable, Sendable, CustomStringConvertible {
    /// Where in an article (or a service type, for ``Jurisdiction/lookUp(_:for:limit:)``) a query
    /// word was found. Keywords and titles weigh more than the body.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case title
        case keywords
        case answer

        /// The field's weight in the score.
        var weight: Int {
            switch self {
            case .title: 3
            case .keywords: 3
            case .answer: 1
            }
        }
    }

    /// How a query word met a word of the article.
    public enum Closeness: Hashable, Sendable, CustomStringConvertible {
        /// The same word.
        case exact
        /// Another form of the same word (bins, bin; parked, parking): their stems are equal.
        case wordForm
        /// A small typo: the stems are `distance` edits apart (1 or 2).
        case typo(distance: Int)

        /// The closeness's weight in the score.
        var weight: Int {
            switch self {
            case .exact: 4
            case .wordForm: 3
            case .typo(let distance): distance <= 1 ? 2 : 1
            }
        }

        public var description: String {
            switch self {
            case .exact: "exact"
            case .wordForm: "word form"
            case .typo(let distance): "typo (\(distance) edit\(distance == 1 ? "" : "s"))"
            }
        }
    }

    /// One reason for a match: a query word found in a field.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        /// The word as the query had it, lowercased.
        public let queryWord: String
        /// The word of the article it met, lowercased.
        public let matchedWord: String
        public let field: Field
        public let closeness: Closeness

        /// What this reason adds to the score: the field's weight times the closeness's.
        public var points: Int { field.weight * closeness.weight }

        public var description: String {
            "'\(queryWord)' matched '\(matchedWord)' in \(field.rawValue) (\(closeness), +\(points))"
        }
    }

    public let article: KnowledgeArticle
    /// The sum of the reasons' points; higher ranks first.
    public let score: Int
    /// Why the article matched, in query-word order, then field order.
    public let reasons: [Reason]

    public var description: String {
        "\(article.id) (\(score)): " + reasons.map(\.description).joined(separator: "; ")
    }
}
