import Civic311
import Dispatch
import Synchronization

/// SQLite work handed from tasks to the store's own threads.
///
/// A task queues a job and suspends on a continuation; a thread serving the queue takes the job,
/// runs it on its own connection and resumes the task with the result. So a task never holds a
/// cooperative thread while SQLite waits for `fsync`, a lock (the busy timeout) or the disk.
/// Jobs run in the order queued; the writer's queue has one thread, so writes run one at a
/// time, and the readers' queue has one thread per reader connection.
final class ConnectionJobs: Sendable {
    typealias Job = @Sendable (SQLiteConnection) -> Void

    private struct State {
        var jobs: [Job?] = []
        /// The index of the next job to run; slots before it are spent.
        var head = 0
        var isClosed = false

        mutating func take() -> Job? {
            guard head < jobs.count else { return nil }
            let job = jobs[head]
            jobs[head] = nil
            head += 1
            // Drops the spent slots once they are most of the array, so it does not grow forever.
            if head > 64, head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            return job
        }
    }

    /// The database file, for messages.
    let path: String
    private let state = Mutex(State())
    /// Signalled once per job queued, and once per thread when the queue closes.
    private let available = DispatchSemaphore(value: 0)

    init(path: String) {
        self.path = path
    }

    /// Runs `body` on a connection of one of the threads serving this queue, and returns its
    /// result once it has run. A job handed over runs to the end even if the task is cancelled,
    /// so that a command is never cut short half-way.
    func run<Value: Sendable>(
        _ body: @escaping @Sendable (SQLiteConnection) throws(StorageError) -> Value
    ) async throws(StorageError) -> Value {
        let outcome: Result<Value, StorageError> = await withUnsafeContinuation { continuation in
            let queued = submit { connection in
                continuation.resume(returning: Result { () throws(StorageError) -> Value in try body(connection) })
            }
            if !queued { continuation.resume(returning: .failure(closedError)) }
        }
        return try outcome.get()
    }

    /// Queues `job`; `false` once the queue is closed.
    private func submit(_ job: @escaping Job) -> Bool {
        let queued = state.withLock { state in
            guard !state.isClosed else { return false }
            state.jobs.append(job)
            return true
        }
        if queued { available.signal() }
        return queued
    }

    /// The next job, waiting for one; `nil` once the queue is closed and every job queued
    /// before has been taken. Called by the serving threads only.
    func next() -> Job? {
        available.wait()
        return state.withLock { $0.take() }
    }

    /// Refuses jobs from now on. Each of the `threads` serving the queue stops once the jobs
    /// already queued have run.
    func close(threads: Int) {
        state.withLock { $0.isClosed = true }
        for _ in 0..<threads { available.signal() }
    }

    var closedError: StorageError {
        StorageError(.unavailable, reason: "the store for \(path) is closed")
    }
}
