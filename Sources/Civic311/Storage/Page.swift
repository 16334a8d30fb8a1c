import Foundation

/// Where a listing stopped: the sort key of the last item returned. Pass it back to get the next
/// page. Items inserted after the cursor was made appear in later pages if they sort after it;
/// items already listed are never listed again.
public struct PageCursor: Hashable, Sendable, Codable {
    public let order: RequestOrder
    public let ticket: TicketNumber
    /// The due date of the last item, for ``RequestOrder/dueAscending``.
    public let dueAt: Date?

    public init(order: RequestOrder, ticket: TicketNumber, dueAt: Date? = nil) {
        self.order = order
        self.ticket = ticket
        self.dueAt = dueAt
    }
}

/// How much of a listing to return, and from where.
public struct PageRequest: Hashable, Sendable {
    /// The largest page a store returns.
    public static let maximumLimit = 1_000

    public let limit: Int
    public let after: PageCursor?

    /// - Throws: ``ValidationError`` when `limit` is outside 1...``maximumLimit``.
    public init(limit: Int = 100, after: PageCursor? = nil) throws(ValidationError) {
        guard (1...Self.maximumLimit).contains(limit) else {
            throw ValidationError(
                .outOfRange,
                field: "limit",
                reason: "must be between 1 and \(Self.maximumLimit), got \(limit)"
            )
        }
        self.limit = limit
        self.after = after
    }

    /// The first page of 100.
    public static var first: PageRequest { try! PageRequest() }
}

/// One page of a listing.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    /// The cursor for the next page, or `nil` when this page is the last.
    public let next: PageCursor?

    public init(items: [Item], next: PageCursor?) {
        self.items = items
        self.next = next
    }
}

extension Page {
    /// The page of `items` fetched one past `limit`, in listing order: at most `limit` of them,
    /// with a cursor after the last when the extra one shows that more remain. How every store
    /// cuts its pages.
    public init(fetched items: [Item], limit: Int, cursor: (Item) -> PageCursor) {
        guard items.count > limit, limit > 0 else {
            self.init(items: items, next: nil)
            return
        }
        let kept = Array(items.prefix(limit))
        self.init(items: kept, next: cursor(kept[limit - 1]))
    }
}

extension Page: Equatable where Item: Equatable {}
