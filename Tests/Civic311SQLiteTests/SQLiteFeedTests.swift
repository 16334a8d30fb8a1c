import Civic311
import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// The SQLite store's change feed beyond the conformance kit: damage to its rows is reported, never
/// read as a wrong change, and the full integrity check covers it.
@Suite struct SQLiteFeedTests {
    /// A closed store with two requests, one of them with an external reference, and a
    /// consumer's checkpoint.
    static func store(in directory: String) async throws -> (path: String, requests: [ServiceRequest]) {
        let path = "\(directory)/feed.sqlite"
        var fixtures = RequestFixtures(seed: 77)
        let store = try SQLiteRequestStore(path: path)
        var requests: [ServiceRequest] = []
        for _ in 0..<2 {
            let (contact, opening) = fixtures.opening()
            requests.append(try await store.open(contact, request: opening))
        }
        let reference = fixtures.externalReference(on: requests[0], system: "works", identifier: "WO-1")
        requests[0] = try await store.append([reference], expectedVersion: 1)
        try await store.saveCheckpoint(FeedPosition(rawValue: 3)!, of: "outbox", expected: nil)
        try await store.checkIntegrity()
        store.close()
        return (path, requests)
    }

    static func readWholeFeed(_ store: SQLiteRequestStore) async throws {
        var position = FeedPosition.start
        while true {
            let page = try await store.changes(after: position, limit: 2)
            position = page.next
            if page.isCaughtUp { return }
        }
    }

    @Test func aPositionMovedToAnotherChangeIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory)
            // Position 2 (the first request's opening) now names the second request's opening.
            try RawDatabase(path).execute(
                "DELETE FROM feed WHERE position = 4; UPDATE feed SET ticket = \(requests[1].ticket.payload) WHERE position = 2"
            )
            let store = try SQLiteRequestStore(path: path)
            let error = await #expect(throws: StorageError.self) { try await Self.readWholeFeed(store) }
            #expect(error?.code == .corrupted, "\(String(describing: error))")
            #expect(error?.ticket == requests[1].ticket)
            let integrity = await #expect(throws: StorageError.self) { try await store.checkIntegrity() }
            #expect(integrity?.reason.contains("feed entry 2 does not match its checksum") == true)
            #expect(
                integrity?.reason.contains("has no position in the feed") == true,
                "\(String(describing: integrity))"
            )
        }
    }

    @Test func aPositionNamingNothingIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory)
            try RawDatabase(path).execute(
                "DELETE FROM event WHERE ticket = \(requests[0].ticket.payload) AND sequence = 2"
            )
            let store = try SQLiteRequestStore(path: path)
            let error = await #expect(throws: StorageError.self) { try await Self.readWholeFeed(store) }
            #expect(error?.code == .corrupted)
            #expect(
                error?.reason.contains("names event 2, which is not stored") == true,
                "\(String(describing: error))"
            )
            let integrity = await #expect(throws: StorageError.self) { try await store.checkIntegrity() }
            #expect(integrity?.reason.contains("names event 2, which is not stored") == true)
        }
    }

    @Test func aChangedCheckpointIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let (path, _) = try await Self.store(in: directory)
            try RawDatabase(path).execute("UPDATE feed_checkpoint SET position = 1")
            let store = try SQLiteRequestStore(path: path)
            let error = await #expect(throws: StorageError.self) { try await store.checkpoint(of: "outbox") }
            #expect(error?.code == .corrupted, "\(String(describing: error))")
            let saving = await #expect(throws: StorageError.self) {
                try await store.saveCheckpoint(FeedPosition(rawValue: 5)!, of: "outbox", expected: nil)
            }
            #expect(saving?.code == .corrupted, "a damaged checkpoint is not overwritten as if it were sound")
            #expect(try await store.checkpoint(of: "another") == .start)
            let integrity = await #expect(throws: StorageError.self) { try await store.checkIntegrity() }
            #expect(integrity?.reason.contains("checkpoint of consumer 'outbox'") == true)
        }
    }

    @Test func anIndexRowNamingAnotherRequestIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory)
            try RawDatabase(path).execute("UPDATE external_reference SET ticket = \(requests[1].ticket.payload)")
            let store = try SQLiteRequestStore(path: path)
            let key = ExternalReference.Key(system: "works", identifier: "WO-1")
            let error = await #expect(throws: StorageError.self) { try await store.request(externalReference: key) }
            #expect(error?.code == .corrupted)
            #expect(error?.ticket == requests[1].ticket)
            let integrity = await #expect(throws: StorageError.self) { try await store.checkIntegrity() }
            #expect(integrity?.reason.contains("never recorded it") == true, "\(String(describing: integrity))")
        }
    }

    /// A reference a request recorded but the index lost: no lookup finds the request by it, and
    /// the full check says so (it once checked the index against the requests only one way).
    @Test func aRecordedReferenceMissingFromTheIndexIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let (path, requests) = try await Self.store(in: directory)
            try RawDatabase(path).execute("DELETE FROM external_reference")
            let store = try SQLiteRequestStore(path: path)
            let key = ExternalReference.Key(system: "works", identifier: "WO-1")
            #expect(try await store.request(externalReference: key) == nil)
            let integrity = await #expect(throws: StorageError.self) { try await store.checkIntegrity() }
            #expect(integrity?.code == .corrupted)
            #expect(integrity?.ticket == requests[0].ticket, "\(String(describing: integrity))")
            #expect(
                integrity?.reason.contains("external reference works WO-1 is missing from the reference index") == true,
                "\(String(describing: integrity))"
            )
        }
    }

    /// Keys are compared as Swift strings: a precomposed "é" and "e" plus a combining accent are
    /// one key, in the lookup and in the uniqueness rule.
    @Test func keysCompareByCanonicalEquivalence() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteRequestStore(path: "\(directory)/keys.sqlite")
            var fixtures = RequestFixtures(seed: 78)
            var requests: [ServiceRequest] = []
            for _ in 0..<2 {
                let (contact, opening) = fixtures.opening()
                requests.append(try await store.open(contact, request: opening))
            }
            let composed = fixtures.externalReference(on: requests[0], system: "régie", identifier: "caf\u{E9}-1")
            _ = try await store.append([composed], expectedVersion: 1)
            let decomposed = ExternalReference.Key(system: "re\u{301}gie", identifier: "cafe\u{301}-1")
            #expect(try await store.request(externalReference: decomposed)?.ticket == requests[0].ticket)
            let clash = fixtures.externalReference(on: requests[1], system: "re\u{301}gie", identifier: "cafe\u{301}-1")
            let error = await #expect(throws: StorageError.self) {
                try await store.append([clash], expectedVersion: 1)
            }
            #expect(error?.code == .duplicate)
            #expect(try await store.request(requests[1].ticket)?.version == 1, "nothing was written")
        }
    }
}
