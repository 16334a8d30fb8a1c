@_spi(Benchmarks) import Civic311
import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// Damages copies of a store file at random (bytes, runs of bytes, whole pages, pages written to
/// the wrong place, a file cut short, and single fields changed through SQL, which SQLite's own
/// integrity check cannot see), then reads everything back through the store and checks that
/// each damage is either detected (a `StorageError`) or provably harmless (every read gives
/// exactly what was stored). No read may ever return a value that is not the stored one; a read
/// may come back short (a row lost from an index) only if the damage is detected.
///
/// The suite injects 60 corruptions; `.ci/corruption-soak.sh` injects more (set
/// `CIVIC311_CORRUPTIONS` and `CIVIC311_CORRUPTION_SEED`). The seed replays a run exactly.
@Suite struct CorruptionInjectionTests {
    static let count = ProcessInfo.processInfo.environment["CIVIC311_CORRUPTIONS"].flatMap(Int.init) ?? 60
    static let seed = ProcessInfo.processInfo.environment["CIVIC311_CORRUPTION_SEED"].flatMap(UInt64.init) ?? 20_251_205

    @Test(.timeLimit(.minutes(60)))
    func everyCorruptionIsDetectedOrHarmless() async throws {
        try await withTemporaryDirectory { directory in
            let pristinePath = "\(directory)/pristine.sqlite"
            let stored = try await StoredData.make(at: pristinePath)
            let pristine = try Data(contentsOf: URL(fileURLWithPath: pristinePath))
            #expect(try await stored.readBack(from: pristinePath).isExact, "the undamaged store reads back exactly")

            var random = SplitMix64(seed: Self.seed)
            var tally = Tally()
            for index in 0..<Self.count {
                let path = "\(directory)/damaged-\(index).sqlite"
                let corruption = try Corruption.inject(into: pristine, at: path, using: &random)
                let outcome = try await stored.readBack(from: path)
                tally.add(outcome)
                let context = "corruption \(index) (seed \(Self.seed)): \(corruption)"
                #expect(
                    outcome.wrong.isEmpty,
                    "\(context): a read returned a value that is not the stored one: \(outcome.wrong)"
                )
                #expect(
                    outcome.incomplete.isEmpty || !outcome.errors.isEmpty,
                    "\(context): reads came back short with no error: \(outcome.incomplete)"
                )
                #expect(
                    outcome.unexpectedCodes.isEmpty,
                    "\(context): damage reported as something else: \(outcome.unexpectedCodes)"
                )
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            // The figure Documentation/Reliability.md reports.
            print("corruption injection: \(tally.summary) (seed \(Self.seed))")
            #expect(tally.detected + tally.harmless == Self.count)
        }
    }

    struct Tally {
        var detected = 0
        var detectedAtOpening = 0
        var detectedByReads = 0
        var detectedOnlyByIntegrityCheck = 0
        var harmless = 0
        var silent = 0

        mutating func add(_ outcome: Outcome) {
            if outcome.errors.isEmpty {
                if outcome.isExact { harmless += 1 } else { silent += 1 }
                return
            }
            detected += 1
            if outcome.failedAtOpening {
                detectedAtOpening += 1
            } else if outcome.errors.allSatisfy({ $0.hasPrefix("checkIntegrity") }) {
                detectedOnlyByIntegrityCheck += 1
            } else {
                detectedByReads += 1
            }
        }

        var summary: String {
            let injected = detected + harmless + silent
            return
                "\(injected) injected: \(detected) detected (\(detectedAtOpening) at opening, \(detectedByReads) by reads, "
                + "\(detectedOnlyByIntegrityCheck) only by checkIntegrity), \(harmless) harmless, \(silent) silent"
        }
    }
}

/// What one read-back found.
struct Outcome {
    /// Every `StorageError` thrown, as "operation: code".
    var errors: [String] = []
    /// Errors whose code says something other than damage.
    var unexpectedCodes: [String] = []
    /// Values returned that are not the stored ones.
    var wrong: [String] = []
    /// Things absent (a row, an item of a listing) or counts that are off.
    var incomplete: [String] = []
    var failedAtOpening = false

    var isExact: Bool { errors.isEmpty && wrong.isEmpty && incomplete.isEmpty }

    mutating func record(_ error: StorageError, in operation: String) {
        errors.append("\(operation): \(error.code)")
        if error.code != .corrupted && error.code != .incompatibleSchema {
            unexpectedCodes.append("\(operation): \(error)")
        }
    }
}

/// A store's contents as written, and the reads that must give them back.
struct StoredData: Sendable {
    var requests: [TicketNumber: ServiceRequest] = [:]
    var histories: [TicketNumber: [RequestEvent]] = [:]
    var contacts: [TicketNumber: Contact] = [:]
    var clientRequestKeys: [ClientRequestKey: TicketNumber] = [:]
    var nodes: [Int] = []

    /// A store with requests in every state on two nodes, with notes, client request IDs and
    /// contacts that opened no request; closed, so that it is one file.
    static func make(at path: String) async throws -> StoredData {
        var data = StoredData()
        let store = try SQLiteRequestStore(path: path, mode: .create)
        for node in [0, 7] {
            data.nodes.append(node)
            var fixtures = RequestFixtures(seed: 70 + UInt64(node), node: node)
            for index in 0..<20 {
                let (contact, opening) = fixtures.opening(
                    clientRequestID: index % 3 == 0 ? "cid-\(node)-\(index)" : nil
                )
                var request = try await store.open(contact, request: opening)
                var history = [opening]
                let moves = fixtures.events(
                    moving: request,
                    to: RequestState.allCases[index % RequestState.allCases.count]
                )
                var more = moves
                let moved = RequestFixtures.applying(moves, to: request)
                if index % 2 == 0 { more.append(fixtures.note(on: moved, text: "Crew notes for fixture \(index).")) }
                if !more.isEmpty { request = try await store.append(more, expectedVersion: 1) }
                history += more
                data.requests[request.ticket] = request
                data.histories[request.ticket] = history
                data.contacts[contact.ticket] = contact
                if let key = ClientRequestKey(opening: opening) { data.clientRequestKeys[key] = request.ticket }
                if index % 4 == 0 {
                    let other = fixtures.contact(followingUp: index % 8 == 0 ? request.ticket : nil)
                    try await store.record(other)
                    data.contacts[other.ticket] = other
                }
            }
        }
        store.close()
        return data
    }

    /// The request listings read back in full, page by page.
    var queries: [RequestQuery] {
        let sortedDue = requests.values.map(\.dueAt).sorted()
        let sortedCreated = requests.values.map(\.createdAt).sorted()
        let department = requests.values.map(\.department).min { $0.rawValue < $1.rawValue }
        return [
            RequestQuery(order: .ticketAscending),
            RequestQuery(order: .ticketDescending),
            RequestQuery(order: .dueAscending),
            RequestQuery(states: [.new, .inProgress]),
            RequestQuery(departments: department.map { [$0] }),
            RequestQuery(createdFrom: sortedCreated[sortedCreated.count / 3]),
            RequestQuery(dueBefore: sortedDue[sortedDue.count / 2], order: .dueAscending),
        ]
    }

    /// Reads everything back from the store at `path` and compares it with what was written.
    func readBack(from path: String) async throws -> Outcome {
        var outcome = Outcome()
        let configuration = try SQLiteRequestStore.Configuration(readers: 1)
        let store: SQLiteRequestStore
        do throws(StorageError) {
            store = try SQLiteRequestStore(path: path, mode: .open, configuration: configuration)
        } catch {
            outcome.record(error, in: "open")
            outcome.failedAtOpening = true
            return outcome
        }
        defer { store.close() }

        func attempt<Value>(_ operation: String, _ read: () async throws(StorageError) -> Value) async -> Value? {
            do {
                return try await read()
            } catch {
                outcome.record(error, in: operation)
                return nil
            }
        }
        func compare<Value: Equatable>(_ what: String, _ found: Value??, _ expected: Value) {
            guard let found else { return }  // threw
            guard let found else {
                outcome.incomplete.append("\(what) missing")
                return
            }
            if found != expected { outcome.wrong.append(what) }
        }

        for (ticket, request) in requests.sorted(by: { $0.key < $1.key }) {
            compare(
                "request \(ticket)",
                await attempt("request") { () throws(StorageError) in try await store.request(ticket) },
                request
            )
            if let events = await attempt("events", { () throws(StorageError) in try await store.events(for: ticket) })
            {
                if events.isEmpty {
                    outcome.incomplete.append("events of \(ticket) missing")
                } else if events != histories[ticket] {
                    outcome.wrong.append("events of \(ticket)")
                }
            }
        }
        for (ticket, contact) in contacts.sorted(by: { $0.key < $1.key }) {
            compare(
                "contact \(ticket)",
                await attempt("contact") { () throws(StorageError) in try await store.contact(ticket) },
                contact
            )
        }
        for (key, ticket) in clientRequestKeys.sorted(by: { $0.value < $1.value }) {
            compare(
                "client request ID \(key.id)",
                await attempt("clientRequestID") { () throws(StorageError) in
                    try await store.request(key)
                },
                requests[ticket]!
            )
        }
        for query in queries {
            let expected = requests.values.filter(query.matches).sorted(by: query.order.sorts)
            if let listed = await attempt(
                "listing",
                { () throws(StorageError) in try await Self.list(query, in: store) }
            ) {
                check(
                    listing: listed.map { ($0.ticket, $0) },
                    against: expected.map { ($0.ticket, $0) },
                    "\(query)",
                    &outcome
                )
            }
            if let count = await attempt(
                "count",
                { () throws(StorageError) in try await store.countRequests(matching: query) }
            ),
                count != expected.count
            {
                outcome.incomplete.append("count of \(query): \(count), stored \(expected.count)")
            }
        }
        for query in [ContactQuery(), ContactQuery(channels: [.phone, .web])] {
            let expected = contacts.values.filter(query.matches).sorted { $0.ticket < $1.ticket }
            if let listed = await attempt(
                "contacts",
                { () throws(StorageError) in try await Self.list(query, in: store) }
            ) {
                check(
                    listing: listed.map { ($0.ticket, $0) },
                    against: expected.map { ($0.ticket, $0) },
                    "\(query)",
                    &outcome
                )
            }
            if let count = await attempt(
                "countContacts",
                { () throws(StorageError) in try await store.countContacts(matching: query) }
            ),
                count != expected.count
            {
                outcome.incomplete.append("count of \(query): \(count), stored \(expected.count)")
            }
        }
        for node in nodes {
            let expected = contacts.keys.filter { $0.node == node }.max()
            if let latest = await attempt(
                "latestTicket",
                { () throws(StorageError) in try await store.latestTicket(issuedBy: node) }
            ),
                latest != expected
            {
                outcome.incomplete.append("latest ticket of node \(node): \(String(describing: latest))")
            }
        }
        _ = await attempt("checkIntegrity") { () throws(StorageError) in try await store.checkIntegrity() }
        return outcome
    }

    /// Items listed that are not the stored ones are wrong; stored ones not listed are missing.
    private func check<Value: Equatable>(
        listing: [(TicketNumber, Value)],
        against expected: [(TicketNumber, Value)],
        _ what: String,
        _ outcome: inout Outcome
    ) {
        let stored = Dictionary(expected, uniquingKeysWith: { first, _ in first })
        for (ticket, value) in listing where stored[ticket] != value {
            outcome.wrong.append("\(what): item \(ticket)")
        }
        if listing.map(\.0) != expected.map(\.0) {
            outcome.incomplete.append("\(what): \(listing.count) items listed, \(expected.count) stored")
        }
    }

    static func list(_ query: RequestQuery, in store: SQLiteRequestStore) async throws(StorageError) -> [ServiceRequest]
    {
        var items: [ServiceRequest] = []
        var page = Self.page(limit: 7, after: nil)
        while true {
            let result = try await store.requests(matching: query, page: page)
            items += result.items
            guard let next = result.next else { return items }
            page = Self.page(limit: 7, after: next)
        }
    }

    static func list(_ query: ContactQuery, in store: SQLiteRequestStore) async throws(StorageError) -> [Contact] {
        var items: [Contact] = []
        var page = Self.page(limit: 9, after: nil)
        while true {
            let result = try await store.contacts(matching: query, page: page)
            items += result.items
            guard let next = result.next else { return items }
            page = Self.page(limit: 9, after: next)
        }
    }

    /// Small pages, so that listings cross many page boundaries; the limits are in range.
    private static func page(limit: Int, after cursor: PageCursor?) -> PageRequest {
        try! PageRequest(limit: limit, after: cursor)
    }
}
