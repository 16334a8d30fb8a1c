import Civic311
import Civic311Postgres
import Civic311Testing
import PostgresTestSupport
import Testing

@Suite(.enabled(if: PostgresCluster.binaryFolder != nil, Comment(rawValue: PostgresCluster.skipReason)))
struct PostgresRequestStoreTests {
    @Test func rejectsInvalidConfiguration() {
        #expect(throws: ValidationError.self) { try PostgresRequestStore.Configuration(connections: 0) }
        #expect(throws: ValidationError.self) { try PostgresRequestStore.Configuration(connections: 65) }
        #expect(throws: ValidationError.self) {
            try PostgresRequestStore.Configuration(statementTimeout: .zero)
        }
        #expect(throws: ValidationError.self) { try PostgresRequestStore.Configuration(node: .fixed(100)) }
        #expect(throws: ValidationError.self) { try PostgresRequestStore.Configuration(node: .leased(-1...3)) }
        #expect(throws: ValidationError.self) {
            try PostgresRequestStore.Configuration(leaseCheckInterval: .milliseconds(1))
        }
    }

    /// A batch takes its feed positions from the counter once; the positions of entries it
    /// refuses (here the middle one and the last) are given back, so the feed stays gap-free
    /// and the next write continues right after the batch.
    @Test func aBatchWithRefusedEntriesLeavesNoGapInTheFeed() async throws {
        let store = try PostgresCluster.makeStore()
        defer { store.close() }
        var fixtures = RequestFixtures(seed: 21)
        var requests: [ServiceRequest] = []
        for _ in 0..<3 {
            let (contact, opening) = fixtures.opening()
            requests.append(try await store.open(contact, request: opening))
        }
        let before = try await store.changes(after: .start, limit: 100).next
        let note = { (request: ServiceRequest) in
            RequestEvent(
                ticket: request.ticket,
                sequence: request.version + 1,
                recordedAt: request.updatedAt,
                actor: .callTaker("agent-1"),
                change: .noteAdded("Called back."),
                fromState: request.state,
                toState: request.state,
                visibility: .internal
            )
        }
        let results = try await store.append(batch: [
            (events: [note(requests[0])], expectedVersion: requests[0].version),
            (events: [note(requests[1])], expectedVersion: requests[1].version + 5),
            (events: [note(requests[2])], expectedVersion: requests[2].version),
            (events: [note(requests[0])], expectedVersion: requests[0].version),
        ])
        let accepted: [Bool] = results.map { result in
            if case .success = result { return true }
            return false
        }
        #expect(accepted == [true, false, true, false])
        let batch = try await store.changes(after: before, limit: 100)
        let first: Int64 = before.rawValue + 1
        #expect(batch.entries.map(\.position.rawValue) == [first, first + 1])
        let (contact, opening) = fixtures.opening()
        _ = try await store.open(contact, request: opening)
        let next = try await store.changes(after: batch.next, limit: 10)
        let after: Int64 = batch.next.rawValue + 1
        #expect(next.entries.map(\.position.rawValue) == [after, after + 1])
    }

    /// What a store acknowledged is there after it is closed and the database opened again,
    /// and the feed and tickets continue where they stopped.
    @Test func reopenedStoreHoldsEverythingAcknowledged() async throws {
        let store = try PostgresCluster.makeStore()
        var fixtures = RequestFixtures(seed: 12)
        var opened: [ServiceRequest] = []
        for _ in 0..<20 {
            let (contact, opening) = fixtures.opening()
            var request = try await store.open(contact, request: opening)
            if let event = fixtures.followUp(to: request) {
                request = try await store.append([event], expectedVersion: request.version)
            }
            opened.append(request)
        }
        let feed = try await store.changes(after: .start, limit: 500)
        try await store.saveCheckpoint(feed.next, of: "adapter", expected: nil)
        store.close()

        let reopened = try PostgresRequestStore(
            connectionString: store.connectionString,
            configuration: store.configuration
        )
        defer { reopened.close() }
        for request in opened {
            #expect(try await reopened.request(request.ticket) == request)
            #expect(try await reopened.events(for: request.ticket).count == request.version)
        }
        #expect(try await reopened.checkpoint(of: "adapter") == feed.next)
        let again = try await reopened.changes(after: .start, limit: 500)
        #expect(again == feed)
        #expect(try await reopened.latestTicket(issuedBy: 0) == opened.map(\.ticket).max())
        // The feed continues after the last position, with no gap.
        let (contact, opening) = fixtures.opening()
        _ = try await reopened.open(contact, request: opening)
        let next = try await reopened.changes(after: feed.next, limit: 10)
        #expect(next.entries.map(\.position.rawValue) == [feed.next.rawValue + 1, feed.next.rawValue + 2])
        #expect(PostgresRequestStore.schemaVersion == 1)
    }

    /// A refused opening says which key was taken (the ticket, or the submitter's client
    /// request ID), keeps PostgreSQL's unique violation as its cause, and writes nothing.
    @Test func duplicatesNameTheKeyTaken() async throws {
        let store = try PostgresCluster.makeStore()
        defer { store.close() }
        var fixtures = RequestFixtures(seed: 31)
        let ann = Participant.resident("ann@example.org")
        let (contact, opening) = fixtures.opening(clientRequestID: "web-1", submittedBy: ann)
        _ = try await store.open(contact, request: opening)
        do throws(StorageError) {
            _ = try await store.open(contact, request: opening)
            Issue.record("a ticket was stored twice")
        } catch {
            #expect(error.code == .duplicate)
            #expect(error.reason == "the ticket is already stored")
            #expect(error.cause?.code == "23505")
        }
        let (again, reopening) = fixtures.opening(clientRequestID: "web-1", submittedBy: ann)
        do throws(StorageError) {
            _ = try await store.open(again, request: reopening)
            Issue.record("a client request ID was stored twice for one submitter")
        } catch {
            #expect(error.code == .duplicate)
            #expect(error.ticket == again.ticket)
            #expect(error.reason.contains("client request ID 'web-1'"))
            #expect(error.cause?.code == "23505")
        }
        #expect(try await store.contact(again.ticket) == nil)
        #expect(try await store.changes(after: .start, limit: 10).entries.count == 2)
    }

    /// In a batch of appends, refused entries (a stale version, a reference another request
    /// holds, which fails a statement on the server) are answered in place and write nothing;
    /// the entries after them are stored, and the feed has no gap where the refused ones were.
    @Test func batchAppendAnswersRefusedEntriesInPlace() async throws {
        let store = try PostgresCluster.makeStore()
        defer { store.close() }
        var fixtures = RequestFixtures(seed: 41)
        var requests: [ServiceRequest] = []
        for _ in 0..<4 {
            let (contact, opening) = fixtures.opening()
            requests.append(try await store.open(contact, request: opening))
        }
        _ = try await store.append(
            [fixtures.externalReference(on: requests[0], system: "cityworks", identifier: "WO-1")],
            expectedVersion: 1
        )
        let results = try await store.append(batch: [
            ([fixtures.note(on: requests[1], text: "first")], 1),
            ([fixtures.externalReference(on: requests[2], system: "cityworks", identifier: "WO-1")], 1),
            ([fixtures.note(on: requests[3], text: "stale")], 5),
            ([fixtures.externalReference(on: requests[3], system: "cityworks", identifier: "WO-2")], 1),
        ])
        #expect(results.count == 4)
        #expect((try? results[0].get())?.version == 2)
        #expect(results[1].failureCode == .duplicate)
        #expect(results[2].failureCode == .conflict)
        #expect((try? results[3].get())?.version == 2)
        #expect(try await store.request(requests[2].ticket)?.version == 1)
        #expect(
            try await store.request(externalReference: .init(system: "cityworks", identifier: "WO-2"))?.ticket
                == requests[3].ticket
        )
        let feed = try await store.changes(after: .start, limit: 100).entries
        #expect(feed.map(\.position.rawValue) == Array(1...Int64(feed.count)))
        #expect(feed.count == 4 * 2 + 1 + 2)
    }

    /// A database a newer library wrote is refused, and left as it was.
    @Test func refusesNewerSchema() async throws {
        let store = try PostgresCluster.makeStore()
        store.close()
        let raw = try RawPostgres(store.connectionString)
        try raw.execute("UPDATE civic311.schema_version SET version = 99")
        do throws(StorageError) {
            _ = try PostgresRequestStore(connectionString: store.connectionString, configuration: store.configuration)
            Issue.record("a database at schema version 99 was opened")
        } catch {
            #expect(error.code == .incompatibleSchema)
            #expect(error.reason.contains("99"))
        }
        #expect(try raw.execute("SELECT version FROM civic311.schema_version") == ["99"])
    }

    /// Two stores (as two processes would) on one database: a stale append is a conflict, and
    /// of appends racing at one version exactly one wins.
    @Test func conflictAcrossInstances() async throws {
        let first = try PostgresCluster.makeStore()
        defer { first.close() }
        let second = try PostgresRequestStore(
            connectionString: first.connectionString,
            configuration: first.configuration
        )
        defer { second.close() }
        #expect(first.node != second.node)
        var fixtures = RequestFixtures(seed: 21)
        let (contact, opening) = fixtures.opening()
        var request = try await first.open(contact, request: opening)
        _ = try await first.append([fixtures.note(on: request, text: "first")], expectedVersion: 1)
        let stale = fixtures.note(on: request, text: "stale")
        do throws(StorageError) {
            _ = try await second.append([stale], expectedVersion: 1)
            Issue.record("a stale append was stored")
        } catch {
            #expect(error.code == .conflict)
        }
        request = try #require(try await second.request(request.ticket))
        for round in 0..<10 {
            let version = request.version
            let attempts = [
                (first, fixtures.note(on: request, text: "round \(round), first")),
                (second, fixtures.note(on: request, text: "round \(round), second")),
            ]
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for (store, event) in attempts {
                    group.addTask {
                        do throws(StorageError) {
                            _ = try await store.append([event], expectedVersion: version)
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1, "round \(round): exactly one append wins")
            request = try #require(try await first.request(request.ticket))
            #expect(request.version == version + 1)
        }
        #expect(try await second.events(for: request.ticket).count == request.version)
    }
}

extension Result where Failure == StorageError {
    /// The code of the error a refused entry was answered with; `nil` for a stored one.
    fileprivate var failureCode: StorageError.Code? {
        guard case .failure(let error) = self else { return nil }
        return error.code
    }
}
