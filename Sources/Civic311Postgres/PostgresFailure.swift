import Civic311

/// What PostgreSQL (or libpq) reported for a failed command, and the `StorageError` it becomes.
///
/// The error's cause keeps the SQLSTATE and the server's message unchanged, so a caller (or an
/// operator reading a log) can act on the exact condition.
struct PostgresFailure: Sendable {
    /// The five-character SQLSTATE: `"40001"`, `"23505"`…
    let sqlstate: String
    let message: String
    /// The constraint a violation names, if any.
    let constraint: String?
    /// Whether the connection to the server was lost with it.
    let connectionLost: Bool

    var cause: StorageError.Cause {
        StorageError.Cause(system: "postgresql", code: sqlstate, message: message)
    }

    /// Whether running the whole transaction again may succeed and cannot store anything twice:
    /// the server rolled it back (serialization failure, deadlock).
    static func isRetryable(_ error: StorageError) -> Bool {
        guard error.cause?.system == "postgresql", let code = error.cause?.code else { return false }
        return code == "40001" || code == "40P01"
    }

    /// Whether the error came with the loss of the connection.
    static func isConnectionLoss(_ error: StorageError) -> Bool {
        guard error.cause?.system == "postgresql", let code = error.cause?.code else { return false }
        return code.hasPrefix("08") || code == "57P01" || code == "57P02" || code == "57P03"
    }

    var storageError: StorageError {
        let (code, reason) = Self.classify(sqlstate, connectionLost: connectionLost)
        return StorageError(code, reason: reason, cause: cause)
    }

    /// The `StorageError` code and the reason for a SQLSTATE, by its class (the first two
    /// characters) where the class says enough.
    private static func classify(_ sqlstate: String, connectionLost: Bool) -> (StorageError.Code, String) {
        switch sqlstate {
        case "23505": return (.duplicate, "a unique key is already stored")
        case "40001": return (.busy, "a concurrent transaction prevented this one; it was rolled back")
        case "40P01": return (.busy, "a deadlock with another transaction; this one was rolled back")
        case "57014": return (.busy, "the statement timed out (statement_timeout) and was rolled back")
        case "55P03": return (.busy, "a lock was not granted in time (lock_timeout); nothing was written")
        case "25006": return (.readOnly, "the server accepts only reads (a standby, or default_transaction_read_only)")
        case "53100": return (.unavailable, "the server's disk is full; nothing was written")
        case "57P01", "57P02", "57P03": return (.unavailable, "the server is shutting down or starting up")
        default: break
        }
        switch sqlstate.prefix(2) {
        case "08": return (.unavailable, "the connection to the server failed or was lost")
        case "28": return (.unavailable, "the server refused the login")
        case "53": return (.unavailable, "the server ran out of a resource (disk, memory, connections)")
        case "3D": return (.unavailable, "the database does not exist")
        case "42": return (.incompatibleSchema, "the database does not have the tables or columns this library expects")
        case "XX":
            // XX001 and XX002 are damaged data and indexes; the rest of the class is the server's own fault.
            return sqlstate == "XX001" || sqlstate == "XX002"
                ? (.corrupted, "the server found damaged data or a damaged index")
                : (.unavailable, "the server reported an internal error")
        default:
            return connectionLost
                ? (.unavailable, "the connection to the server was lost")
                : (.unavailable, "the server refused the command")
        }
    }

    /// libpq's message without its trailing newline.
    static func trimmed(_ message: String) -> String {
        var text = Substring(message)
        while let last = text.last, last.isNewline || last == " " { text = text.dropLast() }
        return String(text)
    }
}
