import Civic311

/// A row of the `feed` table: the position of one stored change, naming where the change is
/// kept (schema version 5 on).
///
/// The change itself stays in its own row: `sequence` 0 is the contact with `ticket`, and
/// `sequence` n ≥ 1 is event n of the request with `ticket`. The row carries a checksum over its
/// three values, so a damaged position or a row pointing at another change is found when read.
struct FeedRow: Hashable, Sendable {
    let position: Int64
    let ticket: Int64
    /// 0 for the contact, otherwise the event's sequence number.
    let sequence: Int64

    /// The sequence that names a contact rather than an event.
    static let contact: Int64 = 0

    var seal: Int64 {
        var checksum = RowChecksum(tag: UInt8(ascii: "F"))
        checksum.add(position)
        checksum.add(ticket)
        checksum.add(sequence)
        return Int64(checksum.value)
    }
}

/// Hands out feed positions inside one write transaction, after the last one stored.
///
/// The store has a single writer and every write is one transaction, so positions are given in
/// the order transactions commit: a reader that has seen a position never later sees a new entry
/// before it. A transaction that rolls back gives its positions back, unseen.
struct FeedNumbering {
    private var next: Int64
    private let connection: SQLiteConnection

    /// Starts after the last stored position; call inside the write transaction.
    init(on connection: SQLiteConnection) throws(StorageError) {
        self.connection = connection
        next = try connection.lastFeedPosition() + 1
    }

    /// Stores the next position for the contact with `ticket`.
    mutating func addContact(_ ticket: Int64) throws(StorageError) {
        try add(ticket: ticket, sequence: FeedRow.contact)
    }

    /// Stores the next position for event `sequence` of the request with `ticket`.
    mutating func addEvent(_ ticket: Int64, sequence: Int64) throws(StorageError) {
        try add(ticket: ticket, sequence: sequence)
    }

    private mutating func add(ticket: Int64, sequence: Int64) throws(StorageError) {
        let row = FeedRow(position: next, ticket: ticket, sequence: sequence)
        try connection.run(SQL.insertFeed) { statement throws(StorageError) in
            statement.bind(row.position, at: 1)
            statement.bind(row.ticket, at: 2)
            statement.bind(row.sequence, at: 3)
            statement.bind(row.seal, at: 4)
            try statement.execute()
        }
        next += 1
    }
}

/// A consumer's stored checkpoint, with the checksum over its key and position.
enum CheckpointRow {
    static func seal(consumerKey: String, position: Int64) -> Int64 {
        var checksum = RowChecksum(tag: UInt8(ascii: "K"))
        checksum.add(consumerKey)
        checksum.add(position)
        return Int64(checksum.value)
    }
}

extension SQLiteConnection {
    /// The position of the last entry of the feed, 0 when it is empty.
    func lastFeedPosition() throws(StorageError) -> Int64 {
        try run(SQL.selectLastFeedPosition) { statement throws(StorageError) in
            try statement.step() && !statement.isNull(0) ? statement.int64(0) : 0
        }
    }
}

extension RowFormat {
    /// The checksum the store writes in the `seal` column of the feed row at `position` for
    /// event `sequence` of `ticket` (0 for its contact).
    // SPI, not API: the SQLite benchmark's raw-insert baseline writes the very same feed rows.
    @_spi(Benchmarks) public static func feedSeal(position: Int64, ticket: Int64, sequence: Int64) -> Int64 {
        FeedRow(position: position, ticket: ticket, sequence: sequence).seal
    }
}
