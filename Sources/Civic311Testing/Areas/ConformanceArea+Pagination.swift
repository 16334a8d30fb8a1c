import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// The three orders are total and pages tile them exactly: ties on the due instant go by
    /// ticket, the last page has no cursor, page boundaries at the end of the data give no
    /// empty pages, and a cursor made for another order is refused.
    public static let ordering = ConformanceArea("ordering") { run, fixtures in
        let (store, check) = (run.store, run.check)
        // Ten requests, several due at one instant.
        var requests: [ServiceRequest] = []
        let sharedDue = fixtures.now.addingTimeInterval(5 * 86_400).wholeMilliseconds
        for index in 0..<10 {
            let (contact, opening) = fixtures.opening(dueAt: index % 3 == 0 ? sharedDue : nil)
            requests.append(try await store.open(contact, request: opening))
        }
        for order in RequestOrder.allCases {
            let query = RequestQuery(order: order)
            let expected = ConformanceRun.reference(requests, query).map(\.ticket)
            for limit in [1, 3, 5, 10, 11] {
                let listed = try await run.listAll(query, limit: limit, "\(order) by \(limit)")
                check.expectEqual(listed.map(\.ticket), expected, "\(order) listed by \(limit)")
            }
            let whole = try await store.requests(matching: query, page: PageRequest(limit: 10))
            check.expect(whole.next == nil, "\(order): a page holding exactly the rest has no next cursor")
            let first = try await store.requests(matching: query, page: PageRequest(limit: 5))
            if let next = first.next {
                let second = try await store.requests(matching: query, page: PageRequest(limit: 5, after: next))
                check.expectEqual(
                    second.items.map(\.ticket),
                    Array(expected.suffix(5)),
                    "\(order): the second of two full pages"
                )
                check.expect(second.next == nil, "\(order): the second of two full pages is the last")
            } else {
                check.record("\(order): the first of two full pages has no next cursor")
            }
        }
        // Cursors belong to their order.
        let ascending = try await store.requests(matching: RequestQuery(), page: PageRequest(limit: 2))
        if let cursor = ascending.next {
            await check.expectFailure(.invalidCursor, "a ticket cursor used for due order") {
                try await store.requests(
                    matching: RequestQuery(order: .dueAscending),
                    page: PageRequest(limit: 2, after: cursor)
                )
            }
            await check.expectFailure(.invalidCursor, "an ascending cursor used for descending order") {
                try await store.requests(
                    matching: RequestQuery(order: .ticketDescending),
                    page: PageRequest(limit: 2, after: cursor)
                )
            }
            await check.expectFailure(.invalidCursor, "a request cursor used for contacts in another order") {
                try await store.contacts(
                    matching: ContactQuery(),
                    page: PageRequest(
                        limit: 2,
                        after: PageCursor(order: .dueAscending, ticket: cursor.ticket, dueAt: sharedDue)
                    )
                )
            }
        } else {
            check.record("a page of 2 out of 10 has no next cursor")
        }
        await check.expectFailure(.invalidCursor, "a due-order cursor without a due instant") {
            try await store.requests(
                matching: RequestQuery(order: .dueAscending),
                page: PageRequest(limit: 2, after: PageCursor(order: .dueAscending, ticket: requests[0].ticket))
            )
        }
        // A cursor made by hand, between milliseconds, resumes where the order says.
        let between = PageCursor(
            order: .dueAscending,
            ticket: requests[0].ticket,
            dueAt: sharedDue.addingTimeInterval(0.0004)
        )
        let resumed = try await store.requests(
            matching: RequestQuery(order: .dueAscending),
            page: PageRequest(limit: 100, after: between)
        )
        let expectedResumed = ConformanceRun.reference(requests, RequestQuery(order: .dueAscending)).filter {
            RequestOrder.dueAscending.sorts($0, after: between)
        }
        check.expectEqual(
            resumed.items.map(\.ticket),
            expectedResumed.map(\.ticket),
            "due order resumed from a cursor between milliseconds"
        )
    }

    /// Paging stays stable while requests are opened and changed between pages: in every order,
    /// nothing is listed twice, the order holds across pages, everything present at the start
    /// is listed, and a request opened mid-listing is listed exactly when it sorts after the
    /// cursor it was opened behind.
    public static let paginationDuringInserts = ConformanceArea("pagination during inserts") { run, fixtures in
        let (store, check) = (run.store, run.check)
        // A second stream of tickets issued earlier in the day, so that new requests also
        // land before the cursor in ticket order.
        var early = RequestFixtures(seed: run.seed &+ 1, node: 3, start: fixtures.now.addingTimeInterval(-86_400))
        var all: [ServiceRequest] = []
        for _ in 0..<24 {
            let (contact, opening) = fixtures.opening(dueIn: Double(fixtures.integer(in: 1...240)) * 3600)
            all.append(try await store.open(contact, request: opening))
        }
        for order in RequestOrder.allCases {
            let query = RequestQuery(order: order)
            let present = Set(all.map(\.ticket))
            var listed: [ServiceRequest] = []
            var mustAppear: Set<TicketNumber> = []
            var cursor: PageCursor?
            var pages = 0
            repeat {
                let page = try await store.requests(matching: query, page: PageRequest(limit: 4, after: cursor))
                listed += page.items
                cursor = page.next
                pages += 1
                guard let position = cursor, pages < 200 else { break }
                // Open three requests (one issued earlier, two later) and change one listed.
                for index in 0..<3 {
                    var source = index == 0 ? early : fixtures
                    let (contact, opening) = source.opening(dueIn: Double(source.integer(in: 1...240)) * 3600)
                    if index == 0 { early = source } else { fixtures = source }
                    let opened = try await store.open(contact, request: opening)
                    all.append(opened)
                    if order.sorts(opened, after: position) { mustAppear.insert(opened.ticket) }
                }
                if let changed = page.items.first, let current = try await store.request(changed.ticket) {
                    _ = try await store.append(
                        [fixtures.note(on: current, text: "Changed mid-listing.")],
                        expectedVersion: current.version
                    )
                }
            } while cursor != nil
            let tickets = listed.map(\.ticket)
            check.expectEqual(Set(tickets).count, tickets.count, "\(order): no request listed twice")
            let sorted = zip(listed, listed.dropFirst()).allSatisfy { order.sorts($0, before: $1) }
            check.expect(sorted, "\(order): the listing keeps its order across pages: \(tickets)")
            check.expect(
                present.isSubset(of: Set(tickets)),
                "\(order): every request present at the start is listed"
            )
            check.expect(
                mustAppear.isSubset(of: Set(tickets)),
                "\(order): every request opened after the cursor's position is listed"
            )
        }
    }
}
