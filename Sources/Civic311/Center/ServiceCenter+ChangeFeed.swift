extension ServiceCenter {
    /// Follows the store's durable change feed live, from the entry after `position`: every
    /// contact and request event the store holds or will hold, in position order, with a
    /// ``FeedUpdate/caughtUp(_:)`` each time it has delivered everything stored.
    ///
    /// ```swift
    /// let consumer: FeedConsumerID = "notifier"
    /// for try await update in center.changes(after: try await center.store.checkpoint(of: consumer)) {
    ///     guard case .entries(let entries) = update else { continue }
    ///     for entry in entries { try await notify(entry) }
    ///     try await center.store.saveCheckpoint(entries[entries.count - 1].position, of: consumer, expected: nil)
    /// }
    /// ```
    ///
    /// Unlike ``events(bufferingPolicy:)``, nothing is lost: what is delivered is read from the
    /// store, and a consumer that saves its checkpoint resumes exactly after it. See ``FeedTail``.
    public func changes(after position: FeedPosition) -> FeedTail {
        FeedTail(store: store, wakeUps: feed, after: position)
    }
}
