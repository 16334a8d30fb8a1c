import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// Contacts of every call type and channel: recorded and read back exactly, listed in ticket
    /// order page by page under every filter of `ContactQuery` (agreeing with
    /// `ContactQuery.matches(_:)`), counted, and unique by ticket.
    ///
    /// Two nodes record contacts, one with a clock behind the other's, so contacts arrive out of
    /// ticket order: a store that lists them in the order they arrived, resuming after the
    /// cursor's ticket, skips contacts when paging.
    public static let contacts = ConformanceArea("contacts") { run, fixtures in
        let (store, check) = (run.store, run.check)
        var contacts: [Contact] = []
        var requests: [TicketNumber] = []
        var lagging = RequestFixtures(
            seed: run.seed &+ 2,
            node: (fixtures.node + 1) % (TicketNumber.maximumNode + 1),
            start: fixtures.now.addingTimeInterval(-3600)
        )
        for index in 0..<40 {
            if index % 3 == 1 {
                // The lagging node's contact, stored after later tickets of the other node.
                let contact = lagging.contact(channel: Channel.allCases[index % Channel.allCases.count])
                try await store.record(contact)
                contacts.append(contact)
            }
            if index % 4 == 0 {
                let (contact, opening) = fixtures.opening(channel: Channel.allCases[index % Channel.allCases.count])
                _ = try await store.open(contact, request: opening)
                contacts.append(contact)
                requests.append(contact.ticket)
            } else {
                let contact = fixtures.contact(
                    followingUp: index % 4 == 3 ? fixtures.pick(requests) : nil,
                    channel: Channel.allCases[index % Channel.allCases.count]
                )
                try await store.record(contact)
                contacts.append(contact)
            }
            if index % 8 == 7 { fixtures.advance(upTo: 8 * 3600) }
        }
        for contact in contacts {
            check.expectEqual(try await store.contact(contact.ticket), contact, "contact(\(contact.ticket))")
        }
        let oneByOne = try await run.listAllContacts(ContactQuery(), limit: 1, "every contact one at a time")
        let skipped = Set(contacts.map(\.ticket)).subtracting(oneByOne.map(\.ticket))
        check.expect(
            skipped.isEmpty,
            "paging one at a time skipped \(skipped.count) of \(contacts.count) contacts, stored out of ticket order by two nodes: \(skipped.sorted().prefix(5).map(\.description))"
        )

        let received = contacts.map(\.receivedAt).sorted()
        let middle = received[received.count / 2]
        var queries: [ContactQuery] = [
            ContactQuery(),
            ContactQuery(channels: [.phone]),
            ContactQuery(channels: [.web, .email, .walkIn]),
            ContactQuery(channels: []),
            ContactQuery(categories: [.serviceRequest]),
            ContactQuery(categories: [.generalInformation, .referral]),
            ContactQuery(categories: []),
            ContactQuery(receivedFrom: middle),
            ContactQuery(receivedFrom: middle.addingTimeInterval(0.0005)),
            ContactQuery(receivedBefore: middle),
            ContactQuery(receivedBefore: middle.addingTimeInterval(0.0005)),
            ContactQuery(receivedFrom: received[3], receivedBefore: received[received.count - 3]),
            ContactQuery(channels: [.phone, .web], categories: [.serviceRequest], receivedFrom: received[5]),
        ]
        for channel in Channel.allCases { queries.append(ContactQuery(channels: [channel])) }
        for (index, query) in queries.enumerated() {
            let expected = contacts.filter(query.matches).sorted { $0.ticket < $1.ticket }
            let limit = [4, 1, 1000][index % 3]
            let listed = try await run.listAllContacts(
                query,
                limit: limit,
                "contact query \(index) \(query)"
            )
            check.expectEqual(listed, expected, "contacts listed for query \(index) \(query) by \(limit)")
            check.expectEqual(
                try await store.countContacts(matching: query),
                expected.count,
                "countContacts for query \(index) \(query)"
            )
        }

        await check.expectFailure(.duplicate, "record(_:) of a ticket already stored") {
            try await store.record(contacts[5])
        }
        let reused = Contact(
            ticket: contacts[4].ticket,
            channel: .mail,
            receivedAt: fixtures.now,
            agent: nil,
            callType: contacts[5].callType
        )
        await check.expectFailure(.duplicate, "record(_:) of a new contact under a ticket already stored") {
            try await store.record(reused)
        }
        check.expectEqual(
            try await store.contact(contacts[4].ticket),
            contacts[4],
            "a refused record left the stored contact as it was"
        )
        check.expectEqual(
            try await store.countContacts(matching: ContactQuery()),
            contacts.count,
            "refused records stored nothing"
        )
    }
}
