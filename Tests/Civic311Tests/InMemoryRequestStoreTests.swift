@_spi(Benchmarks) import Civic311
import Foundation
import Testing

@Suite struct InMemoryRequestStoreTests {
    private typealias Fixtures = FoundationFixtures
    private typealias Generator = FoundationFixtures.SplitMix64

    private static let start = Fixtures.start

    private static func ticket(node: Int, second: Int, sequence: Int = 0) -> TicketNumber {
        let slot = Int(start.timeIntervalSince(TicketNumber.epoch)) + second
        return try! TicketNumber(day: slot / 86_400, secondOfDay: slot % 86_400, node: node, sequence: sequence)
    }

    /// Opens a request under `ticket` and returns it.
    @discardableResult
    private static func open(
        _ store: InMemoryRequestStore,
        _ ticket: TicketNumber,
        serviceType: ServiceTypeCode = "POTHOLE",
        department: DepartmentID = "DOT",
        createdAt: Date = start,
        dueAt: Date? = nil,
        clientRequestID: String? = nil
    ) async throws -> ServiceRequest {
        let opening = Fixtures.opening(
            serviceType: serviceType,
            department: department,
            dueAt: dueAt ?? createdAt.addingTimeInterval(72 * 3_600),
            clientRequestID: clientRequestID
        )
        let (contact, event) = Fixtures.openingEvent(ticket, opening, at: createdAt)
        return try await store.open(contact, request: event)
    }

    /// Appends one event made from the stored request, retrying on conflict; returns the retries.
    @discardableResult
    private static func append(
        _ store: InMemoryRequestStore,
        _ ticket: TicketNumber,
        _ change: RequestChange,
        to target: RequestState? = nil
    ) async throws -> Int {
        var conflicts = 0
        while true {
            let current = try #require(try await store.request(ticket))
            let event = Fixtures.event(change, on: current, to: target ?? current.state, visibility: .internal)
            // Let other writers in between the read and the write, as a real backend would.
            await Task.yield()
            let outcome: Result<ServiceRequest, StorageError>
            do {
                outcome = .success(try await store.append([event], expectedVersion: current.version))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success: return conflicts
            case .failure(let error) where error.code == .conflict:
                conflicts += 1
                await Task.yield()
            case .failure(let error): throw error
            }
        }
    }

    private static func snapshot(
        _ store: InMemoryRequestStore,
        _ ticket: TicketNumber
    ) async throws -> Fixtures.Snapshot {
        Fixtures.Snapshot(request: try await store.request(ticket), events: try await store.events(for: ticket))
    }

    private static func counts(_ store: InMemoryRequestStore) async throws -> Fixtures.Counts {
        Fixtures.Counts(
            requests: try await store.countRequests(matching: RequestQuery()),
            contacts: try await store.countContacts(matching: ContactQuery())
        )
    }

    /// Every page of a listing, following the cursors.
    private static func all(
        _ store: InMemoryRequestStore,
        _ query: RequestQuery,
        limit: Int = PageRequest.maximumLimit
    ) async throws -> [ServiceRequest] {
        var items: [ServiceRequest] = []
        var cursor: PageCursor?
        repeat {
            let page = try await store.requests(matching: query, page: try PageRequest(limit: limit, after: cursor))
            items += page.items
            cursor = page.next
        } while cursor != nil
        return items
    }

    // MARK: Concurrency

    private struct WorkerLog: Sendable {
        var opened: [TicketNumber] = []
        var notes: [TicketNumber: [String]] = [:]
        var staleReads = 0
    }

    @Test func concurrentMixedOperationsLoseNothing() async throws {
        let store = InMemoryRequestStore()
        let hot = (0..<4).map { Self.ticket(node: 99, second: 0, sequence: $0) }
        for ticket in hot { try await Self.open(store, ticket) }
        let workers = 8
        let operations = 10_000
        let logs = try await withThrowingTaskGroup(of: WorkerLog.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var generator = Generator(seed: UInt64(worker) &+ 0xACE)
                    let issuer = try TicketIssuer(node: worker)
                    var log = WorkerLog()
                    var lastSeen: [TicketNumber: Int] = [:]
                    for index in 0..<operations {
                        let roll = Int.random(in: 0..<1_000, using: &generator)
                        switch roll {
                        case 0..<250:
                            let ticket = try issuer.issue(at: Self.start.addingTimeInterval(Double(index / 10)))
                            try await Self.open(store, ticket, clientRequestID: "client-\(ticket)")
                            log.opened.append(ticket)
                        case 250..<280:
                            // Everybody writes to the same few requests: conflicts and retries.
                            let ticket = hot.randomElement(using: &generator)!
                            let text = "w\(worker)-\(index)"
                            try await Self.append(store, ticket, .noteAdded(text))
                            log.notes[ticket, default: []].append(text)
                        case 280..<500:
                            guard let ticket = log.opened.randomElement(using: &generator) else { continue }
                            let text = "w\(worker)-\(index)"
                            try await Self.append(store, ticket, .noteAdded(text))
                            log.notes[ticket, default: []].append(text)
                        case 500..<970:
                            let mine = log.opened.randomElement(using: &generator)
                            let ticket = Bool.random(using: &generator) ? hot.randomElement(using: &generator)! : mine
                            guard let ticket else { continue }
                            guard let request = try await store.request(ticket) else {
                                log.staleReads += 1
                                continue
                            }
                            // Versions only grow.
                            if request.version < lastSeen[ticket, default: 0] { log.staleReads += 1 }
                            lastSeen[ticket] = request.version
                        case 970..<999:
                            let page = try await store.requests(
                                matching: RequestQuery(states: [.new], departments: ["DOT"]),
                                page: try PageRequest(limit: 10)
                            )
                            if !zip(page.items, page.items.dropFirst()).allSatisfy({ $0.ticket < $1.ticket }) {
                                log.staleReads += 1
                            }
                        default:
                            // Counting walks every request (slow in debug builds): rarely.
                            guard index % 8 == 0 else { continue }
                            let count = try await store.countRequests(matching: RequestQuery(serviceTypes: ["POTHOLE"]))
                            if count < hot.count + log.opened.count { log.staleReads += 1 }
                        }
                    }
                    return log
                }
            }
            var logs: [WorkerLog] = []
            for try await log in group { logs.append(log) }
            return logs
        }

        #expect(logs.count == workers)
        #expect(logs.allSatisfy { $0.staleReads == 0 })
        let opened = logs.flatMap(\.opened)
        #expect(Set(opened).count == opened.count)
        #expect(try await store.countRequests(matching: RequestQuery()) == hot.count + opened.count)
        #expect(try await store.countContacts(matching: ContactQuery()) == hot.count + opened.count)

        var expectedNotes: [TicketNumber: [String]] = [:]
        for log in logs { expectedNotes.merge(log.notes) { $0 + $1 } }
        var problems: [String] = []
        for ticket in hot + opened {
            let (request, events) = (try await store.request(ticket), try await store.events(for: ticket))
            guard let request else {
                problems.append("\(ticket) lost")
                continue
            }
            let expected = expectedNotes[ticket, default: []]
            if request.version != events.count { problems.append("\(ticket): version \(request.version)") }
            if request.version != 1 + expected.count { problems.append("\(ticket): lost or doubled a note") }
            if request.notes.map(\.text).sorted() != expected.sorted() { problems.append("\(ticket): notes differ") }
            if (try? ServiceRequest.replaying(events)) != request { problems.append("\(ticket): not its fold") }
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        for worker in 0..<workers {
            let mine = logs.flatMap(\.opened).filter { $0.node == worker }
            #expect(try await store.latestTicket(issuedBy: worker) == mine.max())
        }
        for ticket in opened.prefix(200) {
            #expect(try await store.request(clientRequestID: "client-\(ticket)")?.ticket == ticket)
        }
    }

    // MARK: Queries

    private struct Spec {
        let ticket: TicketNumber
        let serviceType: ServiceTypeCode
        let department: DepartmentID
        let createdAt: Date
        let dueAt: Date
        let state: RequestState
    }

    /// Sixty requests spread over types, departments, states, creation and due times (with ties).
    private static func populated() async throws -> (InMemoryRequestStore, [Spec]) {
        let store = InMemoryRequestStore()
        let types: [(ServiceTypeCode, DepartmentID)] = [("POTHOLE", "DOT"), ("TREE_TRIM", "PKS"), ("GRAFFITI", "DEP")]
        let states: [RequestState] = [.new, .assigned, .inProgress, .onHold, .resolved, .closed]
        var specs: [Spec] = []
        // Opened out of ticket order, so the index must insert in the middle.
        for index in (0..<60).reversed() {
            let (serviceType, department) = types[index % 3]
            let spec = Spec(
                ticket: Self.ticket(node: 1, second: index * 600),
                serviceType: serviceType,
                department: department,
                createdAt: Self.start.addingTimeInterval(Double(index * 600)),
                dueAt: Self.start.addingTimeInterval(Double((index * 7) % 13) * 3_600),
                state: states[(index / 3) % 6]
            )
            try await open(
                store,
                spec.ticket,
                serviceType: serviceType,
                department: department,
                createdAt: spec.createdAt,
                dueAt: spec.dueAt
            )
            switch spec.state {
            case .new: break
            case .assigned: try await append(store, spec.ticket, .accepted, to: .assigned)
            case .inProgress: try await append(store, spec.ticket, .started, to: .inProgress)
            case .onHold:
                try await append(store, spec.ticket, .accepted, to: .assigned)
                try await append(store, spec.ticket, .putOnHold(reason: "Access"), to: .onHold)
            case .resolved:
                try await append(store, spec.ticket, .started, to: .inProgress)
                try await append(store, spec.ticket, .resolved(note: "Done"), to: .resolved)
            case .closed:
                try await append(
                    store,
                    spec.ticket,
                    .closed(Closure(reason: .cancelledByResident, note: "Withdrawn")),
                    to: .closed
                )
            }
            specs.append(spec)
        }
        return (store, specs.sorted { $0.ticket < $1.ticket })
    }

    @Test func filtersSelectExactlyTheMatchingRequests() async throws {
        let (store, specs) = try await Self.populated()
        let boundary = Self.start.addingTimeInterval(20 * 600)
        let cases: [(RequestQuery, (Spec) -> Bool)] = [
            (RequestQuery(), { _ in true }),
            (RequestQuery(states: [.new, .onHold]), { $0.state == .new || $0.state == .onHold }),
            (RequestQuery(states: []), { _ in false }),
            (RequestQuery(departments: ["PKS"]), { $0.department == "PKS" }),
            (RequestQuery(serviceTypes: ["GRAFFITI", "POTHOLE"]), { $0.serviceType != "TREE_TRIM" }),
            (RequestQuery(createdFrom: boundary), { $0.createdAt >= boundary }),
            (RequestQuery(createdBefore: boundary), { $0.createdAt < boundary }),
            (
                RequestQuery(dueBefore: Self.start.addingTimeInterval(5 * 3_600)),
                { $0.dueAt < Self.start.addingTimeInterval(5 * 3_600) }
            ),
            (
                RequestQuery(
                    states: [.new, .assigned, .closed],
                    departments: ["DOT", "DEP"],
                    createdFrom: Self.start.addingTimeInterval(6 * 600),
                    createdBefore: Self.start.addingTimeInterval(50 * 600)
                ),
                {
                    [.new, .assigned, .closed].contains($0.state) && $0.department != "PKS"
                        && $0.createdAt >= Self.start.addingTimeInterval(6 * 600)
                        && $0.createdAt < Self.start.addingTimeInterval(50 * 600)
                }
            ),
        ]
        for (query, predicate) in cases {
            let expected = specs.filter(predicate).map(\.ticket)
            #expect(!expected.isEmpty || query.states == [], "each case selects something")
            #expect(try await Self.all(store, query).map(\.ticket) == expected, "\(query)")
            #expect(try await Self.all(store, query, limit: 4).map(\.ticket) == expected, "\(query) in pages")
            #expect(try await store.countRequests(matching: query) == expected.count, "\(query)")
        }
    }

    @Test(arguments: RequestOrder.allCases)
    func everyOrderIsTotalAndStable(order: RequestOrder) async throws {
        let (store, specs) = try await Self.populated()
        let expected: [TicketNumber]
        switch order {
        case .ticketAscending: expected = specs.map(\.ticket)
        case .ticketDescending: expected = specs.map(\.ticket).reversed()
        case .dueAscending: expected = specs.sorted { ($0.dueAt, $0.ticket) < ($1.dueAt, $1.ticket) }.map(\.ticket)
        }
        #expect(Set(specs.map(\.dueAt)).count < specs.count, "due dates tie, so the ticket must break ties")
        for limit in [1, 7, 60, 1_000] {
            #expect(try await Self.all(store, RequestQuery(order: order), limit: limit).map(\.ticket) == expected)
        }
        let query = RequestQuery(states: [.closed, .new], order: order)
        let filtered = expected.filter { ticket in [.closed, .new].contains(specs.first { $0.ticket == ticket }!.state)
        }
        #expect(try await Self.all(store, query, limit: 3).map(\.ticket) == filtered)
    }

    @Test(arguments: RequestOrder.allCases)
    func pagingWhileInsertingNeitherRepeatsNorSkips(order: RequestOrder) async throws {
        let (store, specs) = try await Self.populated()
        var generator = Generator(seed: 0x9A6E)
        var seen: [ServiceRequest] = []
        var cursor: PageCursor?
        var inserted = 0
        repeat {
            let page = try await store.requests(
                matching: RequestQuery(order: order),
                page: try PageRequest(limit: 7, after: cursor)
            )
            seen += page.items
            cursor = page.next
            // New requests arrive between pages: some sort before the cursor, some after.
            for _ in 0..<3 {
                inserted += 1
                let second = Int.random(in: -3_600...40_000, using: &generator)
                try await Self.open(
                    store,
                    Self.ticket(node: 2, second: second, sequence: inserted % 100),
                    dueAt: Self.start.addingTimeInterval(Double(Int.random(in: 0...15, using: &generator)) * 3_600)
                )
            }
        } while cursor != nil
        let tickets = seen.map(\.ticket)
        #expect(Set(tickets).count == tickets.count, "no request is listed twice")
        #expect(Set(specs.map(\.ticket)).isSubset(of: Set(tickets)), "every request present at the start is listed")
        #expect(zip(seen, seen.dropFirst()).allSatisfy { order.sorts($0, before: $1) }, "pages follow the order")
    }

    @Test func cursorsBelongToTheirOrder() async throws {
        let (store, _) = try await Self.populated()
        let ascending = try await store.requests(matching: RequestQuery(), page: try PageRequest(limit: 5))
        let cursor = try #require(ascending.next)
        for order in [RequestOrder.ticketDescending, .dueAscending] {
            let error = await #expect(throws: StorageError.self) {
                _ = try await store.requests(matching: RequestQuery(order: order), page: try PageRequest(after: cursor))
            }
            #expect(error?.code == .invalidCursor)
        }
        let forged = PageCursor(order: .dueAscending, ticket: cursor.ticket)
        let error = await #expect(throws: StorageError.self) {
            _ = try await store.requests(
                matching: RequestQuery(order: .dueAscending),
                page: try PageRequest(after: forged)
            )
        }
        #expect(error?.code == .invalidCursor)
    }

    @Test(arguments: [0, -1, 1_001])
    func pageLimitsAreChecked(limit: Int) {
        let error = #expect(throws: ValidationError.self) { try PageRequest(limit: limit) }
        #expect(error?.code == .outOfRange)
        #expect(error?.field == "limit")
    }

    // MARK: Contacts and tickets

    @Test func contactsAreCountedAndListedByTicket() async throws {
        let store = InMemoryRequestStore()
        var expected: [Contact] = []
        for index in (0..<30).reversed() {
            let ticket = Self.ticket(node: 4, second: index * 60)
            let callType: CallType =
                switch index % 3 {
                case 0: .generalInformation(article: "KB-HOURS")
                case 1: .referral(Referral(target: "SHA", transfer: .warm))
                default: .serviceRequest(.complaint, request: ticket)
                }
            let contact = Contact(
                ticket: ticket,
                channel: index % 2 == 0 ? .phone : .web,
                receivedAt: Self.start.addingTimeInterval(Double(index * 60)),
                agent: index % 2 == 0 ? "maria" : nil,
                callType: callType
            )
            try await store.record(contact)
            expected.append(contact)
        }
        expected.sort { $0.ticket < $1.ticket }
        #expect(try await store.contact(expected[3].ticket) == expected[3])
        let query = ContactQuery(
            channels: [.phone],
            categories: [.generalInformation, .serviceRequest],
            receivedFrom: Self.start.addingTimeInterval(5 * 60),
            receivedBefore: Self.start.addingTimeInterval(25 * 60)
        )
        let matching = expected.filter { contact in
            contact.channel == .phone && contact.callType.category != .referral
                && contact.receivedAt >= Self.start.addingTimeInterval(5 * 60)
                && contact.receivedAt < Self.start.addingTimeInterval(25 * 60)
        }
        #expect(!matching.isEmpty)
        #expect(try await store.countContacts(matching: query) == matching.count)
        #expect(try await store.countContacts(matching: ContactQuery(categories: [.referral])) == 10)
        var listed: [Contact] = []
        var cursor: PageCursor?
        repeat {
            let page = try await store.contacts(matching: query, page: try PageRequest(limit: 2, after: cursor))
            listed += page.items
            cursor = page.next
        } while cursor != nil
        #expect(listed == matching)
    }

    /// The store's ticket index keeps values in chunks of 4,096; 10,000 tickets arriving in
    /// shuffled order cross several chunks and insert into the middle of the order every time.
    @Test func ticketsArrivingOutOfOrderAreFoundAndListedInOrder() async throws {
        let store = InMemoryRequestStore()
        var generator = Generator(seed: 311)
        var tickets = (0..<10_000).map { Self.ticket(node: $0 % 4, second: $0 / 4, sequence: $0 % 7) }
        tickets.shuffle(using: &generator)
        var requestTickets: [TicketNumber] = []
        for (index, ticket) in tickets.enumerated() {
            if index % 3 == 0 {
                try await store.record(
                    Contact(
                        ticket: ticket,
                        channel: .phone,
                        receivedAt: Self.start,
                        agent: nil,
                        callType: .generalInformation(article: "KB-HOURS")
                    )
                )
            } else {
                try await Self.open(store, ticket, createdAt: Self.start.addingTimeInterval(Double(index)))
                requestTickets.append(ticket)
            }
        }
        for ticket in requestTickets.prefix(500) {
            #expect(try await store.request(ticket)?.ticket == ticket)
        }
        #expect(try await store.request(Self.ticket(node: 9, second: 1)) == nil)
        #expect(try await store.countRequests(matching: RequestQuery()) == requestTickets.count)

        var listed: [TicketNumber] = []
        var cursor: PageCursor?
        repeat {
            let page = try await store.requests(
                matching: RequestQuery(),
                page: try PageRequest(limit: 700, after: cursor)
            )
            listed += page.items.map(\.ticket)
            cursor = page.next
        } while cursor != nil
        #expect(listed == requestTickets.sorted())

        var contacts: [TicketNumber] = []
        cursor = nil
        repeat {
            let page = try await store.contacts(
                matching: ContactQuery(),
                page: try PageRequest(limit: 900, after: cursor)
            )
            contacts += page.items.map(\.ticket)
            cursor = page.next
        } while cursor != nil
        #expect(contacts == tickets.sorted())

        // A request changed after the index grew past it keeps its change.
        let changed = requestTickets[17]
        try await Self.append(store, changed, .noteAdded("Crew on site"))
        #expect(try await store.request(changed)?.version == 2)
        #expect(try await store.events(for: changed).count == 2)
    }

    /// The store keeps no snapshot for a request until it changes; refusals on such a request
    /// must leave it, its history and its contact exactly as opened.
    @Test func refusedAppendsToAnUnchangedRequestChangeNothing() async throws {
        let store = InMemoryRequestStore()
        let ticket = Self.ticket(node: 2, second: 0)
        let opening = Fixtures.opening(dueAt: Self.start.addingTimeInterval(3_600))
        let (contact, _) = Fixtures.openingEvent(ticket, opening, at: Self.start)
        // An actor and visibility other than the fixtures' defaults, so rebuilding them is tested.
        let event = RequestEvent(
            ticket: ticket,
            sequence: 1,
            recordedAt: Self.start,
            actor: .integration("work-orders", department: "DOT"),
            change: .opened(opening),
            fromState: nil,
            toState: .new,
            visibility: .internal
        )
        let opened = try await store.open(contact, request: event)
        let before = try await Self.snapshot(store, ticket)
        #expect(before.events == [event])
        #expect(try await store.contact(ticket) == contact)

        let note = Fixtures.event(.noteAdded("Crew booked"), on: opened, to: .new)
        let stale = await #expect(throws: StorageError.self) {
            try await store.append([note], expectedVersion: 2)
        }
        #expect(stale?.code == .conflict)
        let invalid = Fixtures.event(.noteAdded("Skips a state"), on: opened, to: .resolved)
        let refused = await #expect(throws: StorageError.self) {
            try await store.append([note, invalid], expectedVersion: 1)
        }
        #expect(refused?.code == .invalidHistory)
        #expect(try await Self.snapshot(store, ticket) == before)
        #expect(try await store.contact(ticket) == contact)

        let changed = try await store.append([note], expectedVersion: 1)
        #expect(changed.version == 2)
        #expect(try await store.events(for: ticket) == [event, note])
    }

    @Test func latestTicketIsTheHighestPerNode() async throws {
        let store = InMemoryRequestStore()
        #expect(try await store.latestTicket(issuedBy: 3) == nil)
        let late = Self.ticket(node: 3, second: 500)
        let early = Self.ticket(node: 3, second: 100, sequence: 99)
        try await store.record(
            Contact(
                ticket: late,
                channel: .phone,
                receivedAt: Self.start,
                agent: nil,
                callType: .generalInformation(article: "KB-HOURS")
            )
        )
        try await Self.open(store, early)
        #expect(try await store.latestTicket(issuedBy: 3) == late)
        let latest = Self.ticket(node: 3, second: 500, sequence: 1)
        try await Self.open(store, latest)
        #expect(try await store.latestTicket(issuedBy: 3) == latest)
        try await Self.open(store, Self.ticket(node: 4, second: 9_000))
        #expect(try await store.latestTicket(issuedBy: 3) == latest)
        #expect(try await store.latestTicket(issuedBy: 4) == Self.ticket(node: 4, second: 9_000))
        #expect(try await store.latestTicket(issuedBy: 5) == nil)
    }

    @Test func duplicatesAreRejectedAndChangeNothing() async throws {
        let store = InMemoryRequestStore()
        let first = Self.ticket(node: 1, second: 0)
        try await Self.open(store, first, clientRequestID: "form-1")
        let info = Self.ticket(node: 1, second: 1)
        try await store.record(
            Contact(
                ticket: info,
                channel: .web,
                receivedAt: Self.start,
                agent: nil,
                callType: .generalInformation(article: "KB-HOURS")
            )
        )
        let counts = try await Self.counts(store)
        let stored = try await Self.snapshot(store, first)

        // The same ticket again; a request under a contact's ticket; a contact under a request's.
        for attempt in 0..<3 {
            let error = await #expect(throws: StorageError.self) {
                switch attempt {
                case 0: try await Self.open(store, first)
                case 1: try await Self.open(store, info)
                default:
                    try await store.record(
                        Contact(
                            ticket: first,
                            channel: .web,
                            receivedAt: Self.start,
                            agent: nil,
                            callType: .generalInformation(article: "KB-HOURS")
                        )
                    )
                }
            }
            #expect(error?.code == .duplicate)
        }
        // A new ticket with a client request ID already used.
        let error = await #expect(throws: StorageError.self) {
            try await Self.open(store, Self.ticket(node: 1, second: 2), clientRequestID: "form-1")
        }
        #expect(error?.code == .duplicate)
        #expect(try await Self.counts(store) == counts)
        #expect(try await Self.snapshot(store, first) == stored)
        #expect(try await store.request(clientRequestID: "form-1")?.ticket == first)
        #expect(try await store.request(Self.ticket(node: 1, second: 2)) == nil)
    }

    @Test func openingChecksItsEvent() async throws {
        let store = InMemoryRequestStore()
        let ticket = Self.ticket(node: 1, second: 0)
        let opening = Fixtures.opening(dueAt: Self.start)
        let (contact, event) = Fixtures.openingEvent(ticket, opening, at: Self.start)
        let strangerContact = Fixtures.openingEvent(Self.ticket(node: 1, second: 5), opening, at: Self.start).contact
        var error = await #expect(throws: StorageError.self) {
            _ = try await store.open(strangerContact, request: event)
        }
        #expect(error?.code == .invalidHistory)
        // The opening contact must be the request's own (same channel, time, agent and kind).
        let otherChannel = Contact(
            ticket: ticket,
            channel: .phone,
            receivedAt: Self.start,
            agent: nil,
            callType: contact.callType
        )
        #expect(otherChannel != contact)
        error = await #expect(throws: StorageError.self) { _ = try await store.open(otherChannel, request: event) }
        #expect(error?.code == .invalidHistory)
        let notAnOpening = RequestEvent(
            ticket: ticket,
            sequence: 1,
            recordedAt: Self.start,
            actor: .system,
            change: .accepted,
            fromState: nil,
            toState: .new,
            visibility: .public
        )
        error = await #expect(throws: StorageError.self) { _ = try await store.open(contact, request: notAnOpening) }
        #expect(error?.code == .invalidHistory)
        #expect(try await Self.counts(store) == Fixtures.Counts(requests: 0, contacts: 0))
        #expect(try await store.latestTicket(issuedBy: 1) == nil)
    }

    @Test func batchesAreAllOrNothing() async throws {
        let store = InMemoryRequestStore()
        let existing = Self.ticket(node: 6, second: 0)
        try await Self.open(store, existing, clientRequestID: "taken")
        func item(_ second: Int, clientID: String? = nil) -> (contact: Contact, opening: RequestEvent) {
            Fixtures.openingEvent(
                Self.ticket(node: 6, second: second),
                Fixtures.opening(dueAt: Self.start, clientRequestID: clientID),
                at: Self.start
            )
        }
        let brokenOpening = item(40)
        let invalid = (
            contact: brokenOpening.contact,
            opening: RequestEvent(
                ticket: brokenOpening.contact.ticket,
                sequence: 2,
                recordedAt: Self.start,
                actor: .system,
                change: brokenOpening.opening.change,
                fromState: nil,
                toState: .new,
                visibility: .public
            )
        )
        let badBatches: [[(contact: Contact, opening: RequestEvent)]] = [
            [item(10), item(11), item(0), item(12)],
            [item(10), item(11), item(10)],
            [item(10, clientID: "a"), item(11, clientID: "a")],
            [item(10), item(11, clientID: "taken")],
            [item(10), invalid],
        ]
        let counts = try await Self.counts(store)
        for batch in badBatches {
            await #expect(throws: StorageError.self) { _ = try await store.open(batch: batch) }
            #expect(try await Self.counts(store) == counts)
            #expect(try await store.request(Self.ticket(node: 6, second: 10)) == nil)
            #expect(try await store.latestTicket(issuedBy: 6) == existing)
        }
        let good = (10..<15).map { item($0, clientID: "batch-\($0)") }
        let opened = try await store.open(batch: good)
        #expect(opened.map(\.ticket) == good.map(\.contact.ticket))
        #expect(try await Self.counts(store) == Fixtures.Counts(requests: 6, contacts: 6))
        #expect(try await store.request(clientRequestID: "batch-12")?.ticket == Self.ticket(node: 6, second: 12))
        #expect(try await store.latestTicket(issuedBy: 6) == Self.ticket(node: 6, second: 14))
    }

    // MARK: Appends

    @Test func appendsAreCheckedAndAtomic() async throws {
        let store = InMemoryRequestStore()
        let ticket = Self.ticket(node: 1, second: 0)
        let opened = try await Self.open(store, ticket)
        let accept = Fixtures.event(.accepted, on: opened, to: .assigned)
        let assigned = try opened.applying([accept])
        let start = Fixtures.event(.started, on: assigned, to: .inProgress)
        let before = try await Self.snapshot(store, ticket)

        func expectRefusal(_ events: [RequestEvent], expectedVersion: Int, _ code: StorageError.Code) async {
            let error = await #expect(throws: StorageError.self) {
                _ = try await store.append(events, expectedVersion: expectedVersion)
            }
            #expect(error?.code == code)
            #expect((try? await Self.snapshot(store, ticket)) == before)
        }
        await expectRefusal([], expectedVersion: 1, .invalidHistory)
        await expectRefusal([accept], expectedVersion: 0, .conflict)
        await expectRefusal([start], expectedVersion: 1, .invalidHistory)
        await expectRefusal(
            [Fixtures.event(.resolved(note: "x"), on: opened, to: .resolved)],
            expectedVersion: 1,
            .invalidHistory
        )
        await expectRefusal(
            [accept, Fixtures.event(.resumed, on: assigned, to: .inProgress)],
            expectedVersion: 1,
            .invalidHistory
        )
        await expectRefusal([accept, accept], expectedVersion: 1, .invalidHistory)
        let unknown = Fixtures.event(
            .accepted,
            on: try ServiceRequest(
                opening: Fixtures.openingEvent(
                    Self.ticket(node: 1, second: 9),
                    Fixtures.opening(dueAt: Self.start),
                    at: Self.start
                ).opening
            ),
            to: .assigned
        )
        let error = await #expect(throws: StorageError.self) {
            _ = try await store.append([unknown], expectedVersion: 1)
        }
        #expect(error?.code == .notFound)

        let updated = try await store.append([accept, start], expectedVersion: 1)
        #expect(updated.version == 3)
        #expect(updated.state == .inProgress)
        #expect(try await store.request(ticket) == updated)
        #expect(try await store.events(for: ticket).map(\.sequence) == [1, 2, 3])
        await #expect(throws: StorageError.self) { _ = try await store.append([accept], expectedVersion: 1) }
    }

    @Test func concurrentNotesToOneRequestAllLand() async throws {
        let store = InMemoryRequestStore()
        let ticket = Self.ticket(node: 1, second: 0)
        try await Self.open(store, ticket)
        // Eight writers, each yielding between its read and its write: conflicts happen, and
        // every writer retries on the fresh version until its note lands.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for note in 0..<100 { try await Self.append(store, ticket, .noteAdded("\(writer)/\(note)")) }
                }
            }
            try await group.waitForAll()
        }
        let request = try #require(try await store.request(ticket))
        #expect(request.version == 1 + 8 * 100)
        #expect(Set(request.notes.map(\.text)).count == 8 * 100)
        #expect(try await store.events(for: ticket).count == request.version)
    }

    @Test func unknownTicketsReadAsAbsent() async throws {
        let store = InMemoryRequestStore()
        let ticket = Self.ticket(node: 1, second: 0)
        #expect(try await store.request(ticket) == nil)
        #expect(try await store.events(for: ticket).isEmpty)
        #expect(try await store.contact(ticket) == nil)
        #expect(try await store.request(clientRequestID: "nothing") == nil)
        let page = try await store.requests(matching: RequestQuery(), page: .first)
        #expect(page == Page(items: [], next: nil))
    }
}
