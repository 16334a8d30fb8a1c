import Foundation

// The reference ordering, shared by every store and the conformance kit.
extension RequestOrder {
    /// Whether `lhs` sorts before `rhs` in this order.
    public func sorts(_ lhs: ServiceRequest, before rhs: ServiceRequest) -> Bool {
        switch self {
        case .ticketAscending: lhs.ticket < rhs.ticket
        case .ticketDescending: lhs.ticket > rhs.ticket
        case .dueAscending: (lhs.dueAt, lhs.ticket) < (rhs.dueAt, rhs.ticket)
        }
    }

    /// The cursor that resumes a listing after `request`.
    public func cursor(after request: ServiceRequest) -> PageCursor {
        PageCursor(order: self, ticket: request.ticket, dueAt: self == .dueAscending ? request.dueAt : nil)
    }

    /// Whether `request` sorts after the position `cursor` marks.
    public func sorts(_ request: ServiceRequest, after cursor: PageCursor) -> Bool {
        switch self {
        case .ticketAscending: request.ticket > cursor.ticket
        case .ticketDescending: request.ticket < cursor.ticket
        case .dueAscending: (request.dueAt, request.ticket) > (cursor.dueAt ?? .distantPast, cursor.ticket)
        }
    }

    /// Checks that `cursor` was made for this order.
    public func validate(_ cursor: PageCursor?) throws(StorageError) {
        guard let cursor else { return }
        guard cursor.order == self, (self == .dueAscending) == (cursor.dueAt != nil) else {
            throw StorageError(
                .invalidCursor,
                reason: "the cursor was made for \(cursor.order.rawValue), not \(rawValue)"
            )
        }
    }
}
