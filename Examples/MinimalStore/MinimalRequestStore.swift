import Civic311
import Synchronization

/// The storage contract, written to be read: every `RequestStore` requirement in its plainest
/// form, passing the whole conformance kit.
///
/// Start here to write a backend. Each method is what the contract asks and nothing more: the
/// core checks openings (`NewRequest`), folds events (`ServiceRequest.applying(_:)`), matches
/// filters (`RequestQuery.matches(_:)`), orders listings (`RequestOrder`) and cuts pages
/// (`Page(fetched:limit:cursor:)`), so a store only keeps things and keeps them consistent.
/// It is not fast: every listing sorts everything. `InMemoryRequestStore` is the same contract,
/// optimised.
public final class MinimalRequestStore: RequestStore {
    // docs: begin minimal-store-state
    private struct State {
        /// Every contact by ticket, those that opened a request and those that did not.
        var contacts: [TicketNumber: Contact] = [:]
        /// Each request's events, oldest first.
        var histories: [TicketNumber: [RequestEvent]] = [:]
        /// Each request as of its last event: the fold of its history.
        var requests: [TicketNumber: ServiceRequest] = [:]
        /// Requests by client request ID, per submitter.
        var clientRequests: [ClientRequestKey: TicketNumber] = [:]
        /// The change feed: the change at position p is element p - 1.
        var feed: [FeedEntry.Change] = []
        /// Each consumer's checkpoint.
        var checkpoints: [FeedConsumerID: FeedPosition] = [:]
        /// Every external reference ever recorded, and the request that recorded it.
        var externalReferences: [ExternalReference.Key: TicketNumber] = [:]
    }
    // docs: end

    /// One lock around everything: each command checks and writes in one step, so commands are
    /// atomic and racing writers cannot both pass a check.
    private let state = Mutex(State())

    public init() {}

    // MARK: Commands

    public func record(_ contact: Contact) async throws(StorageError) {
        try state.withLock { state throws(StorageError) in
            guard state.contacts[contact.ticket] == nil else { throw StorageError.duplicate(contact.ticket) }
            state.contacts[contact.ticket] = contact
            state.feed.append(.contact(contact))
        }
    }

    public func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        try await open(batch: [(contact, opening)])[0]
    }

    public func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest]
    {
        // Fold each opening, check its contact, and refuse a ticket or key twice in the batch.
        let batch = try NewRequest.batch(batch)
        try state.withLock { state throws(StorageError) in
            // docs: begin minimal-store-uniqueness
            // Check the whole batch against the store before writing any of it.
            for new in batch {
                let ticket = new.request.ticket
                guard state.contacts[ticket] == nil else { throw StorageError.duplicate(ticket) }
                if let key = new.clientRequestKey, state.clientRequests[key] != nil {
                    throw StorageError.duplicate(key, refusing: ticket)
                }
            }
            // docs: end
            for new in batch {
                let ticket = new.request.ticket
                state.contacts[ticket] = new.contact
                state.histories[ticket] = [new.opening]
                state.requests[ticket] = new.request
                if let key = new.clientRequestKey { state.clientRequests[key] = ticket }
                // Positions are given under the lock that stores, so they grow in commit order.
                state.feed += [.contact(new.contact), .requestEvent(new.opening)]
            }
        }
        return batch.map(\.request)
    }

    public func append(_ events: [RequestEvent], expectedVersion: Int) async throws(StorageError) -> ServiceRequest {
        guard let ticket = events.first?.ticket else {
            throw StorageError(.invalidHistory, reason: "no events to append")
        }
        return try state.withLock { state throws(StorageError) in
            guard let current = state.requests[ticket] else {
                throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
            }
            // docs: begin minimal-store-version
            guard current.version == expectedVersion else {
                throw StorageError.conflict(ticket, expected: expectedVersion, actual: current.version)
            }
            // docs: end
            // docs: begin minimal-store-fold
            // The core's fold refuses events that do not continue the history, whole.
            let updated: ServiceRequest
            do throws(LifecycleError) {
                updated = try current.applying(events)
            } catch {
                throw StorageError(.invalidHistory, ticket: ticket, reason: error.message)
            }
            // docs: end
            // A (system, identifier) pair belongs to the request that recorded it first.
            let keys = events.compactMap { event -> ExternalReference.Key? in
                guard case .externalReferenceAdded(let reference) = event.change else { return nil }
                return reference.key
            }
            for key in keys where state.externalReferences[key, default: ticket] != ticket {
                throw StorageError(.duplicate, ticket: ticket, reason: "\(key) belongs to another request")
            }
            state.histories[ticket, default: []] += events
            state.requests[ticket] = updated
            state.feed += events.map { .requestEvent($0) }
            for key in keys { state.externalReferences[key] = ticket }
            return updated
        }
    }

    // MARK: Residents' rights

    public func redactPersonalData(
        _ redaction: HistoryRedaction,
        recording event: RequestEvent,
        expectedVersion: Int
    ) async throws(StorageError) -> ServiceRequest {
        let ticket = event.ticket
        return try state.withLock { state throws(StorageError) in
            // The core rewrites the history, checks the recording event and folds the result;
            // the store only writes what it returns.
            let redacted = try redaction.apply(
                to: state.histories[ticket] ?? [],
                recording: event,
                expectedVersion: expectedVersion
            )
            state.histories[ticket] = redacted.events
            state.requests[ticket] = redacted.request
            if let former = redacted.formerClientRequestKey { state.clientRequests[former] = nil }
            if let key = redacted.clientRequestKey { state.clientRequests[key] = ticket }
            // This feed keeps copies of the events, so they are rewritten too, in their places.
            var replacements: [Int: RequestEvent] = [:]
            for rewritten in redacted.rewrittenEvents { replacements[rewritten.sequence] = rewritten }
            for index in state.feed.indices {
                guard case .requestEvent(let stored) = state.feed[index], stored.ticket == ticket,
                    let replacement = replacements[stored.sequence]
                else { continue }
                state.feed[index] = .requestEvent(replacement)
            }
            state.feed.append(.requestEvent(event))
            return redacted.request
        }
    }

    // MARK: Reads

    public func request(_ ticket: TicketNumber) async throws(StorageError) -> ServiceRequest? {
        state.withLock { $0.requests[ticket] }
    }

    public func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? {
        state.withLock { state in state.clientRequests[key].flatMap { state.requests[$0] } }
    }

    public func events(for ticket: TicketNumber) async throws(StorageError) -> [RequestEvent] {
        state.withLock { $0.histories[ticket] ?? [] }
    }

    public func contact(_ ticket: TicketNumber) async throws(StorageError) -> Contact? {
        state.withLock { $0.contacts[ticket] }
    }

    public func requests(
        matching query: RequestQuery,
        page: PageRequest
    ) async throws(StorageError) -> Page<ServiceRequest> {
        let order = query.order
        try order.validate(page.after)
        // docs: begin minimal-store-listing
        let listed = state.withLock { Array($0.requests.values) }
            .filter { request in query.matches(request) && page.after.map { order.sorts(request, after: $0) } ?? true }
            .sorted { order.sorts($0, before: $1) }
        return Page(fetched: Array(listed.prefix(page.limit + 1)), limit: page.limit) { order.cursor(after: $0) }
        // docs: end
    }

    public func countRequests(matching query: RequestQuery) async throws(StorageError) -> Int {
        state.withLock { $0.requests.values.filter(query.matches).count }
    }

    public func contacts(matching query: ContactQuery, page: PageRequest) async throws(StorageError) -> Page<Contact> {
        try RequestOrder.ticketAscending.validate(page.after)
        let listed = state.withLock { Array($0.contacts.values) }
            .filter { contact in query.matches(contact) && page.after.map { contact.ticket > $0.ticket } ?? true }
            .sorted { $0.ticket < $1.ticket }
        return Page(fetched: Array(listed.prefix(page.limit + 1)), limit: page.limit) {
            PageCursor(order: .ticketAscending, ticket: $0.ticket)
        }
    }

    public func countContacts(matching query: ContactQuery) async throws(StorageError) -> Int {
        state.withLock { $0.contacts.values.filter(query.matches).count }
    }

    public func latestTicket(issuedBy node: Int) async throws(StorageError) -> TicketNumber? {
        state.withLock { $0.contacts.keys.filter { $0.node == node }.max() }
    }

    // MARK: The change feed

    public func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        try FeedPage.validate(limit: limit)
        return try state.withLock { state throws(StorageError) in
            let first = Int(clamping: position.rawValue)
            guard first < state.feed.count else {
                let last = FeedPosition(rawValue: Int64(state.feed.count)) ?? .start
                try FeedPage.validate(after: position, last: last)
                return FeedPage(entries: [], after: position, isCaughtUp: true)
            }
            let end = min(state.feed.count, first + limit)
            let entries = (first..<end).map { index in
                FeedEntry(position: FeedPosition(rawValue: Int64(index) + 1) ?? .start, change: state.feed[index])
            }
            return FeedPage(entries: entries, after: position, isCaughtUp: end == state.feed.count)
        }
    }

    public func checkpoint(of consumer: FeedConsumerID) async throws(StorageError) -> FeedPosition {
        try consumer.validate()
        return state.withLock { $0.checkpoints[consumer] ?? .start }
    }

    public func saveCheckpoint(
        _ position: FeedPosition,
        of consumer: FeedConsumerID,
        expected: FeedPosition?
    ) async throws(StorageError) {
        try consumer.validate()
        try state.withLock { state throws(StorageError) in
            try consumer.validateCheckpoint(
                position,
                expected: expected,
                current: state.checkpoints[consumer] ?? .start,
                last: FeedPosition(rawValue: Int64(state.feed.count)) ?? .start
            )
            state.checkpoints[consumer] = position
        }
    }

    public func request(externalReference key: ExternalReference.Key) async throws(StorageError) -> ServiceRequest? {
        state.withLock { state in state.externalReferences[key].flatMap { state.requests[$0] } }
    }
}
