import Civic311
import Civic311SQLite
import Civic311Testing
import Dispatch
import Foundation
import Synchronization
import Testing

/// The store's SQLite work runs on its own threads: a command waiting for another process's
/// lock (or for `fsync`) never holds one of Swift's cooperative threads.
@Suite struct CooperativePoolTests {
    @Test(.timeLimit(.minutes(3)))
    func aWriterWaitingForALockLeavesThePoolFree() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/pool.sqlite"
            let store = try SQLiteRequestStore(
                path: path,
                configuration: SQLiteRequestStore.Configuration(busyTimeout: .seconds(120))
            )
            var fixtures = RequestFixtures(seed: 50)
            let (contact, opening) = fixtures.opening()
            let first = try await store.open(contact, request: opening)

            // Another connection holds the write lock until released (at most 30 s).
            let lock = try WriteLockHolder(path: path, atMost: 30)
            // More writers than the pool has threads: were each to block its thread while it
            // waits for the lock, nothing else could run until the lock was freed.
            let writers = ProcessInfo.processInfo.activeProcessorCount + 2
            let progress = Progress()
            let tasks = (0..<writers).map { _ in
                let (contact, opening) = fixtures.opening()
                return Task {
                    progress.started.add(1, ordering: .relaxed)
                    defer { progress.finished.add(1, ordering: .relaxed) }
                    return try await store.open(contact, request: opening)
                }
            }
            // Other work on the pool, while every writer is waiting: yields, and reads (which
            // write-ahead logging lets past the lock).
            while progress.started.load(ordering: .relaxed) < writers { await Task.yield() }
            for _ in 0..<200 { await Task.yield() }
            for _ in 0..<20 { #expect(try await store.request(first.ticket) == first) }
            let finishedMeanwhile = progress.finished.load(ordering: .relaxed)
            lock.release()

            for task in tasks { _ = try await task.value }
            #expect(
                finishedMeanwhile == 0,
                "other tasks ran only after \(finishedMeanwhile) writers gave up their threads: the pool was blocked"
            )
            #expect(try await store.countRequests(matching: RequestQuery()) == writers + 1)
        }
    }

    final class Progress: Sendable {
        let started = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
    }
}

/// A connection on a thread of its own that holds the database's write lock (`BEGIN IMMEDIATE`)
/// until ``release()``, or for `atMost` seconds.
final class WriteLockHolder: Sendable {
    private let held = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let failure = Mutex<String?>(nil)

    init(path: String, atMost seconds: Int) throws {
        let (held, released, done) = (held, released, done)
        let thread = Thread { [self] in
            defer { done.signal() }
            do {
                let database = try RawDatabase(path)
                try database.execute("BEGIN IMMEDIATE")
                held.signal()
                _ = released.wait(timeout: .now() + .seconds(seconds))
                try database.execute("COMMIT")
            } catch {
                self.failure.withLock { $0 = "\(error)" }
                held.signal()
            }
        }
        thread.start()
        held.wait()
        if let message = failure.withLock({ $0 }) { throw RawDatabaseError(message: message) }
    }

    func release() {
        released.signal()
        done.wait()
    }
}
