import Civic311
@_spi(Benchmarks) import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// Forward-only migrations: from an empty file and from every earlier schema version, with the
/// data written at that version intact afterwards.
@Suite struct SQLiteSchemaTests {
    /// The requests, events and contacts a fixture database holds, as the domain sees them.
    struct Fixture {
        var requests: [ServiceRequest] = []
        var histories: [TicketNumber: [RequestEvent]] = [:]
        var contacts: [Contact] = []
    }

    @Test(arguments: [SQLiteRequestStore.Mode.create, .openOrCreate])
    func createsTheCurrentSchemaInANewFile(_ mode: SQLiteRequestStore.Mode) async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/new.sqlite"
            let store = try SQLiteRequestStore(path: path, mode: mode)
            var fixtures = RequestFixtures(seed: 7)
            let (contact, opening) = fixtures.opening()
            let request = try await store.open(contact, request: opening)
            store.close()
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory) == ["new.sqlite"],
                "nothing is left beside the store once it is closed"
            )
            let raw = try RawDatabase(path)
            #expect(try raw.value("PRAGMA user_version") == "\(SQLiteRequestStore.schemaVersion)")
            #expect(try raw.value("PRAGMA application_id") == "\(0x4333_3131)")
            #expect(try await SQLiteRequestStore(path: path, mode: .open).request(request.ticket) == request)
        }
    }

    /// A version-2 file whose b-tree pages the fuzzer damaged: upgrading it sent SQLite's index
    /// search round in circles and the opening never returned. Its structure is checked before
    /// any upgrade, so it is refused as damaged, byte for byte unchanged.
    @Test func aDamagedFileIsRefusedBeforeItsUpgrade() async throws {
        let original = try Data(contentsOf: Self.fuzzSeed("damaged-index-before-upgrade"))
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/damaged.sqlite"
            try original.write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path, mode: .open) }
            #expect(error?.code == .corrupted, "\(String(describing: error))")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
        }
    }

    /// A version-2 file whose row `request_client_request_id` the fuzzer changed to hold `CREATE
    /// UNIQUE INDEX reqUest_client_request_id`: version 4's `DROP INDEX` freed the index's root
    /// page but deleted no row (SQLite deletes by the name in memory, and `name =` compares case),
    /// and the new index took the same page. The writer's schema in memory was right and
    /// `quick_check` passed, so the upgrade committed and only the next connection to read the
    /// schema refused the file ("invalid rootpage"), by then changed. The stored schema is checked
    /// before the upgrade commits, so it rolls back.
    @Test func anUpgradeThatWouldStoreABrokenSchemaChangesNothing() async throws {
        let original = try Data(contentsOf: Self.fuzzSeed("refused-after-upgrade-committed"))
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/damaged.sqlite"
            try original.write(to: URL(fileURLWithPath: path))
            for _ in 0..<2 {
                let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path, mode: .open) }
                #expect(error?.code == .corrupted, "\(String(describing: error))")
                #expect(
                    error?.reason.contains("index request_client_request_id") == true,
                    "the refusal names the index left over: \(String(describing: error))"
                )
                #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
            }
        }
    }

    /// An upgrade that fails leaves the file byte for byte as it was, header included, also when
    /// the file uses a rollback journal: the switch to write-ahead logging, which rewrites the
    /// header, comes only after the upgrade has committed.
    @Test func aFailedUpgradeLeavesTheFileByteForByte() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/v1.sqlite"
            _ = try Self.databaseAtVersion(1, path: path)
            // An object in the way of version 2's index makes the upgrade fail half-way.
            try RawDatabase(path).execute("CREATE INDEX contact_node ON event (sequence)")
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(try RawDatabase(path).value("PRAGMA journal_mode") == "delete")
            let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path) }
            #expect(error?.code == .incompatibleSchema)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
        }
    }

    @Test(arguments: 0..<SQLiteRequestStore.schemaVersion)
    func upgradesFromEarlierVersion(_ version: Int) async throws {
        #expect(
            SQLiteRequestStore.schemaVersion == 6,
            "a new schema version needs a fixture for the version before it here"
        )
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/v\(version).sqlite"
            let fixture = try Self.databaseAtVersion(version, path: path)
            let store = try SQLiteRequestStore(path: path, mode: version == 0 ? .create : .open)
            let raw = try RawDatabase(path)
            #expect(try raw.value("PRAGMA user_version") == "\(SQLiteRequestStore.schemaVersion)")
            #expect(try raw.value("SELECT count(*) FROM sqlite_schema WHERE name = 'contact_node'") == "1")
            for request in fixture.requests {
                #expect(try await store.request(request.ticket) == request)
                #expect(try await store.events(for: request.ticket) == fixture.histories[request.ticket])
            }
            for contact in fixture.contacts {
                #expect(try await store.contact(contact.ticket) == contact)
            }
            // Version 4: each client request ID is kept under the scope of its opening's actor.
            for request in fixture.requests where request.clientRequestID != nil {
                let opening = try #require(fixture.histories[request.ticket]?.first)
                let key = try #require(ClientRequestKey(opening: opening))
                #expect(try await store.request(key) == request, "\(key)")
                #expect(
                    try raw.value("SELECT client_scope FROM request WHERE ticket = \(request.ticket.payload)")
                        == key.scope,
                    "the scope the opening implies"
                )
                let stranger = ClientRequestKey(id: key.id, submittedBy: .supervisor("a-stranger"))
                #expect(try await store.request(stranger) == nil, "another submitter's key finds nothing")
            }
            let nodeSeven = fixture.contacts.filter { $0.ticket.node == 7 }.map(\.ticket).max()
            #expect(
                try await store.latestTicket(issuedBy: 7) == nodeSeven,
                "the node column covers rows written before it existed"
            )
            // Version 6: the work queue index, over the rows stored before it existed.
            #expect(try raw.value("SELECT count(*) FROM sqlite_schema WHERE name = 'request_queue'") == "1")
            #expect(try raw.value("SELECT count(*) FROM sqlite_schema WHERE name = 'request_department'") == "0")
            try await Self.expectQueues(of: store, holding: fixture.requests)
            let newer = fixture.requests.filter { $0.state == .new }.map(\.ticket).sorted()
            #expect(
                try await store.requests(matching: RequestQuery(states: [.new]), page: .first).items.map(\.ticket)
                    == newer
            )
            // The upgraded store takes new writes.
            var fixtures = RequestFixtures(
                seed: 99,
                node: 7,
                start: RequestFixtures.referenceInstant.addingTimeInterval(86_400)
            )
            let (contact, opening) = fixtures.opening()
            let request = try await store.open(contact, request: opening)
            #expect(try await store.latestTicket(issuedBy: 7) == request.ticket)
            var later: [FeedEntry.Change] = [.contact(contact), .requestEvent(opening)]
            // An upgraded store keeps IDs unique per submitter: the same ID from its submitter is
            // refused, from another submitter it opens a request.
            if let taken = fixture.requests.first(where: { $0.clientRequestID != nil }),
                let first = fixture.histories[taken.ticket]?.first, let key = ClientRequestKey(opening: first)
            {
                let again = fixtures.opening(clientRequestID: key.id, submittedBy: first.actor)
                let error = await #expect(throws: StorageError.self) {
                    _ = try await store.open(again.contact, request: again.opening)
                }
                #expect(error?.code == .duplicate)
                let other = fixtures.opening(clientRequestID: key.id, submittedBy: .supervisor("a-stranger"))
                _ = try await store.open(other.contact, request: other.opening)
                later += [.contact(other.contact), .requestEvent(other.opening)]
            }
            if let first = fixture.requests.first {
                let note = fixtures.note(on: first, text: "After the upgrade.")
                let noted = try await store.append([note], expectedVersion: first.version)
                #expect(try await store.request(first.ticket) == noted)
                later.append(.requestEvent(note))
            }
            try await Self.expectFeed(of: store, holding: fixture, then: later)
            for request in fixture.requests {
                for reference in request.externalReferences {
                    #expect(try await store.request(externalReference: reference.key)?.ticket == request.ticket)
                }
            }
            try await store.checkIntegrity()
        }
    }

    /// The feed of a store upgraded to version 5 holds every change stored before, request by
    /// request in ticket order (each contact, then its request's events in order), and the changes
    /// written since, after them.
    static func expectFeed(
        of store: SQLiteRequestStore,
        holding fixture: Fixture,
        then later: [FeedEntry.Change]
    ) async throws {
        var read: [FeedEntry] = []
        var position = FeedPosition.start
        while true {
            let page = try await store.changes(after: position, limit: 7)
            read += page.entries
            position = page.next
            if page.isCaughtUp { break }
        }
        var expected: [FeedEntry.Change] = []
        for contact in fixture.contacts.sorted(by: { $0.ticket < $1.ticket }) {
            expected.append(.contact(contact))
            expected += (fixture.histories[contact.ticket] ?? []).map { .requestEvent($0) }
        }
        let changes = read.map(\.change)
        let upgraded = Array(changes.prefix(changes.count - later.count))
        #expect(upgraded == expected, "the stored history, numbered in ticket order")
        #expect(Array(changes.suffix(later.count)) == later, "changes since the upgrade come after it")
        #expect(read.map(\.position.rawValue) == (0..<read.count).map { Int64($0) + 1 })
    }

    /// Every department's queue, of one state and of the open states, page by page in due order
    /// and counted, is exactly the stored requests'.
    static func expectQueues(of store: SQLiteRequestStore, holding requests: [ServiceRequest]) async throws {
        let open = Set(RequestState.allCases.filter(\.isOpen))
        for department in Set(requests.map(\.department)) {
            for states in [[RequestState.new], Array(open)] {
                let query = RequestQuery(states: Set(states), departments: [department], order: .dueAscending)
                let expected = requests.filter { query.matches($0) }.sorted { query.order.sorts($0, before: $1) }
                var listed: [ServiceRequest] = []
                var after: PageCursor?
                repeat {
                    let page = try await store.requests(matching: query, page: try PageRequest(limit: 3, after: after))
                    listed += page.items
                    after = page.next
                } while after != nil
                #expect(listed == expected, "\(department) \(states)")
                #expect(try await store.countRequests(matching: query) == expected.count)
            }
        }
    }

    @Test func clientRequestKeysAreFoundThroughTheirUniqueIndex() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteRequestStore(path: "\(directory)/plan.sqlite")
            let plan = try await store.queryPlan(
                sql:
                    "SELECT ticket FROM request WHERE client_scope = 'resident:a@example.org' AND client_request_id = 'x'"
            )
            #expect(plan.contains { $0.contains("request_client_request_key") }, "\(plan)")
        }
    }

    /// Version 3 gives every row a checksum, but only to rows that read back sound: a row damaged
    /// before the upgrade stays unsealed and reads as damaged from then on.
    @Test func theUpgradeToChecksumsSealsOnlySoundRows() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/v2.sqlite"
            let fixture = try Self.databaseAtVersion(2, path: path)
            let damaged = try #require(fixture.requests.first { $0.state != .closed })
            let emptied = try #require(fixture.requests.last { $0.ticket != damaged.ticket })
            let raw = try RawDatabase(path)
            try raw.execute("UPDATE request SET state = 'closed' WHERE ticket = \(damaged.ticket.payload)")
            // An earlier version could empty a snapshot to have it rebuilt from the events.
            try raw.execute("UPDATE request SET snapshot = x'' WHERE ticket = \(emptied.ticket.payload)")
            raw.close()

            let store = try SQLiteRequestStore(path: path, mode: .open)
            for request in fixture.requests where request.ticket != damaged.ticket {
                #expect(try await store.request(request.ticket) == request)
            }
            let error = await #expect(throws: StorageError.self) { try await store.request(damaged.ticket) }
            #expect(error?.code == .corrupted)
            #expect(error?.ticket == damaged.ticket)
            let integrity = await #expect(throws: StorageError.self) { try await store.checkIntegrity() }
            #expect(integrity?.ticket == damaged.ticket, "\(String(describing: integrity))")
        }
    }

    @Test func refusesANewerSchemaVersion() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/newer.sqlite"
            try SQLiteRequestStore(path: path).close()
            try RawDatabase(path).execute("PRAGMA user_version = \(SQLiteRequestStore.schemaVersion + 1)")
            let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path) }
            #expect(error?.code == .incompatibleSchema)
            #expect(error?.reason.contains("newer") == true, "\(String(describing: error))")
            #expect(
                try RawDatabase(path).value("PRAGMA user_version") == "\(SQLiteRequestStore.schemaVersion + 1)",
                "nothing was changed"
            )
        }
    }

    /// A negative version was once used as an index into the migrations and trapped.
    @Test(arguments: [-1, Int(Int32.min)])
    func refusesANegativeSchemaVersion(_ version: Int) async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/negative.sqlite"
            try SQLiteRequestStore(path: path).close()
            try RawDatabase(path).execute("PRAGMA user_version = \(version)")
            let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path) }
            #expect(error?.code == .corrupted, "\(String(describing: error))")
            #expect(error?.reason.contains("\(version)") == true, "\(String(describing: error))")
            #expect(try RawDatabase(path).value("PRAGMA user_version") == "\(version)", "nothing was changed")
        }
    }

    @Test func refusesDatabasesOfOtherApplications() async throws {
        try await withTemporaryDirectory { directory in
            let foreign = "\(directory)/foreign.sqlite"
            try RawDatabase(foreign).execute("CREATE TABLE notes (text TEXT)")
            let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: foreign) }
            #expect(error?.code == .incompatibleSchema)
            #expect(try RawDatabase(foreign).value("SELECT count(*) FROM sqlite_schema") == "1", "nothing was added")

            let other = "\(directory)/other.sqlite"
            try RawDatabase(other).execute("PRAGMA application_id = 42")
            let otherError = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: other) }
            #expect(otherError?.code == .incompatibleSchema)
        }
    }

    @Test func readOnlyStoreNeedsTheCurrentVersion() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/v1.sqlite"
            _ = try Self.databaseAtVersion(1, path: path)
            let error = #expect(throws: StorageError.self) {
                try SQLiteRequestStore(path: path, configuration: SQLiteRequestStore.Configuration(access: .readOnly))
            }
            #expect(error?.code == .incompatibleSchema)
            #expect(try RawDatabase(path).value("PRAGMA user_version") == "1")
        }
    }

    @Test func aFailedMigrationChangesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/v1.sqlite"
            let fixture = try Self.databaseAtVersion(1, path: path)
            // An object in the way of version 2's index makes the upgrade fail half-way.
            try RawDatabase(path).execute("CREATE INDEX contact_node ON event (sequence)")
            let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path) }
            #expect(error?.code == .incompatibleSchema)
            let raw = try RawDatabase(path)
            #expect(try raw.value("PRAGMA user_version") == "1")
            #expect(
                try raw.rows("PRAGMA table_xinfo(contact)").map { $0[1] }.contains("node") == false,
                "the column added before the failure was rolled back"
            )
            #expect(try raw.value("SELECT count(*) FROM request") == "\(fixture.requests.count)")
        }
    }

    // MARK: Fixtures per version

    /// A file of the `sqlite-file` fuzz target's seed corpus.
    static func fuzzSeed(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Corpus/sqlite-file/\(name)")
    }

    /// Creates the database at `path` at schema `version` and fills it as a store of that version
    /// would have. Add a case for each new version.
    static func databaseAtVersion(_ version: Int, path: String) throws -> Fixture {
        switch version {
        case 0:
            // Version 0 is nothing at all: the store is created.
            return Fixture()
        case 1, 2, 3:
            // Version 2 added only a generated column: the rows are the same. Version 3 seals
            // every body with its checksum.
            try SQLiteRequestStore.createDatabase(at: path, schemaVersion: version)
            let fixture = try version1Fixture()
            let raw = try RawDatabase(path)
            try raw.execute("BEGIN")
            for request in fixture.requests {
                try insert(request, history: fixture.histories[request.ticket] ?? [], version: version, into: raw)
            }
            for contact in fixture.contacts { try insert(contact, version: version, into: raw) }
            try raw.execute("COMMIT")
            return fixture
        case 4:
            // Version 4 as a store of that version leaves it: the version 2 rows upgraded by the
            // migrations that version 4 shipped with (sealing, then each client request ID scoped
            // by its opening's actor), and then requests only version 4 can hold, with client
            // request IDs that other submitters already used.
            var fixture = try databaseAtVersion(2, path: path)
            try SQLiteRequestStore.upgradeDatabase(at: path, toSchemaVersion: 4)
            var fixtures = RequestFixtures(seed: 404, node: 3)
            let raw = try RawDatabase(path)
            try raw.execute("BEGIN")
            for taken in fixture.requests.compactMap(\.clientRequestID).prefix(3) {
                let (contact, opening) = fixtures.opening(
                    clientRequestID: taken,
                    submittedBy: .resident("v4-neighbour@example.org")
                )
                var request = try ServiceRequest(opening: opening)
                let moves = fixtures.events(moving: request, to: .inProgress)
                request = try request.applying(moves)
                try insert(request, history: [opening] + moves, version: 4, into: raw)
                try insert(contact, version: 4, into: raw)
                fixture.requests.append(request)
                fixture.histories[request.ticket] = [opening] + moves
                fixture.contacts.append(contact)
            }
            try raw.execute("COMMIT")
            return fixture
        case 5:
            // Version 5 as a store of that version leaves it: version 4's rows, upgraded by the
            // migration that added the feed. Its queues are read through the single-column
            // department and state indexes.
            let fixture = try databaseAtVersion(4, path: path)
            try SQLiteRequestStore.upgradeDatabase(at: path, toSchemaVersion: 5)
            return fixture
        default:
            Issue.record("no fixture for schema version \(version)")
            return Fixture()
        }
    }

    /// Requests in several states from two nodes, and contacts of every kind.
    static func version1Fixture() throws -> Fixture {
        var fixture = Fixture()
        for node in [0, 7] {
            var fixtures = RequestFixtures(seed: 2024 + UInt64(node), node: node)
            for index in 0..<12 {
                let (contact, opening) = fixtures.opening(clientRequestID: index % 4 == 0 ? "v1-\(node)-\(index)" : nil)
                var request = try ServiceRequest(opening: opening)
                var history = [opening]
                let moves = fixtures.events(
                    moving: request,
                    to: RequestState.allCases[index % RequestState.allCases.count]
                )
                request = try request.applying(moves)
                history += moves
                // Department references, one re-keyed, for the external-reference index.
                if index % 4 == 1 {
                    var references = [
                        fixtures.externalReference(on: request, system: "works", identifier: "WO-\(node)-\(index)")
                    ]
                    request = try request.applying(references)
                    if index == 5 {
                        references.append(
                            fixtures.externalReference(
                                on: request,
                                system: "works",
                                identifier: "WO-\(node)-\(index)-B"
                            )
                        )
                        request = try request.applying([references[1]])
                    }
                    history += references
                }
                fixture.requests.append(request)
                fixture.histories[request.ticket] = history
                fixture.contacts.append(contact)
                if index % 3 == 0 {
                    fixture.contacts.append(fixtures.contact(followingUp: index % 2 == 0 ? request.ticket : nil))
                }
            }
        }
        return fixture
    }

    /// Writes a request's rows as a store at schema `version` would have: its events and its
    /// snapshot, sealed from version 3, with its client request ID's scope from version 4.
    private static func insert(
        _ request: ServiceRequest,
        history: [RequestEvent],
        version: Int,
        into raw: RawDatabase
    ) throws {
        let sealed = version >= 3
        for event in history {
            let body = RowFormat.encode(event)
            try raw.execute(
                "INSERT INTO event (ticket, sequence, body) VALUES (\(request.ticket.payload), \(event.sequence), \(hex(sealed ? SQLiteRequestStore.sealedBody(body, of: event) : body)))"
            )
        }
        let snapshot = RowFormat.encode(request)
        let scope = history.first.flatMap(ClientRequestKey.init(opening:)).map {
            "'\($0.scope.precomposedStringWithCanonicalMapping)'"
        }
        try raw.execute(
            """
            INSERT INTO request (ticket, version, state, department, service_type, created_at, due_at, client_request_id, snapshot\(version >= 4 ? ", client_scope" : ""))
            VALUES (\(request.ticket.payload), \(request.version), '\(request.state.rawValue)', '\(request.department.rawValue)',
                '\(request.serviceType.rawValue)', \(milliseconds(request.createdAt)), \(milliseconds(request.dueAt)),
                \(request.clientRequestID.map { "'\($0)'" } ?? "NULL"),
                \(hex(sealed ? SQLiteRequestStore.sealedSnapshot(snapshot, of: request) : snapshot))\(version >= 4 ? ", \(scope ?? "NULL")" : ""))
            """
        )
    }

    /// Writes a contact's row as a store at schema `version` would have.
    private static func insert(_ contact: Contact, version: Int, into raw: RawDatabase) throws {
        let body = RowFormat.encode(contact)
        try raw.execute(
            """
            INSERT INTO contact (ticket, channel, category, received_at, body)
            VALUES (\(contact.ticket.payload), '\(contact.channel.rawValue)', '\(contact.callType.category.rawValue)',
                \(milliseconds(contact.receivedAt)), \(hex(version >= 3 ? SQLiteRequestStore.sealedBody(body, of: contact) : body)))
            """
        )
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = "x'"
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text + "'"
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
