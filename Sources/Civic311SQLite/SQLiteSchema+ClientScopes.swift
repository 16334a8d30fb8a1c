import Civic311

// Schema version 4: client request IDs are unique per submitter (see ClientRequestKey).
extension SQLiteSchema {
    /// `client_scope` holds the stored key of the scope of the participant who opened the
    /// request, and the unique index covers the scope and the ID together.
    private static let version4 = """
        ALTER TABLE request ADD COLUMN client_scope TEXT;
        DROP INDEX request_client_request_id;
        CREATE UNIQUE INDEX request_client_request_key ON request (client_scope, client_request_id)
            WHERE client_request_id IS NOT NULL;
        """

    /// Adds the scope column and its index, then sets the scope of every request stored with a
    /// client request ID from its opening event's actor. The IDs were unique across the store
    /// before, so the pairs are unique too.
    ///
    /// The scope is not part of the row's checksum (rows sealed by version 3 stay sealed), so an
    /// opening event whose seal fails leaves its request's scope empty: that request reads as
    /// damaged from then on, and no key finds it.
    static func scopeClientRequestIDs(_ connection: SQLiteConnection) throws(StorageError) {
        try connection.execute(version4)
        let openings = """
            SELECT request.ticket, event.body FROM request JOIN event
                ON event.ticket = request.ticket AND event.sequence = 1
            WHERE request.client_request_id IS NOT NULL
            """
        let scopes: [(ticket: Int64, scope: String)] = try connection.runGenerated(openings) {
            statement throws(StorageError) in
            var scopes: [(ticket: Int64, scope: String)] = []
            while try statement.step() {
                let column = statement.int64(0)
                // A damaged opening keeps no scope (see above).
                guard let opening = try? Self.opening(column, in: statement, on: connection) else { continue }
                scopes.append((column, ClientRequestKey.scope(of: opening.actor).storedKey))
            }
            return scopes
        }
        for (ticket, scope) in scopes {
            try connection.runGenerated("UPDATE request SET client_scope = ?2 WHERE ticket = ?1") {
                statement throws(StorageError) in
                statement.bind(ticket, at: 1)
                statement.bind(scope, at: 2)
                try statement.execute()
            }
        }
    }

    /// The opening event of the request row `ticket`, in column 1 of `statement`.
    private static func opening(
        _ ticket: Int64,
        in statement: SQLiteStatement,
        on connection: SQLiteConnection
    ) throws(StorageError) -> RequestEvent {
        let ticket = try connection.ticket(ticket)
        return try statement.withBlob(1) { bytes throws(StorageError) in
            try connection.event(ticket, sequence: 1, sealed: bytes)
        }
    }
}
