import Civic311
import Foundation

/// A request about to be opened: its contact, opening event and first snapshot, checked,
/// encoded and sealed before the write lock is taken, so the transaction only inserts.
struct NewRequestRow: Sendable {
    let contact: StoredContact
    let openingBody: [UInt8]
    let request: ServiceRequest
    let columns: RequestColumns
    let snapshot: [UInt8]

    /// - Throws: `StorageError.Code.invalidHistory` when `opening` is not an opening event or
    ///   the contact has another ticket.
    init(_ contact: Contact, _ opening: RequestEvent) throws(StorageError) {
        do throws(LifecycleError) {
            request = try ServiceRequest(opening: opening)
        } catch {
            throw StorageError(.invalidHistory, ticket: opening.ticket, reason: error.message)
        }
        // The opening contact is part of the request's record: it must be the one the request
        // implies, so that a store may keep either and derive the other.
        guard contact == request.openingContact else {
            throw StorageError(
                .invalidHistory,
                ticket: request.ticket,
                reason:
                    "the opening contact does not match the request (ticket, channel, time, agent and kind must agree)"
            )
        }
        self.contact = StoredContact(contact)
        openingBody = RowSeal.seal(
            RowFormat.encode(opening),
            columns: RowSeal.event(ticket: Int64(opening.ticket.payload), sequence: 1)
        )
        columns = RequestColumns(request)
        snapshot = RowSeal.seal(RowFormat.encode(request), columns: columns.checksum)
    }
}

/// A contact's row as it is written: its columns and its sealed body.
struct StoredContact: Sendable {
    let columns: ContactColumns
    let body: [UInt8]

    init(_ contact: Contact) {
        columns = ContactColumns(contact)
        body = RowSeal.seal(RowFormat.encode(contact), columns: columns.checksum)
    }
}

extension RowFormat {
    /// The sealed bodies the store writes when it opens a request: the contact's, the first
    /// snapshot and the opening event's.
    // SPI, not API: the SQLite benchmark's raw-insert baseline writes the very same row bytes.
    @_spi(Benchmarks) public static func storedBodies(
        of contact: Contact,
        opening: RequestEvent
    ) throws(StorageError) -> (contact: [UInt8], snapshot: [UInt8], opening: [UInt8]) {
        let row = try NewRequestRow(contact, opening)
        return (row.contact.body, row.snapshot, row.openingBody)
    }
}
