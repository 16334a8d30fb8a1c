import Civic311
import Foundation

/// A request about to be opened: checked by the core's `NewRequest`, then encoded and sealed
/// before the write lock is taken, so the transaction only inserts.
struct NewRequestRow: Sendable {
    let contact: StoredContact
    let openingBody: [UInt8]
    let request: ServiceRequest
    let columns: RequestColumns
    let snapshot: [UInt8]
    /// The request's client request ID and its scope, when it has an ID.
    let clientRequestKey: ClientRequestKey?
    /// The stored lookup key (see ``Swift/String/storedKey``) of the ID's scope; the ID's own is
    /// in ``columns``.
    let clientScope: String?

    init(_ new: NewRequest) {
        request = new.request
        contact = StoredContact(new.contact)
        openingBody = RowSeal.seal(
            RowFormat.encode(new.opening),
            columns: RowSeal.event(ticket: Int64(new.request.ticket.payload), sequence: 1)
        )
        columns = RequestColumns(new.request)
        snapshot = RowSeal.seal(RowFormat.encode(new.request), columns: columns.checksum)
        clientRequestKey = new.clientRequestKey
        clientScope = new.clientRequestKey?.scope.storedKey
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
        let row = NewRequestRow(try NewRequest(contact, opening: opening))
        return (row.contact.body, row.snapshot, row.openingBody)
    }
}
