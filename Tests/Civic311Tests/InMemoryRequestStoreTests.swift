@_spi(Benchmarks) import Civic311
import Civic311Testing
import Foundation
import Testing

/// What is particular to the in-memory store: its ticket index and the requests it keeps without
/// a snapshot. The storage contract itself is checked by the conformance kit
/// (`InMemoryRequestStoreConformanceTests` in `Civic311TestingTests`).
@Suite struct InMemoryRequestStoreTests {
    /// The store's ticket index keeps values in chunks of 4,096; 10,000 tickets from four nodes
    /// arriving in shuffled order cross several chunks and insert into the middle of the order
    /// nearly every time.
    @Test func ticketsArrivingOutOfOrderAreFoundAndListedInOrder() async throws {
        var streams = (0..<4).map { RequestFixtures(seed: 311 &+ UInt64($0), node: $0) }
        var arrivals: [(contact: Contact, opening: RequestEvent?)] = []
        for index in 0..<10_000 {
            if index % 3 == 0 {
                arrivals.append((streams[index % 4].contact(), nil))
            } else {
                let (contact, opening) = streams[index % 4].opening()
                arrivals.append((contact, opening))
            }
        }
        var generator = SplitMix64(seed: 311)
        arrivals.shuffle(using: &generator)

        let store = InMemoryRequestStore()
        for arrival in arrivals {
            if let opening = arrival.opening {
                _ = try await store.open(arrival.contact, request: opening)
            } else {
                try await store.record(arrival.contact)
            }
        }
        let requestTickets = arrivals.filter { $0.opening != nil }.map(\.contact.ticket)
        for ticket in requestTickets.prefix(500) {
            #expect(try await store.request(ticket)?.ticket == ticket)
        }
        #expect(try await store.countRequests(matching: RequestQuery()) == requestTickets.count)
        for node in 0..<4 {
            let mine = arrivals.map(\.contact.ticket).filter { $0.node == node }
            #expect(try await store.latestTicket(issuedBy: node) == mine.max())
        }

        #expect(try await Self.listed(store, limit: 700) == requestTickets.sorted())
        var contacts: [TicketNumber] = []
        var cursor: PageCursor?
        repeat {
            let page = try await store.contacts(
                matching: ContactQuery(),
                page: try PageRequest(limit: 900, after: cursor)
            )
            contacts += page.items.map(\.ticket)
            cursor = page.next
        } while cursor != nil
        #expect(contacts == arrivals.map(\.contact.ticket).sorted())

        // A request changed after the index grew past it keeps its change.
        let changed = try #require(try await store.request(requestTickets[17]))
        var fixtures = RequestFixtures(seed: 1, node: 9)
        let note = fixtures.note(on: changed, text: "Crew on site")
        #expect(try await store.append([note], expectedVersion: 1).version == 2)
        #expect(try await store.events(for: changed.ticket).count == 2)
    }

    /// The store keeps no snapshot for a request until it changes, and rebuilds its opening event
    /// on read; refusals on such a request must leave it, its history and its contact exactly as
    /// opened.
    @Test func refusedAppendsToAnUnchangedRequestChangeNothing() async throws {
        let store = InMemoryRequestStore()
        var fixtures = RequestFixtures(seed: 2)
        let (contact, fixture) = fixtures.opening(submittedBy: .integration("work-orders", department: "DOT"))
        // A visibility other than the fixtures' default, so rebuilding it is tested.
        let opening = RequestEvent(
            ticket: fixture.ticket,
            sequence: 1,
            recordedAt: fixture.recordedAt,
            actor: fixture.actor,
            change: fixture.change,
            fromState: nil,
            toState: .new,
            visibility: .internal
        )
        let opened = try await store.open(contact, request: opening)
        #expect(try await store.events(for: opened.ticket) == [opening])
        #expect(try await store.contact(opened.ticket) == contact)

        let note = RequestFixtures.event(.noteAdded("Crew booked"), on: opened, to: .new)
        let stale = await #expect(throws: StorageError.self) {
            try await store.append([note], expectedVersion: 2)
        }
        #expect(stale?.code == .conflict)
        let invalid = RequestFixtures.event(.noteAdded("Skips a state"), on: opened, to: .resolved)
        let refused = await #expect(throws: StorageError.self) {
            try await store.append([note, invalid], expectedVersion: 1)
        }
        #expect(refused?.code == .invalidHistory)
        #expect(try await store.request(opened.ticket) == opened)
        #expect(try await store.events(for: opened.ticket) == [opening])
        #expect(try await store.contact(opened.ticket) == contact)

        let changed = try await store.append([note], expectedVersion: 1)
        #expect(changed.version == 2)
        #expect(try await store.events(for: opened.ticket) == [opening, note])
    }

    @Test(arguments: [0, -1, 1_001])
    func pageLimitsAreChecked(limit: Int) {
        let error = #expect(throws: ValidationError.self) { try PageRequest(limit: limit) }
        #expect(error?.code == .outOfRange)
        #expect(error?.field == "limit")
    }

    /// Every request in ticket order, `limit` at a time.
    private static func listed(_ store: InMemoryRequestStore, limit: Int) async throws -> [TicketNumber] {
        var tickets: [TicketNumber] = []
        var cursor: PageCursor?
        repeat {
            let page = try await store.requests(
                matching: RequestQuery(),
                page: try PageRequest(limit: limit, after: cursor)
            )
            tickets += page.items.map(\.ticket)
            cursor = page.next
        } while cursor != nil
        return tickets
    }
}
