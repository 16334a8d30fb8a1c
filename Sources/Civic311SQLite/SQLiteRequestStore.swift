internal import CCivic311SQLite
import Civic311
import Foundation
import Synchronization

/// A durable `RequestStore` in one SQLite file.
///
/// Every command is one transaction. Requests are kept as their event log plus a snapshot row
/// per request; the snapshot is always the core fold (`ServiceRequest.replaying(_:)`) of the
/// events, and carries a column for every query filter, each indexed. The database runs in WAL
/// mode with one writer connection and a small pool of reader connections, so reads never wait
/// for a write and many reads run at once; writes are serialised, and ``open(batch:)`` commits a
/// whole batch at once (group commit) for bulk loads.
///
/// With the default ``Configuration/Durability-swift.enum/full`` durability a command that
/// returned is on disk: see <doc:Durability>. Every failure is a `StorageError`: a damaged file
/// is `StorageError.Code.corrupted`, one from a newer library `StorageError.Code.incompatibleSchema`,
/// a read-only file or directory `StorageError.Code.readOnly`, a lock held too long by another
/// process `StorageError.Code.busy`, and a missing directory `StorageError.Code.unavailable`.
///
/// Calls run on the caller's thread and block it for their SQLite work (an `fsync` per commit
/// with full durability); they never suspend.
public final class SQLiteRequestStore: RequestStore {
    /// The database file.
    public let path: String
    /// How the store was opened.
    public let configuration: Configuration
    /// `nil` for a read-only store.
    private let writer: ConnectionSlot?
    private let readers: [ConnectionSlot]
    private let nextReader = Atomic<Int>(0)

    /// The schema version this library writes.
    public static var schemaVersion: Int { SQLiteSchema.currentVersion }

    /// Opens the store in the file at `path`, creating the file and bringing its schema up to
    /// date as needed.
    ///
    /// - Throws: `StorageError` when the file cannot be used: see the type's description.
    public init(path: String, configuration: Configuration = .default) throws(StorageError) {
        self.path = path
        self.configuration = configuration
        try Self.checkLocation(path, writable: configuration.access == .readWrite)
        let readOnly = configuration.access == .readOnly
        if readOnly {
            writer = nil
        } else {
            let connection = try SQLiteConnection(
                path: path,
                readOnly: false,
                create: true,
                busyTimeout: configuration.busyTimeout
            )
            try SQLiteSchema.prepare(connection)
            let synchronous = configuration.durability == .full ? "FULL" : "NORMAL"
            try connection.execute("PRAGMA synchronous = \(synchronous); PRAGMA cache_size = -8192")
            writer = ConnectionSlot(connection)
        }
        var readers: [ConnectionSlot] = []
        for index in 0..<configuration.readers {
            let connection = try SQLiteConnection(
                path: path,
                readOnly: true,
                create: false,
                busyTimeout: configuration.busyTimeout
            )
            if readOnly, index == 0 { try SQLiteSchema.checkReadOnly(connection) }
            try connection.execute("PRAGMA cache_size = -8192; PRAGMA mmap_size = \(configuration.memoryMapSize)")
            readers.append(ConnectionSlot(connection))
        }
        self.readers = readers
    }

    deinit { close() }

    /// Closes every connection. Later calls throw `StorageError.Code.unavailable`. Also done
    /// when the store is released.
    ///
    /// The writer closes last: as the last connection it checkpoints the write-ahead log into
    /// the database file and removes it, leaving one self-contained file.
    public func close() {
        for reader in readers { reader.connection.withLock { $0.close() } }
        writer?.connection.withLock { connection in
            // Keeps the query planner's statistics fresh for the next opening; cheap, and
            // failure is harmless.
            try? connection.execute("PRAGMA analysis_limit = 1000; PRAGMA optimize")
            connection.close()
        }
    }

    /// Runs SQLite's full integrity check.
    ///
    /// - Throws: `StorageError.Code.corrupted` listing the problems found.
    public func checkIntegrity() async throws(StorageError) {
        let problems: [String] = try read { connection throws(StorageError) in
            try connection.run("PRAGMA integrity_check") { statement throws(StorageError) in
                var problems: [String] = []
                while try statement.step() { problems.append(statement.text(0)) }
                return problems
            }
        }
        guard problems == ["ok"] else {
            throw StorageError(
                .corrupted,
                reason: "\(path) failed its integrity check: " + problems.joined(separator: "; ")
            )
        }
    }

    // MARK: Commands

    /// Stores a contact that opened no request, in one transaction.
    public func record(_ contact: Contact) async throws(StorageError) {
        let body = RowFormat.encode(contact)
        try write { connection throws(StorageError) in
            do throws(StorageError) {
                try Self.insert(contact, body: body, on: connection)
            } catch  where error.code == .duplicate {
                throw StorageError(
                    .duplicate,
                    ticket: contact.ticket,
                    reason: "a contact with this ticket is already stored"
                )
            }
        }
    }

    /// Stores the opening contact, the request's snapshot row and its opening event in one
    /// transaction.
    public func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        let row = NewRequestRow(try NewRequest(contact, opening: opening))
        try write { connection throws(StorageError) in try Self.insert(row, on: connection) }
        return row.request
    }

    /// Opens the whole batch in one transaction: every request is stored, or none is. The
    /// group commit makes this the fast path for bulk loads and simulations.
    public func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest]
    {
        let rows = try NewRequest.batch(batch).map(NewRequestRow.init)
        guard !rows.isEmpty else { return [] }
        try write { [rows] connection throws(StorageError) in
            for row in rows { try Self.insert(row, on: connection) }
        }
        return rows.map(\.request)
    }

    /// Checks the version, folds the events into the stored snapshot with the core fold, and
    /// writes the events and the new snapshot, in one transaction.
    public func append(_ events: [RequestEvent], expectedVersion: Int) async throws(StorageError) -> ServiceRequest {
        guard let ticket = events.first?.ticket else {
            throw StorageError(.invalidHistory, reason: "no events to append")
        }
        let bodies = events.map(RowFormat.encode)
        return try write { connection throws(StorageError) in
            let key = Int64(ticket.payload)
            let current: ServiceRequest = try connection.run(SQL.selectForAppend) { statement throws(StorageError) in
                statement.bind(key, at: 1)
                guard try statement.step() else {
                    throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
                }
                let version = statement.int(0)
                guard version == expectedVersion else {
                    throw StorageError.conflict(ticket, expected: expectedVersion, actual: version)
                }
                return try connection.request(in: statement, at: 1)
            }
            let updated: ServiceRequest
            do throws(LifecycleError) {
                updated = try current.applying(events)
            } catch {
                throw StorageError(.invalidHistory, ticket: ticket, reason: error.message)
            }
            for (event, body) in zip(events, bodies) {
                try connection.run(SQL.insertEvent) { statement throws(StorageError) in
                    statement.bind(key, at: 1)
                    statement.bind(event.sequence, at: 2)
                    statement.bind(body, at: 3)
                    try statement.execute()
                }
            }
            let snapshot = RowFormat.encode(updated)
            try connection.run(SQL.updateRequest) { statement throws(StorageError) in
                statement.bind(key, at: 1)
                Self.bindColumns(of: updated, snapshot: snapshot, to: statement)
                try statement.execute()
            }
            return updated
        }
    }

    // MARK: Reads

    /// The request with `ticket`, read from its snapshot row.
    public func request(_ ticket: TicketNumber) async throws(StorageError) -> ServiceRequest? {
        try read { connection throws(StorageError) in
            try connection.run(SQL.selectSnapshot) { statement throws(StorageError) -> ServiceRequest? in
                statement.bind(Int64(ticket.payload), at: 1)
                guard try statement.step() else { return nil }
                return try connection.request(in: statement, at: 0)
            }
        }
    }

    /// The request opened with the key's client request ID by a submitter in its scope, both
    /// compared as Swift compares strings.
    public func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? {
        try read { connection throws(StorageError) in
            try connection.run(SQL.selectSnapshotByClientKey) { statement throws(StorageError) -> ServiceRequest? in
                statement.bind(key.scope.storedKey, at: 1)
                statement.bind(key.id.storedKey, at: 2)
                guard try statement.step() else { return nil }
                return try connection.request(in: statement, at: 0)
            }
        }
    }

    /// The request's events, oldest first; empty for an unknown ticket.
    public func events(for ticket: TicketNumber) async throws(StorageError) -> [RequestEvent] {
        try read { connection throws(StorageError) in try connection.events(for: ticket) }
    }

    /// The contact with `ticket`.
    public func contact(_ ticket: TicketNumber) async throws(StorageError) -> Contact? {
        try read { connection throws(StorageError) in
            try connection.run(SQL.selectContact) { statement throws(StorageError) -> Contact? in
                statement.bind(Int64(ticket.payload), at: 1)
                guard try statement.step() else { return nil }
                return try statement.withBlob(0) { bytes throws(StorageError) in
                    try connection.contact(ticket, from: bytes)
                }
            }
        }
    }

    /// One page of the requests matching `query`, in its order, as one SQL statement over the
    /// indexed snapshot columns.
    public func requests(
        matching query: RequestQuery,
        page: PageRequest
    ) async throws(StorageError) -> Page<ServiceRequest> {
        try query.order.validate(page.after)
        let items: [ServiceRequest] = try read { connection throws(StorageError) in
            let ranges = query.hasDateBounds ? try StoredRanges(on: connection) : nil
            let filter = query.listingFilter(after: page.after, ranges: ranges)
            let sql = "SELECT \(SQL.requestColumns) FROM request" + filter.sql + query.sqlOrder + " LIMIT ?"
            return try connection.runGenerated(sql) { statement throws(StorageError) in
                let limitIndex = filter.bind(to: statement)
                statement.bind(page.limit + 1, at: limitIndex)
                var items: [ServiceRequest] = []
                items.reserveCapacity(min(page.limit + 1, 128))
                while try statement.step() { items.append(try connection.request(in: statement, at: 0)) }
                return items
            }
        }
        return Self.page(of: items, limit: page.limit) { query.order.cursor(after: $0) }
    }

    /// The number of requests matching `query`.
    public func countRequests(matching query: RequestQuery) async throws(StorageError) -> Int {
        try read { connection throws(StorageError) in
            let ranges = query.hasDateBounds ? try StoredRanges(on: connection) : nil
            let filter = query.sqlFilter(ranges: ranges)
            return try connection.runGenerated("SELECT count(*) FROM request" + filter.sql) {
                statement throws(StorageError) in
                filter.bind(to: statement)
                return try statement.step() ? statement.int(0) : 0
            }
        }
    }

    /// One page of the contacts matching `query`, in ticket order.
    public func contacts(matching query: ContactQuery, page: PageRequest) async throws(StorageError) -> Page<Contact> {
        try RequestOrder.ticketAscending.validate(page.after)
        var filter = query.sqlFilter
        if let after = page.after { filter.require("ticket > ?", .integer(Int64(after.ticket.payload))) }
        let sql = "SELECT ticket, body FROM contact" + filter.sql + " ORDER BY ticket LIMIT ?"
        let items: [Contact] = try read { [filter] connection throws(StorageError) in
            try connection.runGenerated(sql) { statement throws(StorageError) in
                let limitIndex = filter.bind(to: statement)
                statement.bind(page.limit + 1, at: limitIndex)
                var items: [Contact] = []
                while try statement.step() {
                    let ticket = try connection.ticket(statement.int64(0))
                    items.append(
                        try statement.withBlob(1) { bytes throws(StorageError) in
                            try connection.contact(ticket, from: bytes)
                        }
                    )
                }
                return items
            }
        }
        return Self.page(of: items, limit: page.limit) { PageCursor(order: .ticketAscending, ticket: $0.ticket) }
    }

    /// The number of contacts matching `query`.
    public func countContacts(matching query: ContactQuery) async throws(StorageError) -> Int {
        let filter = query.sqlFilter
        return try read { connection throws(StorageError) in
            try connection.runGenerated("SELECT count(*) FROM contact" + filter.sql) { statement throws(StorageError) in
                filter.bind(to: statement)
                return try statement.step() ? statement.int(0) : 0
            }
        }
    }

    /// The highest ticket stored for `node`, from the node index.
    public func latestTicket(issuedBy node: Int) async throws(StorageError) -> TicketNumber? {
        try read { connection throws(StorageError) in
            try connection.run(SQL.selectLatestTicket) { statement throws(StorageError) -> TicketNumber? in
                statement.bind(node, at: 1)
                guard try statement.step() else { return nil }
                return try connection.ticket(statement.int64(0))
            }
        }
    }

    // MARK: Internals

    /// One connection and the lock that serialises its use.
    private final class ConnectionSlot: Sendable {
        let connection: Mutex<SQLiteConnection>

        init(_ connection: consuming sending SQLiteConnection) {
            self.connection = Mutex(connection)
        }
    }

    /// Runs `body` in a write transaction on the writer connection.
    private func write<Result: Sendable>(
        _ body: @Sendable (SQLiteConnection) throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        guard let writer else {
            throw StorageError(.readOnly, reason: "\(path) was opened read-only")
        }
        return try writer.connection.withLock { connection throws(StorageError) -> Result in
            try connection.writeTransaction { () throws(StorageError) -> Result in try body(connection) }
        }
    }

    /// Runs `body` on the writer connection, outside any transaction (inspection hooks only).
    func withWriter<Result: Sendable>(
        _ body: @Sendable (SQLiteConnection) throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        guard let writer else { throw StorageError(.readOnly, reason: "\(path) was opened read-only") }
        return try writer.connection.withLock { connection throws(StorageError) -> Result in try body(connection) }
    }

    /// Runs `body` on a free reader connection, or waits for one when all are busy.
    private func read<Result: Sendable>(
        _ body: @Sendable (SQLiteConnection) throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        let start = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        for offset in 0..<readers.count {
            let slot = readers[(start &+ offset) % readers.count]
            let result = try slot.connection.withLockIfAvailable { connection throws(StorageError) -> Result in
                try body(connection)
            }
            if let result { return result }
        }
        return try readers[start % readers.count].connection.withLock { connection throws(StorageError) -> Result in
            try body(connection)
        }
    }

    private static func insert(_ contact: Contact, body: [UInt8], on connection: SQLiteConnection) throws(StorageError)
    {
        try connection.run(SQL.insertContact) { statement throws(StorageError) in
            statement.bind(Int64(contact.ticket.payload), at: 1)
            statement.bind(contact.channel.rawValue, at: 2)
            statement.bind(contact.callType.category.rawValue, at: 3)
            statement.bind(contact.receivedAt.storedMilliseconds, at: 4)
            statement.bind(body, at: 5)
            try statement.execute()
        }
    }

    private static func insert(_ row: NewRequestRow, on connection: SQLiteConnection) throws(StorageError) {
        let ticket = row.request.ticket
        let key = row.new.clientRequestKey
        if let key {
            let taken = try connection.run(SQL.selectClientKey) { statement throws(StorageError) in
                statement.bind(key.scope.storedKey, at: 1)
                statement.bind(key.id.storedKey, at: 2)
                return try statement.step()
            }
            if taken { throw StorageError.duplicate(key, refusing: ticket) }
        }
        do throws(StorageError) {
            try insert(row.contact, body: row.contactBody, on: connection)
            try connection.run(SQL.insertRequest) { statement throws(StorageError) in
                statement.bind(Int64(ticket.payload), at: 1)
                bindColumns(of: row.request, snapshot: row.snapshot, to: statement)
                statement.bind(key?.id.storedKey, at: 9)
                statement.bind(key?.scope.storedKey, at: 10)
                try statement.execute()
            }
        } catch  where error.code == .duplicate {
            throw StorageError.duplicate(ticket)
        }
        try connection.run(SQL.insertEvent) { statement throws(StorageError) in
            statement.bind(Int64(ticket.payload), at: 1)
            statement.bind(1, at: 2)
            statement.bind(row.openingBody, at: 3)
            try statement.execute()
        }
    }

    /// Binds parameters 2...8 of ``SQL/insertRequest`` and ``SQL/updateRequest``.
    private static func bindColumns(of request: ServiceRequest, snapshot: [UInt8], to statement: SQLiteStatement) {
        statement.bind(request.version, at: 2)
        statement.bind(request.state.rawValue, at: 3)
        statement.bind(request.department.rawValue.storedKey, at: 4)
        statement.bind(request.serviceType.rawValue.storedKey, at: 5)
        statement.bind(request.createdAt.storedMilliseconds, at: 6)
        statement.bind(request.dueAt.storedMilliseconds, at: 7)
        statement.bind(snapshot, at: 8)
    }

    /// Cuts `items` (at most one past `limit`) to a page, with a cursor when more remain.
    private static func page<Item>(of items: [Item], limit: Int, cursor: (Item) -> PageCursor) -> Page<Item> {
        guard items.count > limit else { return Page(items: items, next: nil) }
        let kept = Array(items.prefix(limit))
        return Page(items: kept, next: cursor(kept[limit - 1]))
    }

    /// Rejects a location SQLite would fail on with a vaguer message.
    private static func checkLocation(_ path: String, writable: Bool) throws(StorageError) {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else {
            throw StorageError(
                .unavailable,
                reason:
                    "'\(path)' is not a file path; the store needs a file its connections share (use InMemoryRequestStore for memory)"
            )
        }
        let directory = (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StorageError(.unavailable, reason: "the directory \(folder) for \(path) does not exist")
        }
        guard writable else { return }
        guard access(folder, W_OK) == 0 else {
            throw StorageError(
                .readOnly,
                reason:
                    "the directory \(folder) is not writable; the store needs to create \(path) and its -wal and -shm files there"
            )
        }
        if FileManager.default.fileExists(atPath: path), access(path, W_OK) != 0 {
            throw StorageError(.readOnly, reason: "\(path) is read-only; open it with access .readOnly to read it")
        }
    }
}

extension RequestStore where Self == SQLiteRequestStore {
    /// A SQLite store in the file at `path`: `ServiceCenter(…, store: try .sqlite(path: …))`.
    public static func sqlite(
        path: String,
        configuration: SQLiteRequestStore.Configuration = .default
    ) throws(StorageError) -> SQLiteRequestStore {
        try SQLiteRequestStore(path: path, configuration: configuration)
    }
}
