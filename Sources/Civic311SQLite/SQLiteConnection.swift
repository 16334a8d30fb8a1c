internal import CCivic311SQLite
import Civic311
import Foundation

/// One SQLite connection with its prepared-statement cache.
///
/// Not thread-safe and not `Sendable`: each connection lives on one ``ConnectionThread`` and
/// never leaves it, which is what makes opening SQLite in multi-thread (`NOMUTEX`) mode safe.
final class SQLiteConnection {
    let path: String
    private var handle: OpaquePointer?
    /// The store's fixed statements: a closed set, prepared once and never evicted.
    private var statements: [String: SQLiteStatement] = [:]
    /// Listing and count statements, one per filter shape; bounded, evicted all at once.
    private var dynamicStatements: [String: SQLiteStatement] = [:]
    private static let dynamicCapacity = 64

    /// How a connection opens its file.
    enum FileAccess: Sendable {
        /// Creates the file if it does not exist (only ever for a store being created).
        case create
        /// Reads and writes an existing file.
        case readWrite
        /// Reads an existing file, beside writers, through its `-wal` and `-shm` files.
        case readOnly
        /// Reads an existing file that nothing writes: no locks, no `-wal` or `-shm` file.
        case immutable
    }

    /// Opens the database at `path`.
    init(path: String, access: FileAccess, busyTimeout: Duration) throws(StorageError) {
        self.path = path
        var opened: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX
        var name = path
        switch access {
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .immutable:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            name = Self.immutableURI(path)
        }
        let code = sqlite3_open_v2(name, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let error =
                opened.map {
                    StorageError(
                        sqlite: SQLiteResultCode(rawValue: sqlite3_extended_errcode($0)),
                        message: String(cString: sqlite3_errmsg($0)),
                        systemError: sqlite3_system_errno($0),
                        path: path
                    )
                }
                ?? StorageError(
                    .unavailable,
                    reason: "\(path) could not be opened: SQLite is out of memory",
                    cause: StorageError.Cause(
                        system: "sqlite",
                        code: SQLiteResultCode(rawValue: code).description,
                        message: "out of memory"
                    )
                )
            sqlite3_close_v2(opened)
            throw error
        }
        handle = opened
        sqlite3_extended_result_codes(opened, 1)
        let milliseconds =
            busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        sqlite3_busy_timeout(opened, Int32(clamping: milliseconds))
        _ = civic311_sqlite3_enable_defensive(opened)
        _ = civic311_sqlite3_disable_double_quoted_strings(opened)
    }

    deinit { close() }

    /// The URI that opens `path` immutable: `?`, `#` and `%` are escaped, the rest is the path.
    private static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for character in path.unicodeScalars {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return (path.hasPrefix("/") ? "file://" : "file:") + escaped + "?immutable=1"
    }

    var isOpen: Bool { handle != nil }

    /// The number of prepared statements held, for tests of the cache bound.
    var cachedStatementCount: Int { statements.count + dynamicStatements.count }

    /// Finalises every statement and closes the connection; later calls fail as unavailable.
    func close() {
        guard let handle else { return }
        for statement in statements.values { statement.finalize() }
        for statement in dynamicStatements.values { statement.finalize() }
        statements = [:]
        dynamicStatements = [:]
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// The error for the last failure on this connection, which returned `code`.
    func failure(_ code: Int32) -> StorageError {
        guard let handle else { return closedError }
        // Prefer the connection's extended code when it describes this failure.
        let last = sqlite3_extended_errcode(handle)
        let extended = last & 0xff == code & 0xff ? last : code
        return StorageError(
            sqlite: SQLiteResultCode(rawValue: extended),
            message: String(cString: sqlite3_errmsg(handle)),
            systemError: sqlite3_system_errno(handle),
            path: path
        )
    }

    private var closedError: StorageError {
        StorageError(.unavailable, reason: "the store for \(path) is closed")
    }

    /// Runs `body` with the cached statement for `sql` and resets the statement afterwards.
    func run<Result>(
        _ sql: String,
        _ body: (SQLiteStatement) throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        let statement = try cached(sql, in: &statements)
        defer { statement.reset() }
        return try body(statement)
    }

    /// As ``run(_:_:)`` for generated SQL (listings and counts). Call it only at the top level of
    /// a command, never while another statement is stepping: preparing a new shape may evict the
    /// others.
    func runGenerated<Result>(
        _ sql: String,
        _ body: (SQLiteStatement) throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        if dynamicStatements[sql] == nil, dynamicStatements.count >= Self.dynamicCapacity {
            for statement in dynamicStatements.values { statement.finalize() }
            dynamicStatements = [:]
        }
        let statement = try cached(sql, in: &dynamicStatements)
        defer { statement.reset() }
        return try body(statement)
    }

    private func cached(
        _ sql: String,
        in cache: inout [String: SQLiteStatement]
    ) throws(StorageError) -> SQLiteStatement {
        if let statement = cache[sql] { return statement }
        guard let handle else { throw closedError }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else { throw failure(code) }
        let statement = SQLiteStatement(handle: prepared, connection: self)
        cache[sql] = statement
        return statement
    }

    /// Runs one or more statements without caching them (pragmas, schema changes).
    func execute(_ sql: String) throws(StorageError) {
        guard let handle else { throw closedError }
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw failure(code) }
    }

    /// The first column of the first row of `sql`, as an integer (pragmas, counts).
    func integer(_ sql: String) throws(StorageError) -> Int64 {
        try run(sql) { statement throws(StorageError) in try statement.step() ? statement.int64(0) : 0 }
    }

    /// The first column of the first row of `sql`, as text.
    func text(_ sql: String) throws(StorageError) -> String {
        try run(sql) { statement throws(StorageError) in try statement.step() ? statement.text(0) : "" }
    }

    /// Runs `body` in a write transaction, taking the write lock up front so that the
    /// transaction never fails half-way for lack of it; rolls back on any error.
    func writeTransaction<Result>(_ body: () throws(StorageError) -> Result) throws(StorageError) -> Result {
        try run("BEGIN IMMEDIATE") { statement throws(StorageError) in try statement.execute() }
        do {
            let result = try body()
            try run("COMMIT") { statement throws(StorageError) in try statement.execute() }
            return result
        } catch {
            rollback()
            throw error
        }
    }

    /// Runs `body` in a read transaction, so that several statements see one snapshot.
    func readTransaction<Result>(_ body: () throws(StorageError) -> Result) throws(StorageError) -> Result {
        try run("BEGIN") { statement throws(StorageError) in try statement.execute() }
        defer { rollback() }
        return try body()
    }

    /// Ends any open transaction without keeping its changes. SQLite may already have rolled
    /// back (after a full disk, say), so this checks first.
    private func rollback() {
        guard let handle, sqlite3_get_autocommit(handle) == 0 else { return }
        sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
    }
}
