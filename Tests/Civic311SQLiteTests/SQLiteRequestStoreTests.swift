import Civic311
import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

@Suite struct SQLiteRequestStoreTests {
    @Test func opensInWALModeWithFullSynchronousByDefault() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteRequestStore(path: "\(directory)/store.sqlite")
            #expect(try await store.writerPragma("journal_mode") == "wal")
            #expect(try await store.writerPragma("synchronous") == "2")  // FULL
            let normal = try SQLiteRequestStore(
                path: "\(directory)/normal.sqlite",
                configuration: SQLiteRequestStore.Configuration(durability: .normal)
            )
            #expect(try await normal.writerPragma("synchronous") == "1")  // NORMAL
            #expect(SQLiteRequestStore.schemaVersion == 6)
        }
    }

    @Test func rejectsInvalidConfiguration() {
        #expect(throws: ValidationError.self) { try SQLiteRequestStore.Configuration(readers: 0) }
        #expect(throws: ValidationError.self) { try SQLiteRequestStore.Configuration(readers: 33) }
        #expect(throws: ValidationError.self) { try SQLiteRequestStore.Configuration(busyTimeout: .milliseconds(-1)) }
        #expect(throws: ValidationError.self) { try SQLiteRequestStore.Configuration(memoryMapSize: -1) }
    }

    /// The department work queue ("DOT, open, soonest due first"), its pages after a cursor and
    /// its count are read from `request_queue` with no sort, for one state and for several, so
    /// that a page costs the page and a seek per (department, state) pair, not every match.
    @Test func theWorkQueueIsReadFromItsIndexWithoutASort() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteRequestStore(path: "\(directory)/queue.sqlite")
            var fixtures = RequestFixtures(seed: 15)
            var batch: [(contact: Contact, opening: RequestEvent)] = []
            for _ in 0..<600 {
                fixtures.advance(upTo: 3600)
                batch.append(fixtures.opening())
            }
            let requests = try await store.open(batch: batch)
            let open = Set(RequestState.allCases.filter(\.isOpen))
            let departments = Set(requests.map(\.department)).sorted { $0.rawValue < $1.rawValue }
            try #require(departments.count >= 2)
            let (first, second) = (departments[0], departments[1])
            let queues: [RequestQuery] = [
                RequestQuery(states: [.new], departments: [first], order: .dueAscending),
                RequestQuery(states: open, departments: [first], order: .dueAscending),
                RequestQuery(states: open, departments: [first, second], order: .dueAscending),
                RequestQuery(states: [.new, .assigned], departments: [second], order: .dueAscending),
            ]
            let cursor = RequestOrder.dueAscending.cursor(after: requests[300])
            for query in queues {
                for after in [nil, cursor] {
                    let plan = try await store.queryPlan(query, after: after)
                    let searches = plan.filter { $0.contains("SEARCH request ") }
                    let pairs = query.states!.count * query.departments!.count
                    #expect(searches.count == pairs, "one walk per pair: \(plan)")
                    #expect(
                        searches.allSatisfy { $0.contains("INDEX request_queue (department=? AND state=?") },
                        "\(query) after \(String(describing: after)): \(plan)"
                    )
                    #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort: \(plan)")
                    if pairs > 1 { #expect(plan.contains { $0.contains("MERGE") }, "merged in due order: \(plan)") }
                }
                let count = try await store.countPlan(query)
                #expect(
                    count.allSatisfy { !$0.contains("SCAN") }
                        && count.contains { $0.contains("COVERING INDEX request_queue (department=? AND state=?)") },
                    "counted from the index alone: \(count)"
                )
            }
            // The pages are the requests the query matches, in due order.
            for query in queues {
                let expected = requests.filter { query.matches($0) }.sorted { query.order.sorts($0, before: $1) }
                var listed: [ServiceRequest] = []
                var after: PageCursor?
                repeat {
                    let page = try await store.requests(matching: query, page: try PageRequest(limit: 7, after: after))
                    listed += page.items
                    after = page.next
                } while after != nil
                #expect(listed.map(\.ticket) == expected.map(\.ticket), "\(query)")
                #expect(try await store.countRequests(matching: query) == expected.count)
            }
        }
    }

    @Test func everyFilterAndOrderUsesAnIndex() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteRequestStore(path: "\(directory)/store.sqlite")
            // Two months of requests, so that one day is a narrow window.
            var fixtures = RequestFixtures(seed: 8)
            var batch: [(contact: Contact, opening: RequestEvent)] = []
            for _ in 0..<1200 {
                fixtures.advance(upTo: 2 * 3600)
                batch.append(fixtures.opening())
            }
            let requests = try await store.open(batch: batch)
            let day = requests[600].createdAt
            let due = requests.map(\.dueAt).sorted()[12]
            let filters: [(RequestQuery, String)] = [
                (RequestQuery(states: [.new]), "request_state"),
                (RequestQuery(departments: ["DOT"]), "request_queue"),
                (RequestQuery(serviceTypes: ["POTHOLE"]), "request_service_type"),
                (RequestQuery(createdFrom: day, createdBefore: day.addingTimeInterval(86_400)), "request_created_at"),
                (RequestQuery(createdFrom: requests[1190].createdAt), "request_created_at"),
                (RequestQuery(createdBefore: requests[5].createdAt), "request_created_at"),
                (RequestQuery(dueBefore: due), "request_due_at"),
                (RequestQuery(order: .dueAscending), "request_due_at"),
            ]
            for (query, index) in filters {
                let plan = try await store.queryPlan(query).joined(separator: " | ")
                #expect(plan.contains(index), "\(query) should use \(index): \(plan)")
            }
            // A window holding most requests is read in ticket order instead, with no sort.
            let wide = try await store.queryPlan(RequestQuery(createdFrom: requests[10].createdAt)).joined(
                separator: " | "
            )
            #expect(!wide.contains("TEMP B-TREE"), "a wide window needs no sort: \(wide)")
            for order in [RequestOrder.ticketAscending, .ticketDescending] {
                let plan = try await store.queryPlan(RequestQuery(order: order)).joined(separator: " | ")
                #expect(!plan.contains("TEMP B-TREE"), "\(order) should need no sort: \(plan)")
            }
            let latest = try await store.queryPlan(
                sql: "SELECT ticket FROM contact WHERE node = 3 ORDER BY ticket DESC LIMIT 1"
            )
            #expect(latest.joined().contains("contact_node"), "the latest ticket per node uses its index: \(latest)")
            for (column, index) in [
                ("channel", "contact_channel"), ("category", "contact_category"),
                ("received_at", "contact_received_at"),
            ] {
                let plan = try await store.queryPlan(
                    sql: "SELECT ticket FROM contact WHERE \(column) = 1 ORDER BY ticket"
                )
                #expect(plan.joined().contains(index), "contacts by \(column) use \(index): \(plan)")
            }
        }
    }

    @Test func cachesPreparedStatementsWithinABound() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteRequestStore(
                path: "\(directory)/store.sqlite",
                configuration: SQLiteRequestStore.Configuration(readers: 1)
            )
            var fixtures = RequestFixtures(seed: 1)
            for _ in 0..<20 {
                let (contact, opening) = fixtures.opening()
                _ = try await store.open(contact, request: opening)
            }
            let warm = try await store.cachedStatementCount()
            for _ in 0..<20 {
                let (contact, opening) = fixtures.opening()
                _ = try await store.open(contact, request: opening)
            }
            #expect(try await store.cachedStatementCount() == warm, "the same commands reuse their statements")
            // Many query shapes: the writer's plans are cached but bounded.
            for count in 1...200 {
                let departments = Set((0..<count).map { DepartmentID("D\($0)") })
                _ = try await store.queryPlan(RequestQuery(departments: departments))
            }
            #expect(try await store.cachedStatementCount() <= warm + 64)
        }
    }

    @Test func readsDoNotWaitForAnOpenReadTransactionOrBlockWrites() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/store.sqlite"
            let store = try SQLiteRequestStore(path: path)
            var fixtures = RequestFixtures(seed: 2)
            let (firstContact, firstOpening) = fixtures.opening()
            let first = try await store.open(firstContact, request: firstOpening)
            // Another connection holds a read transaction: the writer still commits (WAL).
            let reader = try RawDatabase(path)
            try reader.execute("BEGIN; SELECT count(*) FROM request;")
            let (contact, opening) = fixtures.opening()
            let second = try await store.open(contact, request: opening)
            #expect(try await store.request(second.ticket) == second, "the store reads its own committed write")
            #expect(
                try reader.value("SELECT count(*) FROM request") == "1",
                "the old read transaction keeps its snapshot"
            )
            try reader.execute("COMMIT")
            #expect(try reader.value("SELECT count(*) FROM request") == "2")
            _ = first
        }
    }

    @Test func closedStoreFailsAsUnavailable() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteRequestStore(path: "\(directory)/store.sqlite")
            store.close()
            let error = await #expect(throws: StorageError.self) {
                try await store.countRequests(matching: RequestQuery())
            }
            #expect(error?.code == .unavailable)
            var fixtures = RequestFixtures(seed: 3)
            let (contact, opening) = fixtures.opening()
            let writeError = await #expect(throws: StorageError.self) {
                try await store.open(contact, request: opening)
            }
            #expect(writeError?.code == .unavailable)
            store.close()  // Closing twice is harmless.
        }
    }

    @Test func readOnlyAccessReadsButRefusesWrites() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/store.sqlite"
            var fixtures = RequestFixtures(seed: 4)
            let writer = try SQLiteRequestStore(path: path)
            let (contact, opening) = fixtures.opening()
            let request = try await writer.open(contact, request: opening)
            let reader = try SQLiteRequestStore(
                path: path,
                configuration: SQLiteRequestStore.Configuration(access: .readOnly, readers: 2)
            )
            #expect(try await reader.request(request.ticket) == request)
            let (other, otherOpening) = fixtures.opening()
            let error = await #expect(throws: StorageError.self) { try await reader.open(other, request: otherOpening) }
            #expect(error?.code == .readOnly)
            #expect(try await writer.request(otherOpening.ticket) == nil, "the refused write changed nothing")
            // A read-only store cannot create its file.
            let missing = #expect(throws: StorageError.self) {
                try SQLiteRequestStore(
                    path: "\(directory)/missing.sqlite",
                    configuration: SQLiteRequestStore.Configuration(access: .readOnly)
                )
            }
            #expect(missing?.code == .unavailable || missing?.code == .readOnly)
        }
    }

    /// From schema version 3 a snapshot is never empty: an emptied one is damage, and the
    /// append that would have written on it is refused.
    @Test func anEmptiedSnapshotIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/store.sqlite"
            let store = try SQLiteRequestStore(path: path)
            var fixtures = RequestFixtures(seed: 5)
            let (contact, opening) = fixtures.opening()
            var request = try await store.open(contact, request: opening)
            request = try await store.store(fixtures.events(moving: request, to: .resolved), on: request)
            try RawDatabase(path).execute("UPDATE request SET snapshot = x''")
            let error = await #expect(throws: StorageError.self) { try await store.request(request.ticket) }
            #expect(error?.code == .corrupted)
            let append = await #expect(throws: StorageError.self) {
                try await store.append(
                    [fixtures.note(on: request, text: "On a damaged row.")],
                    expectedVersion: request.version
                )
            }
            #expect(append?.code == .corrupted)
        }
    }

    @Test func integrityCheckPassesOnAHealthyStore() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteRequestStore(path: "\(directory)/store.sqlite")
            var fixtures = RequestFixtures(seed: 6)
            _ = try await store.open(batch: (0..<50).map { _ in fixtures.opening() })
            try await store.checkIntegrity()
        }
    }

    @Test func rejectsPathsThatAreNotFiles() {
        for path in ["", ":memory:", "file:store.sqlite?mode=memory"] {
            let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path) }
            #expect(error?.code == .unavailable, "\(path)")
        }
    }
}

extension SQLiteRequestStore {
    /// Appends `events` to `request` at its version.
    fileprivate func store(_ events: [RequestEvent], on request: ServiceRequest) async throws -> ServiceRequest {
        events.isEmpty ? request : try await append(events, expectedVersion: request.version)
    }
}
