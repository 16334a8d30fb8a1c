/// What a ``DepartmentOutbox`` has done since it started, and what waits.
public struct OutboxFigures: Hashable, Sendable, CustomStringConvertible {
    /// Deliveries the back office took (dispatches, updates and cancellations).
    public var delivered = 0
    /// Failed attempts that were scheduled again.
    public var retried = 0
    /// Requests given up on since the start, waiting for an operator (``DepartmentOutbox/retry(_:)``).
    public var deadLettered = 0
    /// Dead letters an operator's retry delivered.
    public var redelivered = 0
    /// Deliveries waiting now, for a first attempt or a retry.
    public var pending = 0
    /// Requests dead-lettered now, including those recorded before the start.
    public var heldForOperator = 0

    public init() {}

    public var description: String {
        "delivered \(delivered), retried \(retried), dead-lettered \(deadLettered), redelivered \(redelivered), "
            + "pending \(pending), held for an operator \(heldForOperator)"
    }
}
