import CCivic311Postgres
import Foundation

/// A bare libpq connection for the tests' own statements: creating databases, and reaching
/// under the store to change what it wrote.
package final class RawPostgres {
    private let handle: OpaquePointer

    package init(_ connectionString: String) throws {
        guard let handle = PQconnectdb(connectionString) else { throw Failure(message: "out of memory") }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle))
            PQfinish(handle)
            throw Failure(message: message)
        }
        self.handle = handle
    }

    deinit { PQfinish(handle) }

    /// Runs `sql` and returns the first column of its rows.
    @discardableResult
    package func execute(_ sql: String) throws -> [String?] {
        guard let result = PQexec(handle, sql) else { throw Failure(message: "out of memory") }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw Failure(message: String(cString: PQresultErrorMessage(result)))
        }
        return (0..<PQntuples(result)).map { row in
            PQgetisnull(result, row, 0) == 1 ? nil : String(cString: PQgetvalue(result, row, 0))
        }
    }

    package struct Failure: Error, CustomStringConvertible {
        package let message: String
        package var description: String { message }
    }
}
