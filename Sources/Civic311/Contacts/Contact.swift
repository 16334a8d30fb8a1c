import Foundation

/// One interaction with a resident, on any channel. Every contact gets a universal
/// ``TicketNumber``, whatever its outcome.
public struct Contact: Hashable, Sendable, Codable, Identifiable {
    public let ticket: TicketNumber
    public let channel: Channel
    public let receivedAt: Date
    /// The agent who handled it, if any.
    public let agent: AgentID?
    public let callType: CallType

    public init(ticket: TicketNumber, channel: Channel, receivedAt: Date, agent: AgentID?, callType: CallType) {
        self.ticket = ticket
        self.channel = channel
        self.receivedAt = receivedAt
        self.agent = agent
        self.callType = callType
    }

    public var id: TicketNumber { ticket }

    /// Whether the contact was resolved on first contact: general information and referrals close
    /// the moment they are answered, so they count toward first-contact resolution
    /// (``CallType/Kind/isResolvedAtFirstContact``).
    public var isResolvedAtFirstContact: Bool { callType.kind.isResolvedAtFirstContact }
}
