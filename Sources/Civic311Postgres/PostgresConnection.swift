internal import CCivic311Postgres
import Civic311
import Foundation

/// One libpq connection, used by one thread at a time (libpq connections are not thread-safe):
/// each lives on one of the store's own threads, see ``ConnectionPool``.
///
/// Statements with parameters are prepared on the connection the first time it runs them
/// (`PQprepare`) and run with `PQexecPrepared` afterwards, in text format, so the server parses
/// and plans the store's few statements once per connection rather than once per call;
/// parameters are never spliced into SQL. Every failure becomes a `StorageError` whose cause
/// keeps PostgreSQL's SQLSTATE and message.
final class PostgresConnection {
    /// The libpq connection; `nil` once closed.
    private var handle: OpaquePointer?
    /// The unique or foreign-key constraint the last failed statement violated, if any: which
    /// of several keys one statement writes was taken.
    private(set) var violatedConstraint: String?
    /// The libpq connection string it was opened with (a URI, `key=value` pairs, or empty for the
    /// `PG*` environment variables).
    let connectionString: String
    /// The statements prepared on this session, by their SQL: the name each was prepared under.
    /// A session of its own has none, so a reconnection empties it.
    private var prepared: [String: String] = [:]
    /// The most statements one connection prepares; queries built from filters vary, and past
    /// this many they are sent unprepared rather than fill the server's memory.
    static let preparedLimit = 64

    /// Connects, and checks the session can hold the store's text exactly (UTF-8).
    ///
    /// - Throws: `StorageError.Code.unavailable` when the server cannot be reached or refuses the
    ///   login; the cause keeps libpq's message.
    init(connectionString: String, statementTimeout: Duration?) throws(StorageError) {
        self.connectionString = connectionString
        handle = PQconnectdb(connectionString)
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let message = handle.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            if let handle { PQfinish(handle) }
            self.handle = nil
            throw Self.connectionError(message)
        }
        // libpq prints the server's notices and warnings on standard error by default; a
        // library must not write to its host's output. Errors still come back as results.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        try configure(statementTimeout: statementTimeout)
    }

    /// Sets the session up the same way on every (re)connection.
    private func configure(statementTimeout: Duration?) throws(StorageError) {
        let milliseconds =
            statementTimeout.map { timeout in
                let (seconds, attoseconds) = timeout.components
                return max(1, Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000))
            } ?? 0
        try execute(
            "SET client_encoding = 'UTF8'; SET default_transaction_isolation = 'read committed'; "
                + "SET statement_timeout = \(milliseconds)"
        )
        let encoding = try execute("SHOW server_encoding").text(0, 0)
        guard encoding == "UTF8" else {
            throw StorageError(
                .incompatibleSchema,
                reason:
                    "the database's encoding is \(encoding ?? "unknown"); Civic311 needs UTF8 (CREATE DATABASE … ENCODING 'UTF8')"
            )
        }
    }

    /// Whether the connection to the server is gone (it then needs ``reconnect(statementTimeout:)``).
    var isBroken: Bool {
        guard let handle else { return true }
        return PQstatus(handle) != CONNECTION_OK
    }

    /// Reconnects with the same settings after the connection broke.
    func reconnect(statementTimeout: Duration?) throws(StorageError) {
        guard let handle else { throw StorageError(.unavailable, reason: "the connection is closed") }
        PQreset(handle)
        prepared.removeAll()
        guard PQstatus(handle) == CONNECTION_OK else {
            throw Self.connectionError(String(cString: PQerrorMessage(handle)))
        }
        try configure(statementTimeout: statementTimeout)
    }

    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    deinit { close() }

    /// Runs one statement (or, without parameters, several separated by semicolons) and returns
    /// the rows of the last one.
    ///
    /// - Throws: `StorageError` mapped from the SQLSTATE (see ``PostgresFailure``).
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws(StorageError) -> PostgresRows {
        guard let handle else { throw StorageError(.unavailable, reason: "the connection is closed") }
        let result: OpaquePointer?
        if parameters.isEmpty {
            result = PQexec(handle, sql)
        } else if let name = try preparedName(sql, parameterCount: parameters.count, on: handle) {
            result = Self.withCStrings(parameters) { values in
                PQexecPrepared(handle, name, Int32(values.count), values, nil, nil, 0)
            }
        } else {
            result = Self.withCStrings(parameters) { values in
                PQexecParams(handle, sql, Int32(values.count), nil, values, nil, nil, 0)
            }
        }
        guard let result else { throw failure(nil) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(result)
        default:
            throw failure(result)
        }
    }

    /// The name `sql` is prepared under on this session, preparing it first if it is not yet;
    /// `nil` when the session holds ``preparedLimit`` statements already. A statement prepared
    /// through the protocol is not undone by a rollback, so the name stays good for the session.
    ///
    /// - Throws: the server's error when `sql` cannot be prepared (a syntax error, an unknown
    ///   table, an aborted transaction), as running it would.
    private func preparedName(
        _ sql: String,
        parameterCount: Int,
        on handle: OpaquePointer
    ) throws(StorageError) -> String? {
        if let name = prepared[sql] { return name }
        guard prepared.count < Self.preparedLimit else { return nil }
        let name = "civic311_\(prepared.count)"
        guard let result = PQprepare(handle, name, sql, Int32(parameterCount), nil) else { throw failure(nil) }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw failure(result) }
        prepared[sql] = name
        return name
    }

    /// Runs `body` in one transaction at `isolation`, committing when it returns and rolling
    /// back when it throws.
    func transaction<Value>(
        _ isolation: Isolation = .readCommitted,
        _ body: () throws(StorageError) -> Value
    ) throws(StorageError) -> Value {
        try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        let value: Value
        do throws(StorageError) {
            value = try body()
        } catch {
            // A broken connection has rolled back on the server already.
            if !isBroken { _ = try? execute("ROLLBACK") }
            throw error
        }
        do throws(StorageError) {
            try execute("COMMIT")
        } catch  where isBroken || PostgresFailure.isConnectionLoss(error) {
            // The COMMIT may have reached the server and been carried out: the outcome is
            // unknown, so this is reported as such (SQLSTATE 08007) and never retried.
            throw StorageError(
                .unavailable,
                reason:
                    "the connection was lost while committing; the command may or may not have been stored, "
                    + "read it back before repeating it",
                cause: StorageError.Cause(
                    system: "postgresql",
                    code: "08007",
                    message: error.cause?.message ?? error.reason
                )
            )
        }
        return value
    }

    /// The isolation levels the store uses; see the store's documentation for which and why.
    enum Isolation: String {
        case readCommitted = "READ COMMITTED"
        case repeatableReadOnly = "REPEATABLE READ READ ONLY"
    }

    /// The error for the failed command whose result (if any) is `result`.
    private func failure(_ result: OpaquePointer?) -> StorageError {
        let lost = isBroken
        func field(_ code: UInt8) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code)) else { return nil }
            return String(cString: value)
        }
        let message =
            field(UInt8(ascii: "M"))
            ?? handle.map { String(cString: PQerrorMessage($0)) }.map(PostgresFailure.trimmed) ?? "no message"
        // Errors libpq raises itself carry no SQLSTATE: they are the connection's (lost, or out
        // of step with the server), so they are reported as a connection failure.
        let failure = PostgresFailure(
            sqlstate: field(UInt8(ascii: "C")) ?? "08006",
            message: message,
            constraint: field(UInt8(ascii: "n")),
            connectionLost: lost
        )
        violatedConstraint = failure.constraint
        return failure.storageError
    }

    /// The error for a connection that could not be opened. libpq reports no SQLSTATE for
    /// these, so a refused login is told apart by its message.
    static func connectionError(_ message: String) -> StorageError {
        let text = PostgresFailure.trimmed(message)
        let refused =
            text.contains("authentication failed") || text.contains("no password supplied")
            || text.contains("pg_hba.conf")
        let failure = PostgresFailure(
            sqlstate: refused ? "28000" : "08001",
            message: text,
            constraint: nil,
            connectionLost: true
        )
        return failure.storageError
    }

    /// Calls `body` with `strings` as C strings that live for the call.
    private static func withCStrings<Result>(
        _ strings: [String?],
        _ body: ([UnsafePointer<CChar>?]) -> Result
    ) -> Result {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeMutableBufferPointer { buffer in
            body(buffer.map { $0.map { UnsafePointer($0) } })
        }
    }
}
