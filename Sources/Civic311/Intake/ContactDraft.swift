import Foundation

/// A contact that opens no new request: general information, a referral, or a follow-up on an
/// existing ticket.
public struct ContactDraft: Hashable, Sendable {
    /// What the contact was about.
    public enum Purpose: Hashable, Sendable {
        /// Answered from a knowledge article.
        case information(article: KnowledgeArticleID)
        /// Transferred to another department or agency.
        case referral(Referral)
        /// About an existing request: a complaint ("still not fixed") or a compliment.
        case followUp(TicketNumber, ServiceRequestKind, note: String)
    }

    public var purpose: Purpose
    public var channel: Channel
    public var agent: AgentID?

    public init(_ purpose: Purpose, channel: Channel, agent: AgentID? = nil) {
        self.purpose = purpose
        self.channel = channel
        self.agent = agent
    }
}
