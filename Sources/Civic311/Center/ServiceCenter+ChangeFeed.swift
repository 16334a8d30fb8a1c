extension ServiceCenter {
    /// Follows the store's durable change feed live, from the entry after `position`: every
    /// contact and request event the store holds or will hold, in position order, with a
    /// ``FeedUpdate/caughtUp(_:)`` each time it has delivered everything stored.
    ///
    /// A consumer starts from its saved checkpoint (``RequestStore/checkpoint(of:)``), handles the
    /// entries of each ``FeedUpdate/entries(_:)`` update, and then saves the last entry's position
    /// with ``RequestStore/saveCheckpoint(_:of:expected:)``, so that after a restart it resumes
    /// exactly after what it handled. A position past the feed's last entry is refused with
    /// ``StorageError/Code/invalidArgument`` on the first read.
    ///
    /// Unlike ``events(bufferingPolicy:)``, nothing is lost: what is delivered is read from the
    /// store, and a consumer that saves its checkpoint resumes exactly after it. See ``FeedTail``.
    public func changes(after position: FeedPosition) -> FeedTail {
        FeedTail(store: store, wakeUps: feed, after: position)
    }
}
