import Civic311

// The full check's part for the change feed (schema version 5): every position row against its
// checksum and the change it names, every stored change with exactly one position, every
// checkpoint against its checksum and the feed's end, and every external-reference index row
// against the request it names.
extension SQLiteConnection {
    func checkFeed(into report: inout IntegrityReport) throws(StorageError) {
        try run("SELECT position, ticket, sequence, seal FROM feed ORDER BY position") {
            statement throws(StorageError) in
            while try statement.step() {
                let row = FeedRow(
                    position: statement.int64(0),
                    ticket: statement.int64(1),
                    sequence: statement.int64(2)
                )
                if statement.int64(3) != row.seal || row.position < 1 || row.sequence < 0 {
                    report.add(
                        "feed entry \(row.position) does not match its checksum",
                        ticket: try? ticket(row.ticket)
                    )
                }
            }
        }
        try run(
            """
            SELECT position, ticket, sequence FROM feed
            WHERE (sequence = 0 AND NOT EXISTS (SELECT 1 FROM contact WHERE contact.ticket = feed.ticket))
                OR (sequence > 0 AND NOT EXISTS
                    (SELECT 1 FROM event WHERE event.ticket = feed.ticket AND event.sequence = feed.sequence))
            ORDER BY position
            """
        ) { statement throws(StorageError) in
            while try statement.step() {
                let what = statement.int64(2) == FeedRow.contact ? "a contact" : "event \(statement.int64(2))"
                report.add(
                    "feed entry \(statement.int64(0)) names \(what), which is not stored",
                    ticket: try? ticket(statement.int64(1))
                )
            }
        }
        try run(
            """
            SELECT ticket, 0 FROM contact
            WHERE NOT EXISTS (SELECT 1 FROM feed WHERE feed.ticket = contact.ticket AND feed.sequence = 0)
            UNION ALL
            SELECT ticket, sequence FROM event
            WHERE NOT EXISTS (SELECT 1 FROM feed WHERE feed.ticket = event.ticket AND feed.sequence = event.sequence)
            """
        ) { statement throws(StorageError) in
            while try statement.step() {
                let what = statement.int64(1) == FeedRow.contact ? "the contact" : "event \(statement.int64(1))"
                report.add("\(what) has no position in the feed", ticket: try? ticket(statement.int64(0)))
            }
        }
        let last = try lastFeedPosition()
        try run("SELECT consumer_key, position, seal FROM feed_checkpoint") { statement throws(StorageError) in
            while try statement.step() {
                let consumer = statement.text(0)
                let position = statement.int64(1)
                if statement.int64(2) != CheckpointRow.seal(consumerKey: consumer, position: position) {
                    report.add("the checkpoint of consumer '\(consumer)' does not match its checksum")
                } else if position < 0 || position > last {
                    report.add(
                        "the checkpoint of consumer '\(consumer)' is at \(position), past the feed's end \(last)"
                    )
                }
            }
        }
        try checkExternalReferences(into: &report)
    }

    /// Every external reference `request` recorded is in the index, or no lookup finds the
    /// request by it. The row may name another request only where two requests recorded one pair
    /// before pairs were unique (the upgrade indexed the lower ticket); the other direction, every
    /// row against the request it names, is ``checkExternalReferences(into:)``.
    func checkIndexed(_ request: ServiceRequest, into report: inout IntegrityReport) throws(StorageError) {
        for reference in request.externalReferences {
            let indexed = try run(SQL.selectExternalReference) { statement throws(StorageError) -> Bool in
                statement.bind(reference.system.storedKey, at: 1)
                statement.bind(reference.identifier.storedKey, at: 2)
                return try statement.step()
            }
            if !indexed {
                report.add(
                    "external reference \(reference.system) \(reference.identifier) is missing from the reference index",
                    ticket: request.ticket
                )
            }
        }
    }

    /// Every index row names a stored request that recorded its key.
    private func checkExternalReferences(into report: inout IntegrityReport) throws(StorageError) {
        try run("SELECT system_key, identifier_key, ticket FROM external_reference ORDER BY ticket") {
            statement throws(StorageError) in
            while try statement.step() {
                let system = statement.text(0)
                let identifier = statement.text(1)
                do throws(StorageError) {
                    let ticket = try ticket(statement.int64(2))
                    let request = try run(SQL.selectSnapshot) { row throws(StorageError) -> ServiceRequest? in
                        row.bind(Int64(ticket.payload), at: 1)
                        return try row.step() ? try self.request(in: row, at: 0) : nil
                    }
                    guard let request else {
                        report.add(
                            "external reference \(system) \(identifier) names a request that is not stored",
                            ticket: ticket
                        )
                        continue
                    }
                    let recorded = request.externalReferences.contains {
                        $0.system.storedKey == system && $0.identifier.storedKey == identifier
                    }
                    if !recorded {
                        report.add(
                            "external reference \(system) \(identifier) names a request that never recorded it",
                            ticket: ticket
                        )
                    }
                } catch  where error.code == .corrupted || error.code == .incompatibleSchema {
                    report.add(error)
                }
            }
        }
    }
}
