// SPI, not API: the SQLite benchmark's raw C baseline for lookups runs the store's own statement,
// so that the two sides of the comparison read exactly the same rows and columns.
extension SQLiteRequestStore {
    /// The statement a lookup by ticket runs (one parameter, the ticket's payload), and the index
    /// of its first blob column (the snapshot; the opening event's body follows it).
    @_spi(Benchmarks) public static var lookupStatement: (sql: String, snapshotColumn: Int32) {
        (SQL.selectSnapshot, 8)
    }
}
