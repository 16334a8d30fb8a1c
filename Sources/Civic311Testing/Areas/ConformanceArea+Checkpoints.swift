import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// Consumer checkpoints: `.start` until saved; saved per consumer; moved forward freely, never
    /// back without `expected`; rewound (or moved) only when `expected` matches, so of several
    /// instances saving from the same checkpoint exactly one wins; never past the end of the feed;
    /// names compared as Swift strings and refused when blank or too long. A consumer that reads
    /// part of the feed, saves, and starts again from its checkpoint reads exactly the rest.
    public static let checkpoints = ConformanceArea("checkpoints") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let outbox: FeedConsumerID = "outbox"
        check.expectEqual(try await store.checkpoint(of: outbox), .start, "the checkpoint of a new consumer")
        await check.expectFailure(.invalidArgument, "a checkpoint saved past the end of an empty feed") {
            try await store.saveCheckpoint(FeedPosition(rawValue: 1)!, of: outbox, expected: nil)
        }
        try await store.saveCheckpoint(.start, of: outbox, expected: nil)

        for _ in 0..<12 {
            let request = try await run.openRequest(&fixtures)
            if let event = fixtures.followUp(to: request) { _ = try await run.append([event], to: request) }
        }
        let whole = try await run.readFeed(limit: FeedPage.maximumLimit, "the feed")
        guard whole.count >= 24 else {
            check.record("the feed holds \(whole.count) entries after 12 openings")
            return
        }
        let positions = whole.map(\.position)

        // Forward, the same again, forward.
        try await store.saveCheckpoint(positions[4], of: outbox, expected: nil)
        check.expectEqual(try await store.checkpoint(of: outbox), positions[4], "a saved checkpoint")
        try await store.saveCheckpoint(positions[4], of: outbox, expected: nil)
        check.expectEqual(try await store.checkpoint(of: outbox), positions[4], "the same checkpoint saved again")
        try await store.saveCheckpoint(positions[9], of: outbox, expected: nil)
        check.expectEqual(try await store.checkpoint(of: outbox), positions[9], "a checkpoint moved forward")

        // Never back without expected; never past the end; never on a stale expected.
        await check.expectFailure(.conflict, "a checkpoint moved back without expected") {
            try await store.saveCheckpoint(positions[3], of: outbox, expected: nil)
        }
        await check.expectFailure(.conflict, "a checkpoint moved back to start without expected") {
            try await store.saveCheckpoint(.start, of: outbox, expected: nil)
        }
        let pastEnd = FeedPosition(rawValue: positions[positions.count - 1].rawValue + 1)!
        await check.expectFailure(.invalidArgument, "a checkpoint past the last entry") {
            try await store.saveCheckpoint(pastEnd, of: outbox, expected: positions[9])
        }
        await check.expectFailure(.conflict, "a rewind with a stale expected") {
            try await store.saveCheckpoint(positions[2], of: outbox, expected: positions[4])
        }
        await check.expectFailure(.conflict, "a move forward with a stale expected") {
            try await store.saveCheckpoint(positions[12], of: outbox, expected: .start)
        }
        check.expectEqual(try await store.checkpoint(of: outbox), positions[9], "the checkpoint after refusals")

        // An operator's rewind.
        try await store.saveCheckpoint(positions[2], of: outbox, expected: positions[9])
        check.expectEqual(try await store.checkpoint(of: outbox), positions[2], "a rewound checkpoint")
        try await store.saveCheckpoint(positions[positions.count - 1], of: outbox, expected: positions[2])
        try await store.saveCheckpoint(.start, of: outbox, expected: positions[positions.count - 1])
        check.expectEqual(try await store.checkpoint(of: outbox), .start, "a checkpoint rewound to the start")

        // Each consumer has its own checkpoint; names compare as Swift strings do.
        let notifier: FeedConsumerID = "notifier-caf\u{E9}"
        try await store.saveCheckpoint(positions[7], of: notifier, expected: nil)
        check.expectEqual(try await store.checkpoint(of: outbox), .start, "another consumer's save")
        check.expectEqual(
            try await store.checkpoint(of: "notifier-cafe\u{301}"),
            positions[7],
            "the checkpoint under a canonically equivalent name"
        )
        check.expectEqual(try await store.checkpoint(of: "Notifier-caf\u{E9}"), .start, "names are case-sensitive")
        let longest = FeedConsumerID(String(repeating: "\u{1F4E6}", count: FeedConsumerID.maximumLength / 4))
        try await store.saveCheckpoint(positions[1], of: longest, expected: nil)
        check.expectEqual(try await store.checkpoint(of: longest), positions[1], "a name of the longest length")
        for bad in ["", " \t\n", String(repeating: "x", count: FeedConsumerID.maximumLength + 1)] {
            await check.expectFailure(.invalidArgument, "checkpoint(of: \"\(bad.prefix(12))…\")") {
                try await store.checkpoint(of: FeedConsumerID(bad))
            }
            await check.expectFailure(.invalidArgument, "saveCheckpoint of \"\(bad.prefix(12))…\"") {
                try await store.saveCheckpoint(positions[0], of: FeedConsumerID(bad), expected: nil)
            }
        }

        // A consumer that stops after a checkpoint resumes exactly after it.
        let export: FeedConsumerID = "export"
        var handled: [FeedEntry] = []
        let firstPage = try await store.changes(after: try await store.checkpoint(of: export), limit: 10)
        handled += firstPage.entries
        try await store.saveCheckpoint(firstPage.next, of: export, expected: nil)
        let resumedAt = try await store.checkpoint(of: export)
        handled += try await run.readFeed(after: resumedAt, limit: 6, "the feed after a checkpoint")
        check.expectEqual(handled, whole, "a consumer resumed from its checkpoint reads the rest exactly once")

        // Instances of one consumer that save from the same checkpoint: exactly one wins.
        let contenders = 8
        let start = try await store.checkpoint(of: export)
        let saved = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<contenders {
                let target = positions[min(positions.count - 1, index + 10)]
                group.addTask {
                    do {
                        try await store.saveCheckpoint(target, of: export, expected: start)
                        return true
                    } catch let error as StorageError where error.code == .conflict {
                        return false
                    }
                }
            }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        check.expectEqual(saved, 1, "instances saving from the same expected checkpoint that succeeded")
    }
}
