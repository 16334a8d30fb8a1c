import Civic311
import Foundation

// Hooks for this package's tests and benchmarks: they expose the database, not the domain, and
// are not API.
extension SQLiteRequestStore {
    /// Creates (or migrates) the database at `path` to exactly `schemaVersion`, for migration
    /// tests that need a file at an earlier version.
    // SPI, not API: the raw-insert baseline of the SQLite benchmark builds the same schema.
    @_spi(Benchmarks) public static func createDatabase(at path: String, schemaVersion: Int) throws(StorageError) {
        let connection = try SQLiteConnection(path: path, readOnly: false, create: true, busyTimeout: .seconds(5))
        defer { connection.close() }
        try SQLiteSchema.prepare(connection, upTo: schemaVersion)
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
            let filter = query.listingFilter(after: cursor, ranges: ranges)
            let sql =
                "EXPLAIN QUERY PLAN SELECT \(SQL.requestColumns) FROM request" + filter.sql + query.sqlOrder
                + " LIMIT ?"
            return try connection.runGenerated(sql) { statement throws(StorageError) in
                let limitIndex = filter.bind(to: statement)
                statement.bind(101, at: limitIndex)
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
