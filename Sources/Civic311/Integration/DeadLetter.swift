import Foundation

/// A request a ``DepartmentOutbox`` gave up delivering, held for an operator.
public struct DeadLetter: Hashable, Sendable {
    public let ticket: TicketNumber
    /// The sequence of the event whose delivery failed; it and every later change wait.
    public let sequence: Int
    public let attempts: Int
    /// The last failure's message.
    public let reason: String
    /// At or before the feed position of the ``DeliveryRecord`` that holds it, so the outbox
    /// finds it again after a restart.
    let recordedAfter: FeedPosition
}

extension DeadLetter {
    /// The same dead letter, now that its record's feed position is known.
    func recorded(at position: FeedPosition) -> DeadLetter {
        DeadLetter(
            ticket: ticket,
            sequence: sequence,
            attempts: attempts,
            reason: reason,
            recordedAfter: FeedPosition(checked: position.rawValue - 1)
        )
    }
}
