import Foundation

/// A ticket at an instant, ordered by the instant and then the ticket: a request's place in the
/// in-memory store's ordered indexes (a work queue by due instant, the creation index by creation
/// time).
///
/// The order is total even for an instant that is not a number (the store's public entry points
/// take whatever instant a caller built): such a place sorts after every other, by ticket, so it
/// is always found again to be moved. For every other instant it is exactly `(instant, ticket)`.
struct TimedTicket: Comparable, Sendable {
    let instant: Date
    let ticket: TicketNumber

    static func < (lhs: TimedTicket, rhs: TimedTicket) -> Bool {
        let left = lhs.instant.timeIntervalSinceReferenceDate
        let right = rhs.instant.timeIntervalSinceReferenceDate
        if left.isNaN || right.isNaN {
            return left.isNaN == right.isNaN ? lhs.ticket < rhs.ticket : right.isNaN
        }
        return left != right ? left < right : lhs.ticket < rhs.ticket
    }

    static func == (lhs: TimedTicket, rhs: TimedTicket) -> Bool {
        !(lhs < rhs) && !(rhs < lhs)
    }
}
