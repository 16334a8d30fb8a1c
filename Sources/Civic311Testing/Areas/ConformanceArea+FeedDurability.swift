import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// For durable backends: the change feed survives closing and reopening the backend with
    /// every entry at its position, consumer checkpoints keep their positions, external
    /// references still find their requests, the reopened store goes on refusing to move a
    /// checkpoint back, and it numbers new changes after the old ones.
    ///
    /// Needs the `reopen` closure of ``RequestStoreConformance``; without it the area records a
    /// failure.
    public static let feedDurability = ConformanceArea("feed durability", needsReopening: true) { first, fixtures in
        guard let reopen = first.reopen else { return }
        let check = first.check
        var run = first
        var requests = try await run.populate(&fixtures, count: 12)
        requests += try await run.store.open(batch: (0..<3).map { _ in fixtures.opening() })
        for index in 0..<3 {
            try await run.store.record(fixtures.contact(followingUp: index == 0 ? requests[0].ticket : nil))
        }
        requests[2] = try await run.append(
            [fixtures.externalReference(on: requests[2], system: "cityworks", identifier: "WO-durable")],
            to: requests[2]
        )
        let workOrder = ExternalReference.Key(system: "cityworks", identifier: "WO-durable")
        let feed = try await run.readFeed(limit: FeedPage.maximumLimit, "the feed before reopening")
        guard feed.count > 5, let last = feed.last?.position else {
            check.record("the feed holds \(feed.count) entries after 15 openings")
            return
        }
        let outboxCheckpoint = feed[5].position
        try await run.store.saveCheckpoint(outboxCheckpoint, of: "durable-outbox", expected: nil)
        try await run.store.saveCheckpoint(last, of: "durable-export", expected: nil)

        run = run.on(try await reopen(run.store))

        check.expectEqual(
            try await run.readFeed(limit: 7, "the feed after reopening"),
            feed,
            "the feed, with its positions, after reopening"
        )
        check.expectEqual(
            try await run.store.checkpoint(of: "durable-outbox"),
            outboxCheckpoint,
            "a checkpoint after reopening"
        )
        check.expectEqual(
            try await run.store.checkpoint(of: "durable-export"),
            last,
            "a checkpoint at the end of the feed after reopening"
        )
        check.expectEqual(
            try await run.store.request(externalReference: workOrder),
            requests[2],
            "request(externalReference:) after reopening"
        )
        await check.expectFailure(.conflict, "a checkpoint moved back after reopening") {
            try await run.store.saveCheckpoint(.start, of: "durable-export", expected: nil)
        }
        let other = fixtures.externalReference(on: requests[3], system: "cityworks", identifier: "WO-durable")
        await check.expectFailure(.duplicate, "another request taking a reference after reopening") {
            try await run.store.append([other], expectedVersion: requests[3].version)
        }

        // Changes written after reopening follow the old ones, and survive in turn.
        let target = requests[4]
        let lateNote = fixtures.note(on: target, text: "After reopening.")
        _ = try await run.store.append([lateNote], expectedVersion: target.version)
        let late = fixtures.opening()
        _ = try await run.store.open(late.contact, request: late.opening)
        run = run.on(try await reopen(run.store))
        run.expectChanges(
            try await run.readFeed(after: last, limit: 2, "the feed after reopening twice"),
            [.requestEvent(lateNote)] + ConformanceRun.changes(opening: late.contact, late.opening),
            "changes written after reopening follow the old ones in the feed"
        )
        check.expectEqual(
            try await run.readFeed(limit: FeedPage.maximumLimit, "the whole feed after reopening twice").prefix(
                feed.count
            ),
            feed[...],
            "the old entries after reopening twice"
        )
    }
}
