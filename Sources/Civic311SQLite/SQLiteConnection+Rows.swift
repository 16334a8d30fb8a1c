import Civic311
import Foundation

// Reading stored rows back into domain values, on any connection.
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
    /// ``SQL/requestColumns``: the snapshot with the opening from event 1, or the fold of the
    /// events when the snapshot is stale (written before `ServiceRequest` gained a field) or empty
    /// (a migration may empty snapshots to have them rebuilt).
    func request(in statement: SQLiteStatement, at column: Int32) throws(StorageError) -> ServiceRequest {
        let ticket = try ticket(statement.int64(column))
        let snapshot: ServiceRequest? = try statement.withBlob(column + 1) { snapshot throws(StorageError) in
            guard !snapshot.isEmpty else { return nil }
            return try statement.withBlob(column + 2) { openingBody throws(StorageError) in
                do throws(RowFormatError) {
                    guard !openingBody.isEmpty else { throw RowFormatError("the opening event is missing") }
                    let opening = try RowFormat.decodeOpening(ticket, from: openingBody)
                    return try RowFormat.decodeSnapshot(ticket, opening: opening, from: snapshot)
                } catch {
                    throw storageError(error, ticket: ticket, in: "the request snapshot")
                }
            }
        }
        if let snapshot { return snapshot }
        let events = try events(for: ticket)
        do throws(LifecycleError) {
            return try ServiceRequest.replaying(events)
        } catch {
            throw StorageError(.corrupted, ticket: ticket, reason: "the stored history does not fold: \(error.message)")
        }
    }

    /// A request's events, oldest first.
    func events(for ticket: TicketNumber) throws(StorageError) -> [RequestEvent] {
        try run(SQL.selectEvents) { statement throws(StorageError) in
            statement.bind(Int64(ticket.payload), at: 1)
            var events: [RequestEvent] = []
            while try statement.step() {
                let sequence = statement.int(0)
                let event = try statement.withBlob(1) { bytes throws(StorageError) in
                    try self.event(ticket, sequence: sequence, from: bytes)
                }
                events.append(event)
            }
            return events
        }
    }

    /// The event stored with `bytes`.
    func event(
        _ ticket: TicketNumber,
        sequence: Int,
        from bytes: UnsafeRawBufferPointer
    ) throws(StorageError) -> RequestEvent {
        do throws(RowFormatError) {
            return try RowFormat.decodeEvent(ticket, sequence: sequence, from: bytes)
        } catch {
            throw storageError(error, ticket: ticket, in: "event \(sequence)")
        }
    }

    /// The contact stored with `bytes`.
    func contact(_ ticket: TicketNumber, from bytes: UnsafeRawBufferPointer) throws(StorageError) -> Contact {
        do throws(RowFormatError) {
            return try RowFormat.decodeContact(ticket, from: bytes)
        } catch {
            throw storageError(error, ticket: ticket, in: "the contact")
        }
    }

    private func storageError(_ error: RowFormatError, ticket: TicketNumber?, in what: String) -> StorageError {
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
