internal import CCivic311SQLite
import Civic311
import Foundation

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
/// SQLite runs on threads the store owns, one writer and one per reader connection, never on
/// Swift's cooperative threads: a call hands its work over and suspends until it is done, so
/// a commit's `fsync` or a wait for another process's lock holds none of the threads other tasks
/// run on. See <doc:Threads>.
public final class SQLiteRequestStore: RequestStore {
    /// The database file.
    public let path: String
    /// How the store was opened.
    public let configuration: Configuration
    /// Work for the writer thread; `nil` for a read-only store.
    private let writerJobs: ConnectionJobs?
    /// Work for the reader threads, taken by whichever is free.
    private let readerJobs: ConnectionJobs
    private let writerThread: ConnectionThread?
    private let readerThreads: [ConnectionThread]
    /// Connections a lookup by ticket uses on the caller's thread when one is free.
    private let inlineReaders: InlineReaders

    /// The schema version this library writes.
    public static var schemaVersion: Int { SQLiteSchema.currentVersion }

    /// Opens the store in the file at `path`, or creates it there, as `mode` says, and brings
    /// an existing store's schema up to date.
    ///
    /// Only a path where nothing exists is ever created; an existing file that is not a
    /// Civic311 store (an empty or truncated file, another program's database) is refused and
    /// left as it was. Opening blocks the calling thread while it creates, checks or migrates
    /// the file (waiting up to ``Configuration-swift.struct/busyTimeout`` for another process's
    /// lock), so open stores when a service starts, not in the middle of its work.
    ///
    /// - Throws: `StorageError` when the file cannot be used: see the type's description and
    ///   ``Mode``.
    public init(
        path: String,
        mode: Mode = .openOrCreate,
        configuration: Configuration = .default
    ) throws(StorageError) {
        self.path = path
        self.configuration = configuration
        let state = try StoreFile.state(of: path)
        let readerAccess: SQLiteConnection.FileAccess
        switch configuration.access {
        case .readWrite:
            let jobs = ConnectionJobs(path: path)
            writerThread = try ConnectionThread(
                name: "civic311-sqlite-writer",
                serving: jobs,
                open: { () throws(StorageError) in
                    try Self.openWriter(path, state: state, mode: mode, configuration: configuration)
                },
                closing: { connection in
                    // Keeps the query planner's statistics fresh for the next opening; cheap,
                    // and failure is harmless.
                    try? connection.execute("PRAGMA analysis_limit = 1000; PRAGMA optimize")
                }
            )
            writerJobs = jobs
            readerAccess = .readOnly
        case .readOnly, .immutable:
            guard mode != .create else {
                throw StorageError(
                    .readOnly,
                    reason:
                        "\(path) cannot be created by a store opened with access .\(configuration.access); create it read-write"
                )
            }
            try StoreFile.checkExisting(path, state)
            if configuration.access == .readOnly {
                try StoreFile.checkShared(path)
                readerAccess = .readOnly
            } else {
                try StoreFile.checkImmutable(path)
                readerAccess = .immutable
            }
            writerThread = nil
            writerJobs = nil
        }
        readerJobs = ConnectionJobs(path: path)
        var readerThreads: [ConnectionThread] = []
        do throws(StorageError) {
            let checkVersion = writerJobs == nil
            for index in 0..<configuration.readers {
                let thread = try ConnectionThread(name: "civic311-sqlite-reader-\(index)", serving: readerJobs) {
                    () throws(StorageError) in
                    try Self.openReader(
                        path,
                        access: readerAccess,
                        checkVersion: checkVersion,
                        configuration: configuration
                    )
                }
                readerThreads.append(thread)
            }
            // Half the cores, so that lookups on the caller's threads never hold the whole pool.
            let inline = min(configuration.readers, max(1, ProcessInfo.processInfo.activeProcessorCount / 2))
            inlineReaders = try InlineReaders(count: inline) { () throws(StorageError) in
                // Opening waits for a lock as configured, as every connection does; a lookup then
                // never waits: a busy database sends it to a reader thread.
                let connection = try Self.openReader(
                    path,
                    access: readerAccess,
                    checkVersion: false,
                    configuration: configuration
                )
                try connection.execute("PRAGMA busy_timeout = 0")
                return connection
            }
        } catch {
            // Stops the threads already started before giving up.
            readerJobs.close(threads: readerThreads.count)
            for thread in readerThreads { thread.waitUntilFinished() }
            writerJobs?.close(threads: 1)
            writerThread?.waitUntilFinished()
            throw error
        }
        self.readerThreads = readerThreads
    }

    /// A reader connection: read-only (or immutable) with the store's cache and memory map, and,
    /// when `checkVersion`, the file checked to be at this library's schema version (a read-only
    /// store cannot migrate).
    private static func openReader(
        _ path: String,
        access: SQLiteConnection.FileAccess,
        checkVersion: Bool,
        configuration: Configuration
    ) throws(StorageError) -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, access: access, busyTimeout: configuration.busyTimeout)
        if checkVersion { try SQLiteSchema.checkReadOnly(connection) }
        try connection.execute("PRAGMA cache_size = -8192; PRAGMA mmap_size = \(configuration.memoryMapSize)")
        return connection
    }

    /// The writer connection for `path`: the store created there when `mode` allows and nothing
    /// exists, or the existing store checked and migrated.
    private static func openWriter(
        _ path: String,
        state: StoreFile.State,
        mode: Mode,
        configuration: Configuration
    ) throws(StorageError) -> SQLiteConnection {
        var state = state
        if state == .missing, mode != .open {
            try StoreFile.checkWritable(path, exists: false)
            let created = try StoreFile.create(at: path, busyTimeout: configuration.busyTimeout) {
                connection throws(StorageError) in try SQLiteSchema.create(connection)
            }
            // Another process may have created it meanwhile: then it is opened as it is.
            if !created, mode == .create { throw duplicateFile(path) }
            state = try StoreFile.state(of: path)
        } else if state != .missing, mode == .create {
            throw duplicateFile(path)
        }
        try StoreFile.checkExisting(path, state)
        try StoreFile.checkWritable(path, exists: true)
        let connection = try SQLiteConnection(path: path, access: .readWrite, busyTimeout: configuration.busyTimeout)
        try SQLiteSchema.prepare(connection)
        let synchronous = configuration.durability == .full ? "FULL" : "NORMAL"
        try connection.execute("PRAGMA synchronous = \(synchronous); PRAGMA cache_size = -8192")
        return connection
    }

    private static func duplicateFile(_ path: String) -> StorageError {
        StorageError(
            .duplicate,
            errno: EEXIST,
            reason:
                "\(path) already exists and was left as it was; open it with mode .open, or create the store elsewhere"
        )
    }

    deinit { close() }

    /// Closes every connection and ends the store's threads, after the commands already handed
    /// to them. Later calls throw `StorageError.Code.unavailable`. Also done when the store is
    /// released. Blocks the calling thread until the threads have ended.
    ///
    /// The writer closes last: as the last connection it checkpoints the write-ahead log into
    /// the database file and removes it, leaving one self-contained file.
    public func close() {
        // On one of the store's own threads (the last reference dropped by a command), waiting
        // for the threads would wait for itself; they end on their own.
        let waits = !(readerThreads.contains { $0.isCurrent } || writerThread?.isCurrent == true)
        inlineReaders.close()
        readerJobs.close(threads: readerThreads.count)
        if waits { for thread in readerThreads { thread.waitUntilFinished() } }
        writerJobs?.close(threads: 1)
        if waits { writerThread?.waitUntilFinished() }
    }

    /// Checks the whole store: SQLite's own integrity check (every page, every index against
    /// its table), then every row against its checksum, every request's events against its
    /// version (1…version, no gaps), the fold of those events against its stored snapshot,
    /// every request against its opening contact, no events or opening contacts without
    /// their request, every stored change with exactly one position in the change feed (and
    /// every position with its change), checkpoints, and the external-reference index against
    /// the requests it names. One read transaction, so it sees one consistent state while writes go on;
    /// it reads every row, so it takes about as long as reading the whole store.
    ///
    /// - Throws: `StorageError.Code.corrupted` listing the problems found, naming the ticket of
    ///   the first.
    public func checkIntegrity() async throws(StorageError) {
        let report = try await read { connection throws(StorageError) in try connection.integrityReport() }
        guard report.problems.isEmpty else {
            throw StorageError(
                .corrupted,
                ticket: report.firstTicket,
                reason: "\(path) failed its integrity check: \(report.summary)"
            )
        }
    }

    // MARK: Commands

    /// Stores a contact that opened no request, in one transaction.
    public func record(_ contact: Contact) async throws(StorageError) {
        let row = StoredContact(contact)
        try await write { connection throws(StorageError) in
            do throws(StorageError) {
                var numbering = try FeedNumbering(on: connection)
                try Self.insert(row, numbering: &numbering, on: connection)
            } catch  where error.code == .duplicate {
                throw StorageError(
                    .duplicate,
                    ticket: contact.ticket,
                    reason: "a contact with this ticket is already stored",
                    cause: error.cause
                )
            }
        }
    }

    /// Stores the opening contact, the request's snapshot row and its opening event in one
    /// transaction.
    public func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        try await open(NewRequest(contact, opening: opening))
    }

    public func open(_ new: NewRequest) async throws(StorageError) -> ServiceRequest {
        let row = NewRequestRow(new)
        try await write { connection throws(StorageError) in
            var numbering = try FeedNumbering(on: connection)
            try Self.insert(row, numbering: &numbering, on: connection)
        }
        return row.request
    }

    /// Opens the whole batch in one transaction: every request is stored, or none is. The
    /// group commit makes this the fast path for bulk loads and simulations.
    public func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest]
    {
        let rows = try NewRequest.batch(batch).map(NewRequestRow.init)
        guard !rows.isEmpty else { return [] }
        try await write { [rows] connection throws(StorageError) in
            var numbering = try FeedNumbering(on: connection)
            for row in rows { try Self.insert(row, numbering: &numbering, on: connection) }
        }
        return rows.map(\.request)
    }

    /// Checks the version, folds the events into the stored snapshot with the core fold, and
    /// writes the events and the new snapshot, in one transaction.
    public func append(_ events: [RequestEvent], expectedVersion: Int) async throws(StorageError) -> ServiceRequest {
        let bodies = events.map(RowFormat.encode)
        return try await write { connection throws(StorageError) in
            try Self.append(events, bodies: bodies, expectedVersion: expectedVersion, on: connection)
        }
    }

    /// Appends every entry in one transaction, committed once: each entry inside a savepoint, so
    /// a refused entry is rolled back alone and answered in its place.
    public func append(
        batch: [(events: [RequestEvent], expectedVersion: Int)]
    ) async throws(StorageError) -> [Result<ServiceRequest, StorageError>] {
        guard !batch.isEmpty else { return [] }
        let entries = batch.map {
            (events: $0.events, bodies: $0.events.map(RowFormat.encode), version: $0.expectedVersion)
        }
        return try await write { connection throws(StorageError) in
            var results: [Result<ServiceRequest, StorageError>] = []
            results.reserveCapacity(entries.count)
            for entry in entries {
                try connection.execute("SAVEPOINT batch_entry")
                do throws(StorageError) {
                    let updated = try Self.append(
                        entry.events,
                        bodies: entry.bodies,
                        expectedVersion: entry.version,
                        on: connection
                    )
                    try connection.execute("RELEASE batch_entry")
                    results.append(.success(updated))
                } catch  where error.refusesOneEntry {
                    try connection.execute("ROLLBACK TO batch_entry")
                    try connection.execute("RELEASE batch_entry")
                    results.append(.failure(error))
                }
            }
            return results
        }
    }

    /// One request's append, inside the caller's write transaction.
    private static func append(
        _ events: [RequestEvent],
        bodies: [[UInt8]],
        expectedVersion: Int,
        on connection: SQLiteConnection
    ) throws(StorageError) -> ServiceRequest {
        guard let ticket = events.first?.ticket else {
            throw StorageError(.invalidHistory, reason: "no events to append")
        }
        let key = Int64(ticket.payload)
        let (current, stored) = try connection.run(SQL.selectSnapshot) { statement throws(StorageError) in
            statement.bind(key, at: 1)
            guard try statement.step() else {
                throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
            }
            // Checked before the version is compared, so a damaged row is never written on.
            return try connection.storedRequest(in: statement, at: 0)
        }
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
        var numbering = try FeedNumbering(on: connection)
        for (event, body) in zip(events, bodies) {
            try numbering.addEvent(key, sequence: Int64(event.sequence))
            try connection.run(SQL.insertEvent) { statement throws(StorageError) in
                let sequence = Int64(event.sequence)
                statement.bind(key, at: 1)
                statement.bind(sequence, at: 2)
                statement.bind(RowSeal.seal(body, columns: RowSeal.event(ticket: key, sequence: sequence)), at: 3)
                try statement.execute()
            }
        }
        // The client request ID's stored key never changes; it is carried over as stored.
        let columns = RequestColumns(updated, clientRequestID: stored.clientRequestID)
        let snapshot = RowSeal.seal(RowFormat.encode(updated), columns: columns.checksum)
        try connection.run(SQL.updateRequest) { statement throws(StorageError) in
            columns.bind(to: statement)
            statement.bind(snapshot, at: 8)
            try statement.execute()
        }
        return updated
    }

    // MARK: Reads

    /// The request with `ticket`, read from its snapshot row and checked.
    ///
    /// A stored request is read on the caller's thread when one of the store's few connections
    /// for that is free, and on a reader thread otherwise (see <doc:Threads>); an unknown ticket,
    /// damage and a busy database are always answered by a reader thread.
    public func request(_ ticket: TicketNumber) async throws(StorageError) -> ServiceRequest? {
        if let found = inlineReaders.run({ connection throws(StorageError) in
            try Self.lookUpRequest(ticket, on: connection)
        }), let found {
            return found
        }
        return try await read { connection throws(StorageError) in
            let found = try Self.lookUpRequest(ticket, on: connection)
            if found != nil { return found }
            // Not found: unknown, or its row is lost. Asked again in one read transaction with
            // the checks, so that a request stored meanwhile is not taken for damage.
            return try connection.readTransaction { () throws(StorageError) -> ServiceRequest? in
                if let found = try Self.lookUpRequest(ticket, on: connection) { return found }
                try connection.checkNoRequest(ticket)
                return nil
            }
        }
    }

    static func lookUpRequest(
        _ ticket: TicketNumber,
        on connection: SQLiteConnection
    ) throws(StorageError)
        -> ServiceRequest?
    {
        try connection.run(SQL.selectSnapshot) { statement throws(StorageError) -> ServiceRequest? in
            statement.bind(Int64(ticket.payload), at: 1)
            guard try statement.step() else { return nil }
            return try connection.request(in: statement, at: 0)
        }
    }

    /// The request opened with the key's client request ID by a submitter in its scope, both
    /// compared as Swift compares strings.
    public func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? {
        let (scope, id) = (key.scope.storedKey, key.id.storedKey)
        return try await read { connection throws(StorageError) in
            try connection.run(SQL.selectSnapshotByClientKey) { statement throws(StorageError) -> ServiceRequest? in
                statement.bind(scope, at: 1)
                statement.bind(id, at: 2)
                guard try statement.step() else { return nil }
                let (request, columns) = try connection.storedRequest(in: statement, at: 0)
                // The unique index led here; the row itself must agree. The scope is not under
                // the row's checksum: the sealed opening event's actor vouches for it.
                guard columns.clientRequestID == id else {
                    throw connection.corrupted(
                        request.ticket,
                        "the client request ID index points at a request opened with another ID"
                    )
                }
                let opening = try statement.withBlob(9) { bytes throws(StorageError) in
                    try connection.event(request.ticket, sequence: 1, sealed: bytes)
                }
                guard ClientRequestKey.scope(of: opening.actor).storedKey == scope else {
                    throw connection.corrupted(
                        request.ticket,
                        "the client request ID index points at a request another submitter opened"
                    )
                }
                return request
            }
        }
    }

    /// The request's events, oldest first; empty for an unknown ticket.
    public func events(for ticket: TicketNumber) async throws(StorageError) -> [RequestEvent] {
        try await read { connection throws(StorageError) in try connection.events(for: ticket) }
    }

    /// The contact with `ticket`.
    public func contact(_ ticket: TicketNumber) async throws(StorageError) -> Contact? {
        try await read { connection throws(StorageError) in
            if let found = try Self.lookUpContact(ticket, on: connection) { return found }
            return try connection.readTransaction { () throws(StorageError) -> Contact? in
                if let found = try Self.lookUpContact(ticket, on: connection) { return found }
                try connection.checkNoContact(ticket)
                return nil
            }
        }
    }

    private static func lookUpContact(
        _ ticket: TicketNumber,
        on connection: SQLiteConnection
    ) throws(StorageError)
        -> Contact?
    {
        try connection.run(SQL.selectContact) { statement throws(StorageError) -> Contact? in
            statement.bind(Int64(ticket.payload), at: 1)
            guard try statement.step() else { return nil }
            return try connection.contact(in: statement, at: 0)
        }
    }

    /// One page of the requests matching `query`, in its order, as one SQL statement over the
    /// indexed snapshot columns. Each request read is checked against the query and the order
    /// too, so a damaged index cannot slip in a request that does not belong.
    public func requests(
        matching query: RequestQuery,
        page: PageRequest
    ) async throws(StorageError) -> Page<ServiceRequest> {
        try query.order.validate(page.after)
        let items: [ServiceRequest] = try await read { connection throws(StorageError) in
            let ranges = query.hasDateBounds ? try StoredRanges(on: connection) : nil
            let (sql, filters) = query.listingSQL(after: page.after, ranges: ranges)
            return try connection.runGenerated(sql) { statement throws(StorageError) in
                let limitIndex = SQLFilter.bind(filters, to: statement)
                statement.bind(page.limit + 1, at: limitIndex)
                var items: [ServiceRequest] = []
                items.reserveCapacity(min(page.limit + 1, 128))
                while try statement.step() {
                    let request = try connection.request(in: statement, at: 0)
                    let inOrder =
                        items.last.map { query.order.sorts($0, before: request) }
                        ?? page.after.map { query.order.sorts(request, after: $0) } ?? true
                    guard query.matches(request), inOrder else {
                        throw connection.corrupted(
                            request.ticket,
                            "an index returned a request that does not match the query or is out of order"
                        )
                    }
                    items.append(request)
                }
                return items
            }
        }
        return Self.page(of: items, limit: page.limit) { query.order.cursor(after: $0) }
    }

    /// The number of requests matching `query`.
    public func countRequests(matching query: RequestQuery) async throws(StorageError) -> Int {
        try await read { connection throws(StorageError) in
            let ranges = query.hasDateBounds ? try StoredRanges(on: connection) : nil
            let (sql, filter) = query.countSQL(ranges: ranges)
            return try connection.runGenerated(sql) {
                statement throws(StorageError) in
                filter.bind(to: statement)
                return try statement.step() ? statement.int(0) : 0
            }
        }
    }

    /// One page of the contacts matching `query`, in ticket order, each checked against the
    /// query and the order.
    public func contacts(matching query: ContactQuery, page: PageRequest) async throws(StorageError) -> Page<Contact> {
        try RequestOrder.ticketAscending.validate(page.after)
        var filter = query.sqlFilter
        if let after = page.after { filter.require("ticket > ?", .integer(Int64(after.ticket.payload))) }
        let sql = "SELECT \(SQL.contactColumns) FROM contact" + filter.sql + " ORDER BY ticket LIMIT ?"
        let items: [Contact] = try await read { [filter] connection throws(StorageError) in
            try connection.runGenerated(sql) { statement throws(StorageError) in
                let limitIndex = filter.bind(to: statement)
                statement.bind(page.limit + 1, at: limitIndex)
                var items: [Contact] = []
                while try statement.step() {
                    let contact = try connection.contact(in: statement, at: 0)
                    let floor = items.last?.ticket ?? page.after?.ticket
                    guard query.matches(contact), floor.map({ $0 < contact.ticket }) ?? true else {
                        throw connection.corrupted(
                            contact.ticket,
                            "an index returned a contact that does not match the query or is out of order"
                        )
                    }
                    items.append(contact)
                }
                return items
            }
        }
        return Self.page(of: items, limit: page.limit) { PageCursor(order: .ticketAscending, ticket: $0.ticket) }
    }

    /// The number of contacts matching `query`.
    public func countContacts(matching query: ContactQuery) async throws(StorageError) -> Int {
        let filter = query.sqlFilter
        return try await read { connection throws(StorageError) in
            try connection.runGenerated("SELECT count(*) FROM contact" + filter.sql) { statement throws(StorageError) in
                filter.bind(to: statement)
                return try statement.step() ? statement.int(0) : 0
            }
        }
    }

    /// The highest ticket stored for `node`, from the node index, checked against its contact
    /// row.
    public func latestTicket(issuedBy node: Int) async throws(StorageError) -> TicketNumber? {
        try await read { connection throws(StorageError) in
            try connection.readTransaction { () throws(StorageError) -> TicketNumber? in
                let latest = try connection.run(SQL.selectLatestTicket) {
                    statement throws(StorageError) -> TicketNumber? in
                    statement.bind(node, at: 1)
                    guard try statement.step() else { return nil }
                    return try connection.ticket(statement.int64(0))
                }
                guard let latest else { return nil }
                guard latest.node == node, try Self.lookUpContact(latest, on: connection) != nil else {
                    throw connection.corrupted(latest, "the node index names a contact that is not stored")
                }
                return latest
            }
        }
    }

    // MARK: Internals

    /// Runs `body` in a write transaction on the writer thread.
    func write<Value: Sendable>(
        _ body: @escaping @Sendable (SQLiteConnection) throws(StorageError) -> Value
    ) async throws(StorageError) -> Value {
        guard let writerJobs else {
            throw StorageError(.readOnly, reason: "\(path) was opened with access .\(configuration.access)")
        }
        return try await writerJobs.run { connection throws(StorageError) -> Value in
            try connection.writeTransaction { () throws(StorageError) -> Value in try body(connection) }
        }
    }

    /// Runs `body` on the writer thread, outside any transaction (inspection hooks only).
    func withWriter<Value: Sendable>(
        _ body: @escaping @Sendable (SQLiteConnection) throws(StorageError) -> Value
    ) async throws(StorageError) -> Value {
        guard let writerJobs else {
            throw StorageError(.readOnly, reason: "\(path) was opened with access .\(configuration.access)")
        }
        return try await writerJobs.run(body)
    }

    /// Runs `body` on the first reader thread that is free.
    func read<Value: Sendable>(
        _ body: @escaping @Sendable (SQLiteConnection) throws(StorageError) -> Value
    ) async throws(StorageError) -> Value {
        try await readerJobs.run(body)
    }

    /// Inserts the contact's row and gives it the next feed position.
    private static func insert(
        _ contact: StoredContact,
        numbering: inout FeedNumbering,
        on connection: SQLiteConnection
    ) throws(StorageError) {
        try connection.run(SQL.insertContact) { statement throws(StorageError) in
            contact.columns.bind(to: statement)
            statement.bind(contact.body, at: 5)
            try statement.execute()
        }
        try numbering.addContact(contact.columns.ticket)
    }

    /// Inserts the contact, the request and its opening event, giving the contact the next feed
    /// position and the opening event the one after.
    private static func insert(
        _ row: NewRequestRow,
        numbering: inout FeedNumbering,
        on connection: SQLiteConnection
    ) throws(StorageError) {
        let ticket = row.request.ticket
        if let key = row.clientRequestKey, let scope = row.clientScope {
            let taken = try connection.run(SQL.selectClientKey) { statement throws(StorageError) in
                statement.bind(scope, at: 1)
                statement.bind(row.columns.clientRequestID, at: 2)
                return try statement.step()
            }
            if taken { throw StorageError.duplicate(key, refusing: ticket) }
        }
        do throws(StorageError) {
            try insert(row.contact, numbering: &numbering, on: connection)
            try connection.run(SQL.insertRequest) { statement throws(StorageError) in
                row.columns.bind(to: statement)
                statement.bind(row.snapshot, at: 8)
                statement.bind(row.columns.clientRequestID, at: 9)
                statement.bind(row.clientScope, at: 10)
                try statement.execute()
            }
        } catch  where error.code == .duplicate {
            throw StorageError(.duplicate, ticket: ticket, reason: "the ticket is already stored", cause: error.cause)
        }
        try connection.run(SQL.insertEvent) { statement throws(StorageError) in
            statement.bind(Int64(ticket.payload), at: 1)
            statement.bind(1, at: 2)
            statement.bind(row.openingBody, at: 3)
            try statement.execute()
        }
        try numbering.addEvent(Int64(ticket.payload), sequence: 1)
    }

    /// Cuts `items` (at most one past `limit`) to a page, with a cursor when more remain.
    private static func page<Item>(of items: [Item], limit: Int, cursor: (Item) -> PageCursor) -> Page<Item> {
        guard items.count > limit else { return Page(items: items, next: nil) }
        let kept = Array(items.prefix(limit))
        return Page(items: kept, next: cursor(kept[limit - 1]))
    }
}

extension RequestStore where Self == SQLiteRequestStore {
    /// A SQLite store in the file at `path`: `ServiceCenter(…, store: try .sqlite(path: …))`.
    public static func sqlite(
        path: String,
        mode: SQLiteRequestStore.Mode = .openOrCreate,
        configuration: SQLiteRequestStore.Configuration = .default
    ) throws(StorageError) -> SQLiteRequestStore {
        try SQLiteRequestStore(path: path, mode: mode, configuration: configuration)
    }
}
