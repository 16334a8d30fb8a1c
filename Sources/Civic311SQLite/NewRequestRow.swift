import Civic311
import Foundation

/// A request about to be opened: checked by the core's `NewRequest` and encoded before the write
/// lock is taken, so the transaction only inserts.
struct NewRequestRow {
    let new: NewRequest
    let contactBody: [UInt8]
    let openingBody: [UInt8]
    let snapshot: [UInt8]

    var contact: Contact { new.contact }
    var request: ServiceRequest { new.request }

    init(_ new: NewRequest) {
        self.new = new
        contactBody = RowFormat.encode(new.contact)
        openingBody = RowFormat.encode(new.opening)
        snapshot = RowFormat.encode(new.request)
    }
}
