import Civic311
import Dispatch
import Foundation
import Synchronization

/// One of a store's own threads: it opens its connection, serves a ``ConnectionJobs`` queue on
/// it until the queue closes, then closes the connection. The connection never leaves the
/// thread, which is what makes opening SQLite in multi-thread (`NOMUTEX`) mode safe.
final class ConnectionThread: Sendable {
    /// Only compared with `Thread.current`; `Thread` is not `Sendable`, so it sits in a mutex.
    private let thread: Mutex<Thread>
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the thread and waits until it has opened its connection with `open`.
    ///
    /// - Parameter closing: run on the connection just before it is closed.
    /// - Throws: what `open` threw; the thread has then ended.
    init(
        name: String,
        serving jobs: ConnectionJobs,
        open: @escaping @Sendable () throws(StorageError) -> SQLiteConnection,
        closing: @escaping @Sendable (SQLiteConnection) -> Void = { _ in }
    ) throws(StorageError) {
        let opened = DispatchSemaphore(value: 0)
        let failure = OpeningFailure()
        let finished = finished
        let thread = Thread {
            defer { finished.signal() }
            let connection: SQLiteConnection
            do throws(StorageError) {
                connection = try open()
            } catch {
                failure.error.withLock { $0 = error }
                opened.signal()
                return
            }
            opened.signal()
            while let job = jobs.next() { job(connection) }
            closing(connection)
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

    /// Waits until the thread has closed its connection and ended (after its queue closed).
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
