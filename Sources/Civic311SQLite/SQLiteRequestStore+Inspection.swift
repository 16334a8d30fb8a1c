import Civic311
import Foundation

// Hooks for this package's tests and benchmarks: they expose the database, not the domain, and
// are not API.
extension SQLiteRequestStore {
    /// Creates a store at `path`, which must not exist, at exactly `schemaVersion` (1 or more),
    /// for migration tests that need a file at an earlier version.
    // SPI, not API: the raw-insert baseline of the SQLite benchmark builds the same schema.
    @_spi(Benchmarks) public static func createDatabase(at path: String, schemaVersion: Int) throws(StorageError) {
        guard case .missing = try StoreFile.state(of: path) else {
            throw StorageError(.duplicate, errno: EEXIST, reason: "\(path) already exists")
        }
        let created = try StoreFile.create(at: path, busyTimeout: .seconds(5)) { connection throws(StorageError) in
            try SQLiteSchema.create(connection, upTo: schemaVersion)
        }
        guard created else { throw StorageError(.duplicate, errno: EEXIST, reason: "\(path) already exists") }
    }

    /// Upgrades the store at `path`, at an earlier schema version, to exactly `schemaVersion`,
    /// for migration tests that need a file at a version whose rows only a migration writes.
    package static func upgradeDatabase(at path: String, toSchemaVersion schemaVersion: Int) throws(StorageError) {
        let connection = try SQLiteConnection(path: path, access: .readWrite, busyTimeout: .seconds(5))
        defer { connection.close() }
        try connection.writeTransaction { () throws(StorageError) in
            let version = try SQLiteSchema.check(connection)
            guard version < schemaVersion, schemaVersion <= SQLiteSchema.currentVersion else {
                throw StorageError(.invalidArgument, reason: "cannot upgrade from \(version) to \(schemaVersion)")
            }
            try SQLiteSchema.migrate(connection, from: version, to: schemaVersion)
        }
    }

    /// The value of a pragma on the writer connection (`"synchronous"`, `"journal_mode"`…).
    package func writerPragma(_ name: String) async throws(StorageError) -> String {
        try await withWriter { connection throws(StorageError) in try connection.text("PRAGMA \(name)") }
    }

    /// SQLite's plan for listing `query` (the `detail` column of `EXPLAIN QUERY PLAN`).
    package func queryPlan(
        _ query: RequestQuery,
        after cursor: PageCursor? = nil
    ) async throws(StorageError) -> [String] {
        try await withWriter { connection throws(StorageError) in
            let ranges = query.hasDateBounds ? try StoredRanges(on: connection) : nil
            let (sql, filters) = query.listingSQL(after: cursor, ranges: ranges)
            return try connection.runGenerated("EXPLAIN QUERY PLAN " + sql) { statement throws(StorageError) in
                let limitIndex = SQLFilter.bind(filters, to: statement)
                statement.bind(101, at: limitIndex)
                var details: [String] = []
                while try statement.step() { details.append(statement.text(3)) }
                return details
            }
        }
    }

    /// SQLite's plan for counting `query`.
    package func countPlan(_ query: RequestQuery) async throws(StorageError) -> [String] {
        try await withWriter { connection throws(StorageError) in
            let ranges = query.hasDateBounds ? try StoredRanges(on: connection) : nil
            let (sql, filter) = query.countSQL(ranges: ranges)
            return try connection.runGenerated("EXPLAIN QUERY PLAN " + sql) { statement throws(StorageError) in
                filter.bind(to: statement)
                var details: [String] = []
                while try statement.step() { details.append(statement.text(3)) }
                return details
            }
        }
    }

    /// SQLite's plan for `sql` with no parameters.
    package func queryPlan(sql: String) async throws(StorageError) -> [String] {
        try await withWriter { connection throws(StorageError) in
            try connection.runGenerated("EXPLAIN QUERY PLAN " + sql) { statement throws(StorageError) in
                var details: [String] = []
                while try statement.step() { details.append(statement.text(3)) }
                return details
            }
        }
    }

    /// How many statements the writer connection has cached (fixed and generated).
    package func cachedStatementCount() async throws(StorageError) -> Int {
        try await withWriter { connection throws(StorageError) in connection.cachedStatementCount }
    }
}

// Sealing rows of a test's own making, as the store would: for tests of damage that a checksum
// cannot see (a row forged whole) and of rows from a newer library.
extension SQLiteRequestStore {
    /// `payload` sealed as the body of `contact`'s row.
    package static func sealedBody(_ payload: [UInt8], of contact: Contact) -> [UInt8] {
        RowSeal.seal(payload, columns: ContactColumns(contact).checksum)
    }

    /// `payload` sealed as the body of `event`'s row.
    package static func sealedBody(_ payload: [UInt8], of event: RequestEvent) -> [UInt8] {
        RowSeal.seal(
            payload,
            columns: RowSeal.event(ticket: Int64(event.ticket.payload), sequence: Int64(event.sequence))
        )
    }

    /// `payload` sealed as the snapshot of `request`'s row, stored with `request`'s columns.
    package static func sealedSnapshot(_ payload: [UInt8], of request: ServiceRequest) -> [UInt8] {
        RowSeal.seal(payload, columns: RequestColumns(request).checksum)
    }
}
