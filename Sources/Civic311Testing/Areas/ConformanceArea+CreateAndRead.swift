import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// Opening requests and recording contacts, and reading them back exactly: every field,
    /// dates to the millisecond, the opening event, the contact, the latest ticket per node.
    /// Duplicates and malformed openings are refused and change nothing.
    public static let createAndRead = ConformanceArea("create and read") { run, fixtures in
        let (store, check) = (run.store, run.check)
        // An empty store.
        let probe = fixtures.nextTicket()
        check.expectEqual(try await store.request(probe), nil, "request(_:) on an empty store")
        check.expectEqual(try await store.events(for: probe), [], "events(for:) on an empty store")
        check.expectEqual(try await store.contact(probe), nil, "contact(_:) on an empty store")
        check.expectEqual(
            try await store.latestTicket(issuedBy: fixtures.node),
            nil,
            "latestTicket(issuedBy:) on an empty store"
        )
        check.expectEqual(
            try await store.countRequests(matching: RequestQuery()),
            0,
            "countRequests on an empty store"
        )
        let empty = try await store.requests(matching: RequestQuery(), page: .first)
        check.expect(
            empty.items.isEmpty && empty.next == nil,
            "listing an empty store gives an empty last page, got \(empty)"
        )

        // Requests with every kind of content, read back field for field.
        var opened: [ServiceRequest] = []
        for index in 0..<12 {
            let (contact, opening) = fixtures.opening(clientRequestID: index % 3 == 0 ? "create-\(index)" : nil)
            // Every other one as intake opens it: checked by NewRequest first, then open(_:).
            let checked = index % 2 == 1
            let request =
                checked
                ? try await store.open(NewRequest(contact, opening: opening))
                : try await store.open(contact, request: opening)
            check.expectEqual(
                request,
                try ServiceRequest(opening: opening),
                "\(checked ? "open(_:)" : "open(_:request:)") returns the fold of the opening event"
            )
            try await run.expectStored(request, history: [opening], "after opening")
            check.expectEqual(try await store.contact(contact.ticket), contact, "contact(_:) of an opened request")
            opened.append(request)
        }

        // Dates at the edges of a millisecond survive exactly.
        var nodeNine: [TicketNumber] = []
        for (hour, fraction) in [1.0, 999, 500].enumerated() {
            let start = RequestFixtures.instant(
                milliseconds: 1_750_000_000_000 + Double(hour) * 3_600_000 + fraction
            )
            var edge = RequestFixtures(seed: run.seed, node: 9, start: start)
            let (contact, opening) = edge.opening(dueIn: 86_400.001)
            let request = try await store.open(contact, request: opening)
            nodeNine.append(request.ticket)
            let stored = try await store.request(request.ticket)
            check.expectEqual(
                stored?.createdAt,
                request.createdAt,
                "createdAt at \(fraction) ms past a second survives exactly"
            )
            check.expectEqual(stored?.dueAt, request.dueAt, "dueAt survives to the millisecond")
            check.expectEqual(
                try await store.contact(contact.ticket)?.receivedAt,
                contact.receivedAt,
                "receivedAt survives"
            )
        }

        // Contacts that open no request.
        var contacts: [Contact] = []
        for index in 0..<6 {
            let contact = fixtures.contact(followingUp: index == 5 ? opened[0].ticket : nil)
            try await store.record(contact)
            contacts.append(contact)
            check.expectEqual(try await store.contact(contact.ticket), contact, "contact(_:) after record(_:)")
            check.expectEqual(try await store.request(contact.ticket), nil, "a contact-only ticket has no request")
            check.expectEqual(
                try await store.events(for: contact.ticket),
                [],
                "a contact-only ticket has no events"
            )
        }

        // The latest ticket per node counts every contact, with or without a request.
        let latest = contacts.map(\.ticket).max()!
        check.expectEqual(
            try await store.latestTicket(issuedBy: fixtures.node),
            latest,
            "latestTicket(issuedBy:) for the fixtures' node"
        )
        check.expectEqual(
            try await store.latestTicket(issuedBy: 42),
            nil,
            "latestTicket(issuedBy:) for a node with no tickets"
        )
        check.expectEqual(try await store.latestTicket(issuedBy: 9), nodeNine.max(), "latestTicket(issuedBy: 9)")

        // Duplicates are refused and change nothing.
        let before = try await store.countRequests(matching: RequestQuery())
        let again = await check.expectFailure(.duplicate, "record(_:) with a ticket already stored") {
            try await store.record(contacts[0])
        }
        check.expectEqual(again?.ticket, contacts[0].ticket, "the duplicate error names the ticket")
        let (_, reusedOpening) = fixtures.opening()
        let reused = RequestEvent(
            ticket: contacts[1].ticket,
            sequence: 1,
            recordedAt: reusedOpening.recordedAt,
            actor: reusedOpening.actor,
            change: reusedOpening.change,
            fromState: nil,
            toState: .new,
            visibility: .public
        )
        let reusedContact = try ServiceRequest(opening: reused).openingContact
        await check.expectFailure(.duplicate, "open(_:request:) with a ticket already used by a contact") {
            try await store.open(reusedContact, request: reused)
        }
        check.expectEqual(
            try await store.contact(contacts[1].ticket),
            contacts[1],
            "the refused open left the contact as it was"
        )
        check.expectEqual(try await store.request(contacts[1].ticket), nil, "the refused open stored no request")
        let (openedContact, openedEvent) = (
            try await store.contact(opened[1].ticket)!, try await store.events(for: opened[1].ticket)[0]
        )
        await check.expectFailure(.duplicate, "open(_:request:) of a request already stored") {
            try await store.open(openedContact, request: openedEvent)
        }
        // The same, checked by NewRequest first, as intake opens requests.
        await check.expectFailure(.duplicate, "open(_:) of a request already stored") {
            try await store.open(NewRequest(openedContact, opening: openedEvent))
        }
        await check.expectFailure(.duplicate, "open(_:) with a ticket already used by a contact") {
            try await store.open(NewRequest(reusedContact, opening: reused))
        }
        check.expectEqual(
            try await store.countRequests(matching: RequestQuery()),
            before,
            "refused commands stored nothing"
        )

        // Malformed openings are refused and change nothing.
        let (goodContact, good) = fixtures.opening()
        let notFirst = RequestEvent(
            ticket: good.ticket,
            sequence: 2,
            recordedAt: good.recordedAt,
            actor: good.actor,
            change: good.change,
            fromState: nil,
            toState: .new,
            visibility: .public
        )
        await check.expectFailure(.invalidHistory, "open(_:request:) with an opening event of sequence 2") {
            try await store.open(goodContact, request: notFirst)
        }
        let notOpening = RequestEvent(
            ticket: good.ticket,
            sequence: 1,
            recordedAt: good.recordedAt,
            actor: good.actor,
            change: .accepted,
            fromState: nil,
            toState: .new,
            visibility: .public
        )
        await check.expectFailure(.invalidHistory, "open(_:request:) with an event that is not an opening") {
            try await store.open(goodContact, request: notOpening)
        }
        let otherContact = fixtures.contact()
        await check.expectFailure(.invalidHistory, "open(_:request:) with a contact of another ticket") {
            try await store.open(otherContact, request: good)
        }
        // The opening contact must be the one the request implies: same channel, time, agent
        // and kind.
        let otherChannel = Contact(
            ticket: goodContact.ticket,
            channel: goodContact.channel == .web ? .mail : .web,
            receivedAt: goodContact.receivedAt,
            agent: goodContact.agent,
            callType: goodContact.callType
        )
        await check.expectFailure(
            .invalidHistory,
            "open(_:request:) with a contact on another channel than the opening"
        ) {
            try await store.open(otherChannel, request: good)
        }
        let otherTime = Contact(
            ticket: goodContact.ticket,
            channel: goodContact.channel,
            receivedAt: goodContact.receivedAt.addingTimeInterval(1),
            agent: goodContact.agent,
            callType: goodContact.callType
        )
        await check.expectFailure(.invalidHistory, "open(_:request:) with a contact received at another time") {
            try await store.open(otherTime, request: good)
        }
        check.expectEqual(try await store.request(good.ticket), nil, "refused openings stored no request")
        check.expectEqual(try await store.contact(good.ticket), nil, "refused openings stored no contact")
        check.expectEqual(try await store.contact(otherContact.ticket), nil, "refused openings stored no contact")
        check.expectEqual(
            try await store.countRequests(matching: RequestQuery()),
            before,
            "refused openings stored nothing"
        )
        _ = try await store.open(goodContact, request: good)
        check.expectEqual(
            try await store.countRequests(matching: RequestQuery()),
            before + 1,
            "the valid opening is then accepted"
        )
    }
}
