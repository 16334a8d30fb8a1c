import Foundation

/// The in-memory store's index of requests by creation time: what lets a count with a creation
/// range read only the requests the range could hold, not the store.
///
/// A request is filed once, when it is opened (its creation time never changes), at
/// `(createdAt, ticket)`; intake's clock moves forward, so a filing is nearly always an append to
/// the last chunk. Counting the requests created in a range is two prefix counts: O(c + log n)
/// (see ``OrderedKeys``), reading no request.
///
/// An instant that is not a number is before nothing and nothing is before it, and the index
/// answers as ``RequestQuery/matches(_:)`` does: such a creation instant passes a lower bound
/// and stops at an upper one (the index sorts it last), and such an upper bound stops every
/// request.
struct CreationIndex: Sendable {
    private var places = OrderedKeys<TimedTicket>()

    mutating func file(_ ticket: TicketNumber, createdAt: Date) {
        let added = places.insert(TimedTicket(instant: createdAt, ticket: ticket))
        assert(added, "request \(ticket) was filed twice")
    }

    /// How many requests were created at or after `from` and before `before` (`nil`: no bound).
    func count(from: Date?, before: Date?) -> Int {
        let end = before.map { end in places.countPrefix { $0.instant < end } } ?? places.count
        let start = from.map { start in places.countPrefix { $0.instant < start } } ?? 0
        return max(0, end - start)
    }

    /// The tickets ``count(from:before:)`` counts, in creation order.
    func tickets(from: Date?, before: Date?) -> [TicketNumber] {
        var tickets: [TicketNumber] = []
        for place in places.keys(from: { place in from.map { place.instant < $0 } ?? false }) {
            if let before, !(place.instant < before) { break }
            tickets.append(place.ticket)
        }
        return tickets
    }
}
