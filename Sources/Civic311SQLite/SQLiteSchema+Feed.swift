import Civic311

// Schema version 5: the change feed, consumer checkpoints and the external-reference index.
extension SQLiteSchema {
    private static let chunkSize = 1000

    private static let feedTables = """
        CREATE TABLE feed (
            position INTEGER PRIMARY KEY,
            ticket INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            seal INTEGER NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX feed_change ON feed (ticket, sequence);

        CREATE TABLE feed_checkpoint (
            consumer_key TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            seal INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE external_reference (
            system_key TEXT NOT NULL,
            identifier_key TEXT NOT NULL,
            ticket INTEGER NOT NULL,
            PRIMARY KEY (system_key, identifier_key)
        ) STRICT, WITHOUT ROWID;
        """

    /// Adds the feed's tables and fills them from the rows already stored.
    ///
    /// The order in which existing changes were committed was never recorded, so the history
    /// already stored is numbered request by request in ticket order (tickets follow the time
    /// they were issued): each contact, then its request's events in sequence order. Every
    /// request's own history is in order; changes written after the upgrade follow in commit
    /// order. External references are indexed from each request's stored events; a key that
    /// two requests recorded before keys were unique finds the one with the lower ticket.
    static func addFeed(_ connection: SQLiteConnection) throws(StorageError) {
        try connection.execute(feedTables)
        var numbering = try FeedNumbering(on: connection)
        var after: Int64 = -1
        while true {
            let tickets = try connection.run(
                "SELECT ticket FROM contact WHERE ticket > ?1 ORDER BY ticket LIMIT \(chunkSize)"
            ) { statement throws(StorageError) in
                statement.bind(after, at: 1)
                var tickets: [Int64] = []
                while try statement.step() { tickets.append(statement.int64(0)) }
                return tickets
            }
            guard let last = tickets.last else { return }
            after = last
            for ticket in tickets {
                try numbering.addContact(ticket)
                // One read of the request's events serves both: every row gets a position, and
                // the references the readable ones record are indexed.
                let (sequences, events) = try storedEvents(of: ticket, on: connection)
                for sequence in sequences { try numbering.addEvent(ticket, sequence: sequence) }
                try indexReferences(in: events, of: ticket, on: connection)
            }
        }
    }

    /// The sequence of every stored event row of `ticket`, in order, and the events among them that
    /// read back. A damaged event is numbered but not read here: reading it later reports the
    /// damage, as for any other row.
    private static func storedEvents(
        of ticket: Int64,
        on connection: SQLiteConnection
    ) throws(StorageError) -> (sequences: [Int64], events: [RequestEvent]) {
        let number = ticket >= 0 ? try? RowReader.ticket(payload: UInt64(ticket)) : nil
        return try connection.run(SQL.selectEvents) { statement throws(StorageError) in
            statement.bind(ticket, at: 1)
            var sequences: [Int64] = []
            var events: [RequestEvent] = []
            while try statement.step() {
                let sequence = statement.int64(0)
                sequences.append(sequence)
                guard let number, let index = Int(exactly: sequence) else { continue }
                let event = statement.withBlob(1) { bytes -> RequestEvent? in
                    guard
                        let payload = RowSeal.payload(
                            of: bytes,
                            columns: RowSeal.event(ticket: ticket, sequence: sequence)
                        )
                    else { return nil }
                    return try? RowFormat.decodeEvent(number, sequence: index, from: payload)
                }
                if let event { events.append(event) }
            }
            return (sequences, events)
        }
    }

    /// Indexes the external references `events` of `ticket` record.
    private static func indexReferences(
        in events: [RequestEvent],
        of ticket: Int64,
        on connection: SQLiteConnection
    ) throws(StorageError) {
        for event in events {
            guard case .externalReferenceAdded(let reference) = event.change else { continue }
            try connection.run(SQL.insertExternalReference) { statement throws(StorageError) in
                statement.bind(reference.system.storedKey, at: 1)
                statement.bind(reference.identifier.storedKey, at: 2)
                statement.bind(ticket, at: 3)
                try statement.execute()
            }
        }
    }
}
