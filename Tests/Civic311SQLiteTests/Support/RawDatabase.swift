import CCivic311SQLite
import Foundation

/// A bare SQLite connection for tests that look at or tamper with a store's file behind its back.
final class RawDatabase {
    private var handle: OpaquePointer?

    init(_ path: String, readOnly: Bool = false) throws {
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw RawDatabaseError(message: message)
        }
    }

    deinit { close() }

    func close() {
        sqlite3_close_v2(handle)
        handle = nil
    }

    /// Runs statements; throws SQLite's message on failure.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            defer { sqlite3_free(message) }
            throw RawDatabaseError(message: message.map { String(cString: $0) } ?? "error")
        }
    }

    /// Runs one statement with `blob` bound to its only parameter.
    func execute(_ sql: String, binding blob: [UInt8]) throws {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw RawDatabaseError(message: String(cString: sqlite3_errmsg(handle)))
        }
        defer { sqlite3_finalize(statement) }
        _ = blob.withUnsafeBytes { bytes in
            sqlite3_bind_blob(statement, 1, bytes.baseAddress, Int32(bytes.count), civic311_sqlite3_transient())
        }
        guard sqlite3_step(statement) == SQLITE_DONE else {
            throw RawDatabaseError(message: String(cString: sqlite3_errmsg(handle)))
        }
    }

    /// The first column of the first row of `sql`, as bytes.
    func blob(_ sql: String) throws -> [UInt8]? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw RawDatabaseError(message: String(cString: sqlite3_errmsg(handle)))
        }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else { return nil }
        let count = Int(sqlite3_column_bytes(statement, 0))
        guard let pointer = sqlite3_column_blob(statement, 0) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Every row of `sql`, each column as text (NULL as "NULL").
    func rows(_ sql: String) throws -> [[String]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw RawDatabaseError(message: String(cString: sqlite3_errmsg(handle)))
        }
        defer { sqlite3_finalize(statement) }
        var rows: [[String]] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw RawDatabaseError(message: String(cString: sqlite3_errmsg(handle))) }
            rows.append(
                (0..<sqlite3_column_count(statement)).map { column in
                    sqlite3_column_text(statement, column).map { String(cString: $0) } ?? "NULL"
                }
            )
        }
    }

    /// The first column of the first row of `sql`.
    func value(_ sql: String) throws -> String? {
        try rows(sql).first?.first
    }
}

struct RawDatabaseError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
