import Civic311
import Synchronization

/// Reader connections that a point lookup uses on the caller's own thread.
///
/// Handing a lookup to a reader thread and back wakes two threads, which on a busy machine is
/// most of a cached lookup's latency and CPU time. So a lookup by ticket first tries one of these
/// connections where it runs. It never waits there: not for a lock (the connections' busy timeout
/// is zero, and a busy database sends the lookup to the reader threads, which wait as configured),
/// nor for another lookup (a connection in use is skipped, not waited for). So at most as many
/// of the caller's threads as there are connections are inside SQLite at once, each for one lookup of a few pages, and only
/// a page not yet in memory makes one wait, for one read from the disk.
///
/// Each connection sits in its own mutex and is only used while that mutex is held, so it is used
/// by one thread at a time, as SQLite's multi-thread (`NOMUTEX`) mode requires.
final class InlineReaders: Sendable {
    /// One connection in its mutex; a class because a mutex cannot be copied into an array.
    private final class Slot: Sendable {
        let connection: Mutex<SQLiteConnection?>
        init(_ connection: sending SQLiteConnection) { self.connection = Mutex(connection) }
    }

    private let slots: [Slot]

    /// Opens `count` connections with `open`.
    init(count: Int, open: () throws(StorageError) -> SQLiteConnection) throws(StorageError) {
        var slots: [Slot] = []
        for _ in 0..<count { slots.append(Slot(try open())) }
        self.slots = slots
    }

    /// `body`'s result on the first free connection; `nil` when every connection is in use, the
    /// store is closed, or `body` failed (the caller then asks a reader thread, which reports
    /// the failure, waiting out a busy database first).
    func run<Value: Sendable>(_ body: (SQLiteConnection) throws(StorageError) -> Value) -> Value? {
        for slot in slots {
            let outcome = slot.connection.withLockIfAvailable { connection -> Value? in
                guard let connection else { return nil }
                return try? body(connection)
            }
            if let outcome { return outcome }
        }
        return nil
    }

    /// Closes every connection, waiting for a lookup still running on one.
    func close() {
        for slot in slots {
            slot.connection.withLock { connection in
                connection?.close()
                connection = nil
            }
        }
    }
}
