import Civic311
import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// Erasure on a file: the rewritten rows pass the store's integrity check (checksums, the fold
/// against the snapshot, the client request ID's scope) and read back the same after reopening.
@Suite struct SQLiteRedactionTests {
    @Test func anErasedRequestPassesTheIntegrityCheckAndSurvivesReopening() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/erasure.sqlite"
            var fixtures = RequestFixtures(seed: 14)
            let resident = Participant.resident("ana@example.org")
            let identity = try #require(ContactIdentity(email: "ana@example.org"))
            let expected: RedactedHistory
            do {
                let store = try SQLiteRequestStore(path: path)
                let made = fixtures.opening(clientRequestID: "form-1", submittedBy: resident)
                var request = try await store.open(made.contact, request: made.opening)
                request = try await store.append(
                    fixtures.events(moving: request, to: .closed),
                    expectedVersion: request.version
                )
                let history = try await store.events(for: request.ticket)
                let redaction = HistoryRedaction.erasing(identity)
                let event = RequestFixtures.event(
                    .personalDataErased(rewritten: redaction.rewrittenSequences(in: history)),
                    on: request,
                    to: .closed,
                    by: .supervisor("dpo"),
                    visibility: .internal
                )
                expected = try redaction.apply(to: history, recording: event, expectedVersion: request.version)
                #expect(expected.rewritten.first == 1)
                #expect(expected.clientRequestKey == nil && expected.formerClientRequestKey != nil)
                let erased = try await store.redactPersonalData(
                    redaction,
                    recording: event,
                    expectedVersion: request.version
                )
                #expect(erased == expected.request)
                try await store.checkIntegrity()
                #expect(try await store.request(ClientRequestKey(id: "form-1", submittedBy: resident)) == nil)
                store.close()
            }
            let reopened = try SQLiteRequestStore(path: path)
            try await reopened.checkIntegrity()
            #expect(try await reopened.request(expected.request.ticket) == expected.request)
            #expect(try await reopened.events(for: expected.request.ticket) == expected.events)
            let feed = try await reopened.changes(after: .start, limit: 100)
            let fed = feed.entries.compactMap { entry -> RequestEvent? in
                if case .requestEvent(let event) = entry.change { event } else { nil }
            }
            #expect(fed == expected.events)
        }
    }
}
