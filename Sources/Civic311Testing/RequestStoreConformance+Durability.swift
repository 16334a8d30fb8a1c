import Civic311
import Foundation
import Testing

extension RequestStoreConformance {
    /// For durable backends: everything written survives closing and reopening the backend
    /// (requests, histories, contacts, client request IDs, listings, counts, the latest ticket
    /// per node, the change feed with its positions, consumer checkpoints, external references),
    /// and the reopened store goes on enforcing versions and uniqueness, and numbering new changes
    /// after the old ones.
    ///
    /// Needs the `reopen` closure; without it the area records an issue.
    public func checkDurability(sourceLocation: SourceLocation = #_sourceLocation) async {
        guard let reopen = reopenStore else {
            ConformanceCheck(area: "durability", sourceLocation: sourceLocation)
                .record(
                    "checkDurability needs a reopen closure: pass reopen: to RequestStoreConformance(makeStore:reopen:)"
                )
            return
        }
        await area("durability", sourceLocation) { first, fixtures, check in
            var store = first
            var requests = try await populate(store, &fixtures, count: 30)
            let batch = try await store.open(
                batch: (0..<5).map { index in fixtures.opening(clientRequestID: "durable-\(index)") }
            )
            requests += batch
            var contacts: [Contact] = []
            for index in 0..<6 {
                let contact = fixtures.contact(followingUp: index % 2 == 0 ? requests[index].ticket : nil)
                try await store.record(contact)
                contacts.append(contact)
            }
            let odd = fixtures.opening(
                description: Self.oddTexts[0] + Self.oddTexts[1],
                clientRequestID: "durable-\u{1F4BE}"
            )
            requests.append(try await store.open(odd.contact, request: odd.opening))
            requests[2] = try await append(
                [fixtures.externalReference(on: requests[2], system: "cityworks", identifier: "WO-durable")],
                to: requests[2],
                in: store
            )
            let feed = try await readFeed(store, limit: FeedPage.maximumLimit, check, "the feed before reopening")
            let outboxCheckpoint = feed.count > 5 ? feed[5].position : FeedPosition.start
            try await store.saveCheckpoint(outboxCheckpoint, of: "durable-outbox", expected: nil)
            try await store.saveCheckpoint(feed.last?.position ?? .start, of: "durable-export", expected: nil)

            var histories: [TicketNumber: [RequestEvent]] = [:]
            for request in requests { histories[request.ticket] = try await store.events(for: request.ticket) }
            let allContacts = try await listAllContacts(
                store,
                ContactQuery(),
                limit: 1000,
                check,
                "contacts before reopening"
            )
            let latest = try await store.latestTicket(issuedBy: fixtures.node)

            store = try await reopen(store)

            for request in requests {
                try await expectStored(request, history: histories[request.ticket], in: store, check, "after reopening")
            }
            check.expectEqual(
                try await listAllContacts(store, ContactQuery(), limit: 1000, check, "contacts after reopening"),
                allContacts,
                "every contact after reopening"
            )
            for contact in contacts {
                check.expectEqual(
                    try await store.contact(contact.ticket),
                    contact,
                    "contact(\(contact.ticket)) after reopening"
                )
            }
            check.expectEqual(
                try await store.latestTicket(issuedBy: fixtures.node),
                latest,
                "latestTicket after reopening"
            )
            check.expectEqual(
                try await store.request(clientRequestID: "durable-3"),
                batch[3],
                "request(clientRequestID:) after reopening"
            )
            check.expectEqual(
                try await store.request(clientRequestID: "durable-\u{1F4BE}"),
                requests.last,
                "an emoji client request ID after reopening"
            )
            for order in RequestOrder.allCases {
                let query = RequestQuery(states: [.new, .assigned, .inProgress], order: order)
                let listed = try await listAll(store, query, limit: 7, check, "\(order) after reopening")
                check.expectEqual(listed, Self.reference(requests, query), "\(order) listing after reopening")
            }
            check.expectEqual(
                try await store.countRequests(matching: RequestQuery()),
                requests.count,
                "the count after reopening"
            )
            check.expectEqual(
                try await readFeed(store, limit: 7, check, "the feed after reopening"),
                feed,
                "the feed, with its positions, after reopening"
            )
            check.expectEqual(
                try await store.checkpoint(of: "durable-outbox"),
                outboxCheckpoint,
                "a checkpoint after reopening"
            )
            check.expectEqual(
                try await store.checkpoint(of: "durable-export"),
                feed.last?.position ?? .start,
                "a checkpoint at the end of the feed after reopening"
            )
            check.expectEqual(
                try await store.request(
                    externalReference: ExternalReference.Key(system: "cityworks", identifier: "WO-durable")
                ),
                requests[2],
                "request(externalReference:) after reopening"
            )
            await check.expectFailure(.conflict, "a checkpoint moved back after reopening") {
                try await store.saveCheckpoint(.start, of: "durable-export", expected: nil)
            }

            // The reopened store goes on enforcing the rules, and its new writes survive too.
            let target = requests[4]
            await check.expectFailure(.conflict, "a stale append after reopening") {
                try await store.append(
                    [fixtures.note(on: target, text: "stale")],
                    expectedVersion: target.version - 1 == 0 ? 2 : target.version - 1
                )
            }
            await check.expectFailure(.duplicate, "a duplicate ticket after reopening") {
                try await store.record(contacts[0])
            }
            let lateNote = fixtures.note(on: target, text: "After reopening.")
            let changed = try await store.append([lateNote], expectedVersion: target.version)
            let (lateContact, lateOpening) = fixtures.opening(clientRequestID: "after-reopen")
            let late = try await store.open(lateContact, request: lateOpening)
            store = try await reopen(store)
            expectChanges(
                try await readFeed(
                    store,
                    after: feed.last?.position ?? .start,
                    limit: 2,
                    check,
                    "the feed after reopening twice"
                ),
                [.requestEvent(lateNote)] + Self.changes(opening: lateContact, lateOpening),
                check,
                "changes written after reopening follow the old ones in the feed"
            )
            try await expectStored(changed, in: store, check, "a change made after the first reopening")
            check.expectEqual(
                try await store.request(clientRequestID: "after-reopen"),
                late,
                "a request opened after the first reopening"
            )
        }
    }
}
