import Civic311

// The change feed, consumer checkpoints and the external-reference index. Positions are taken
// from civic311.feed_counter by each writing transaction (see takePositions), so they are
// consecutive and handed out in commit order.
extension PostgresRequestStore {
    /// The changes after `position`, read in one statement (one snapshot) from the contact and
    /// event tables merged by position.
    public func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        try FeedPage.validate(limit: limit)
        let after = position.rawValue
        let entries = try await read { connection throws(StorageError) -> [FeedEntry] in
            // One more than asked: whether it exists says whether the reader has caught up.
            let rows = try connection.execute(
                """
                SELECT position, ticket, NULL::integer, body FROM civic311.contact WHERE position > $1
                UNION ALL
                SELECT position, ticket, sequence, body FROM civic311.event WHERE position > $1
                ORDER BY 1 LIMIT $2
                """,
                [String(after), String(limit + 1)]
            )
            var entries: [FeedEntry] = []
            entries.reserveCapacity(rows.count)
            var previous = after
            for index in 0..<rows.count {
                let entry = try Self.feedEntry(rows, index)
                // Every position up to the counter is used, once: a gap means a lost row.
                guard entry.position.rawValue == previous + 1 else {
                    throw StorageError(
                        .corrupted,
                        ticket: entry.ticket,
                        reason: "the change feed jumps from #\(previous) to \(entry.position)"
                    )
                }
                previous = entry.position.rawValue
                entries.append(entry)
            }
            // Only an empty page asks where the feed ends.
            if entries.isEmpty {
                let last = try Self.lastPosition(on: connection)
                try FeedPage.validate(after: position, last: last)
            }
            return entries
        }
        guard entries.count > limit else { return FeedPage(entries: entries, after: position, isCaughtUp: true) }
        return FeedPage(entries: Array(entries.prefix(limit)), after: position, isCaughtUp: false)
    }

    /// The position `consumer` last saved, or the start.
    public func checkpoint(of consumer: FeedConsumerID) async throws(StorageError) -> FeedPosition {
        try consumer.validate()
        let key = consumer.rawValue.storedKey
        return try await read { connection throws(StorageError) in
            try Self.checkpoint(key, on: connection, lock: false)
        }
    }

    /// Saves `consumer`'s checkpoint in a transaction that locks its row, so two instances of
    /// one consumer, in any processes, cannot both move it from the same place.
    public func saveCheckpoint(
        _ position: FeedPosition,
        of consumer: FeedConsumerID,
        expected: FeedPosition?
    ) async throws(StorageError) {
        try consumer.validate()
        let key = consumer.rawValue.storedKey
        try await write { connection throws(StorageError) in
            try connection.execute(
                "INSERT INTO civic311.checkpoint (consumer, position) VALUES ($1, 0) ON CONFLICT DO NOTHING",
                [key]
            )
            let current = try Self.checkpoint(key, on: connection, lock: true)
            let last = try Self.lastPosition(on: connection)
            try consumer.validateCheckpoint(position, expected: expected, current: current, last: last)
            try connection.execute(
                "UPDATE civic311.checkpoint SET position = $2 WHERE consumer = $1",
                [key, String(position.rawValue)]
            )
        }
    }

    /// The request that recorded `key`, now or formerly.
    public func request(externalReference key: ExternalReference.Key) async throws(StorageError) -> ServiceRequest? {
        let system = key.system.storedKey
        let identifier = key.identifier.storedKey
        return try await read { connection throws(StorageError) in
            let rows = try connection.execute(
                """
                SELECT r.snapshot FROM civic311.external_reference x JOIN civic311.request r USING (ticket)
                WHERE x.system = $1 AND x.identifier = $2
                """,
                [system, identifier]
            )
            guard !rows.isEmpty else { return nil }
            let request = try Self.decodeRequest(rows.text(0, 0), ticket: nil)
            guard request.externalReferences.contains(where: { $0.key == key }) else {
                throw StorageError(
                    .corrupted,
                    ticket: request.ticket,
                    reason: "external reference \(key) names a request that never recorded it"
                )
            }
            return request
        }
    }

    /// Records the external references the events add, refusing a key another request holds.
    ///
    /// The insert waits for any other transaction inserting the same key and then does nothing
    /// if it committed; the holder is read afterwards, in a new statement that sees that commit.
    static func indexExternalReferences(
        in events: [RequestEvent],
        of ticket: TicketNumber,
        on connection: PostgresConnection
    ) throws(StorageError) {
        let column = String(ticket.payload)
        for event in events {
            guard case .externalReferenceAdded(let reference) = event.change else { continue }
            let (system, identifier) = (reference.system.storedKey, reference.identifier.storedKey)
            try connection.execute(
                """
                INSERT INTO civic311.external_reference (system, identifier, ticket) VALUES ($1, $2, $3)
                ON CONFLICT DO NOTHING
                """,
                [system, identifier, column]
            )
            let holder = try connection.execute(
                "SELECT ticket FROM civic311.external_reference WHERE system = $1 AND identifier = $2",
                [system, identifier]
            )
            guard holder.text(0, 0) == column else {
                throw StorageError(
                    .duplicate,
                    ticket: ticket,
                    reason: "external reference \(reference.key) is already recorded for another request"
                )
            }
        }
    }

    /// The last position handed out.
    static func lastPosition(on connection: PostgresConnection) throws(StorageError) -> FeedPosition {
        let rows = try connection.execute("SELECT last FROM civic311.feed_counter")
        guard let last = rows.int64(0, 0).flatMap(FeedPosition.init(rawValue:)) else {
            throw StorageError(.corrupted, reason: "civic311.feed_counter holds no valid position")
        }
        return last
    }

    private static func checkpoint(
        _ key: String,
        on connection: PostgresConnection,
        lock: Bool
    ) throws(StorageError) -> FeedPosition {
        let rows = try connection.execute(
            "SELECT position FROM civic311.checkpoint WHERE consumer = $1" + (lock ? " FOR UPDATE" : ""),
            [key]
        )
        guard !rows.isEmpty else { return .start }
        guard let position = rows.int64(0, 0).flatMap(FeedPosition.init(rawValue:)) else {
            throw StorageError(.corrupted, reason: "a stored checkpoint is not a feed position")
        }
        return position
    }

    /// The feed entry in row `index`: position, ticket, sequence (`NULL` for a contact), body.
    private static func feedEntry(_ rows: PostgresRows, _ index: Int) throws(StorageError) -> FeedEntry {
        let ticket = try StoredBody.ticket(rows.text(index, 1))
        guard let position = rows.int64(index, 0).flatMap(FeedPosition.init(rawValue:)) else {
            throw StorageError(.corrupted, ticket: ticket, reason: "a stored feed position is not one")
        }
        guard let sequence = rows.int64(index, 2) else {
            return FeedEntry(
                position: position,
                change: .contact(try decodeContact(rows.text(index, 3), ticket: ticket))
            )
        }
        let event = try StoredBody.decode(RequestEvent.self, from: rows.text(index, 3), ticket: ticket, what: "event")
        guard event.ticket == ticket, Int64(event.sequence) == sequence else {
            throw StorageError(.corrupted, ticket: ticket, reason: "stored event \(sequence) does not match its row")
        }
        return FeedEntry(position: position, change: .requestEvent(event))
    }
}
