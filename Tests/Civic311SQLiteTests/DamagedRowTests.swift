@_spi(Benchmarks) import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

@testable import Civic311

/// A damaged row is reported as `StorageError.Code.corrupted` naming its ticket, never read as
/// if it were sound, even when the damage leaves a row that still decodes and a file that passes
/// SQLite's own integrity check.
@Suite struct DamagedRowTests {
    /// A store in `directory` with one request at each of three versions, closed.
    /// Replaces the stored snapshot of `forged`'s request by `forged`, sealed as the store seals
    /// it, so only checks beyond the checksum can find it.
    static func writeSealedSnapshot(of forged: ServiceRequest, at path: String) throws {
        let raw = try RawDatabase(path)
        defer { raw.close() }
        try raw.execute(
            "UPDATE request SET snapshot = ?1 WHERE ticket = \(forged.ticket.payload)",
            binding: SQLiteRequestStore.sealedSnapshot(RowFormat.encode(forged), of: forged)
        )
    }

    static func store(in directory: String, seed: UInt64) async throws -> (path: String, requests: [ServiceRequest]) {
        let path = "\(directory)/rows.sqlite"
        var fixtures = RequestFixtures(seed: seed)
        let store = try SQLiteRequestStore(path: path)
        var requests: [ServiceRequest] = []
        for target in [RequestState.new, .assigned, .inProgress] {
            let (contact, opening) = fixtures.opening(clientRequestID: "client-\(requests.count)")
            let request = try await store.open(contact, request: opening)
            let events = fixtures.events(moving: request, to: target)
            let moved = RequestFixtures.applying(events, to: request)
            let note = fixtures.note(on: moved, text: "Checked on \(target).")
            requests.append(try await store.append(events + [note], expectedVersion: 1))
        }
        store.close()
        return (path, requests)
    }

    @Test func aChangedCharacterInABodyIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory, seed: 41)
            let ticket = requests[0].ticket
            let raw = try RawDatabase(path)
            // The description still decodes, with one letter changed.
            var body = try #require(
                try raw.blob("SELECT body FROM event WHERE ticket = \(ticket.payload) AND sequence = 1")
            )
            let marker = Array("fixture".utf8)
            let offset = try #require(
                body.indices.first { body[$0...].starts(with: marker) },
                "the opening event holds its description"
            )
            body[offset] = UInt8(ascii: "F")
            try raw.execute(
                "UPDATE event SET body = ?1 WHERE ticket = \(ticket.payload) AND sequence = 1",
                binding: body
            )
            raw.close()

            let store = try SQLiteRequestStore(path: path)
            for read in Self.reads(of: ticket) {
                let error = await #expect(throws: StorageError.self, "\(read.name)") { try await read.run(store) }
                #expect(error?.code == .corrupted, "\(read.name): \(String(describing: error))")
                #expect(error?.ticket == ticket, "\(read.name) names the ticket: \(String(describing: error))")
            }
        }
    }

    @Test func aChangedColumnIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory, seed: 42)
            let new = requests[0]
            // Valid values, so SQLite's own integrity check passes and the row still decodes.
            try RawDatabase(path).execute(
                """
                UPDATE request SET state = 'closed' WHERE ticket = \(new.ticket.payload);
                UPDATE contact SET channel = 'departmentSystem', received_at = received_at + 1 WHERE ticket = \(requests[1].ticket.payload);
                """
            )
            #expect(try RawDatabase(path).value("PRAGMA integrity_check") == "ok")

            let store = try SQLiteRequestStore(path: path)
            let byState = await #expect(throws: StorageError.self) {
                try await store.requests(matching: RequestQuery(states: [.closed]), page: .first)
            }
            #expect(byState?.code == .corrupted, "\(String(describing: byState))")
            let lookup = await #expect(throws: StorageError.self) { try await store.request(new.ticket) }
            #expect(lookup?.code == .corrupted)
            #expect(lookup?.ticket == new.ticket)
            let contact = await #expect(throws: StorageError.self) { try await store.contact(requests[1].ticket) }
            #expect(contact?.code == .corrupted)
            #expect(contact?.ticket == requests[1].ticket)
            let byChannel = await #expect(throws: StorageError.self) {
                try await store.contacts(matching: ContactQuery(channels: [.departmentSystem]), page: .first)
            }
            #expect(byChannel?.code == .corrupted)
            let integrity = await #expect(throws: StorageError.self) { try await store.checkIntegrity() }
            #expect(integrity?.code == .corrupted)
        }
    }

    /// A snapshot claiming version `Int.max` was returned as is, and the next append overflowed.
    @Test func aSnapshotAtIntMaxIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory, seed: 43)
            let request = requests[0]
            // Forged in memory: decoding refuses such a snapshot, the store's own rows must too.
            var forged = request
            forged.version = Int.max
            let raw = try RawDatabase(path)
            try raw.execute("UPDATE request SET version = \(Int.max) WHERE ticket = \(request.ticket.payload)")
            try raw.execute(
                "UPDATE request SET snapshot = ?1 WHERE ticket = \(request.ticket.payload)",
                binding: RowFormat.encode(forged)
            )
            raw.close()

            let store = try SQLiteRequestStore(path: path)
            let error = await #expect(throws: StorageError.self) { try await store.request(request.ticket) }
            #expect(error?.code == .corrupted, "\(String(describing: error))")
            #expect(error?.ticket == request.ticket)
            let append = await #expect(throws: StorageError.self) {
                var fixtures = RequestFixtures(seed: 44)
                return try await store.append([fixtures.note(on: request, text: "x")], expectedVersion: Int.max)
            }
            #expect(append?.code == .corrupted, "\(String(describing: append))")
        }
    }

    /// A row forged whole, checksum and all, at version `Int.max`: the checksum holds, the
    /// version is checked against the last event.
    @Test func aSealedSnapshotAheadOfItsEventsIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory, seed: 47)
            let request = requests[0]
            // Forged in memory: decoding refuses such a snapshot, the store's own rows must too.
            var forged = request
            forged.version = Int.max
            try RawDatabase(path).execute(
                "UPDATE request SET version = \(Int.max) WHERE ticket = \(request.ticket.payload)"
            )
            try Self.writeSealedSnapshot(of: forged, at: path)

            let store = try SQLiteRequestStore(path: path)
            for read in Self.reads(of: request.ticket) {
                let error = await #expect(throws: StorageError.self, "\(read.name)") { try await read.run(store) }
                #expect(error?.code == .corrupted, "\(read.name): \(String(describing: error))")
                #expect(error?.ticket == request.ticket, "\(read.name): \(String(describing: error))")
            }
        }
    }

    /// A row forged whole that stays consistent with its events' count but not with what they
    /// say: reads cannot tell, the integrity check folds the events and can.
    @Test func checkIntegrityFindsASnapshotThatIsNotTheFoldOfItsEvents() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory, seed: 48)
            let request = requests[1]
            // A priority the events never set: plausible on its own, so only the fold can tell.
            var forged = request
            forged.priority = request.priority == .urgent ? .low : .urgent
            try Self.writeSealedSnapshot(of: forged, at: path)
            let store = try SQLiteRequestStore(path: path)
            let readBack = try await store.request(request.ticket)
            #expect(readBack?.priority == forged.priority, "the forged row is read as written")
            let error = await #expect(throws: StorageError.self) { try await store.checkIntegrity() }
            #expect(error?.code == .corrupted)
            #expect(error?.ticket == request.ticket)
            #expect(error?.reason.contains("fold") == true, "\(String(describing: error))")
        }
    }

    /// A sealed snapshot with more reopenings than its events allow: reads report it as damage
    /// instead of quietly folding the events in its place.
    @Test func aSnapshotTheFoldCannotProduceIsCorruptedOnRead() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory, seed: 49)
            let request = requests[1]
            var forged = request
            forged.reopenCount = 7
            try Self.writeSealedSnapshot(of: forged, at: path)
            let store = try SQLiteRequestStore(path: path)
            let error = await #expect(throws: StorageError.self) { try await store.request(request.ticket) }
            #expect(error?.code == .corrupted)
            #expect(error?.reason.contains("reopenCount") == true, "\(String(describing: error))")
        }
    }

    @Test func checkIntegrityFindsAGapInAHistory() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory, seed: 45)
            let request = try #require(requests.first { $0.version >= 3 })
            try RawDatabase(path).execute("DELETE FROM event WHERE ticket = \(request.ticket.payload) AND sequence = 2")
            #expect(try RawDatabase(path).value("PRAGMA integrity_check") == "ok")
            let store = try SQLiteRequestStore(path: path)
            let error = await #expect(throws: StorageError.self) { try await store.checkIntegrity() }
            #expect(error?.code == .corrupted)
            #expect(error?.ticket == request.ticket, "\(String(describing: error))")
            let events = await #expect(throws: StorageError.self) { try await store.events(for: request.ticket) }
            #expect(events?.code == .corrupted)
        }
    }

    @Test func checkIntegrityFindsOrphanEventsAndContacts() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory, seed: 46)
            // The request row of the first is gone, leaving its events and its opening contact.
            let orphan = requests[0].ticket
            try RawDatabase(path).execute("DELETE FROM request WHERE ticket = \(orphan.payload)")
            #expect(try RawDatabase(path).value("PRAGMA integrity_check") == "ok")
            let store = try SQLiteRequestStore(path: path)
            let error = await #expect(throws: StorageError.self) { try await store.checkIntegrity() }
            #expect(error?.code == .corrupted)
            #expect(error?.ticket == orphan, "\(String(describing: error))")
            let lookup = await #expect(throws: StorageError.self) { try await store.request(orphan) }
            #expect(lookup?.code == .corrupted, "a request whose events are stored is not simply missing")
            let events = await #expect(throws: StorageError.self) { try await store.events(for: orphan) }
            #expect(events?.code == .corrupted)
        }
    }

    /// The reads that return a request, its history or its contact.
    static func reads(
        of ticket: TicketNumber
    ) -> [(name: String, run: @Sendable (SQLiteRequestStore) async throws -> Void)] {
        [
            ("request", { _ = try await $0.request(ticket) }),
            ("events", { _ = try await $0.events(for: ticket) }),
            ("listing", { _ = try await $0.requests(matching: RequestQuery(), page: PageRequest(limit: 100)) }),
            ("integrity", { try await $0.checkIntegrity() }),
        ]
    }
}
