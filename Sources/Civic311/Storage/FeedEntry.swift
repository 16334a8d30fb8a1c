/// One change a store keeps, with its place in the store's change feed.
public struct FeedEntry: Hashable, Sendable {
    /// What was stored.
    public enum Change: Hashable, Sendable {
        /// A contact: every contact, including the one that opened a request.
        case contact(Contact)
        /// A request event: every event of every request, its opening included.
        case requestEvent(RequestEvent)
    }

    public let position: FeedPosition
    public let change: Change

    public init(position: FeedPosition, change: Change) {
        self.position = position
        self.change = change
    }

    /// The ticket of the contact, or of the request the event belongs to.
    public var ticket: TicketNumber {
        switch change {
        case .contact(let contact): contact.ticket
        case .requestEvent(let event): event.ticket
        }
    }
}
