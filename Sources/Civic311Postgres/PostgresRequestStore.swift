internal import CCivic311Postgres
import Civic311
import Foundation
import Synchronization

/// A `RequestStore` in a PostgreSQL database, shared by any number of processes.
///
/// Requests are kept as their event log plus a snapshot row per request, in the `civic311`
/// schema of the database (see <doc:SchemaAndMigrations>); the snapshot is always the core fold
/// (`ServiceRequest.applying(_:)`) of the events, and carries a column for every query filter.
///
/// **Transactions.** Every command is one transaction at READ COMMITTED. An append locks its
/// request's row (`SELECT … FOR UPDATE`) before comparing versions, so of two processes
/// appending at the same version one waits for the other and then sees the new version: it
/// fails with `StorageError.Code.conflict`, and no update is lost. Unique keys (tickets,
/// client request IDs, external references) are unique indexes, which the server enforces
/// across processes. A transaction the server rolls back (deadlock, serialization failure, a
/// connection lost before its commit) is run again, at most three times; one whose connection
/// was lost during its commit is not, since it may have been stored (SQLSTATE 08007).
///
/// **The change feed.** Positions come from a one-row counter that each writing transaction
/// advances once its checks are done, just before it inserts the rows that carry them. The
/// counter's row lock is held until the commit, so the next writer gets its positions only after the previous one's commit is
/// visible: positions are handed out in commit order, and a reader never sees a position while
/// a lower one is still to come. See <doc:MultipleInstances>.
///
/// **Threads.** libpq is used in blocking mode, each connection on a thread the store owns,
/// never on Swift's cooperative threads: a command is handed to a free connection's thread and
/// the task suspends until it is done. ``Configuration-swift.struct/connections`` threads,
/// plus one for the node lease.
///
/// **Nodes.** Each store leases a ticket node from the database at opening: see ``node`` and
/// ``NodeAssignment``.
public final class PostgresRequestStore: RequestStore {
    /// How the store was opened.
    public let configuration: Configuration
    /// The connection string the store was opened with, to open the same database again. It may
    /// hold a password: keep it out of logs.
    public let connectionString: String
    private let pool: ConnectionPool
    private let lease: NodeLease?
    private let isClosed = Mutex(false)

    /// The schema version this library writes.
    public static var schemaVersion: Int { PostgresSchema.currentVersion }

    /// Connects to the database `connectionString` names, creates or migrates the store's
    /// tables, opens the connection pool and leases a ticket node.
    ///
    /// `connectionString` is a libpq connection URI (`postgresql://user@host:5432/db`,
    /// `postgresql://user@/db?host=/run/postgresql`) or `key=value` pairs; settings it leaves
    /// out come from the `PG*` environment variables (`PGHOST`, `PGPORT`, `PGDATABASE`,
    /// `PGUSER`, `PGPASSWORD`, `PGSSLMODE`…) and libpq's defaults, so the empty string uses the
    /// environment alone. Opening blocks the calling thread while it connects and migrates, so
    /// open stores when a service starts.
    ///
    /// - Throws: `StorageError.Code.invalidArgument` for a connection string libpq cannot
    ///   parse; `.unavailable` when the server cannot be reached or refuses the login (the
    ///   cause keeps libpq's message); `.incompatibleSchema` for a database a newer library
    ///   wrote; `.busy` when no ticket node is free.
    public init(connectionString: String = "", configuration: Configuration = .default) throws(StorageError) {
        try Self.validate(connectionString)
        self.connectionString = connectionString
        self.configuration = configuration
        let timeout = configuration.statementTimeout
        let connect: @Sendable () throws(StorageError) -> PostgresConnection = { () throws(StorageError) in
            try PostgresConnection(connectionString: connectionString, statementTimeout: timeout)
        }
        let first = try connect()
        defer { first.close() }
        try PostgresSchema.prepare(first)
        pool = try ConnectionPool(
            size: configuration.connections,
            name: "civic311-postgres",
            statementTimeout: timeout,
            connect: connect
        )
        if let candidates = configuration.node.candidates {
            do throws(StorageError) {
                lease = try NodeLease(
                    candidates: candidates,
                    connection: try connect(),
                    checkInterval: configuration.leaseCheckInterval
                )
            } catch {
                pool.close()
                throw error
            }
        } else {
            lease = nil
        }
    }

    /// Checks the connection string's syntax with libpq, so a typo is reported as one.
    private static func validate(_ connectionString: String) throws(StorageError) {
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &message) else {
            let text = message.map { PostgresFailure.trimmed(String(cString: $0)) } ?? "it could not be parsed"
            if let message { PQfreemem(message) }
            throw StorageError(.invalidArgument, reason: "connectionString: \(text)")
        }
        PQconninfoFree(options)
    }

    /// The ticket node this store's process issues tickets from (`TicketIssuer(node:)`);
    /// `nil` when opened with ``NodeAssignment/none``.
    public var node: Int? { lease?.node }

    /// Whether the store still holds its node lease; `false` for a moment after the lease's
    /// connection was lost, until it is taken again (see ``NodeAssignment``).
    public var holdsNodeLease: Bool { lease?.isHeld ?? false }

    deinit { close() }

    /// Closes every connection (releasing the node lease) after the commands already handed
    /// over. Later commands throw `StorageError.Code.unavailable`. Also done when the store is
    /// released. Blocks the calling thread until the connection threads have ended.
    public func close() {
        let wasClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        pool.close()
        lease?.release()
    }

    // MARK: Commands

    /// Stores a contact that opened no request, in one transaction.
    public func record(_ contact: Contact) async throws(StorageError) {
        let row = try ContactRow(contact)
        try await write { connection throws(StorageError) in
            let position = try Self.takePositions(1, on: connection)
            try Self.insert(row, position: position, on: connection)
        }
    }

    /// Stores the opening contact, the request's snapshot row and its opening event in one
    /// transaction.
    public func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        try await open(NewRequest(contact, opening: opening))
    }

    public func open(_ new: NewRequest) async throws(StorageError) -> ServiceRequest {
        let row = try RequestRow(new)
        try await write { connection throws(StorageError) in
            let first = try Self.takePositions(2, on: connection)
            try Self.insert(row, positions: first, on: connection)
        }
        return row.request
    }

    /// Opens the whole batch in one transaction: every request is stored, or none is.
    public func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest]
    {
        var rows: [RequestRow] = []
        for new in try NewRequest.batch(batch) { rows.append(try RequestRow(new)) }
        guard !rows.isEmpty else { return [] }
        try await write { [rows] connection throws(StorageError) in
            var position = try Self.takePositions(Int64(2 * rows.count), on: connection)
            for row in rows {
                try Self.insert(row, positions: position, on: connection)
                position += 2
            }
        }
        return rows.map(\.request)
    }

    /// Locks the request's row, checks the version, folds the events into the stored snapshot
    /// with the core fold, and writes the events and the new snapshot, in one transaction.
    public func append(_ events: [RequestEvent], expectedVersion: Int) async throws(StorageError) -> ServiceRequest {
        var bodies: [String] = []
        for event in events { bodies.append(try StoredBody.encode(event)) }
        return try await write { [bodies] connection throws(StorageError) in
            var positions = FeedPositions(upcoming: Int64(events.count))
            return try Self.append(
                events,
                bodies: bodies,
                expectedVersion: expectedVersion,
                positions: &positions,
                on: connection
            )
        }
    }

    /// Appends every entry in one transaction, each under a savepoint: an entry the store
    /// refuses (see `StorageError.refusesOneEntry`) is rolled back to its savepoint, answered
    /// with its error in its place, and gives its feed positions back; the others are committed
    /// together. A failure of the store itself rolls the whole batch back and throws.
    ///
    /// The feed counter is advanced once for the batch (see ``FeedPositions``), not once per
    /// entry: every update of its one row leaves a row version that the next update of the same
    /// transaction must step over, so per-entry updates cost time quadratic in the batch.
    public func append(
        batch: [(events: [RequestEvent], expectedVersion: Int)]
    ) async throws(StorageError) -> [Result<ServiceRequest, StorageError>] {
        guard !batch.isEmpty else { return [] }
        var entries: [(events: [RequestEvent], bodies: [String], version: Int)] = []
        entries.reserveCapacity(batch.count)
        for entry in batch {
            var bodies: [String] = []
            for event in entry.events { bodies.append(try StoredBody.encode(event)) }
            entries.append((entry.events, bodies, entry.expectedVersion))
        }
        return try await write { [entries] connection throws(StorageError) in
            var results: [Result<ServiceRequest, StorageError>] = []
            results.reserveCapacity(entries.count)
            var positions = FeedPositions(upcoming: Int64(entries.reduce(0) { $0 + $1.events.count }))
            for entry in entries {
                // A refused entry's savepoint undoes what it took, the counter's update included.
                let before = positions
                try connection.execute("SAVEPOINT batch_entry")
                do throws(StorageError) {
                    let updated = try Self.append(
                        entry.events,
                        bodies: entry.bodies,
                        expectedVersion: entry.version,
                        positions: &positions,
                        on: connection
                    )
                    try connection.execute("RELEASE SAVEPOINT batch_entry")
                    results.append(.success(updated))
                } catch  where error.refusesOneEntry {
                    // Also ends the failed state a refused statement leaves the transaction in.
                    try connection.execute("ROLLBACK TO SAVEPOINT batch_entry")
                    try connection.execute("RELEASE SAVEPOINT batch_entry")
                    positions = before
                    results.append(.failure(error))
                }
                positions.upcoming -= Int64(entry.events.count)
            }
            try positions.giveBackUnused(on: connection)
            return results
        }
    }

    /// One request's append, inside the caller's transaction.
    private static func append(
        _ events: [RequestEvent],
        bodies: [String],
        expectedVersion: Int,
        positions: inout FeedPositions,
        on connection: PostgresConnection
    ) throws(StorageError) -> ServiceRequest {
        guard let ticket = events.first?.ticket else {
            throw StorageError(.invalidHistory, reason: "no events to append")
        }
        let key = String(ticket.payload)
        let rows = try connection.execute(
            "SELECT snapshot FROM civic311.request WHERE ticket = $1 FOR UPDATE",
            [key]
        )
        guard !rows.isEmpty else {
            throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
        }
        let current = try decodeRequest(rows.text(0, 0), ticket: ticket)
        guard current.version == expectedVersion else {
            throw StorageError.conflict(ticket, expected: expectedVersion, actual: current.version)
        }
        let updated: ServiceRequest
        do throws(LifecycleError) {
            updated = try current.applying(events)
        } catch {
            throw StorageError(.invalidHistory, ticket: ticket, reason: error.message)
        }
        try indexExternalReferences(in: events, of: ticket, on: connection)
        var position = try positions.take(Int64(events.count), on: connection)
        for (event, body) in zip(events, bodies) {
            try connection.execute(
                "INSERT INTO civic311.event (ticket, sequence, position, body) VALUES ($1, $2, $3, $4)",
                [key, String(event.sequence), String(position), body]
            )
            position += 1
        }
        let columns = try RequestRow.Columns(updated)
        try connection.execute(
            """
            UPDATE civic311.request SET version = $2, state = $3, department = $4, service_type = $5,
                created_at = $6, due_at = $7, snapshot = $8
            WHERE ticket = $1
            """,
            columns.parameters
        )
        return updated
    }

    // MARK: Internals

    /// Runs `body` in a READ COMMITTED transaction on a free connection.
    func write<Value: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws(StorageError) -> Value
    ) async throws(StorageError) -> Value {
        try await pool.run { connection throws(StorageError) -> Value in
            try connection.transaction { () throws(StorageError) -> Value in try body(connection) }
        }
    }

    /// Runs `body` on a free connection, outside an explicit transaction: each statement sees
    /// the state committed when it started.
    func read<Value: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws(StorageError) -> Value
    ) async throws(StorageError) -> Value {
        try await pool.run(body)
    }

    /// Advances the feed counter by `count` and returns the first of the positions it hands
    /// out. The counter's row stays locked until the transaction ends, so positions are handed
    /// out in commit order; callers take it as late as they can, to hold it briefly.
    static func takePositions(_ count: Int64, on connection: PostgresConnection) throws(StorageError) -> Int64 {
        let rows = try connection.execute(
            "UPDATE civic311.feed_counter SET last = last + $1 RETURNING last",
            [String(count)]
        )
        guard let last = rows.int64(0, 0) else {
            throw StorageError(.corrupted, reason: "civic311.feed_counter holds no row")
        }
        return last - count + 1
    }

    /// Feed positions for the appends of one transaction, taken from the counter once: by the
    /// first append that needs any (after its checks, as late as a single append takes them),
    /// for every event still to come; the ones a refused entry leaves unused are given back
    /// before the commit, so the feed has no gap. The counter's row stays locked from the first
    /// take to the commit, so nobody else takes positions in between.
    struct FeedPositions {
        /// The events of the appends still to come in the transaction, the current one's
        /// included: how many positions the first take reserves.
        var upcoming: Int64
        private var next: Int64 = 0
        private var end: Int64 = 0

        init(upcoming: Int64) { self.upcoming = upcoming }

        /// The first of `count` consecutive positions.
        mutating func take(_ count: Int64, on connection: PostgresConnection) throws(StorageError) -> Int64 {
            if end - next < count {
                // The block is extended where it ends: the counter has been locked since it was taken.
                let size = max(count, upcoming) - (end - next)
                let first = try PostgresRequestStore.takePositions(size, on: connection)
                if end == 0 { next = first }
                end = first + size
            }
            defer { next += count }
            return next
        }

        /// Moves the counter back over the positions reserved but not used.
        func giveBackUnused(on connection: PostgresConnection) throws(StorageError) {
            guard end > next else { return }
            try connection.execute("UPDATE civic311.feed_counter SET last = $1", [String(next - 1)])
        }
    }

    /// Inserts a contact row at `position`.
    private static func insert(
        _ row: ContactRow,
        position: Int64,
        on connection: PostgresConnection
    )
        throws(StorageError)
    {
        do throws(StorageError) {
            try connection.execute(
                """
                INSERT INTO civic311.contact (ticket, node, channel, category, received_at, position, body)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """,
                row.parameters(position: position)
            )
        } catch  where error.code == .duplicate {
            throw StorageError(
                .duplicate,
                ticket: row.ticket,
                reason: "the ticket is already stored",
                cause: error.cause
            )
        }
    }

    /// Inserts the contact at `positions`, the request, and its opening event at `positions + 1`,
    /// in one statement (one round trip to the server).
    private static func insert(
        _ row: RequestRow,
        positions: Int64,
        on connection: PostgresConnection
    )
        throws(StorageError)
    {
        var parameters = row.contact.parameters(position: positions)
        parameters += row.columns.parameters.dropFirst()
        parameters += [row.clientScope, row.clientID, String(positions + 1), row.openingBody]
        do throws(StorageError) {
            try connection.execute(
                """
                WITH contact AS (
                    INSERT INTO civic311.contact (ticket, node, channel, category, received_at, position, body)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                ), request AS (
                    INSERT INTO civic311.request (ticket, version, state, department, service_type, created_at,
                        due_at, snapshot, client_scope, client_id)
                    VALUES ($1, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                )
                INSERT INTO civic311.event (ticket, sequence, position, body) VALUES ($1, 1, $17, $18)
                """,
                parameters
            )
        } catch  where error.code == .duplicate {
            if connection.violatedConstraint == "request_client_key", let key = row.clientRequestKey {
                let refused = StorageError.duplicate(key, refusing: row.request.ticket)
                throw StorageError(.duplicate, ticket: refused.ticket, reason: refused.reason, cause: error.cause)
            }
            throw StorageError(
                .duplicate,
                ticket: row.request.ticket,
                reason: "the ticket is already stored",
                cause: error.cause
            )
        }
    }

    static func decodeRequest(_ text: String?, ticket: TicketNumber?) throws(StorageError) -> ServiceRequest {
        let request = try StoredBody.decode(ServiceRequest.self, from: text, ticket: ticket, what: "request snapshot")
        if let ticket, request.ticket != ticket {
            throw StorageError(.corrupted, ticket: ticket, reason: "the stored snapshot names ticket \(request.ticket)")
        }
        return request
    }
}

extension RequestStore where Self == PostgresRequestStore {
    /// A PostgreSQL store: `ServiceCenter(…, store: try .postgres(connectionString: …))`.
    public static func postgres(
        connectionString: String = "",
        configuration: PostgresRequestStore.Configuration = .default
    ) throws(StorageError) -> PostgresRequestStore {
        try PostgresRequestStore(connectionString: connectionString, configuration: configuration)
    }
}
