import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// For durable backends: everything written survives closing and reopening the backend
    /// (requests, histories, contacts, client request IDs with their scopes, listings, counts,
    /// the latest ticket per node), and the reopened store goes on enforcing versions and
    /// uniqueness.
    ///
    /// Needs the `reopen` closure of ``RequestStoreConformance``; without it the area records a
    /// failure.
    public static let durability = ConformanceArea("durability", needsReopening: true) { first, fixtures in
        guard let reopen = first.reopen else { return }
        let check = first.check
        var run = first
        var requests = try await run.populate(&fixtures, count: 30)
        let batch = try await run.store.open(
            batch: (0..<5).map { index in fixtures.opening(clientRequestID: "durable-\(index)", submittedBy: .system) }
        )
        requests += batch
        var contacts: [Contact] = []
        for index in 0..<6 {
            let contact = fixtures.contact(followingUp: index % 2 == 0 ? requests[index].ticket : nil)
            try await run.store.record(contact)
            contacts.append(contact)
        }
        let resident = Participant.resident("durable@example.org")
        let odd = fixtures.opening(
            description: ConformanceRun.oddTexts[0] + ConformanceRun.oddTexts[1],
            clientRequestID: "durable-\u{1F4BE}",
            submittedBy: resident
        )
        requests.append(try await run.store.open(odd.contact, request: odd.opening))
        // The same ID from another submitter is another request.
        let sameID = fixtures.opening(clientRequestID: "durable-3", submittedBy: resident)
        requests.append(try await run.store.open(sameID.contact, request: sameID.opening))

        var histories: [TicketNumber: [RequestEvent]] = [:]
        for request in requests { histories[request.ticket] = try await run.store.events(for: request.ticket) }
        let allContacts = try await run.listAllContacts(ContactQuery(), limit: 1000, "contacts before reopening")
        let latest = try await run.store.latestTicket(issuedBy: fixtures.node)

        run = run.on(try await reopen(run.store))

        for request in requests {
            try await run.expectStored(request, history: histories[request.ticket], "after reopening")
        }
        try await run.expectStoredAsWritten(
            requests[requests.count - 2],
            history: histories[odd.opening.ticket] ?? [],
            "odd text after reopening"
        )
        check.expectEqual(
            try await run.listAllContacts(ContactQuery(), limit: 1000, "contacts after reopening"),
            allContacts,
            "every contact after reopening"
        )
        for contact in contacts {
            check.expectEqual(
                try await run.store.contact(contact.ticket),
                contact,
                "contact(\(contact.ticket)) after reopening"
            )
        }
        check.expectEqual(
            try await run.store.latestTicket(issuedBy: fixtures.node),
            latest,
            "latestTicket after reopening"
        )
        check.expectEqual(
            try await run.store.request(ClientRequestKey(id: "durable-3", submittedBy: .system)),
            batch[3],
            "request(_:) by client request key after reopening"
        )
        check.expectEqual(
            try await run.store.request(ClientRequestKey(id: "durable-3", submittedBy: resident)),
            requests.last,
            "request(_:) by another submitter's key for the same ID after reopening"
        )
        check.expectEqual(
            try await run.store.request(ClientRequestKey(id: "durable-\u{1F4BE}", submittedBy: resident)),
            requests[requests.count - 2],
            "an emoji client request ID after reopening"
        )
        for order in RequestOrder.allCases {
            let query = RequestQuery(states: [.new, .assigned, .inProgress], order: order)
            let listed = try await run.listAll(query, limit: 7, "\(order) after reopening")
            check.expectEqual(listed, ConformanceRun.reference(requests, query), "\(order) listing after reopening")
        }
        check.expectEqual(
            try await run.store.countRequests(matching: RequestQuery()),
            requests.count,
            "the count after reopening"
        )

        // The reopened store goes on enforcing the rules, and its new writes survive too.
        let target = requests[4]
        await check.expectFailure(.conflict, "a stale append after reopening") {
            try await run.store.append(
                [fixtures.note(on: target, text: "stale")],
                expectedVersion: target.version - 1 == 0 ? 2 : target.version - 1
            )
        }
        await check.expectFailure(.duplicate, "a duplicate ticket after reopening") {
            try await run.store.record(contacts[0])
        }
        let reused = fixtures.opening(clientRequestID: "durable-2", submittedBy: .system)
        await check.expectFailure(.duplicate, "a client request ID its submitter used, after reopening") {
            try await run.store.open(reused.contact, request: reused.opening)
        }
        let changed = try await run.store.append(
            [fixtures.note(on: target, text: "After reopening.")],
            expectedVersion: target.version
        )
        let late = try await run.openRequest(&fixtures, clientRequestID: "after-reopen", submittedBy: resident)
        run = run.on(try await reopen(run.store))
        try await run.expectStored(changed, "a change made after the first reopening")
        check.expectEqual(
            try await run.store.request(ClientRequestKey(id: "after-reopen", submittedBy: resident)),
            late,
            "a request opened after the first reopening"
        )
    }
}
