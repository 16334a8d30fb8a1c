import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// `append(batch:)` answers every entry in its place: the entries the store accepts are
    /// stored, in batch order (a second entry for a request continues the first), with their feed
    /// entries in that order; an entry it refuses (a stale version, an unknown ticket, a reference
    /// an earlier entry of the same batch took) is answered with that error and writes nothing,
    /// and does not stop the entries after it.
    public static let batchAppends = ConformanceArea("batch appends") { run, fixtures in
        let (store, check) = (run.store, run.check)
        check.expectEqual(try await store.append(batch: []).count, 0, "an empty batch appends nothing")
        let first = try await run.openRequest(&fixtures)
        let stale = try await run.openRequest(&fixtures)
        let referenced = try await run.openRequest(&fixtures)
        let late = try await run.openRequest(&fixtures)
        let ghost = try ServiceRequest(opening: fixtures.opening().opening)
        let feedBefore = try await run.readFeed(limit: FeedPage.maximumLimit, "the feed before the batch")

        let note = fixtures.note(on: first, text: "First in the batch.")
        let noteAfterNote = fixtures.note(on: RequestFixtures.applying([note], to: first), text: "Continues it.")
        let staleNote = fixtures.note(on: stale, text: "Written against an old version.")
        let reference = fixtures.externalReference(on: referenced, system: "cityworks", identifier: "B-1")
        let ghostNote = fixtures.note(on: ghost, text: "For a request nobody stored.")
        let taken = fixtures.externalReference(on: late, system: "cityworks", identifier: "B-1")
        let results: [Result<ServiceRequest, StorageError>]
        do {
            results = try await store.append(
                batch: [
                    ([note], first.version),
                    ([staleNote], stale.version + 1),
                    ([reference], referenced.version),
                    ([ghostNote], ghost.version),
                    ([taken], late.version),
                    ([noteAfterNote], first.version + 1),
                ]
            )
        } catch {
            check.record("append(batch:) threw \(error); an entry it refuses must be answered in its place")
            return
        }
        check.expectEqual(results.count, 6, "append(batch:) answers every entry")
        guard results.count == 6 else { return }
        let codes = results.map { result -> StorageError.Code? in
            if case .failure(let error) = result { error.code } else { nil }
        }
        check.expectEqual(
            codes,
            [nil, .conflict, nil, .notFound, .duplicate, nil],
            "append(batch:) answers each entry in its place (nil: appended)"
        )
        let firstAfter = RequestFixtures.applying([note, noteAfterNote], to: first)
        let referencedAfter = RequestFixtures.applying([reference], to: referenced)
        if case .success(let request) = results[5] {
            check.expectEqual(request, firstAfter, "the second entry for a request continues the first")
        }
        if case .success(let request) = results[2] {
            check.expectEqual(request, referencedAfter, "append(batch:) returns the request after its events")
        }
        try await run.expectStored(firstAfter, "after a batch with two entries for it")
        try await run.expectStored(referencedAfter, "after a batch that recorded its reference")
        try await run.expectStored(stale, "after a batch that refused its stale entry")
        try await run.expectStored(late, "after a batch that refused its taken reference")
        check.expectEqual(try await store.request(ghost.ticket), nil, "a batch entry for an unknown ticket")
        check.expectEqual(
            try await store.request(externalReference: .init(system: "cityworks", identifier: "B-1"))?.ticket,
            referenced.ticket,
            "the reference belongs to the entry that took it first"
        )
        let feedAfter = try await run.readFeed(limit: FeedPage.maximumLimit, "the feed after the batch")
        let added = feedAfter.dropFirst(feedBefore.count).map { entry -> RequestEvent? in
            if case .requestEvent(let event) = entry.change { event } else { nil }
        }
        check.expectEqual(
            added,
            [note, reference, noteAfterNote],
            "the feed holds the appended entries, in batch order, and nothing of the refused ones"
        )
    }
}
