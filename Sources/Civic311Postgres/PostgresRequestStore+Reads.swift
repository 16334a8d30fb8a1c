import Civic311

// Reads are single statements at READ COMMITTED: each sees one committed state of the whole
// database, whichever process wrote it.
extension PostgresRequestStore {
    /// The request with `ticket`, from its snapshot row.
    public func request(_ ticket: TicketNumber) async throws(StorageError) -> ServiceRequest? {
        try await read { connection throws(StorageError) in
            let rows = try connection.execute(
                "SELECT snapshot FROM civic311.request WHERE ticket = $1",
                [String(ticket.payload)]
            )
            guard !rows.isEmpty else { return nil }
            return try Self.decodeRequest(rows.text(0, 0), ticket: ticket)
        }
    }

    /// The request opened with the key's client request ID by a submitter in its scope, both
    /// compared as Swift compares strings.
    public func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? {
        let (scope, id) = (key.scope.storedKey, key.id.storedKey)
        return try await read { connection throws(StorageError) in
            let rows = try connection.execute(
                "SELECT snapshot FROM civic311.request WHERE client_scope = $1 AND client_id = $2",
                [scope, id]
            )
            guard !rows.isEmpty else { return nil }
            let request = try Self.decodeRequest(rows.text(0, 0), ticket: nil)
            // The unique index led here; the snapshot itself must agree.
            guard request.clientRequestID == key.id else {
                throw StorageError(
                    .corrupted,
                    ticket: request.ticket,
                    reason: "the client request ID index points at a request opened with another ID"
                )
            }
            return request
        }
    }

    /// The request's events, oldest first; empty for an unknown ticket.
    public func events(for ticket: TicketNumber) async throws(StorageError) -> [RequestEvent] {
        try await read { connection throws(StorageError) in try Self.events(for: ticket, on: connection) }
    }

    /// The request's events as `connection` sees them, each checked against its row.
    static func events(
        for ticket: TicketNumber,
        on connection: PostgresConnection
    ) throws(StorageError)
        -> [RequestEvent]
    {
        let rows = try connection.execute(
            "SELECT sequence, body FROM civic311.event WHERE ticket = $1 ORDER BY sequence",
            [String(ticket.payload)]
        )
        var events: [RequestEvent] = []
        events.reserveCapacity(rows.count)
        for index in 0..<rows.count {
            let event = try StoredBody.decode(
                RequestEvent.self,
                from: rows.text(index, 1),
                ticket: ticket,
                what: "event"
            )
            guard event.ticket == ticket, rows.int64(index, 0) == Int64(event.sequence),
                event.sequence == index + 1
            else {
                throw StorageError(
                    .corrupted,
                    ticket: ticket,
                    reason: "stored event \(rows.text(index, 0) ?? "?") does not match its row or leaves a gap"
                )
            }
            events.append(event)
        }
        return events
    }

    /// The contact with `ticket`.
    public func contact(_ ticket: TicketNumber) async throws(StorageError) -> Contact? {
        try await read { connection throws(StorageError) in
            let rows = try connection.execute(
                "SELECT body FROM civic311.contact WHERE ticket = $1",
                [String(ticket.payload)]
            )
            guard !rows.isEmpty else { return nil }
            return try Self.decodeContact(rows.text(0, 0), ticket: ticket)
        }
    }

    /// One page of the requests matching `query`, in its order, as one statement over the
    /// indexed snapshot columns.
    public func requests(
        matching query: RequestQuery,
        page: PageRequest
    ) async throws(StorageError) -> Page<ServiceRequest> {
        try query.order.validate(page.after)
        var filter = query.listingFilter(after: page.after)
        let limit = filter.placeholder(String(page.limit + 1))
        let sql = "SELECT snapshot FROM civic311.request" + filter.sql + query.sqlOrder + " LIMIT " + limit
        let items: [ServiceRequest] = try await read { [filter] connection throws(StorageError) in
            let rows = try connection.execute(sql, filter.parameters)
            var items: [ServiceRequest] = []
            items.reserveCapacity(rows.count)
            for index in 0..<rows.count {
                let request = try Self.decodeRequest(rows.text(index, 0), ticket: nil)
                let inOrder =
                    items.last.map { query.order.sorts($0, before: request) }
                    ?? page.after.map { query.order.sorts(request, after: $0) } ?? true
                guard query.matches(request), inOrder else {
                    throw StorageError(
                        .corrupted,
                        ticket: request.ticket,
                        reason: "a stored request's columns disagree with its snapshot"
                    )
                }
                items.append(request)
            }
            return items
        }
        return Self.page(of: items, limit: page.limit) { query.order.cursor(after: $0) }
    }

    /// The number of requests matching `query`.
    public func countRequests(matching query: RequestQuery) async throws(StorageError) -> Int {
        let filter = query.sqlFilter
        return try await read { connection throws(StorageError) in
            let rows = try connection.execute("SELECT count(*) FROM civic311.request" + filter.sql, filter.parameters)
            return Int(rows.int64(0, 0) ?? 0)
        }
    }

    /// One page of the contacts matching `query`, in ticket order.
    public func contacts(matching query: ContactQuery, page: PageRequest) async throws(StorageError) -> Page<Contact> {
        try RequestOrder.ticketAscending.validate(page.after)
        var filter = query.sqlFilter
        if let after = page.after { filter.require("ticket > " + filter.placeholder(String(after.ticket.payload))) }
        let limit = filter.placeholder(String(page.limit + 1))
        let sql = "SELECT ticket, body FROM civic311.contact" + filter.sql + " ORDER BY ticket LIMIT " + limit
        let items: [Contact] = try await read { [filter] connection throws(StorageError) in
            let rows = try connection.execute(sql, filter.parameters)
            var items: [Contact] = []
            items.reserveCapacity(rows.count)
            for index in 0..<rows.count {
                let contact = try Self.decodeContact(
                    rows.text(index, 1),
                    ticket: StoredBody.ticket(rows.text(index, 0))
                )
                let floor = items.last?.ticket ?? page.after?.ticket
                guard query.matches(contact), floor.map({ $0 < contact.ticket }) ?? true else {
                    throw StorageError(
                        .corrupted,
                        ticket: contact.ticket,
                        reason: "a stored contact's columns disagree with its body"
                    )
                }
                items.append(contact)
            }
            return items
        }
        return Self.page(of: items, limit: page.limit) { PageCursor(order: .ticketAscending, ticket: $0.ticket) }
    }

    /// The number of contacts matching `query`.
    public func countContacts(matching query: ContactQuery) async throws(StorageError) -> Int {
        let filter = query.sqlFilter
        return try await read { connection throws(StorageError) in
            let rows = try connection.execute("SELECT count(*) FROM civic311.contact" + filter.sql, filter.parameters)
            return Int(rows.int64(0, 0) ?? 0)
        }
    }

    /// The highest ticket stored for `node`, from the node index; `nil` for a node outside
    /// `0...TicketNumber.maximumNode`, which can hold none.
    public func latestTicket(issuedBy node: Int) async throws(StorageError) -> TicketNumber? {
        guard (0...TicketNumber.maximumNode).contains(node) else { return nil }
        return try await read { connection throws(StorageError) in
            let rows = try connection.execute(
                "SELECT max(ticket) FROM civic311.contact WHERE node = $1",
                [String(node)]
            )
            guard let text = rows.text(0, 0) else { return nil }
            let ticket = try StoredBody.ticket(text)
            guard ticket.node == node else {
                throw StorageError(.corrupted, ticket: ticket, reason: "the node column disagrees with the ticket")
            }
            return ticket
        }
    }

    static func decodeContact(_ text: String?, ticket: TicketNumber) throws(StorageError) -> Contact {
        let contact = try StoredBody.decode(Contact.self, from: text, ticket: ticket, what: "contact")
        guard contact.ticket == ticket else {
            throw StorageError(.corrupted, ticket: ticket, reason: "the stored contact names ticket \(contact.ticket)")
        }
        return contact
    }

    /// Cuts `items` (at most one past `limit`) to a page, with a cursor when more remain.
    static func page<Item>(of items: [Item], limit: Int, cursor: (Item) -> PageCursor) -> Page<Item> {
        guard items.count > limit else { return Page(items: items, next: nil) }
        let kept = Array(items.prefix(limit))
        return Page(items: kept, next: cursor(kept[limit - 1]))
    }
}
