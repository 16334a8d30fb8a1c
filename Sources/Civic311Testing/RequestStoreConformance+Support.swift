import Civic311
import Foundation
import Testing

// Steps shared by several areas.
extension RequestStoreConformance {
    /// Opens a request built by `fixtures` and returns it as stored.
    func openRequest(
        _ store: Store,
        _ fixtures: inout RequestFixtures,
        department: DepartmentID? = nil,
        dueIn: TimeInterval? = nil,
        clientRequestID: String? = nil
    ) async throws -> ServiceRequest {
        let (contact, opening) = fixtures.opening(
            department: department,
            dueIn: dueIn,
            clientRequestID: clientRequestID
        )
        return try await store.open(contact, request: opening)
    }

    /// Appends `events` at the request's version and returns the result.
    func append(_ events: [RequestEvent], to request: ServiceRequest, in store: Store) async throws -> ServiceRequest {
        guard !events.isEmpty else { return request }
        return try await store.append(events, expectedVersion: request.version)
    }

    /// Checks that the store holds `expected` under its ticket, that its events fold to it, and,
    /// when given, that the events are exactly `history`.
    func expectStored(
        _ expected: ServiceRequest,
        history: [RequestEvent]? = nil,
        in store: Store,
        _ check: ConformanceCheck,
        _ what: String
    ) async throws {
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

    /// Every request matching `query`, page by page, checking that pages are well formed.
    func listAll(
        _ store: Store,
        _ query: RequestQuery,
        limit: Int,
        _ check: ConformanceCheck,
        _ what: String
    ) async throws -> [ServiceRequest] {
        try await walkPages(
            limit: limit,
            check,
            what,
            cursor: { query.order.cursor(after: $0) },
            fetch: { try await store.requests(matching: query, page: $0) }
        )
    }

    /// Every contact matching `query`, page by page, checking that pages are well formed.
    func listAllContacts(
        _ store: Store,
        _ query: ContactQuery,
        limit: Int,
        _ check: ConformanceCheck,
        _ what: String
    ) async throws -> [Contact] {
        try await walkPages(
            limit: limit,
            check,
            what,
            cursor: { PageCursor(order: .ticketAscending, ticket: $0.ticket) },
            fetch: { try await store.contacts(matching: query, page: $0) }
        )
    }

    /// Follows cursors to the end of a listing: no page is over its limit, only the last may be
    /// short, each cursor resumes right after its page's last item, and the walk ends.
    private func walkPages<Item: Sendable>(
        limit: Int,
        _ check: ConformanceCheck,
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
