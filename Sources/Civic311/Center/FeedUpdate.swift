/// What a ``FeedTail`` delivers: stored changes, and the moments it has caught up with the store.
public enum FeedUpdate: Hashable, Sendable {
    /// The next entries of the store's change feed, in ascending position, none skipped.
    case entries([FeedEntry])
    /// Every entry stored up to this position has been delivered, and none existed after it when
    /// the store was last read. The tail now waits for this center's next write.
    case caughtUp(FeedPosition)
}
