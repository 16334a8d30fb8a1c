/// A store's change feed, followed live: ``ServiceCenter/changes(after:)``.
///
/// The tail reads the store's durable feed page by page from its starting position, says when it
/// has caught up (``FeedUpdate/caughtUp(_:)``), and then waits until this center writes again, when
/// it reads the store from where it stopped. What it delivers therefore always comes from the
/// store, in position order, with nothing skipped or repeated; the center's in-process event
/// stream only wakes it, so an event dropped there loses nothing here.
///
/// Only writes made through this center wake the tail; it never polls. A write made by another
/// process on the same database (a second process on one SQLite file), by another center, or
/// straight to the store is not announced: once caught up, the tail sleeps until this center
/// writes something, and that wake-up's read then delivers everything stored since, the other
/// writers' changes included, in position order. If this center writes nothing more, the tail
/// never delivers them. A consumer that must see other processes' writes promptly reads the feed
/// itself with ``RequestStore/changes(after:limit:)`` on a schedule of its choosing (each read
/// sees every committed change), or is woken by its own signal. The tail keeps no checkpoint: a consumer that must
/// resume after a restart saves the positions it has handled with
/// ``RequestStore/saveCheckpoint(_:of:expected:)`` and starts its next tail from
/// ``RequestStore/checkpoint(of:)``.
///
/// Iteration ends when the center is released or the iterating task is cancelled, and throws the
/// store's ``StorageError`` if a read fails. Each iterator reads on demand: a slow consumer holds
/// no pages in memory.
public struct FeedTail: AsyncSequence, Sendable {
    public typealias Element = FeedUpdate
    public typealias Failure = StorageError

    private let store: any RequestStore
    private let wakeUps: CenterEventFeed
    private let start: FeedPosition

    init(store: any RequestStore, wakeUps: CenterEventFeed, after start: FeedPosition) {
        self.store = store
        self.wakeUps = wakeUps
        self.start = start
    }

    public func makeAsyncIterator() -> Iterator {
        // Subscribe before the first read, so no write between the two goes unnoticed.
        Iterator(store: store, wakeUps: wakeUps.subscribe(bufferingPolicy: .bufferingNewest(1)), after: start)
    }

    /// Reads the feed on demand; not shared between tasks.
    public struct Iterator: AsyncIteratorProtocol {
        public typealias Element = FeedUpdate
        public typealias Failure = StorageError

        private let store: any RequestStore
        /// Holds at most one pending wake-up: one is enough to read again.
        private var wakeUps: AsyncStream<CenterEvent>.Iterator
        private var position: FeedPosition
        /// The last page read was caught up and ``FeedUpdate/caughtUp(_:)`` is owed for it.
        private var owesCaughtUp = false
        /// ``FeedUpdate/caughtUp(_:)`` was delivered since the last entries.
        private var announcedCaughtUp = false

        init(store: any RequestStore, wakeUps: AsyncStream<CenterEvent>, after position: FeedPosition) {
            self.store = store
            self.wakeUps = wakeUps.makeAsyncIterator()
            self.position = position
        }

        public mutating func next() async throws(StorageError) -> FeedUpdate? {
            try await next(isolation: #isolation)
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(StorageError) -> FeedUpdate? {
            while true {
                if owesCaughtUp {
                    owesCaughtUp = false
                    announcedCaughtUp = true
                    return .caughtUp(position)
                }
                let page = try await store.changes(after: position, limit: FeedPage.maximumLimit)
                position = page.next
                if !page.entries.isEmpty {
                    announcedCaughtUp = false
                    owesCaughtUp = page.isCaughtUp
                    return .entries(page.entries)
                }
                if !announcedCaughtUp {
                    announcedCaughtUp = true
                    return .caughtUp(position)
                }
                // Caught up and said so: wait for a write. A write since the last wake-up left one
                // pending, so none is missed; nil means the center is gone or the task cancelled.
                guard await wakeUps.next(isolation: actor) != nil else { return nil }
            }
        }
    }
}
