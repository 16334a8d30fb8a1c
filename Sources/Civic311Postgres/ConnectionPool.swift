import Civic311
import Dispatch
import Synchronization

/// The store's connections, each on a thread of its own, serving one queue of commands.
///
/// A task queues a job and suspends on a continuation; whichever connection thread is free
/// takes the job, runs it with blocking libpq calls and resumes the task with the result. So a
/// task never holds one of Swift's cooperative threads while PostgreSQL works, waits for a lock
/// or commits to disk, and at most ``PostgresRequestStore/Configuration-swift.struct/connections``
/// commands run at once.
final class ConnectionPool: Sendable {
    typealias Job = @Sendable (PostgresConnection) -> Void

    private struct State {
        var jobs: [Job] = []
        var head = 0
        var isClosed = false

        mutating func take() -> Job? {
            guard head < jobs.count else { return nil }
            let job = jobs[head]
            head += 1
            // Drops the spent slots once they are most of the array, so it does not grow forever.
            if head > 64, head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            return job
        }
    }

    private let state = Mutex(State())
    /// Signalled once per job queued, and once per thread when the pool closes.
    private let available = DispatchSemaphore(value: 0)
    private let threads: Mutex<[ConnectionThread]> = Mutex([])
    private let statementTimeout: Duration?
    /// How many times a command rolled back by the server (deadlock, serialization failure,
    /// lost connection before its commit) is run again before its error is returned.
    static let attempts = 3

    /// Opens `size` connections, each on its own thread, and waits until all are open.
    ///
    /// - Throws: the first connection's error; the threads already started are stopped.
    init(
        size: Int,
        name: String,
        statementTimeout: Duration?,
        connect: @escaping @Sendable () throws(StorageError) -> PostgresConnection
    ) throws(StorageError) {
        self.statementTimeout = statementTimeout
        var started: [ConnectionThread] = []
        do throws(StorageError) {
            for index in 0..<size {
                started.append(try ConnectionThread(name: "\(name)-\(index)", serving: self, open: connect))
            }
        } catch {
            close(threads: started)
            throw error
        }
        threads.withLock { $0 = started }
    }

    /// Runs `body` on a free connection and returns its result. `body` may run more than once,
    /// each time in a new transaction of its own, when the server rolled the previous attempt
    /// back (see ``attempts``); it must not commit anything outside the connection.
    ///
    /// A job handed over runs to the end even if the task is cancelled, so a command is never
    /// cut short half-way.
    func run<Value: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws(StorageError) -> Value
    ) async throws(StorageError) -> Value {
        let timeout = statementTimeout
        let outcome: Result<Value, StorageError> = await withUnsafeContinuation { continuation in
            let queued = submit { connection in
                continuation.resume(returning: Self.attempt(body, on: connection, statementTimeout: timeout))
            }
            if !queued { continuation.resume(returning: .failure(Self.closedError)) }
        }
        return try outcome.get()
    }

    /// Runs `body`, again when that is safe, reconnecting a broken connection first.
    private static func attempt<Value>(
        _ body: (PostgresConnection) throws(StorageError) -> Value,
        on connection: PostgresConnection,
        statementTimeout: Duration?
    ) -> Result<Value, StorageError> {
        var attempt = 1
        while true {
            do throws(StorageError) {
                if connection.isBroken { try connection.reconnect(statementTimeout: statementTimeout) }
                return .success(try body(connection))
            } catch {
                let retry =
                    PostgresFailure.isRetryable(error)
                    || (PostgresFailure.isConnectionLoss(error) && error.cause?.code != "08007")
                guard retry, attempt < attempts else { return .failure(error) }
                attempt += 1
            }
        }
    }

    private func submit(_ job: @escaping Job) -> Bool {
        let queued = state.withLock { state in
            guard !state.isClosed else { return false }
            state.jobs.append(job)
            return true
        }
        if queued { available.signal() }
        return queued
    }

    /// The next job, waiting for one; `nil` once the pool is closed and every job queued before
    /// has been taken. Called by the connection threads only.
    func next() -> Job? {
        available.wait()
        return state.withLock { $0.take() }
    }

    /// Refuses jobs from now on; the threads end once the jobs already queued have run, and
    /// this waits for them (unless called from one of them).
    func close() {
        close(threads: threads.withLock { $0 })
    }

    private func close(threads: [ConnectionThread]) {
        state.withLock { $0.isClosed = true }
        for _ in threads { available.signal() }
        // On one of the pool's own threads (the last reference dropped by a command), waiting
        // would wait for itself; the threads end on their own.
        guard !threads.contains(where: \.isCurrent) else { return }
        for thread in threads { thread.waitUntilFinished() }
    }

    static var closedError: StorageError {
        StorageError(.unavailable, reason: "the PostgreSQL store is closed")
    }
}
