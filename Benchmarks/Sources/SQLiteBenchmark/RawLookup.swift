import CCivic311SQLite
@_spi(Benchmarks) import Civic311SQLite

/// The raw C API baseline for a status lookup: one read-only connection opened as the store opens
/// its readers (`NOMUTEX`, the same cache and memory-map sizes), the store's own statement prepared
/// once, then per lookup bind, step, read every column the store reads (texts and blobs touched,
/// not decoded) and reset, on the calling thread.
final class RawLookup {
    private var database: OpaquePointer?
    private var statement: OpaquePointer?
    private let snapshotColumn: Int32
    /// Folds in a byte of every row read, so that no read can be optimised away.
    private(set) var checksum: UInt64 = 0

    init(path: String, memoryMapSize: Int) {
        guard sqlite3_open_v2(path, &database, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            fatalError("open \(path)")
        }
        guard
            sqlite3_exec(database, "PRAGMA cache_size = -8192; PRAGMA mmap_size = \(memoryMapSize)", nil, nil, nil)
                == SQLITE_OK
        else { fatalError(String(cString: sqlite3_errmsg(database))) }
        let lookup = SQLiteRequestStore.lookupStatement
        snapshotColumn = lookup.snapshotColumn
        guard
            sqlite3_prepare_v3(database, lookup.sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
                == SQLITE_OK
        else { fatalError(String(cString: sqlite3_errmsg(database))) }
    }

    deinit {
        sqlite3_finalize(statement)
        sqlite3_close_v2(database)
    }

    /// Looks up `payload` (a ticket's integer form); whether a row was found.
    func lookUp(_ payload: Int64) -> Bool {
        defer { sqlite3_reset(statement) }
        sqlite3_bind_int64(statement, 1, payload)
        guard sqlite3_step(statement) == SQLITE_ROW else { return false }
        var sum: UInt64 = 0
        for column in 0..<sqlite3_column_count(statement) {
            switch sqlite3_column_type(statement, column) {
            case SQLITE_INTEGER:
                sum &+= UInt64(bitPattern: sqlite3_column_int64(statement, column))
            case SQLITE_TEXT:
                let count = Int(sqlite3_column_bytes(statement, column))
                if let text = sqlite3_column_text(statement, column), count > 0 { sum &+= UInt64(text[count - 1]) }
            case SQLITE_BLOB:
                let count = Int(sqlite3_column_bytes(statement, column))
                if let blob = sqlite3_column_blob(statement, column), count > 0 {
                    sum &+= UInt64(blob.load(fromByteOffset: count - 1, as: UInt8.self))
                }
            default:
                break
            }
        }
        checksum &+= sum
        return true
    }
}
