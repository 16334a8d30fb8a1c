import Civic311
import Foundation

// Reading stored rows back into domain values, on any connection. Every row is checked as it is
// read: its checksum (see RowSeal), and for a request, that its version is its last event's
// sequence number and its history runs 1…version. Damage is `StorageError.Code.corrupted`
// naming the ticket, never a wrong value.
extension SQLiteConnection {
    /// The ticket in an integer ticket column.
    func ticket(_ column: Int64) throws(StorageError) -> TicketNumber {
        do throws(RowFormatError) {
            guard column >= 0 else { throw RowFormatError("\(column) is not a ticket number") }
            return try RowReader.ticket(payload: UInt64(column))
        } catch {
            throw storageError(error, ticket: nil, in: "a ticket column")
        }
    }

    /// The request in the current row of `statement`, whose columns from `column` on are
    /// ``SQL/requestColumns``: the snapshot with the opening from event 1.
    func request(in statement: SQLiteStatement, at column: Int32) throws(StorageError) -> ServiceRequest {
        try storedRequest(in: statement, at: column).request
    }

    /// ``request(in:at:)`` with the row's stored columns.
    func storedRequest(
        in statement: SQLiteStatement,
        at column: Int32
    ) throws(StorageError) -> (request: ServiceRequest, columns: RequestColumns) {
        try withCheckedRequestRow(in: statement, at: column) { ticket, columns, snapshot throws(StorageError) in
            let opening = try statement.withBlob(column + 9) { body throws(StorageError) in
                let payload = try checkedPayload(
                    body,
                    RowSeal.event(ticket: columns.ticket, sequence: 1),
                    ticket,
                    "event 1"
                )
                do throws(RowFormatError) {
                    return try RowFormat.decodeOpening(ticket, from: payload)
                } catch {
                    throw storageError(error, ticket: ticket, in: "event 1")
                }
            }
            let request: ServiceRequest
            do throws(RowFormatError) {
                request = try RowFormat.decodeSnapshot(ticket, opening: opening, from: snapshot)
            } catch {
                throw storageError(error, ticket: ticket, in: "the request snapshot")
            }
            guard request.version == columns.version else {
                throw corrupted(ticket, "the snapshot is at version \(request.version), its row at \(columns.version)")
            }
            return (request, columns)
        }
    }

    /// Runs `body` with the checked columns and snapshot payload of the request row in the
    /// current row of `statement` (``SQL/requestColumns`` from `column` on): its checksum holds,
    /// and its version is at least 1 and is the sequence number of its last event.
    func withCheckedRequestRow<Result>(
        in statement: SQLiteStatement,
        at column: Int32,
        _ body: (TicketNumber, RequestColumns, UnsafeRawBufferPointer) throws(StorageError) -> Result
    ) throws(StorageError) -> Result {
        let columns = RequestColumns(statement, at: column)
        let ticket = try ticket(columns.ticket)
        return try statement.withBlob(column + 8) { bytes throws(StorageError) in
            let snapshot = try checkedPayload(bytes, columns.checksum, ticket, "the request row")
            // The checksum vouches for the version as written; the events say whether it is
            // the version the history reached (a snapshot ahead of its events, such as one at
            // Int.max, would overflow the next append).
            guard !statement.isNull(column + 10) else { throw corrupted(ticket, "the request has no events") }
            let last = statement.int64(column + 10)
            guard columns.version >= 1, Int64(columns.version) == last else {
                throw corrupted(ticket, "the request is at version \(columns.version) but its last event is \(last)")
            }
            guard !statement.isNull(column + 9) else { throw corrupted(ticket, "the opening event is missing") }
            return try body(ticket, columns, snapshot)
        }
    }

    /// The events of `ticket`, which must be exactly 1…`version`, each checked.
    func events(for ticket: TicketNumber, version: Int) throws(StorageError) -> [RequestEvent] {
        let key = Int64(ticket.payload)
        return try run(SQL.selectEvents) { statement throws(StorageError) in
            statement.bind(key, at: 1)
            var events: [RequestEvent] = []
            events.reserveCapacity(min(version, 64))
            while try statement.step() {
                let sequence = statement.int64(0)
                guard sequence == Int64(events.count + 1) else {
                    throw corrupted(ticket, "event \(events.count + 1) is missing from its history (found \(sequence))")
                }
                let event = try statement.withBlob(1) { bytes throws(StorageError) in
                    try self.event(ticket, sequence: events.count + 1, sealed: bytes)
                }
                events.append(event)
            }
            guard events.count == version else {
                throw corrupted(ticket, "the request is at version \(version) but \(events.count) events are stored")
            }
            return events
        }
    }

    /// Event `sequence` of `ticket`, from the sealed body of its row.
    func event(
        _ ticket: TicketNumber,
        sequence: Int,
        sealed bytes: UnsafeRawBufferPointer
    ) throws(StorageError) -> RequestEvent {
        let checksum = RowSeal.event(ticket: Int64(ticket.payload), sequence: Int64(sequence))
        let payload = try checkedPayload(bytes, checksum, ticket, "event \(sequence)")
        do throws(RowFormatError) {
            return try RowFormat.decodeEvent(ticket, sequence: sequence, from: payload)
        } catch {
            throw storageError(error, ticket: ticket, in: "event \(sequence)")
        }
    }

    /// The events of `ticket`, oldest first, checked against its request row; empty for an
    /// unknown ticket. One read transaction, so the row and the events agree.
    func events(for ticket: TicketNumber) throws(StorageError) -> [RequestEvent] {
        try readTransaction { () throws(StorageError) -> [RequestEvent] in
            let version: Int? = try run(SQL.selectSnapshot) { statement throws(StorageError) -> Int? in
                statement.bind(Int64(ticket.payload), at: 1)
                guard try statement.step() else { return nil }
                return try withCheckedRequestRow(in: statement, at: 0) { _, columns, _ in columns.version }
            }
            guard let version else {
                if try exists(SQL.selectEventExists, ticket) {
                    throw corrupted(ticket, "events are stored without their request row")
                }
                return []
            }
            return try events(for: ticket, version: version)
        }
    }

    /// The contact in the current row of `statement`, whose columns from `column` on are
    /// ``SQL/contactColumns``.
    func contact(in statement: SQLiteStatement, at column: Int32) throws(StorageError) -> Contact {
        let columns = ContactColumns(statement, at: column)
        let ticket = try ticket(columns.ticket)
        return try statement.withBlob(column + 4) { bytes throws(StorageError) in
            let payload = try checkedPayload(bytes, columns.checksum, ticket, "the contact")
            do throws(RowFormatError) {
                return try RowFormat.decodeContact(ticket, from: payload)
            } catch {
                throw storageError(error, ticket: ticket, in: "the contact")
            }
        }
    }

    /// Why a lookup of `ticket` that found no request row is damage rather than an unknown
    /// ticket: its events or its opening contact are stored. Run inside the lookup's read
    /// transaction.
    func checkNoRequest(_ ticket: TicketNumber) throws(StorageError) {
        if try exists(SQL.selectEventExists, ticket) {
            throw corrupted(ticket, "the request row is missing but its events are stored")
        }
        let opening: Bool = try run(SQL.selectContact) { statement throws(StorageError) in
            statement.bind(Int64(ticket.payload), at: 1)
            guard try statement.step() else { return false }
            return try contact(in: statement, at: 0).opensRequest
        }
        if opening { throw corrupted(ticket, "the request row is missing but its opening contact is stored") }
    }

    /// Why a lookup of the contact `ticket` that found none is damage rather than an unknown
    /// ticket: the request it opened is stored.
    func checkNoContact(_ ticket: TicketNumber) throws(StorageError) {
        if try exists(SQL.selectRequestExists, ticket) {
            throw corrupted(ticket, "the contact that opened the request is missing")
        }
    }

    /// Whether `sql` (one ticket parameter) returns a row.
    func exists(_ sql: String, _ ticket: TicketNumber) throws(StorageError) -> Bool {
        try run(sql) { statement throws(StorageError) in
            statement.bind(Int64(ticket.payload), at: 1)
            return try statement.step()
        }
    }

    /// The payload of a sealed body, or `StorageError.Code.corrupted` when its checksum fails.
    func checkedPayload(
        _ bytes: UnsafeRawBufferPointer,
        _ columns: RowChecksum,
        _ ticket: TicketNumber,
        _ what: String
    ) throws(StorageError) -> UnsafeRawBufferPointer {
        guard let payload = RowSeal.payload(of: bytes, columns: columns) else {
            throw corrupted(ticket, "\(what) does not match its checksum: the row was damaged after it was written")
        }
        return payload
    }

    func corrupted(_ ticket: TicketNumber?, _ reason: String) -> StorageError {
        StorageError(.corrupted, ticket: ticket, reason: "\(path) is damaged: \(reason)")
    }

    func storageError(_ error: RowFormatError, ticket: TicketNumber?, in what: String) -> StorageError {
        switch error.kind {
        case .malformed:
            StorageError(.corrupted, ticket: ticket, reason: "\(what) in \(path) is damaged: \(error.reason)")
        case .newer:
            StorageError(
                .incompatibleSchema,
                ticket: ticket,
                reason: "\(what) in \(path) was written by a newer library: \(error.reason)"
            )
        }
    }
}

extension Contact {
    /// Whether this contact opened the request with its own ticket.
    var opensRequest: Bool {
        if case .serviceRequest(_, let request) = callType { return request == ticket }
        return false
    }
}
