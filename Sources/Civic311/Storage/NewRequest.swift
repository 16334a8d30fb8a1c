/// A request about to be opened, checked the way every store must check it before it stores
/// anything: the one implementation of that check, for every backend.
///
/// ```swift
/// public func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
///     let new = try NewRequest(contact, opening: opening)
///     // Under one lock or transaction: refuse a ticket or a client request key already stored,
///     // then store new.contact, new.opening and new.request.
///     return new.request
/// }
/// ```
///
/// What a store still checks itself, against what it holds, is uniqueness: the ticket across
/// contacts and requests, and ``clientRequestKey`` across requests.
public struct NewRequest: Sendable {
    /// The contact that opened the request: the request's ``ServiceRequest/openingContact``.
    /// Derived rather than kept: the initializer checked that the contact it was given is this
    /// one, and intake moves a new request between tasks, where every byte of it is copied.
    public var contact: Contact { request.openingContact }
    /// The opening event, the first of the request's history.
    public let opening: RequestEvent
    /// The fold of the opening event: the request as it is stored and returned.
    public let request: ServiceRequest
    /// The client request ID and its scope, when the opening carries an ID.
    public let clientRequestKey: ClientRequestKey?

    /// Folds `opening` and checks that `contact` is the contact it implies.
    ///
    /// - Throws: ``StorageError/Code/invalidHistory`` when `opening` is not a valid opening event
    ///   (see ``ServiceRequest/init(opening:)``), or when `contact` differs from the request's
    ///   ``ServiceRequest/openingContact`` in ticket, channel, time, agent or kind, so that a
    ///   store may keep either and derive the other.
    public init(_ contact: Contact, opening: RequestEvent) throws(StorageError) {
        try self.init(opening: opening, clientRequestKey: nil)
        guard contact == request.openingContact else {
            throw StorageError(
                .invalidHistory,
                ticket: request.ticket,
                reason:
                    "the opening contact does not match the request (ticket, channel, time, agent and kind must agree)"
            )
        }
    }

    /// Folds `opening`, whose contact is the one it implies (``contact``): for intake, which
    /// builds the opening and has no other contact to check. The opening's client request key
    /// is taken from a caller that has made it already (intake looked retries up by it): hashing
    /// the submitter and the ID again costs more than the check that `key` is the opening's key.
    /// A `key` that is not the opening's is ignored and the key is made from the opening.
    ///
    /// - Throws: ``StorageError/Code/invalidHistory`` when `opening` is not a valid opening event.
    package init(opening: RequestEvent, clientRequestKey key: ClientRequestKey?) throws(StorageError) {
        do throws(LifecycleError) {
            // Not ServiceRequest(opening:), whose value was copied out of it (a dozen references
            // retained, then released) once more than the inlined initializer's.
            let payload = try ServiceRequest.opening(of: opening)
            request = ServiceRequest(ticket: opening.ticket, opening: payload, createdAt: opening.recordedAt)
        } catch {
            throw StorageError(.invalidHistory, ticket: opening.ticket, reason: error.message)
        }
        self.opening = opening
        if let key, key.isKey(of: request.clientRequestID, submittedBy: opening.actor) {
            clientRequestKey = key
        } else {
            clientRequestKey = ClientRequestKey(opening: opening)
        }
    }

    /// Checks every item of a batch, and that no ticket and no client request key appears twice
    /// in it, before a store writes any of it.
    ///
    /// - Throws: ``StorageError/Code/invalidHistory`` as ``init(_:opening:)`` does, or
    ///   ``StorageError/Code/duplicate`` naming the second item with a ticket or key already in
    ///   the batch.
    public static func batch(_ items: [(contact: Contact, opening: RequestEvent)]) throws(StorageError) -> [NewRequest]
    {
        var checked: [NewRequest] = []
        checked.reserveCapacity(items.count)
        // Sized up front: growing a set rehashes every key already in it.
        var tickets = Set<TicketNumber>(minimumCapacity: items.count)
        var keys = Set<ClientRequestKey>(minimumCapacity: items.count)
        for item in items {
            let new = try NewRequest(item.contact, opening: item.opening)
            guard tickets.insert(new.request.ticket).inserted else {
                throw StorageError(
                    .duplicate,
                    ticket: new.request.ticket,
                    reason: "the ticket appears twice in the batch"
                )
            }
            if let key = new.clientRequestKey, !keys.insert(key).inserted {
                throw StorageError(
                    .duplicate,
                    ticket: new.request.ticket,
                    reason: "client request ID '\(key.id)' appears twice in the batch for one submitter"
                )
            }
            checked.append(new)
        }
        return checked
    }
}
