import Civic311

// The change feed, consumer checkpoints and the external-reference index (schema version 5).
// Positions are given by the writer, in the transaction that stores each change (FeedNumbering);
// reads are single statements or read transactions, so each sees one committed state.
extension SQLiteRequestStore {
    /// One page of the feed, read in one statement: each entry's position row (checked against its
    /// checksum) joined to the contact or event it names (checked against theirs).
    public func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        try FeedPage.validate(limit: limit)
        let after = position.rawValue
        let entries = try await read { connection throws(StorageError) -> [FeedEntry] in
            let entries = try connection.run(SQL.selectFeed) { statement throws(StorageError) -> [FeedEntry] in
                statement.bind(after, at: 1)
                // One more than asked: whether it exists says whether the reader has caught up.
                statement.bind(limit + 1, at: 2)
                var entries: [FeedEntry] = []
                entries.reserveCapacity(min(limit + 1, 1_024))
                var last = after
                while try statement.step() {
                    let entry = try connection.feedEntry(in: statement, after: last)
                    last = entry.position.rawValue
                    entries.append(entry)
                }
                return entries
            }
            // Only an empty page asks where the feed ends, so reading costs nothing more.
            if entries.isEmpty {
                let end = try connection.lastFeedPosition()
                try FeedPage.validate(after: position, last: FeedPosition(rawValue: end) ?? .start)
            }
            return entries
        }
        guard entries.count > limit else { return FeedPage(entries: entries, after: position, isCaughtUp: true) }
        return FeedPage(entries: Array(entries.prefix(limit)), after: position, isCaughtUp: false)
    }

    public func checkpoint(of consumer: FeedConsumerID) async throws(StorageError) -> FeedPosition {
        try consumer.validate()
        return try await read { connection throws(StorageError) in try connection.checkpoint(of: consumer) }
    }

    /// Reads the stored checkpoint and the feed's end and saves, in one write transaction, so two
    /// instances of a consumer saving at once are ordered and the rule holds between them.
    public func saveCheckpoint(
        _ position: FeedPosition,
        of consumer: FeedConsumerID,
        expected: FeedPosition?
    ) async throws(StorageError) {
        try consumer.validate()
        try await write { connection throws(StorageError) in
            let current = try connection.checkpoint(of: consumer)
            let last = FeedPosition(rawValue: try connection.lastFeedPosition()) ?? .start
            try consumer.validateCheckpoint(position, expected: expected, current: current, last: last)
            let key = consumer.rawValue.storedKey
            try connection.run(SQL.saveCheckpoint) { statement throws(StorageError) in
                statement.bind(key, at: 1)
                statement.bind(position.rawValue, at: 2)
                statement.bind(CheckpointRow.seal(consumerKey: key, position: position.rawValue), at: 3)
                try statement.execute()
            }
        }
    }

    /// The request the index names for `key`, which must itself have recorded `key`.
    public func request(externalReference key: ExternalReference.Key) async throws(StorageError) -> ServiceRequest? {
        let system = key.system.storedKey
        let identifier = key.identifier.storedKey
        return try await read { connection throws(StorageError) in
            try connection.readTransaction { () throws(StorageError) -> ServiceRequest? in
                let holder = try connection.run(SQL.selectExternalReference) {
                    statement throws(StorageError) -> Int64? in
                    statement.bind(system, at: 1)
                    statement.bind(identifier, at: 2)
                    return try statement.step() ? statement.int64(0) : nil
                }
                guard let holder else { return nil }
                let ticket = try connection.ticket(holder)
                guard let request = try Self.lookUpRequest(ticket, on: connection) else {
                    throw connection.corrupted(ticket, "external reference \(key) names a request that is not stored")
                }
                guard request.externalReferences.contains(where: { $0.key == key }) else {
                    throw connection.corrupted(
                        ticket,
                        "external reference \(key) names a request that never recorded it"
                    )
                }
                return request
            }
        }
    }

    /// Indexes the external references `events` record for `ticket`, inside the append's write
    /// transaction; a key another request holds refuses the whole append.
    static func indexExternalReferences(
        in events: [RequestEvent],
        of ticket: TicketNumber,
        on connection: SQLiteConnection
    ) throws(StorageError) {
        let column = Int64(ticket.payload)
        for event in events {
            guard case .externalReferenceAdded(let reference) = event.change else { continue }
            let system = reference.system.storedKey
            let identifier = reference.identifier.storedKey
            let holder = try connection.run(SQL.selectExternalReference) { statement throws(StorageError) -> Int64? in
                statement.bind(system, at: 1)
                statement.bind(identifier, at: 2)
                return try statement.step() ? statement.int64(0) : nil
            }
            if let holder, holder != column {
                throw StorageError(
                    .duplicate,
                    ticket: ticket,
                    reason: "external reference \(reference.key) is already recorded for another request"
                )
            }
            try connection.run(SQL.insertExternalReference) { statement throws(StorageError) in
                statement.bind(system, at: 1)
                statement.bind(identifier, at: 2)
                statement.bind(column, at: 3)
                try statement.execute()
            }
        }
    }
}

extension SQLiteConnection {
    /// The entry in the current row of ``SQL/selectFeed``, which must come after `previous`.
    fileprivate func feedEntry(in statement: SQLiteStatement, after previous: Int64) throws(StorageError) -> FeedEntry {
        let row = FeedRow(position: statement.int64(0), ticket: statement.int64(1), sequence: statement.int64(2))
        let ticket = try ticket(row.ticket)
        guard statement.int64(3) == row.seal, row.sequence >= 0, let position = FeedPosition(rawValue: row.position)
        else {
            throw corrupted(ticket, "feed entry \(row.position) does not match its checksum")
        }
        guard row.position > previous else {
            throw corrupted(ticket, "feed entry \(row.position) came after \(previous) in a read in position order")
        }
        if row.sequence == FeedRow.contact {
            guard !statement.isNull(5) else {
                throw corrupted(ticket, "feed entry \(row.position) names a contact that is not stored")
            }
            return FeedEntry(position: position, change: .contact(try contact(in: statement, at: 5)))
        }
        guard !statement.isNull(4), let sequence = Int(exactly: row.sequence) else {
            throw corrupted(ticket, "feed entry \(row.position) names event \(row.sequence), which is not stored")
        }
        let event = try statement.withBlob(4) { bytes throws(StorageError) in
            let payload = try checkedPayload(
                bytes,
                RowSeal.event(ticket: row.ticket, sequence: row.sequence),
                ticket,
                "event \(sequence)"
            )
            do throws(RowFormatError) {
                return try RowFormat.decodeEvent(ticket, sequence: sequence, from: payload)
            } catch {
                throw storageError(error, ticket: ticket, in: "event \(sequence)")
            }
        }
        return FeedEntry(position: position, change: .requestEvent(event))
    }

    /// The stored checkpoint of `consumer`, checked; ``FeedPosition/start`` when none is stored.
    fileprivate func checkpoint(of consumer: FeedConsumerID) throws(StorageError) -> FeedPosition {
        let key = consumer.rawValue.storedKey
        return try run(SQL.selectCheckpoint) { statement throws(StorageError) -> FeedPosition in
            statement.bind(key, at: 1)
            guard try statement.step() else { return .start }
            let stored = statement.int64(0)
            guard statement.int64(1) == CheckpointRow.seal(consumerKey: key, position: stored),
                let position = FeedPosition(rawValue: stored)
            else {
                throw corrupted(nil, "the checkpoint of consumer '\(consumer)' does not match its checksum")
            }
            return position
        }
    }
}
