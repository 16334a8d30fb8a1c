import Civic311
import Dispatch
import Foundation
import Synchronization

/// One of the store's own threads: it opens its connection, serves the pool's queue on it until
/// the pool closes, then closes the connection. The connection never leaves the thread, which
/// is what libpq needs (a connection is not safe to use from two threads at once).
final class ConnectionThread: Sendable {
    /// Only compared with `Thread.current`; `Thread` is not `Sendable`, so it sits in a mutex.
    private let thread: Mutex<Thread>
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the thread and waits until it has opened its connection with `open`.
    ///
    /// - Throws: what `open` threw; the thread has then ended.
    init(
        name: String,
        serving pool: ConnectionPool,
        open: @escaping @Sendable () throws(StorageError) -> PostgresConnection
    ) throws(StorageError) {
        let opened = DispatchSemaphore(value: 0)
        let failure = OpeningFailure()
        let finished = finished
        let thread = Thread {
            defer { finished.signal() }
            let connection: PostgresConnection
            do throws(StorageError) {
                connection = try open()
            } catch {
                failure.error.withLock { $0 = error }
                opened.signal()
                return
            }
            opened.signal()
            while let job = pool.next() { job(connection) }
            connection.close()
        }
        thread.name = name
        thread.start()
        self.thread = Mutex(thread)
        opened.wait()
        if let error = failure.error.withLock({ $0 }) { throw error }
    }

    /// Whether the caller runs on this thread.
    var isCurrent: Bool { thread.withLock { $0 === Thread.current } }

    /// Waits until the thread has closed its connection and ended.
    func waitUntilFinished() {
        finished.wait()
        // Lets a second waiter through too (close() may be called again).
        finished.signal()
    }

    /// The error opening the connection threw, handed from the thread to its starter.
    private final class OpeningFailure: Sendable {
        let error = Mutex<StorageError?>(nil)
    }
}
