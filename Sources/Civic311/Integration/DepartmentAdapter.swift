/// The bridge to one department's back office (a Cityworks, Hansen, SAP or Confirm system): what an
/// integrator implements so a ``DepartmentOutbox`` can hand requests to it.
///
/// Every call carries a ``Delivery/key``, the same on every retry of the same delivery. An adapter
/// must make a retried call take effect once: pass the key to the back office as its idempotency
/// key, or remember it. The outbox delivers at least once, so after a crash or a lost answer
/// it calls again with the same key; with an idempotent adapter, that makes every delivery take
/// effect exactly once.
///
/// Throw ``DeliveryError`` with ``DeliveryError/Code/unavailable`` for what may work later (a
/// timeout, a 503, a maintenance window): the outbox retries with backoff. Throw
/// ``DeliveryError/Code/rejected`` for what never will (the back office refuses the record):
/// the outbox dead-letters the request at once, for an operator. Throw ``DeliveryError`` only:
/// any other error counts as unavailable and is retried.
///
/// What the kit in `Civic311Testing` (`DepartmentAdapterConformance`) holds every adapter to:
/// - A refused call does not use up its key: an operator's ``DepartmentOutbox/retry(_:)`` sends
///   the same key again once the cause is fixed.
/// - A key that took effect answers the same way when it comes again, even after the record was
///   cancelled: a restarted outbox may send it again.
/// - An update or cancellation whose ``Delivery/reference`` is `nil` or unknown to the back
///   office is refused (``DeliveryError/Code/rejected``), and creates nothing.
/// - Calls with the same key may arrive concurrently (a retry overtaking a call still in flight);
///   they take effect once.
/// - A dispatch answers a non-blank reference of at most 256 bytes that no other request holds;
///   anything else dead-letters the request. A request that comes back to the destination is
///   dispatched again under a new key, with its former reference in ``Delivery/reference``;
///   answer an open record, new or reopened.
public protocol DepartmentAdapter: Sendable {
    /// The back office's system name, under which the references it returns are recorded
    /// (``ExternalReference/system``), for example `"cityworks"`.
    var system: String { get }

    /// Hands a request to the back office, which creates its own record for it, and returns that
    /// record's identifier. A retry with the same key returns the same identifier.
    func dispatch(_ delivery: Delivery) async throws -> String

    /// Tells the back office about a change to a request it holds: a state change, a note, a new
    /// priority, an escalation.
    func update(_ delivery: Delivery) async throws

    /// Tells the back office that a request it holds is no longer its work: the resident cancelled
    /// it, or it moved to a department this destination does not serve.
    func cancel(_ delivery: Delivery) async throws
}
