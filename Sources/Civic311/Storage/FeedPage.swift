/// One page of a store's change feed: what ``RequestStore/changes(after:limit:)`` returns.
public struct FeedPage: Hashable, Sendable {
    /// The largest page a store returns, the same as for listings (``PageRequest/maximumLimit``).
    public static var maximumLimit: Int { PageRequest.maximumLimit }

    /// Entries in ascending position, every one after the position asked for.
    public let entries: [FeedEntry]
    /// Where to read next: the last entry's position, or the position asked for when the page is
    /// empty.
    public let next: FeedPosition
    /// No entry existed after ``next`` when the page was read: the reader has caught up.
    public let isCaughtUp: Bool

    /// - Parameters:
    ///   - entries: the entries read, in ascending position.
    ///   - after: the position the page was asked for; ``next`` is the last entry's position, or
    ///     this one when there are none.
    ///   - isCaughtUp: whether no entry existed after the last one when the page was read.
    public init(entries: [FeedEntry], after: FeedPosition, isCaughtUp: Bool) {
        self.entries = entries
        self.next = entries.last?.position ?? after
        self.isCaughtUp = isCaughtUp
    }

    /// Refuses a position past the feed's last entry, `last`; every store checks this when a read
    /// finds nothing after `position`.
    ///
    /// Such a position never came from this feed (a stale message, another database, a backup
    /// restored over a newer one): reading from it would say "caught up" and then skip every entry
    /// written up to it.
    ///
    /// - Throws: ``StorageError`` with code ``StorageError/Code/invalidArgument``.
    public static func validate(after position: FeedPosition, last: FeedPosition) throws(StorageError) {
        guard position <= last else {
            throw StorageError(
                .invalidArgument,
                reason: "after: \(position) is past the last entry of the feed, \(last); it did not come from this feed"
            )
        }
    }

    /// Refuses a page limit outside 1...``maximumLimit``; every store checks this before it reads.
    ///
    /// - Throws: ``StorageError`` with code ``StorageError/Code/invalidArgument``.
    public static func validate(limit: Int) throws(StorageError) {
        guard (1...maximumLimit).contains(limit) else {
            throw StorageError(
                .invalidArgument,
                reason: "limit: must be between 1 and \(maximumLimit), got \(limit)"
            )
        }
    }
}
