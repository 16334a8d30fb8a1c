import Foundation

/// Where a center keeps its contacts, requests and their event histories.
///
/// A store is a log of events with a snapshot per request. It does not decide what may happen to
/// a request (``ServiceCenter`` does); it guarantees that what is written is whole, ordered and
/// never lost:
///
/// - **Atomic commands.** Each method either happens entirely or not at all.
/// - **Optimistic concurrency.** ``append(_:expectedVersion:)`` succeeds only if the request is
///   still at `expectedVersion`; otherwise it throws ``StorageError/Code/conflict`` and writes
///   nothing, so no update is ever lost.
/// - **One fold.** A request's snapshot is ``ServiceRequest/replaying(_:)`` of its events; stores
///   compute it with that function rather than their own logic.
/// - **Stable listings.** Listings follow ``RequestOrder`` with ties broken by ticket; a
///   ``PageCursor`` resumes exactly after the last item returned.
/// - **Unique keys.** A ticket is stored once, across contacts and requests. A client request ID
///   is stored once per submitter: its ``ClientRequestKey`` (the ID and the scope of the
///   participant who opened the request) is unique, however many writers race.
///
/// ``InMemoryRequestStore`` is the reference implementation. ``NewRequest`` is the check every
/// store makes of an opening before storing it. Every implementation should pass the
/// conformance check in the `Civic311Testing` product.
public protocol RequestStore: Sendable {
    /// Stores a contact that opened no request (general information, referral, or a follow-up
    /// on an existing request). Throws ``StorageError/Code/duplicate`` if the ticket is taken.
    func record(_ contact: Contact) async throws(StorageError)

    /// Stores a contact and the request it opened, from the request's opening event, atomically.
    /// The contact must be the request's ``ServiceRequest/openingContact`` (stores may keep only the
    /// request and derive it); otherwise ``StorageError/Code/invalidHistory``: ``NewRequest``
    /// makes both checks. Throws ``StorageError/Code/duplicate`` if the ticket is taken, or if
    /// the request's ``ClientRequestKey`` is, that is, its submitter already used its client
    /// request ID.
    func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest

    /// Stores a request already checked by ``NewRequest``: ``open(_:request:)`` for a caller that
    /// has made the check itself (``ServiceCenter`` does, with the client request key it looked
    /// up retries by, so the key is not taken again). The store still refuses a ticket or client
    /// request key it holds. The default implementation calls ``open(_:request:)`` with the new
    /// request's contact and opening event, which checks them again.
    func open(_ request: NewRequest) async throws(StorageError) -> ServiceRequest

    /// Opens many requests in one command (one transaction, where the backend has them): the
    /// path for bulk loads and simulations. Either all are stored or none; the default
    /// implementation, for backends without transactions, opens them one by one and stops at the
    /// first failure.
    func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest]

    /// Appends events to one request's history if it is still at `expectedVersion`, and returns
    /// the request after them. An event recording an external reference whose key another request
    /// holds (now or formerly) is refused with ``StorageError/Code/duplicate``, and nothing is
    /// written; the same request may record its own key again.
    func append(_ events: [RequestEvent], expectedVersion: Int) async throws(StorageError) -> ServiceRequest

    /// Appends to several requests in one command (one transaction, where the backend has
    /// them): the path for writers that change many requests at once, such as a
    /// ``DepartmentOutbox`` recording the references of a pass.
    ///
    /// Each entry is appended as ``append(_:expectedVersion:)`` would append it, in batch order
    /// (two entries for one request must expect consecutive versions). An entry the store refuses
    /// with ``StorageError/refusesOneEntry`` (a conflict, an unknown ticket, a duplicate external
    /// reference, a history the fold refuses, a damaged row) writes nothing and is answered with
    /// its error in its place; the other entries are written and committed together. A failure of
    /// the store itself throws; where the backend has transactions, nothing of the batch is
    /// written then. The default implementation, for backends without them, appends one entry at
    /// a time and keeps what it appended before a store failure.
    ///
    /// - Returns: one result per entry, in batch order: the request after its events, or why the
    ///   entry was refused.
    func append(
        batch: [(events: [RequestEvent], expectedVersion: Int)]
    ) async throws(StorageError) -> [Result<ServiceRequest, StorageError>]

    func request(_ ticket: TicketNumber) async throws(StorageError) -> ServiceRequest?
    /// The request opened with a client request ID by a submitter in the key's scope, for
    /// idempotent submission; `nil` when that submitter never used the ID.
    func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest?
    /// A request's events, oldest first; empty for an unknown ticket.
    func events(for ticket: TicketNumber) async throws(StorageError) -> [RequestEvent]
    func contact(_ ticket: TicketNumber) async throws(StorageError) -> Contact?

    func requests(matching query: RequestQuery, page: PageRequest) async throws(StorageError) -> Page<ServiceRequest>
    func countRequests(matching query: RequestQuery) async throws(StorageError) -> Int
    /// Contacts in ticket order.
    func contacts(matching query: ContactQuery, page: PageRequest) async throws(StorageError) -> Page<Contact>
    func countContacts(matching query: ContactQuery) async throws(StorageError) -> Int

    /// The highest ticket number stored for `node`, so a restarted ``TicketIssuer`` continues
    /// after it.
    func latestTicket(issuedBy node: Int) async throws(StorageError) -> TicketNumber?

    // MARK: The change feed

    /// The changes stored after `position`, oldest first, at most `limit` of them.
    ///
    /// Every contact (including a request's opening contact) and every request event has one
    /// entry. ``open(_:request:)`` gives the contact a position and the opening event the next
    /// one; a batch's entries, and the events of one ``append(_:expectedVersion:)``, are
    /// consecutive, in order. Positions grow in commit order: once a reader has seen a position, no
    /// entry at or before it appears later. The last entry's position gives an empty page that is
    /// caught up; a position past it is refused (``FeedPage/validate(after:last:)``).
    ///
    /// - Throws: ``StorageError/Code/invalidArgument`` when `limit` is outside
    ///   1...``FeedPage/maximumLimit`` (see ``FeedPage/validate(limit:)``), or when `position` is
    ///   past the last entry.
    func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage

    /// The position `consumer` last saved, or ``FeedPosition/start`` if it never saved one.
    ///
    /// - Throws: ``StorageError/Code/invalidArgument`` for a name ``Identifier/validate()``
    ///   refuses.
    func checkpoint(of consumer: FeedConsumerID) async throws(StorageError) -> FeedPosition

    /// Saves `consumer`'s checkpoint, durably, as the store keeps everything else.
    ///
    /// Without `expected`, a checkpoint only moves forward: saving one before the stored one
    /// throws ``StorageError/Code/conflict`` (saving the same one again changes nothing). With
    /// `expected`, the checkpoint is saved only if it is still at `expected`, wherever the new one
    /// is: that is how an operator rewinds a consumer, and how two instances of one consumer avoid
    /// overwriting each other.
    ///
    /// - Throws: ``StorageError/Code/conflict`` as above; ``StorageError/Code/invalidArgument``
    ///   when `position` is past the last stored entry (a consumer saving it would skip what
    ///   comes next) or the name is refused.
    func saveCheckpoint(
        _ position: FeedPosition,
        of consumer: FeedConsumerID,
        expected: FeedPosition?
    ) async throws(StorageError)

    /// The request for which `key` was ever recorded, as its current or a former external
    /// reference; `nil` when none.
    func request(externalReference key: ExternalReference.Key) async throws(StorageError) -> ServiceRequest?

    // MARK: Residents' rights

    /// Rewrites one request's stored history as `redaction` says and appends `event`, which
    /// records it, in one command: the only way a stored event ever changes.
    ///
    /// Every store does the same thing through one shared function,
    /// ``HistoryRedaction/apply(to:recording:expectedVersion:)``, given the request's stored
    /// events: it replaces each event in ``RedactedHistory/rewritten`` with its redacted form
    /// (wherever the store keeps it: event rows, and the change feed's copies, if it keeps any),
    /// stores ``RedactedHistory/request`` as the snapshot, moves the client request ID index from
    /// ``RedactedHistory/formerClientRequestKey`` to ``RedactedHistory/clientRequestKey`` (removing
    /// it when that is `nil`), and appends the recording event as ``append(_:expectedVersion:)``
    /// would, with its change-feed entry. The rewritten events keep their feed positions: a feed
    /// reader reading them again gets the redacted form.
    ///
    /// Either all of it happens or none of it: a store without transactions cannot offer this.
    ///
    /// - Throws: what ``HistoryRedaction/apply(to:recording:expectedVersion:)`` throws
    ///   (``StorageError/Code/notFound``, ``StorageError/Code/conflict``,
    ///   ``StorageError/Code/invalidHistory``), and the store's own failures. Nothing is written
    ///   when it throws.
    func redactPersonalData(
        _ redaction: HistoryRedaction,
        recording event: RequestEvent,
        expectedVersion: Int
    ) async throws(StorageError) -> ServiceRequest

    // MARK: Nearby requests

    /// The open requests (new, assigned, in progress or on hold) of `serviceTypes`, created at or
    /// after `createdFrom`, whose coordinate lies in `box` (bounds included), in ticket order:
    /// where duplicate candidates come from (``ServiceCenter/duplicateCandidates(for:by:limit:)``).
    ///
    /// The default implementation pages through ``requests(matching:page:)`` by service type,
    /// state and creation time and keeps those in the box, so its cost grows with the open
    /// requests of those types in the window; a store that indexes locations overrides it
    /// (``InMemoryRequestStore`` keeps a grid).
    func nearbyOpenRequests(
        in box: CoordinateBox,
        serviceTypes: Set<ServiceTypeCode>,
        createdFrom: Date
    ) async throws(StorageError) -> [NearbyRequest]
}

extension RequestStore {
    public func nearbyOpenRequests(
        in box: CoordinateBox,
        serviceTypes: Set<ServiceTypeCode>,
        createdFrom: Date
    ) async throws(StorageError) -> [NearbyRequest] {
        try await nearbyOpenRequestsByListing(in: box, serviceTypes: serviceTypes, createdFrom: createdFrom)
    }

    /// ``nearbyOpenRequests(in:serviceTypes:createdFrom:)`` the way a store without a location
    /// index answers it: every open request of the types in the window, listed a page at a time
    /// and filtered by the box. The reference an indexed store is compared with.
    public func nearbyOpenRequestsByListing(
        in box: CoordinateBox,
        serviceTypes: Set<ServiceTypeCode>,
        createdFrom: Date
    ) async throws(StorageError) -> [NearbyRequest] {
        guard !serviceTypes.isEmpty else { return [] }
        let query = RequestQuery(
            states: Set(RequestState.allCases.filter(\.isOpen)),
            serviceTypes: serviceTypes,
            createdFrom: createdFrom
        )
        var found: [NearbyRequest] = []
        var cursor: PageCursor?
        repeat {
            let page = try await requests(matching: query, page: Self.nearbyPage(after: cursor))
            found += page.items.compactMap(NearbyRequest.init).filter { box.contains($0.coordinate) }
            cursor = page.next
        } while cursor != nil
        return found
    }

    private static func nearbyPage(after cursor: PageCursor?) -> PageRequest {
        // The limit is the maximum, which the initializer accepts.
        (try? PageRequest(limit: PageRequest.maximumLimit, after: cursor)) ?? PageRequest.first
    }

    /// Throws ``StorageError/Code/unsupported``, writing nothing: the default for stores written
    /// before redaction existed, so that they still build. Such a store cannot serve retention or
    /// erasure; the conformance kit's personal-data-redaction area fails until it implements this.
    public func redactPersonalData(
        _ redaction: HistoryRedaction,
        recording event: RequestEvent,
        expectedVersion: Int
    ) async throws(StorageError) -> ServiceRequest {
        throw StorageError(
            .unsupported,
            ticket: event.ticket,
            reason: "\(Self.self) does not implement redactPersonalData(_:recording:expectedVersion:)"
        )
    }

    public func open(_ request: NewRequest) async throws(StorageError) -> ServiceRequest {
        try await open(request.contact, request: request.opening)
    }

    /// Opens the batch one request at a time. Backends with transactions should override this so
    /// the batch is atomic and committed once.
    public func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest]
    {
        var opened: [ServiceRequest] = []
        opened.reserveCapacity(batch.count)
        for item in batch { opened.append(try await open(item.contact, request: item.opening)) }
        return opened
    }

    /// Appends the batch one entry at a time through ``append(_:expectedVersion:)``. Backends with
    /// transactions should override this so the batch is committed once.
    public func append(
        batch: [(events: [RequestEvent], expectedVersion: Int)]
    ) async throws(StorageError) -> [Result<ServiceRequest, StorageError>] {
        var results: [Result<ServiceRequest, StorageError>] = []
        results.reserveCapacity(batch.count)
        for entry in batch {
            do {
                results.append(.success(try await append(entry.events, expectedVersion: entry.expectedVersion)))
            } catch  where error.refusesOneEntry {
                results.append(.failure(error))
            }
        }
        return results
    }
}
