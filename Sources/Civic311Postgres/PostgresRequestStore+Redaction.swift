import Civic311

extension PostgresRequestStore {
    /// Redacts the request's history in one transaction, the request's row locked first: the
    /// rewritten event rows get their redacted bodies in place (keeping their feed positions, so
    /// the change feed serves the redacted form), the snapshot row and its client request ID key
    /// are replaced, and the recording event is inserted at the next feed position.
    public func redactPersonalData(
        _ redaction: HistoryRedaction,
        recording event: RequestEvent,
        expectedVersion: Int
    ) async throws(StorageError) -> ServiceRequest {
        let ticket = event.ticket
        let key = String(ticket.payload)
        let body = try StoredBody.encode(event)
        return try await write { connection throws(StorageError) in
            let rows = try connection.execute(
                "SELECT snapshot FROM civic311.request WHERE ticket = $1 FOR UPDATE",
                [key]
            )
            guard !rows.isEmpty else {
                throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
            }
            let current = try Self.decodeRequest(rows.text(0, 0), ticket: ticket)
            guard current.version == expectedVersion else {
                throw StorageError.conflict(ticket, expected: expectedVersion, actual: current.version)
            }
            let history = try Self.events(for: ticket, on: connection)
            let redacted = try redaction.apply(to: history, recording: event, expectedVersion: expectedVersion)
            for rewritten in redacted.rewrittenEvents {
                try connection.execute(
                    "UPDATE civic311.event SET body = $3 WHERE ticket = $1 AND sequence = $2",
                    [key, String(rewritten.sequence), try StoredBody.encode(rewritten)]
                )
            }
            var positions = FeedPositions(upcoming: 1)
            let position = try positions.take(1, on: connection)
            try connection.execute(
                "INSERT INTO civic311.event (ticket, sequence, position, body) VALUES ($1, $2, $3, $4)",
                [key, String(event.sequence), String(position), body]
            )
            // The client request ID goes with the resident who chose it; otherwise its key stays.
            let columns = try RequestRow.Columns(redacted.request)
            try connection.execute(
                """
                UPDATE civic311.request SET version = $2, state = $3, department = $4, service_type = $5,
                    created_at = $6, due_at = $7, snapshot = $8, client_scope = $9, client_id = $10
                WHERE ticket = $1
                """,
                columns.parameters + [
                    redacted.clientRequestKey?.scope.storedKey, redacted.clientRequestKey?.id.storedKey,
                ]
            )
            return redacted.request
        }
    }
}
