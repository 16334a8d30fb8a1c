internal import CCivic311SQLite
import Civic311
import Foundation

/// A prepared statement, owned and cached by one ``SQLiteConnection``.
///
/// Every use binds all of its parameters and ends with ``reset()`` (see
/// ``SQLiteConnection/run(_:_:)``), so a finished read never holds its snapshot open.
final class SQLiteStatement {
    let handle: OpaquePointer
    // Unowned: the connection owns its statements and finalises them before it goes.
    private unowned let connection: SQLiteConnection

    init(handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    func finalize() {
        sqlite3_finalize(handle)
    }

    func reset() {
        sqlite3_reset(handle)
    }

    // Binding fails only for a parameter index out of range or a value over SQLite's size limit:
    // both are checked before binding (indices are fixed per statement, texts are capped by the
    // domain), so results are not inspected.

    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ value: Int, at index: Int32) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ value: String, at index: Int32) {
        var value = value
        value.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else {
                // An empty text, not NULL.
                _ = sqlite3_bind_text(handle, index, "", 0, civic311_sqlite3_transient())
                return
            }
            _ = base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { pointer in
                sqlite3_bind_text(handle, index, pointer, Int32(utf8.count), civic311_sqlite3_transient())
            }
        }
    }

    func bind(_ value: String?, at index: Int32) {
        if let value { bind(value, at: index) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ bytes: [UInt8], at index: Int32) {
        bytes.withUnsafeBytes { buffer in
            if let base = buffer.baseAddress {
                _ = sqlite3_bind_blob(handle, index, base, Int32(buffer.count), civic311_sqlite3_transient())
            } else {
                _ = sqlite3_bind_zeroblob(handle, index, 0)
            }
        }
    }

    /// Advances to the next row; `false` when the statement is done.
    func step() throws(StorageError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.failure(code)
        }
    }

    /// Runs a statement that returns no rows.
    func execute() throws(StorageError) {
        _ = try step()
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The text in `column`, or `nil` for NULL.
    func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    /// Lends the bytes of a blob column, valid only inside `body`.
    func withBlob<Result, Failure: Error>(
        _ column: Int32,
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: count == 0 ? nil : pointer, count: count))
    }
}
