import Foundation
import Synchronization

// Request listings and counts: served by the work-queue and creation indexes where they can, by a
// scan otherwise (a ticket-ordered listing walks the tickets until its page is full).
// Both paths give the same answer (the property tests compare them with a scan-and-sort oracle);
// only the number of requests read differs.
extension InMemoryRequestStore {
    public func requests(
        matching query: RequestQuery,
        page: PageRequest
    ) async throws(StorageError) -> Page<ServiceRequest> {
        try query.order.validate(page.after)
        return state.withLock { state in
            switch query.order {
            case .ticketAscending, .ticketDescending: Self.ticketPage(matching: query, page: page, in: &state)
            case .dueAscending: Self.queuePage(matching: query, page: page, in: &state)
            }
        }
    }

    public func countRequests(matching query: RequestQuery) async throws(StorageError) -> Int {
        state.withLock { state in
            guard WorkQueueIndex.counts(query) else { return Self.countWithCreationRange(query, in: &state) }
            return state.workQueues.count(query)
        }
    }

    /// Read from the store's grid of open requests alone: the cells the box overlaps, each entry
    /// checked exactly against the box and the instant.
    public func nearbyOpenRequests(
        in box: CoordinateBox,
        serviceTypes: Set<ServiceTypeCode>,
        createdFrom: Date
    ) async throws(StorageError) -> [NearbyRequest] {
        state.withLock { state in
            let numbered = serviceTypes.compactMap { code in
                state.serviceTypes.existingNumber(for: code).map { (code, $0) }
            }
            return state.nearby.requests(in: box, serviceTypes: numbered, createdFrom: createdFrom)
        }
    }

    /// How many stored requests listings and counts have read since the store was made: a page
    /// served by the work-queue index reads about as many as it returns, a scan reads them all.
    @_spi(Benchmarks) public var requestsExamined: Int {
        state.withLock { $0.requestsExamined }
    }

    /// The page ``requests(matching:page:)`` returns, found by reading every request and sorting
    /// the matches, as the store did before it kept an index: the baseline for benchmarks.
    @_spi(Benchmarks) public func scannedRequests(
        matching query: RequestQuery,
        page: PageRequest
    ) throws(StorageError) -> Page<ServiceRequest> {
        try query.order.validate(page.after)
        return state.withLock { state in Self.scannedPage(matching: query, page: page, in: &state) }
    }

    /// The count ``countRequests(matching:)`` returns, found by reading every request: the
    /// baseline for benchmarks.
    @_spi(Benchmarks) public func scannedCount(matching query: RequestQuery) -> Int {
        state.withLock { state in Self.scannedCount(matching: query, in: &state) }
    }

    // MARK: Internals

    /// Walks the ticket order from the cursor, stopping one past the limit.
    private static func ticketPage(
        matching query: RequestQuery,
        page: PageRequest,
        in state: inout State
    ) -> Page<ServiceRequest> {
        let table = state.requests
        var items: [ServiceRequest] = []
        var index: Int
        let step: Int
        if query.order == .ticketAscending {
            index = page.after.map { table.firstIndex(after: $0.ticket) } ?? 0
            step = 1
        } else {
            index = (page.after.map { table.firstIndex(notBefore: $0.ticket) } ?? table.count) - 1
            step = -1
        }
        var examined = 0
        while index >= 0, index < table.count, items.count <= page.limit {
            let request = table.value(at: index).request
            examined += 1
            if query.matches(request) { items.append(request) }
            index += step
        }
        state.requestsExamined += examined
        return Page(fetched: items, limit: page.limit) { query.order.cursor(after: $0) }
    }

    /// Merges the selected work queues from the cursor, reading only the requests it lists or the
    /// query's other criteria turn away.
    private static func queuePage(
        matching query: RequestQuery,
        page: PageRequest,
        in state: inout State
    ) -> Page<ServiceRequest> {
        let cursor = page.after.map { WorkQueueIndex.Place(instant: $0.dueAt ?? .distantPast, ticket: $0.ticket) }
        var items: [ServiceRequest] = []
        var examined = 0
        for place in state.workQueues.places(matching: query, after: cursor) {
            guard items.count <= page.limit else { break }
            guard let request = state.requests[place.ticket]?.request else {
                assertionFailure("the work queues file \(place.ticket), which the store does not hold")
                continue
            }
            examined += 1
            if query.matches(request) { items.append(request) }
        }
        state.requestsExamined += examined
        return Page(fetched: items, limit: page.limit) { query.order.cursor(after: $0) }
    }

    /// A count with a creation range, which the work queues cannot answer alone: the creation
    /// index counts the range itself; with other criteria too, the requests of whichever is
    /// smaller, the range or the selected queues, are read and matched, never the whole store.
    private static func countWithCreationRange(_ query: RequestQuery, in state: inout State) -> Int {
        let inRange = state.creation.count(from: query.createdFrom, before: query.createdBefore)
        var queued = query
        queued.createdFrom = nil
        queued.createdBefore = nil
        guard queued.states != nil || queued.departments != nil || queued.serviceTypes != nil || queued.dueBefore != nil
        else { return inRange }
        let candidates: [TicketNumber]
        if state.workQueues.count(queued) < inRange {
            candidates = state.workQueues.queues(matching: queued).flatMap { queue in
                queue.all.prefix { place in queued.dueBefore.map { place.instant < $0 } ?? true }.map(\.ticket)
            }
        } else {
            candidates = state.creation.tickets(from: query.createdFrom, before: query.createdBefore)
        }
        state.requestsExamined += candidates.count
        return candidates.reduce(0) { count, ticket in
            count + (state.requests[ticket].map { query.matches($0.request) } == true ? 1 : 0)
        }
    }

    private static func scannedPage(
        matching query: RequestQuery,
        page: PageRequest,
        in state: inout State
    ) -> Page<ServiceRequest> {
        let order = query.order
        var items: [ServiceRequest] = state.requests.values.lazy.map(\.request).filter { request in
            query.matches(request) && page.after.map { order.sorts(request, after: $0) } ?? true
        }
        items.sort { order.sorts($0, before: $1) }
        state.requestsExamined += state.requests.count
        return Page(fetched: items, limit: page.limit) { order.cursor(after: $0) }
    }

    private static func scannedCount(matching query: RequestQuery, in state: inout State) -> Int {
        state.requestsExamined += state.requests.count
        return state.requests.values.reduce(0) { $0 + (query.matches($1.request) ? 1 : 0) }
    }
}
