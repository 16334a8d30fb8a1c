import Foundation

/// What a ``DepartmentOutbox`` wrote in a request's history about its deliveries to one
/// destination: the failures it gave up on and the operator's successful retries.
///
/// The record is how a dead letter survives a restart: the outbox rebuilds its list of dead letters
/// from these events, and the request's history shows every delivery that needed an operator.
/// It is internal: residents never see it.
public struct DeliveryRecord: Hashable, Sendable, Codable {
    /// What happened.
    public enum Outcome: Hashable, Sendable, Codable {
        /// Delivering the change recorded by the event at `sequence` failed `attempts` times (or
        /// was refused for good), so the outbox stopped delivering this request to the destination
        /// until an operator retries it. `reason` is the last failure's message.
        case deadLettered(sequence: Int, attempts: Int, reason: String)
        /// An operator's retry delivered everything held since the dead letter, through the event
        /// at `sequence`.
        case redelivered(through: Int)
    }

    /// The outbox's destination (``OutboxDestination/name``).
    public let destination: String
    public let outcome: Outcome

    public init(destination: String, outcome: Outcome) {
        self.destination = destination
        self.outcome = outcome
    }
}
