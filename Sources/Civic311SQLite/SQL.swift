/// The store's fixed statements, prepared once per connection and cached.
enum SQL {
    static let insertContact =
        "INSERT INTO contact (ticket, channel, category, received_at, body) VALUES (?1, ?2, ?3, ?4, ?5)"
    static let insertRequest = """
        INSERT INTO request (ticket, version, state, department, service_type, created_at, due_at, snapshot, client_request_id,
            client_scope)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        """
    static let updateRequest = """
        UPDATE request SET version = ?2, state = ?3, department = ?4, service_type = ?5, created_at = ?6, due_at = ?7,
            snapshot = ?8
        WHERE ticket = ?1
        """
    static let insertEvent = "INSERT INTO event (ticket, sequence, body) VALUES (?1, ?2, ?3)"
    /// A redaction's rewrite of a stored event (``SQLiteRequestStore/redactPersonalData(_:recording:expectedVersion:)``).
    static let updateEvent = "UPDATE event SET body = ?3 WHERE ticket = ?1 AND sequence = ?2"
    /// A redaction's snapshot, with the client request ID's key moved (or removed).
    static let updateRedactedRequest = """
        UPDATE request SET version = ?2, state = ?3, department = ?4, service_type = ?5, created_at = ?6, due_at = ?7,
            snapshot = ?8, client_request_id = ?9, client_scope = ?10
        WHERE ticket = ?1
        """
    /// The columns that make a request, in ``RequestColumns`` order: its stored columns, its
    /// snapshot, its opening event's body, and its last event's sequence number (which must be
    /// its version).
    static let requestColumns = """
        ticket, version, state, department, service_type, created_at, due_at, client_request_id, snapshot, \
        (SELECT body FROM event WHERE event.ticket = request.ticket AND event.sequence = 1), \
        (SELECT max(sequence) FROM event WHERE event.ticket = request.ticket)
        """
    /// The columns of a contact row, in ``ContactColumns`` order, then its body.
    static let contactColumns = "ticket, channel, category, received_at, body"
    static let selectSnapshot = "SELECT \(requestColumns) FROM request WHERE ticket = ?1"
    static let selectSnapshotByClientKey =
        "SELECT \(requestColumns) FROM request WHERE client_scope = ?1 AND client_request_id = ?2"
    static let selectClientKey = "SELECT 1 FROM request WHERE client_scope = ?1 AND client_request_id = ?2"
    static let selectOpening = "SELECT body FROM event WHERE ticket = ?1 AND sequence = 1"
    static let selectRequestExists = "SELECT 1 FROM request WHERE ticket = ?1"
    static let selectEventExists = "SELECT 1 FROM event WHERE ticket = ?1 LIMIT 1"
    static let selectEvents = "SELECT sequence, body FROM event WHERE ticket = ?1 ORDER BY sequence"
    static let selectContact = "SELECT \(contactColumns) FROM contact WHERE ticket = ?1"
    static let selectRanges = """
        SELECT (SELECT min(created_at) FROM request), (SELECT max(created_at) FROM request),
            (SELECT min(due_at) FROM request), (SELECT max(due_at) FROM request)
        """
    static let selectLatestTicket = "SELECT ticket FROM contact WHERE node = ?1 ORDER BY ticket DESC LIMIT 1"

    // MARK: The change feed (schema version 5)

    static let insertFeed = "INSERT INTO feed (position, ticket, sequence, seal) VALUES (?1, ?2, ?3, ?4)"
    static let selectLastFeedPosition = "SELECT max(position) FROM feed"
    /// A page of the feed, each entry with its change: the event's body, or the contact's
    /// columns (``contactColumns`` order) and body.
    static let selectFeed = """
        SELECT feed.position, feed.ticket, feed.sequence, feed.seal, event.body,
            contact.ticket, contact.channel, contact.category, contact.received_at, contact.body
        FROM feed
        LEFT JOIN event ON feed.sequence > 0 AND event.ticket = feed.ticket AND event.sequence = feed.sequence
        LEFT JOIN contact ON feed.sequence = 0 AND contact.ticket = feed.ticket
        WHERE feed.position > ?1 ORDER BY feed.position LIMIT ?2
        """
    static let selectCheckpoint = "SELECT position, seal FROM feed_checkpoint WHERE consumer_key = ?1"
    static let saveCheckpoint = """
        INSERT INTO feed_checkpoint (consumer_key, position, seal) VALUES (?1, ?2, ?3)
        ON CONFLICT (consumer_key) DO UPDATE SET position = excluded.position, seal = excluded.seal
        """
    static let selectExternalReference =
        "SELECT ticket FROM external_reference WHERE system_key = ?1 AND identifier_key = ?2"
    static let insertExternalReference = """
        INSERT INTO external_reference (system_key, identifier_key, ticket) VALUES (?1, ?2, ?3)
        ON CONFLICT (system_key, identifier_key) DO NOTHING
        """
}
