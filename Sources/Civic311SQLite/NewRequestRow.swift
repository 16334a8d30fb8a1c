import Civic311
import Foundation

/// A request about to be opened: its contact, opening event and first snapshot, checked and
/// encoded before the write lock is taken, so the transaction only inserts.
struct NewRequestRow {
    let contact: Contact
    let contactBody: [UInt8]
    let openingBody: [UInt8]
    let request: ServiceRequest
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
        self.contact = contact
        contactBody = RowFormat.encode(contact)
        openingBody = RowFormat.encode(opening)
        snapshot = RowFormat.encode(request)
    }
}
