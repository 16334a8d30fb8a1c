import Civic311

/// The contacts and cost of one channel.
public struct ChannelCost: Sendable, Hashable {
    /// The channel.
    public let channel: Channel
    /// Contacts that came in on it.
    public let contacts: Int
    /// Their total cost, in dollars.
    public let cost: Double

    /// Cost over contacts; `nil` for a channel without contacts.
    public var costPerContact: Double? { contacts > 0 ? cost / Double(contacts) : nil }
}
