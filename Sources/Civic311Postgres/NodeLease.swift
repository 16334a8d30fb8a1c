import Civic311
import Dispatch
import Foundation
import Synchronization

/// The ticket node a store holds, leased from the database.
///
/// The lease is a session-level advisory lock, `pg_try_advisory_lock(lockClass, node)`, taken on a
/// connection of its own that lives on a thread of its own. While that connection is open,
/// no other session can take the node; when the process dies or the connection drops, the
/// server releases the lock, so a dead process never holds a node for longer than it takes the
/// server to notice the connection closed. `civic311.node_lease` records who took each node
/// and when, for operators; the lock, not the row, is what decides.
///
/// Every ``PostgresRequestStore/Configuration-swift.struct/leaseCheckInterval`` the thread
/// checks the connection. If it broke, the thread reconnects and takes the same node again;
/// ``isHeld`` is `false` from the moment the loss is seen until it succeeds, and if another
/// process took the node meanwhile it stays `false` (the store's tickets would then collide
/// with that process's: writes with them fail as duplicates, nothing is overwritten).
final class NodeLease: Sendable {
    /// The leased node.
    let node: Int
    private let held = Mutex(true)
    private let stop = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Takes the first free node among `candidates`.
    ///
    /// - Throws: `StorageError.Code.busy` when every candidate is held by another session;
    ///   connection errors as `StorageError.Code.unavailable`.
    init(
        candidates: ClosedRange<Int>,
        connection: PostgresConnection,
        checkInterval: Duration
    ) throws(StorageError) {
        var taken: Int?
        do throws(StorageError) {
            for node in candidates where try Self.take(node, on: connection) {
                taken = node
                break
            }
        } catch {
            connection.close()
            throw error
        }
        guard let taken else {
            connection.close()
            throw StorageError(
                .busy,
                reason:
                    "every ticket node in \(candidates) is leased by another process on this database; "
                    + "widen the range or stop a process"
            )
        }
        node = taken
        // The connection moves to the lease's thread and is only used there from now on.
        let handoff = ConnectionHandoff(connection)
        let (seconds, attoseconds) = checkInterval.components
        let nanoseconds = Int(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let thread = Thread { [self] in
            defer { finished.signal() }
            let connection = handoff.connection
            while stop.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .timedOut {
                check(on: connection)
            }
            // Ending the session releases the lock.
            connection.close()
        }
        thread.name = "civic311-postgres-node-lease"
        thread.start()
    }

    /// Whether the store still holds its node.
    var isHeld: Bool { held.withLock { $0 } }

    /// Releases the node and ends the lease's thread.
    func release() {
        stop.signal()
        finished.wait()
        finished.signal()
    }

    /// Tries to take `node`; records the holder when it does.
    private static func take(_ node: Int, on connection: PostgresConnection) throws(StorageError) -> Bool {
        let locked = try connection.execute(
            "SELECT pg_try_advisory_lock($1, $2)",
            [String(PostgresSchema.lockClass), String(node)]
        )
        guard locked.text(0, 0) == "t" else { return false }
        let holder = "\(ProcessInfo.processInfo.hostName) pid \(ProcessInfo.processInfo.processIdentifier)"
        try connection.execute(
            """
            INSERT INTO civic311.node_lease (node, holder, leased_at) VALUES ($1, $2, now())
            ON CONFLICT (node) DO UPDATE SET holder = excluded.holder, leased_at = excluded.leased_at
            """,
            [String(node), holder]
        )
        return true
    }

    /// Checks the lease's connection, and takes the node again after the connection broke.
    private func check(on connection: PostgresConnection) {
        if !connection.isBroken, (try? connection.execute("SELECT 1")) != nil, held.withLock({ $0 }) { return }
        held.withLock { $0 = false }
        do throws(StorageError) {
            if connection.isBroken { try connection.reconnect(statementTimeout: nil) }
            // Taking a lock this session already holds would stack it; only a new session asks.
            let holds = try connection.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                    + "AND classid = $1::oid AND objid = $2::oid",
                [String(UInt32(bitPattern: PostgresSchema.lockClass)), String(node)]
            )
            let taken = try holds.text(0, 0) != "0" ? true : Self.take(node, on: connection)
            if taken { held.withLock { $0 = true } }
        } catch {
            // Still not held; tried again at the next check.
        }
    }

    /// A connection passed once from the opening thread to the lease's thread, which alone
    /// uses it afterwards.
    // @unchecked: PostgresConnection is not Sendable (libpq connections are single-threaded);
    // this box carries it across exactly one thread start, after which only that thread touches it.
    private final class ConnectionHandoff: @unchecked Sendable {
        let connection: PostgresConnection
        init(_ connection: PostgresConnection) { self.connection = connection }
    }
}
