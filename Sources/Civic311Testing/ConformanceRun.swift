import Civic311
import Foundation
import Testing

/// One run of one area: the store under test, where failures go, and the steps several areas
/// share.
struct ConformanceRun: Sendable {
    typealias Reopen = @Sendable (any RequestStore) async throws -> any RequestStore

    let store: any RequestStore
    let check: ConformanceCheck
    /// The kit's seed, for fixtures an area makes besides its own.
    let seed: UInt64
    /// Closes the store and opens the same backend again; `nil` for backends that do not survive
    /// a restart.
    let reopen: Reopen?

    /// The same run on another store (the reopened backend).
    func on(_ store: any RequestStore) -> ConformanceRun {
        ConformanceRun(store: store, check: check, seed: seed, reopen: reopen)
    }

    /// Opens a request built by `fixtures` and returns it as stored.
    func openRequest(
        _ fixtures: inout RequestFixtures,
        department: DepartmentID? = nil,
        dueIn: TimeInterval? = nil,
        clientRequestID: String? = nil,
        submittedBy submitter: Participant? = nil
    ) async throws -> ServiceRequest {
        let (contact, opening) = fixtures.opening(
            department: department,
            dueIn: dueIn,
            clientRequestID: clientRequestID,
            submittedBy: submitter
        )
        return try await store.open(contact, request: opening)
    }

    /// Appends `events` at the request's version and returns the result.
    func append(_ events: [RequestEvent], to request: ServiceRequest) async throws -> ServiceRequest {
        guard !events.isEmpty else { return request }
        return try await store.append(events, expectedVersion: request.version)
    }

    /// Checks that the store holds `expected` under its ticket, that its events fold to it, and,
    /// when given, that the events are exactly `history`.
    func expectStored(_ expected: ServiceRequest, history: [RequestEvent]? = nil, _ what: String) async throws {
        let stored = try await store.request(expected.ticket)
        check.expectEqual(stored, expected, "\(what): request(\(expected.ticket))")
        let events = try await store.events(for: expected.ticket)
        if let history { check.expectEqual(events, history, "\(what): events(for: \(expected.ticket))") }
        check.expectEqual(events.count, expected.version, "\(what): number of events of \(expected.ticket)")
        do {
            let folded = try ServiceRequest.replaying(events)
            check.expectEqual(folded, expected, "\(what): ServiceRequest.replaying(events) of \(expected.ticket)")
        } catch {
            check.record("\(what): the stored events of \(expected.ticket) do not fold: \(error)")
        }
    }

    /// Checks that the store gives back `expected` and its history spelled exactly as written:
    /// the same Unicode scalars in every text, not merely text Swift finds equal.
    func expectStoredAsWritten(_ expected: ServiceRequest, history: [RequestEvent], _ what: String) async throws {
        if let stored = try await store.request(expected.ticket) {
            check.expectSpelledAlike(stored, expected, "\(what): request(\(expected.ticket))")
        }
        let events = try await store.events(for: expected.ticket)
        if events.count == history.count {
            for (event, written) in zip(events, history) {
                check.expectSpelledAlike(event, written, "\(what): event \(written.sequence) of \(expected.ticket)")
            }
        }
    }

    /// Every request matching `query`, page by page, checking that pages are well formed.
    func listAll(_ query: RequestQuery, limit: Int, _ what: String) async throws -> [ServiceRequest] {
        try await walkPages(
            limit: limit,
            what,
            cursor: { query.order.cursor(after: $0) },
            fetch: { try await store.requests(matching: query, page: $0) }
        )
    }

    /// Every contact matching `query`, page by page, checking that pages are well formed.
    func listAllContacts(_ query: ContactQuery, limit: Int, _ what: String) async throws -> [Contact] {
        try await walkPages(
            limit: limit,
            what,
            cursor: { PageCursor(order: .ticketAscending, ticket: $0.ticket) },
            fetch: { try await store.contacts(matching: query, page: $0) }
        )
    }

    /// Follows cursors to the end of a listing: no page is over its limit, only the last may be
    /// short, each cursor resumes right after its page's last item, and the walk ends.
    private func walkPages<Item: Sendable>(
        limit: Int,
        _ what: String,
        cursor expectedCursor: (Item) -> PageCursor,
        fetch: (PageRequest) async throws -> Page<Item>
    ) async throws -> [Item] {
        var items: [Item] = []
        var cursor: PageCursor?
        var pages = 0
        repeat {
            let page = try await fetch(PageRequest(limit: limit, after: cursor))
            pages += 1
            check.expect(page.items.count <= limit, "\(what): a page of limit \(limit) has \(page.items.count) items")
            if let next = page.next {
                check.expect(
                    page.items.count == limit,
                    "\(what): a page with a next cursor has \(page.items.count) items, fewer than its limit \(limit)"
                )
                if let last = page.items.last {
                    check.expectEqual(next, expectedCursor(last), "\(what): the next cursor")
                }
            }
            items.append(contentsOf: page.items)
            cursor = page.next
            if pages > 10_000 {
                check.record("\(what): pagination does not end")
                break
            }
        } while cursor != nil
        return items
    }

    /// The reference answer: `requests` filtered by `query.matches` and sorted by its order.
    static func reference(_ requests: [ServiceRequest], _ query: RequestQuery) -> [ServiceRequest] {
        requests.filter(query.matches).sorted { query.order.sorts($0, before: $1) }
    }
}
