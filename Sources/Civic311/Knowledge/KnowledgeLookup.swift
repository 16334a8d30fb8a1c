import Foundation

/// What a call-taker needs for one question, from ``Jurisdiction/lookUp(_:for:limit:)``: the
/// articles to answer from, the service types to offer, and whether to transfer instead.
public struct KnowledgeLookup: Hashable, Sendable {
    /// A service type worth offering, with its knowledge binding resolved.
    public struct Offer: Hashable, Sendable {
        public let serviceType: ServiceType
        /// How strongly the question points at this type: its own name and keywords matched, plus
        /// the scores of the found articles that link to it.
        public let score: Int
        /// The type's bound knowledge answer, when it has one the audience may see.
        public let answer: KnowledgeArticle?
        /// Where the resident can do it without an agent, if anywhere.
        public var selfServiceURL: URL? { serviceType.selfServiceURL }
        /// The probing script intake will ask.
        public var questions: [ProbingQuestion] { serviceType.questions }
    }

    /// Advice to transfer the caller: the best-ranked service type (or the best article's) is
    /// another agency's matter.
    public struct Transfer: Hashable, Sendable, CustomStringConvertible {
        /// The service type that decided it.
        public let serviceType: ServiceTypeCode
        public let target: ReferralTarget
        /// The agency's name as the jurisdiction knows it.
        public let agencyName: String

        public var description: String {
            "transfer to \(agencyName) at \(target.transferNumber) (\(serviceType))"
        }
    }

    /// The articles found, best first (see ``KnowledgeBase/search(_:for:limit:)``).
    public let articles: [KnowledgeMatch]
    /// The service types to offer, best first (score, then code).
    public let offers: [Offer]
    /// Set when the best offer, or else a service type the best article links, has a referral
    /// target: the caller should be transferred rather than given a request; `nil` when the matter
    /// is the jurisdiction's own (or nothing matched).
    public let transfer: Transfer?
}
