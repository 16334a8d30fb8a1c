import Civic311
import Civic311Testing
import Foundation
import Synchronization

// Stores with one fault each, for proving that the conformance kit catches it. Each forwards
// everything to a correct store except the method it gets wrong.

/// No fault at all: the kit must pass it.
struct Faithful: ForwardingRequestStore {
    let base = InMemoryRequestStore()
}

/// An actor that checks for the client request key, suspends (as a store awaiting its database
/// does), then inserts: racing openings all pass the check before any inserts, and all are
/// stored. It keeps requests itself, and answers what the concurrent client-request-ID area
/// reads; the rest forwards to a base that stays empty.
actor SuspendingActorStore: ForwardingRequestStore {
    let base = InMemoryRequestStore()
    private var requests: [TicketNumber: ServiceRequest] = [:]
    private var keys: [ClientRequestKey: TicketNumber] = [:]

    func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        try await open(batch: [(contact, opening)])[0]
    }

    func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest] {
        let batch = try NewRequest.batch(batch)
        for new in batch {
            if let key = new.clientRequestKey, keys[key] != nil {
                throw StorageError.duplicate(key, refusing: new.request.ticket)
            }
        }
        // The fault: another opening runs its check while this one waits.
        await Task.yield()
        for new in batch {
            requests[new.request.ticket] = new.request
            if let key = new.clientRequestKey { keys[key] = new.request.ticket }
        }
        return batch.map(\.request)
    }

    func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? {
        keys[key].flatMap { requests[$0] }
    }

    func request(_ ticket: TicketNumber) async throws(StorageError) -> ServiceRequest? { requests[ticket] }

    func countRequests(matching query: RequestQuery) async throws(StorageError) -> Int {
        requests.values.filter(query.matches).count
    }
}

/// Lists contacts in the order they arrived, resuming after the cursor's ticket: right while
/// tickets arrive in order, but it skips a contact that arrives after a later ticket.
final class ContactsInArrivalOrder: ForwardingRequestStore {
    let base = InMemoryRequestStore()
    private let arrived = Mutex<[Contact]>([])

    func record(_ contact: Contact) async throws(StorageError) {
        try await base.record(contact)
        arrived.withLock { $0.append(contact) }
    }

    func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        let request = try await base.open(contact, request: opening)
        arrived.withLock { $0.append(contact) }
        return request
    }

    func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest] {
        let requests = try await base.open(batch: batch)
        arrived.withLock { $0.append(contentsOf: batch.map(\.contact)) }
        return requests
    }

    func contacts(matching query: ContactQuery, page: PageRequest) async throws(StorageError) -> Page<Contact> {
        let items = arrived.withLock { arrived in
            arrived.filter { contact in
                query.matches(contact) && page.after.map { contact.ticket > $0.ticket } ?? true
            }
        }
        guard items.count > page.limit else { return Page(items: items, next: nil) }
        let kept = Array(items.prefix(page.limit))
        return Page(items: kept, next: PageCursor(order: .ticketAscending, ticket: kept[kept.count - 1].ticket))
    }
}

/// Stores text in Unicode NFC, as a database with a normalising collation or driver would:
/// "e" and a combining accent come back as "é".
struct NormalisingStore: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        guard case .opened(let intake) = opening.change else { return try await base.open(contact, request: opening) }
        let normalised = RequestOpening(
            serviceType: intake.serviceType,
            kind: intake.kind,
            description: intake.description.precomposedStringWithCanonicalMapping,
            location: intake.location,
            answers: intake.answers,
            submitter: intake.submitter,
            channel: intake.channel,
            agent: intake.agent,
            priority: intake.priority,
            routing: intake.routing,
            serviceLevel: intake.serviceLevel,
            clientRequestID: intake.clientRequestID
        )
        return try await base.open(contact, request: opening.with(.opened(normalised)))
    }
}

/// Keeps client request IDs unique across the store, whoever submitted them: the leak of
/// issue 9 at the storage level.
final class GlobalClientRequestIDs: ForwardingRequestStore {
    let base = InMemoryRequestStore()
    private let owners = Mutex<[String: ClientRequestKey]>([:])

    func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        if let key = ClientRequestKey(opening: opening) {
            let owner = owners.withLock { $0[key.id] }
            if let owner, owner != key {
                throw StorageError(.duplicate, ticket: opening.ticket, reason: "client request ID taken")
            }
        }
        let request = try await base.open(contact, request: opening)
        if let key = ClientRequestKey(opening: opening) { owners.withLock { $0[key.id] = key } }
        return request
    }

    func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? {
        guard let owner = owners.withLock({ $0[key.id] }) else { return nil }
        return try await base.request(owner)
    }
}

struct IgnoresDepartments: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func requests(matching query: RequestQuery, page: PageRequest) async throws(StorageError) -> Page<ServiceRequest> {
        var query = query
        query.departments = nil
        return try await base.requests(matching: query, page: page)
    }
}

/// Answers a descending listing in ascending order.
struct AscendingOnly: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func requests(matching query: RequestQuery, page: PageRequest) async throws(StorageError) -> Page<ServiceRequest> {
        guard query.order == .ticketDescending else { return try await base.requests(matching: query, page: page) }
        var ascending = query
        ascending.order = .ticketAscending
        let after = page.after.map { PageCursor(order: .ticketAscending, ticket: $0.ticket) }
        let ascendingPage: PageRequest
        do {
            ascendingPage = try PageRequest(limit: page.limit, after: after)
        } catch {
            throw StorageError(.invalidCursor, reason: error.message)
        }
        let found = try await base.requests(matching: ascending, page: ascendingPage)
        return Page(
            items: found.items,
            next: found.next.map { PageCursor(order: .ticketDescending, ticket: $0.ticket) }
        )
    }
}

struct CountsOneTooMany: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func countRequests(matching query: RequestQuery) async throws(StorageError) -> Int {
        try await base.countRequests(matching: query) + 1
    }
}

/// Opens a batch one request at a time, so a bad item leaves the ones before it stored.
struct NonAtomicBatch: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest] {
        var opened: [ServiceRequest] = []
        for item in batch { opened.append(try await base.open(item.contact, request: item.opening)) }
        return opened
    }
}

/// Stops a batch of appends at the first entry it refuses, throwing, so the entries after it are
/// never written and the ones before are.
struct BatchStopsAtFirstRefusal: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func append(
        batch: [(events: [RequestEvent], expectedVersion: Int)]
    ) async throws(StorageError) -> [Result<ServiceRequest, StorageError>] {
        var results: [Result<ServiceRequest, StorageError>] = []
        for entry in batch {
            results.append(.success(try await base.append(entry.events, expectedVersion: entry.expectedVersion)))
        }
        return results
    }
}

/// Appends at whatever version the request is, so a stale write is not a conflict.
struct NoVersionCheck: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func append(_ events: [RequestEvent], expectedVersion: Int) async throws(StorageError) -> ServiceRequest {
        guard let ticket = events.first?.ticket, let current = try await base.request(ticket) else {
            return try await base.append(events, expectedVersion: expectedVersion)
        }
        return try await base.append(events, expectedVersion: current.version)
    }
}

// docs: begin broken-store
/// Forgets every client request ID: retries would open a request each time.
struct ForgetsClientRequestIDs: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? { nil }
}
// docs: end

/// Reads event times back truncated to the second.
struct EventDatesToSeconds: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func events(for ticket: TicketNumber) async throws(StorageError) -> [RequestEvent] {
        try await base.events(for: ticket).map { event in
            RequestEvent(
                ticket: event.ticket,
                sequence: event.sequence,
                recordedAt: Date(timeIntervalSince1970: event.recordedAt.timeIntervalSince1970.rounded(.down)),
                actor: event.actor,
                change: event.change,
                fromState: event.fromState,
                toState: event.toState,
                visibility: event.visibility
            )
        }
    }
}

extension RequestEvent {
    /// The same event with another change.
    func with(_ change: RequestChange) -> RequestEvent {
        RequestEvent(
            ticket: ticket,
            sequence: sequence,
            recordedAt: recordedAt,
            actor: actor,
            change: change,
            fromState: fromState,
            toState: toState,
            visibility: visibility
        )
    }
}

// MARK: Faults in the change feed, checkpoints and external references

/// The feed leaves out events appended after the opening.
struct FeedSkipsAppendedEvents: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        let page = try await base.changes(after: position, limit: limit)
        let kept = page.entries.filter { entry in
            guard case .requestEvent(let event) = entry.change else { return true }
            return event.sequence == 1
        }
        return FeedPage(entries: kept, after: page.next, isCaughtUp: page.isCaughtUp)
    }
}

/// A page is caught up only when it is shorter than its limit: a page that ends exactly at the
/// last entry says more may follow.
struct CaughtUpOnlyWhenShort: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        let page = try await base.changes(after: position, limit: limit)
        return FeedPage(entries: page.entries, after: position, isCaughtUp: page.entries.count < limit)
    }
}

/// A position past the last entry reads as an empty, caught-up page, so a reader holding a
/// position from elsewhere skips every entry written up to it.
struct ReadsPastTheEnd: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        do {
            return try await base.changes(after: position, limit: limit)
        } catch  where error.code == .invalidArgument && (1...FeedPage.maximumLimit).contains(limit) {
            return FeedPage(entries: [], after: position, isCaughtUp: true)
        }
    }
}

/// Like a store that numbers changes before it commits them: among the newest entries, those at
/// positions divisible by 5 are not visible yet, while later ones are.
struct PositionsOutOfCommitOrder: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        try FeedPage.validate(limit: limit)
        let read = try await base.changes(after: position, limit: min(FeedPage.maximumLimit, limit + 3))
        let newest = read.isCaughtUp ? Set(read.entries.suffix(3).map(\.position)) : []
        let visible = read.entries.filter { !(newest.contains($0.position) && $0.position.rawValue % 5 == 0) }
        return FeedPage(
            entries: Array(visible.prefix(limit)),
            after: position,
            isCaughtUp: read.isCaughtUp && visible.count <= limit
        )
    }
}

/// Saving a checkpoint always succeeds, even backwards.
struct CheckpointMovesBack: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func saveCheckpoint(
        _ position: FeedPosition,
        of consumer: FeedConsumerID,
        expected: FeedPosition?
    ) async throws(StorageError) {
        let current = try await base.checkpoint(of: consumer)
        try await base.saveCheckpoint(position, of: consumer, expected: expected ?? current)
    }
}

/// Keeps checkpoints in the store object rather than the backend, so reopening loses them. Each
/// save is checked against the backend's rules first, so only the durability area can tell.
final class CheckpointsInMemoryOnly: ForwardingRequestStore {
    let base: InMemoryRequestStore
    private let checkpoints = Mutex<[FeedConsumerID: FeedPosition]>([:])

    init(base: InMemoryRequestStore) { self.base = base }

    func checkpoint(of consumer: FeedConsumerID) async throws(StorageError) -> FeedPosition {
        try consumer.validate()
        return checkpoints.withLock { $0[consumer] ?? .start }
    }

    func saveCheckpoint(
        _ position: FeedPosition,
        of consumer: FeedConsumerID,
        expected: FeedPosition?
    ) async throws(StorageError) {
        try await base.saveCheckpoint(position, of: consumer, expected: nil)
        let current = checkpoints.withLock { $0[consumer] ?? .start }
        try consumer.validateCheckpoint(position, expected: expected, current: current, last: position)
        checkpoints.withLock { $0[consumer] = position }
    }
}

/// Keeps the requests across a reopening but not the feed: the reopened store's feed shows
/// nothing written before the reopening.
struct FeedLostOnReopening: ForwardingRequestStore {
    let base: InMemoryRequestStore
    /// The entries up to here are lost.
    let lostUpTo: FeedPosition

    /// The same backend, reopened: everything in its feed so far is lost.
    static func reopening(_ store: Self) async throws -> Self {
        var last = FeedPosition.start
        while true {
            let page = try await store.base.changes(after: last, limit: FeedPage.maximumLimit)
            last = page.next
            if page.isCaughtUp { return Self(base: store.base, lostUpTo: last) }
        }
    }

    func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        try await base.changes(after: max(position, lostUpTo), limit: limit)
    }
}

/// Only a request's current external reference finds it.
struct ForgetsFormerReferences: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func request(externalReference key: ExternalReference.Key) async throws(StorageError) -> ServiceRequest? {
        let request = try await base.request(externalReference: key)
        return request?.externalReference(in: key.system)?.identifier == key.identifier ? request : nil
    }
}

/// Finds nearby requests in any state: a closed pothole would be offered as a duplicate.
struct NearbyIgnoresState: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func nearbyOpenRequests(
        in box: CoordinateBox,
        serviceTypes: Set<ServiceTypeCode>,
        createdFrom: Date
    ) async throws(StorageError) -> [NearbyRequest] {
        let query = RequestQuery(serviceTypes: serviceTypes, createdFrom: createdFrom)
        return try await base.requests(matching: query, page: .first).items.compactMap(NearbyRequest.init).filter {
            box.contains($0.coordinate)
        }
    }
}

/// Records a redaction's event without rewriting the history it names: the resident stays in
/// every earlier event, the snapshot and the feed.
struct RecordsRedactionsWithoutRewriting: ForwardingRequestStore {
    let base = InMemoryRequestStore()

    func redactPersonalData(
        _ redaction: HistoryRedaction,
        recording event: RequestEvent,
        expectedVersion: Int
    ) async throws(StorageError) -> ServiceRequest {
        try await base.append([event], expectedVersion: expectedVersion)
    }
}

/// Rewrites the events but keeps the client request ID under the erased resident's identity.
final class KeepsErasedClientRequestIDs: ForwardingRequestStore {
    let base = InMemoryRequestStore()
    private let kept = Mutex<[ClientRequestKey: TicketNumber]>([:])

    func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        let opened = try await base.open(contact, request: opening)
        if let key = ClientRequestKey(opening: opening) { kept.withLock { $0[key] = opened.ticket } }
        return opened
    }

    func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? {
        if let found = try await base.request(key) { return found }
        guard let ticket = kept.withLock({ $0[key] }) else { return nil }
        return try await base.request(ticket)
    }
}
