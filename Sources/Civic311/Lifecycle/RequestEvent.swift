import Foundation

/// One immutable entry in a request's history: who changed what, when, from which state to which,
/// and whether residents may see it.
public struct RequestEvent: Hashable, Sendable, Codable {
    public let ticket: TicketNumber
    /// Position in the request's history, from 1; equals the request's version after it.
    public let sequence: Int
    public let recordedAt: Date
    public let actor: Participant
    public let change: RequestChange
    /// The state before the event; `nil` for the opening event.
    public let fromState: RequestState?
    /// The state after the event.
    public let toState: RequestState
    public let visibility: Visibility

    public init(
        ticket: TicketNumber,
        sequence: Int,
        recordedAt: Date,
        actor: Participant,
        change: RequestChange,
        fromState: RequestState?,
        toState: RequestState,
        visibility: Visibility
    ) {
        self.ticket = ticket
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.actor = actor
        self.change = change
        self.fromState = fromState
        self.toState = toState
        self.visibility = visibility
    }
}
