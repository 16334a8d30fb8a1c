import Civic311

/// A contact as the `civic311.contact` table stores it: its key columns and its JSON body.
struct ContactRow: Sendable {
    let ticket: TicketNumber
    let channel: String
    let category: String
    let receivedAt: String
    let body: String

    init(_ contact: Contact) throws(StorageError) {
        ticket = contact.ticket
        channel = contact.channel.rawValue
        category = contact.callType.category.rawValue
        receivedAt = StoredBody.date(contact.receivedAt)
        body = try StoredBody.encode(contact)
    }

    /// The parameters of the contact insert: ticket, node, channel, category, received_at,
    /// position, body.
    func parameters(position: Int64) -> [String?] {
        [String(ticket.payload), String(ticket.node), channel, category, receivedAt, String(position), body]
    }
}
