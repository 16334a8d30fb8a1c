import Foundation
import Synchronization

/// The reference ``RequestStore``: complete, safe under concurrent use, and held in memory.
///
/// All state sits behind one `Mutex`, so every command is atomic and commands from any number of
/// tasks serialise without an actor hop. Use it for tests, simulations and as the executable
/// specification other backends are checked against.
public final class InMemoryRequestStore: RequestStore {
    /// A stored request: its opening, and once it has changed, its current snapshot and the later
    /// events.
    ///
    /// At intake every request is new, and a request's snapshot right after intake is exactly the
    /// fold of its opening event, so an unchanged request keeps no snapshot: it is rebuilt on read
    /// (a few field copies, no allocation). Neither the opening contact nor the opening event is kept
    /// whole either: the fold of an opening event carries everything in it except who opened the
    /// request and the event's visibility, so those two are kept and both are rebuilt exactly as
    /// they were stored (the conformance kit compares histories event for event). An entry is
    /// about 80 bytes instead of a 250-byte snapshot.
    struct Entry {
        let ticket: TicketNumber
        let opening: RequestOpening
        let createdAt: Date
        let openedBy: Participant
        let openingVisibility: Visibility
        /// `nil` until the first event after the opening.
        var progress: Progress?

        /// The snapshot and history of a request that has changed since it was opened. A class,
        /// so an entry stays small and a change is applied in place; only touched under the
        /// store's lock.
        final class Progress {
            var request: ServiceRequest
            var later: [RequestEvent]

            init(request: ServiceRequest, later: [RequestEvent]) {
                self.request = request
                self.later = later
            }
        }

        init(request: ServiceRequest, opening event: RequestEvent) {
            ticket = request.ticket
            opening = request.opening
            createdAt = request.createdAt
            openedBy = event.actor
            openingVisibility = event.visibility
        }

        var request: ServiceRequest {
            progress?.request ?? ServiceRequest(ticket: ticket, opening: opening, createdAt: createdAt)
        }

        var openingEvent: RequestEvent {
            RequestEvent(
                ticket: ticket,
                sequence: 1,
                recordedAt: createdAt,
                actor: openedBy,
                change: .opened(opening),
                fromState: nil,
                toState: .new,
                visibility: openingVisibility
            )
        }

        var events: [RequestEvent] { [openingEvent] + (progress?.later ?? []) }

        /// The event numbered `sequence` (from 1); the caller knows the request has it.
        func event(sequence: Int) -> RequestEvent {
            guard sequence > 1, let progress else {
                assert(sequence == 1, "event \(sequence) of a request with one event")
                return openingEvent
            }
            return progress.later[sequence - 2]
        }

        var contact: Contact { opening.contact(ticket: ticket, receivedAt: createdAt) }
    }

    struct State {
        /// Requests in ticket order.
        var requests = TicketTable<Entry>()
        /// Contacts that opened no request, in ticket order.
        var contacts = TicketTable<Contact>()
        /// Requests by client request ID, per submitter.
        var clientRequests = ClientRequestIndex()
        /// The highest payload stored per ticket node (0 for none).
        var latestByNode = [UInt64](repeating: 0, count: TicketNumber.maximumNode + 1)
        /// Where each change-feed entry is kept, in position order.
        var feed = FeedLog()
        var checkpoints: [FeedConsumerID: FeedPosition] = [:]
        /// Every external reference key ever recorded, and the request that holds it.
        var externalReferences: [ExternalReference.Key: TicketNumber] = [:]
        /// The service types of stored requests, numbered for the indexes below.
        var serviceTypes = ServiceTypeNumbering()
        /// Requests by department, state and service type, soonest due first, for listings and counts.
        var workQueues = WorkQueueIndex()
        /// Requests by creation time, for counts with a creation range.
        var creation = CreationIndex()
        /// Open requests with a coordinate, by service type and grid cell, for duplicate searches.
        var nearby = NearbyIndex()
        /// How many stored requests listings and counts have read, for tests and benchmarks that
        /// check which path a query took.
        var requestsExamined = 0

        func contact(_ ticket: TicketNumber) -> Contact? {
            contacts[ticket] ?? requests[ticket]?.contact
        }

        /// The slot in ``requests`` of the request that holds `key`.
        func holder(of key: ClientRequestKey) -> UInt32? {
            clientRequests.slot(for: key) { Self.request(inSlot: $0, of: requests, holds: key) }
        }

        /// Files the request in `slot` as the holder of `key`, in place of any request that held it.
        mutating func file(_ slot: UInt32, holding key: ClientRequestKey) {
            // A copy of the table (no elements copied) for the check, which cannot read the
            // state while its index is being changed.
            let requests = requests
            clientRequests.file(slot, under: key) { Self.request(inSlot: $0, of: requests, holds: key) }
        }

        /// Whether the request in `slot` holds `key`: the client request ID its opening carries,
        /// scoped by who opened it, as ``ClientRequestKey/init(opening:)`` reads it.
        private static func request(
            inSlot slot: UInt32,
            of requests: TicketTable<Entry>,
            holds key: ClientRequestKey
        ) -> Bool {
            let entry = requests.value(inSlot: slot)
            return key.isKey(of: entry.opening.clientRequestID, submittedBy: entry.openedBy)
        }

        /// Moves a changed request between work queues and in or out of the nearby grid.
        mutating func refile(_ request: ServiceRequest, slot: UInt32, from filed: WorkQueueIndex.Filing, wasOpen: Bool)
        {
            let typeNumber = serviceTypes.number(for: request.serviceType)
            workQueues.refile(from: filed, to: WorkQueueIndex.Filing(request), typeNumber: typeNumber)
            nearby.refile(request, slot: slot, typeNumber: typeNumber, wasOpen: wasOpen)
        }

        func holds(_ ticket: TicketNumber) -> Bool {
            contacts.contains(ticket) || requests.contains(ticket)
        }

        mutating func noteIssued(_ ticket: TicketNumber) {
            latestByNode[ticket.node] = max(latestByNode[ticket.node], ticket.payload)
        }
    }

    let state = Mutex(State())

    public init() {}

    public func record(_ contact: Contact) async throws(StorageError) {
        try state.withLock { state throws(StorageError) in
            guard !state.holds(contact.ticket) else {
                throw StorageError(
                    .duplicate,
                    ticket: contact.ticket,
                    reason: "a contact with this ticket is already stored"
                )
            }
            let slot = state.contacts.insert(contact, for: contact.ticket)
            state.feed.append(.recordedContact(slot: slot))
            state.noteIssued(contact.ticket)
        }
    }

    public func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        try await open(NewRequest(contact, opening: opening))
    }

    public func open(_ new: NewRequest) async throws(StorageError) -> ServiceRequest {
        try state.withLock { state throws(StorageError) in
            try Self.checkUnique(new, in: state)
            Self.insert(new, into: &state)
        }
        return new.request
    }

    public func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest]
    {
        // The batch is checked within itself first, then against the store, before any of it
        // is written.
        let batch = try NewRequest.batch(batch)
        try state.withLock { state throws(StorageError) in
            for new in batch { try Self.checkUnique(new, in: state) }
            for new in batch { Self.insert(new, into: &state) }
        }
        return batch.map(\.request)
    }

    public func append(_ events: [RequestEvent], expectedVersion: Int) async throws(StorageError) -> ServiceRequest {
        let keys = Self.externalReferenceKeys(in: events)
        return try state.withLock { state throws(StorageError) in
            try Self.append(events, keys: keys, expectedVersion: expectedVersion, to: &state)
        }
    }

    /// Appends every entry under one lock, so the batch is one step for every reader.
    public func append(
        batch: [(events: [RequestEvent], expectedVersion: Int)]
    ) async throws(StorageError) -> [Result<ServiceRequest, StorageError>] {
        let keys = batch.map { Self.externalReferenceKeys(in: $0.events) }
        return state.withLock { state in
            zip(batch, keys).map { entry, keys in
                Result { () throws(StorageError) in
                    try Self.append(entry.events, keys: keys, expectedVersion: entry.expectedVersion, to: &state)
                }
            }
        }
    }

    /// Checks and appends one request's events; throws, changing nothing, when they are refused.
    private static func append(
        _ events: [RequestEvent],
        keys: [ExternalReference.Key],
        expectedVersion: Int,
        to state: inout State
    ) throws(StorageError) -> ServiceRequest {
        guard let ticket = events.first?.ticket else {
            throw StorageError(.invalidHistory, reason: "no events to append")
        }
        guard let index = state.requests.index(of: ticket) else {
            throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
        }
        try checkAppendable(events, keys: keys, to: ticket, in: state)
        let (updated, filed) = try state.requests.update(at: index) { entry throws(StorageError) in
            guard let progress = entry.progress else {
                // The first change since the opening: fold onto the rebuilt snapshot, and keep the
                // events' own array as the later history rather than copying it into a new one.
                var request = entry.request
                let filed = (WorkQueueIndex.Filing(request), wasOpen: request.state.isOpen)
                guard request.version == expectedVersion else {
                    throw StorageError.conflict(ticket, expected: expectedVersion, actual: request.version)
                }
                do throws(LifecycleError) {
                    for event in events { try request.apply(event) }
                } catch {
                    throw StorageError(.invalidHistory, ticket: ticket, reason: error.message)
                }
                entry.progress = Entry.Progress(request: request, later: events)
                return (request, filed)
            }
            let filed = (WorkQueueIndex.Filing(progress.request), wasOpen: progress.request.state.isOpen)
            guard progress.request.version == expectedVersion else {
                throw StorageError.conflict(ticket, expected: expectedVersion, actual: progress.request.version)
            }
            do throws(LifecycleError) {
                if events.count == 1 {
                    // apply(_:) checks everything before it mutates, so a refused event leaves
                    // the request as it was; mutating in place avoids copying its notes.
                    try progress.request.apply(events[0])
                } else {
                    progress.request = try progress.request.applying(events)
                }
            } catch {
                throw StorageError(.invalidHistory, ticket: ticket, reason: error.message)
            }
            progress.later.append(contentsOf: events)
            return (progress.request, filed)
        }
        state.refile(updated, slot: state.requests.slot(at: index), from: filed.0, wasOpen: filed.wasOpen)
        noteAppended(events, keys: keys, slot: state.requests.slot(at: index), in: &state)
        return updated
    }

    public func request(_ ticket: TicketNumber) async throws(StorageError) -> ServiceRequest? {
        state.withLock { $0.requests[ticket]?.request }
    }

    public func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? {
        state.withLock { state in state.holder(of: key).map { state.requests.value(inSlot: $0).request } }
    }

    public func events(for ticket: TicketNumber) async throws(StorageError) -> [RequestEvent] {
        state.withLock { $0.requests[ticket]?.events ?? [] }
    }

    public func contact(_ ticket: TicketNumber) async throws(StorageError) -> Contact? {
        state.withLock { $0.contact(ticket) }
    }

    public func contacts(matching query: ContactQuery, page: PageRequest) async throws(StorageError) -> Page<Contact> {
        try RequestOrder.ticketAscending.validate(page.after)
        return state.withLock { state in
            // Merge the two ticket orders: contacts that opened no request, and requests.
            let contacts = state.contacts
            let requests = state.requests
            var contactIndex = page.after.map { contacts.firstIndex(after: $0.ticket) } ?? 0
            var requestIndex = page.after.map { requests.firstIndex(after: $0.ticket) } ?? 0
            var items: [Contact] = []
            while items.count <= page.limit {
                let contact: Contact
                if contactIndex < contacts.count,
                    requestIndex == requests.count || contacts.tickets[contactIndex] < requests.tickets[requestIndex]
                {
                    contact = contacts.value(at: contactIndex)
                    contactIndex += 1
                } else if requestIndex < requests.count {
                    contact = requests.value(at: requestIndex).contact
                    requestIndex += 1
                } else {
                    break
                }
                if query.matches(contact) { items.append(contact) }
            }
            return Page(fetched: items, limit: page.limit) { PageCursor(order: .ticketAscending, ticket: $0.ticket) }
        }
    }

    public func countContacts(matching query: ContactQuery) async throws(StorageError) -> Int {
        state.withLock { state in
            let recorded = state.contacts.values.reduce(0) { $0 + (query.matches($1) ? 1 : 0) }
            return state.requests.values.reduce(recorded) { $0 + (query.matches($1.contact) ? 1 : 0) }
        }
    }

    public func latestTicket(issuedBy node: Int) async throws(StorageError) -> TicketNumber? {
        guard (0...TicketNumber.maximumNode).contains(node) else { return nil }
        return state.withLock { state in
            let payload = state.latestByNode[node]
            return payload == 0 ? nil : TicketNumber(uncheckedPayload: payload)
        }
    }

    // MARK: Internals

    private static func checkUnique(_ new: NewRequest, in state: State) throws(StorageError) {
        guard !state.holds(new.request.ticket) else { throw StorageError.duplicate(new.request.ticket) }
        if let key = new.clientRequestKey, state.holder(of: key) != nil {
            throw StorageError.duplicate(key, refusing: new.request.ticket)
        }
    }

    private static func insert(_ new: NewRequest, into state: inout State) {
        let slot = state.requests.insert(Entry(request: new.request, opening: new.opening), for: new.request.ticket)
        state.feed.append(.requestContact(slot: slot))
        state.feed.append(.event(slot: slot, sequence: 1))
        let typeNumber = state.serviceTypes.number(for: new.request.serviceType)
        state.workQueues.file(new.request, typeNumber: typeNumber)
        state.creation.file(new.request.ticket, createdAt: new.request.createdAt)
        state.nearby.file(new.request, slot: slot, typeNumber: typeNumber)
        state.noteIssued(new.request.ticket)
        if let key = new.clientRequestKey { state.file(slot, holding: key) }
    }
}

extension RequestStore where Self == InMemoryRequestStore {
    /// A new, empty in-memory store: `ServiceCenter(…, store: .inMemory)`.
    public static var inMemory: InMemoryRequestStore { InMemoryRequestStore() }
}
