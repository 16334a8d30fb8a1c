import Civic311
import Foundation
import Synchronization
import Testing

extension ConformanceArea {
    /// The change feed under concurrent writers, read by concurrent readers while they write.
    ///
    /// Writers open requests (alone and in batches), record contacts, append to their own
    /// requests and race to append to one shared request; readers page through the feed with
    /// different page sizes the whole time. Every reader sees strictly growing positions and, in
    /// the end, exactly the feed a reader sees afterwards: an entry committed after a reader passed
    /// its position would be missing, so this is where a store that numbers changes before it
    /// commits them (rather than in commit order) is caught. That final feed holds every
    /// acknowledged write exactly once, each writer's changes in the order it made them.
    public static let concurrentChangeFeed = ConformanceArea("concurrent change feed") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let shared = try await run.openRequest(&fixtures)
        let writersDone = ConformanceRun.Progress()
        let readersStarted = ConformanceRun.Progress()
        let seed = run.seed
        let readerLimits = [1, 7, 50]
        async let readers = withThrowingTaskGroup(of: (Int, [FeedEntry]).self) { group in
            for limit in readerLimits {
                group.addTask {
                    (
                        limit,
                        try await ConformanceRun.follow(
                            store,
                            limit: limit,
                            until: writersDone,
                            started: readersStarted
                        )
                    )
                }
            }
            return try await group.reduce(into: [(Int, [FeedEntry])]()) { $0.append($1) }
        }
        let written: [[FeedEntry.Change]]
        do {
            written = try await withThrowingTaskGroup(of: [FeedEntry.Change].self) { group in
                // Writers start once every reader is reading, so reads and writes interleave.
                while readersStarted.count < readerLimits.count { await Task.yield() }
                for writer in 0..<6 {
                    group.addTask {
                        try await ConformanceRun.write(
                            writer: writer,
                            rounds: 10,
                            shared: shared.ticket,
                            store: store,
                            seed: seed
                        )
                    }
                }
                return try await group.reduce(into: [[FeedEntry.Change]]()) { $0.append($1) }
            }
        } catch {
            writersDone.add()
            _ = try? await readers
            throw error
        }
        writersDone.add()
        let seen = try await readers

        let whole = try await run.readFeed(limit: FeedPage.maximumLimit, "the feed after the writers")
        check.expectEqual(Set(whole.map(\.position)).count, whole.count, "distinct positions in the feed")
        for (limit, entries) in seen {
            check.expectEqual(
                entries.map(\.position),
                whole.map(\.position),
                "positions a reader with pages of \(limit) saw while the writers wrote"
            )
            check.expectEqual(entries, whole, "entries a reader with pages of \(limit) saw while the writers wrote")
        }
        let sharedEvents = try await store.events(for: shared.ticket)
        let expectedCount = 2 + written.reduce(0) { $0 + $1.count } + (sharedEvents.count - 1)
        check.expectEqual(whole.count, expectedCount, "entries in the feed for every acknowledged write")
        for (writer, changes) in written.enumerated() {
            let tickets = Set(changes.map(ConformanceRun.ticket(of:)))
            check.expectEqual(
                whole.map(\.change).filter { tickets.contains(ConformanceRun.ticket(of: $0)) },
                changes,
                "the entries of writer \(writer), in the order it wrote them"
            )
        }
        check.expectEqual(
            whole.compactMap { entry -> RequestEvent? in
                guard case .requestEvent(let event) = entry.change, event.ticket == shared.ticket else {
                    return nil
                }
                return event
            },
            sharedEvents,
            "the shared request's events in the feed"
        )
    }
}

extension ConformanceRun {
    /// A count the writers and readers of the area signal each other with.
    final class Progress: Sendable {
        private let value = Atomic<Int>(0)
        func add() { value.add(1, ordering: .sequentiallyConsistent) }
        var count: Int { value.load(ordering: .sequentiallyConsistent) }
    }

    /// Pages through the feed until the writers are done and a read after that has caught up.
    static func follow(
        _ store: any RequestStore,
        limit: Int,
        until writers: Progress,
        started: Progress
    ) async throws -> [FeedEntry] {
        var entries: [FeedEntry] = []
        var after = FeedPosition.start
        var first = true
        while true {
            try Task.checkCancellation()
            // Read "done" before the page: a page read after every write committed is the last.
            let finished = writers.count > 0
            let page = try await store.changes(after: after, limit: limit)
            if let first = page.entries.first, first.position <= after {
                throw StorageError(.corrupted, reason: "a page after \(after) starts at \(first.position)")
            }
            entries += page.entries
            after = page.next
            if first {
                first = false
                started.add()
            }
            if page.isCaughtUp {
                if finished { return entries }
                await Task.yield()
            }
        }
    }

    /// One writer: what it stored, as feed changes, in the order its writes were acknowledged.
    static func write(
        writer: Int,
        rounds: Int,
        shared: TicketNumber,
        store: any RequestStore,
        seed: UInt64
    ) async throws -> [FeedEntry.Change] {
        var fixtures = RequestFixtures(seed: seed &+ 7_000 &+ UInt64(writer), node: 40 + writer)
        var stored: [FeedEntry.Change] = []
        var mine: [ServiceRequest] = []
        for round in 0..<rounds {
            if round % 4 == 3 {
                let batch = (0..<3).map { _ in fixtures.opening() }
                mine += try await store.open(batch: batch)
                stored += batch.flatMap { ConformanceRun.changes(opening: $0.contact, $0.opening) }
            } else {
                let (contact, opening) = fixtures.opening()
                mine.append(try await store.open(contact, request: opening))
                stored += ConformanceRun.changes(opening: contact, opening)
            }
            if round % 2 == 0 {
                let contact = fixtures.contact()
                try await store.record(contact)
                stored.append(.contact(contact))
            }
            let index = fixtures.integer(in: 0...(mine.count - 1))
            if let event = fixtures.followUp(to: mine[index]) {
                mine[index] = try await store.append([event], expectedVersion: mine[index].version)
                stored.append(.requestEvent(event))
            }
            try await ConformanceRun.appendRetrying(
                "writer \(writer) round \(round)",
                to: shared,
                in: store,
                fixtures: &fixtures
            )
            // Let readers in between rounds, even on a store whose calls never suspend.
            await Task.yield()
        }
        return stored
    }
}
