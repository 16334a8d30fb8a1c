import Foundation

/// What a ``DepartmentOutbox`` tells its observer, as it happens. A dead letter is the alert: no
/// failure passes without one.
public enum OutboxEvent: Hashable, Sendable {
    /// The back office took a delivery.
    case delivered(Delivery.Kind, key: String)
    /// An attempt failed; the next one is at `nextAttempt`.
    case retrying(key: String, failures: Int, nextAttempt: Date, reason: String)
    /// The outbox gave up on a request: it is held, with everything that happens to it later,
    /// until an operator retries it.
    case deadLettered(TicketNumber, key: String, attempts: Int, reason: String)
    /// An operator's retry delivered everything held for the request.
    case redelivered(TicketNumber)
}
