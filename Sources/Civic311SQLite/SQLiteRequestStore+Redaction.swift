import Civic311

extension SQLiteRequestStore {
    /// Redacts the request's history in one write transaction: the rewritten event rows are
    /// sealed again in place (the change feed reads event rows by ticket and sequence, so it
    /// serves the redacted form at the same positions), the snapshot row and its client request
    /// ID key are replaced, and the recording event is inserted with its feed entry.
    public func redactPersonalData(
        _ redaction: HistoryRedaction,
        recording event: RequestEvent,
        expectedVersion: Int
    ) async throws(StorageError) -> ServiceRequest {
        let ticket = event.ticket
        let key = Int64(ticket.payload)
        return try await write { connection throws(StorageError) in
            let current = try connection.run(SQL.selectSnapshot) { statement throws(StorageError) in
                statement.bind(key, at: 1)
                guard try statement.step() else {
                    throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
                }
                // Checked before the version is compared, so a damaged row is never written on.
                return try connection.request(in: statement, at: 0)
            }
            guard current.version == expectedVersion else {
                throw StorageError.conflict(ticket, expected: expectedVersion, actual: current.version)
            }
            let history = try connection.events(for: ticket, version: current.version)
            let redacted = try redaction.apply(to: history, recording: event, expectedVersion: expectedVersion)
            for rewritten in redacted.rewrittenEvents {
                let sequence = Int64(rewritten.sequence)
                let body = RowSeal.seal(
                    RowFormat.encode(rewritten),
                    columns: RowSeal.event(ticket: key, sequence: sequence)
                )
                try connection.run(SQL.updateEvent) { statement throws(StorageError) in
                    statement.bind(key, at: 1)
                    statement.bind(sequence, at: 2)
                    statement.bind(body, at: 3)
                    try statement.execute()
                }
            }
            var numbering = try FeedNumbering(on: connection)
            let sequence = Int64(event.sequence)
            try numbering.addEvent(key, sequence: sequence)
            let body = RowSeal.seal(RowFormat.encode(event), columns: RowSeal.event(ticket: key, sequence: sequence))
            try connection.run(SQL.insertEvent) { statement throws(StorageError) in
                statement.bind(key, at: 1)
                statement.bind(sequence, at: 2)
                statement.bind(body, at: 3)
                try statement.execute()
            }
            // The client request ID goes with the resident who chose it; otherwise its key stays.
            let columns = RequestColumns(redacted.request)
            let snapshot = RowSeal.seal(RowFormat.encode(redacted.request), columns: columns.checksum)
            try connection.run(SQL.updateRedactedRequest) { statement throws(StorageError) in
                columns.bind(to: statement)
                statement.bind(snapshot, at: 8)
                statement.bind(columns.clientRequestID, at: 9)
                statement.bind(redacted.clientRequestKey?.scope.storedKey, at: 10)
                try statement.execute()
            }
            return redacted.request
        }
    }
}
