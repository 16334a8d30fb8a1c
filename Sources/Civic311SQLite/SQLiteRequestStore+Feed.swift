import Civic311

// Interim: the SQLite store's change feed, checkpoints and external-reference index follow once
// the store's rework (dedicated threads, row checksums) has landed, with a schema migration. Until
// then every feed command reports that this store does not keep one, rather than answering wrongly.
extension SQLiteRequestStore {
    public func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        try FeedPage.validate(limit: limit)
        throw Self.noFeed
    }

    public func checkpoint(of consumer: FeedConsumerID) async throws(StorageError) -> FeedPosition {
        try consumer.validate()
        throw Self.noFeed
    }

    public func saveCheckpoint(
        _ position: FeedPosition,
        of consumer: FeedConsumerID,
        expected: FeedPosition?
    ) async throws(StorageError) {
        try consumer.validate()
        throw Self.noFeed
    }

    public func request(externalReference key: ExternalReference.Key) async throws(StorageError) -> ServiceRequest? {
        throw Self.noFeed
    }

    private static var noFeed: StorageError {
        StorageError(.unavailable, reason: "this version of the SQLite store keeps no change feed yet")
    }
}
