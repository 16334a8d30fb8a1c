/// Tags the name of a change-feed consumer.
public enum FeedConsumerTag {}

/// The name of a change-feed consumer (an outbox, a notifier, an export) under which a store keeps
/// its checkpoint. Choose a stable name: a consumer that restarts under the same name resumes after
/// its checkpoint; one under a new name starts from the beginning.
public typealias FeedConsumerID = Identifier<FeedConsumerTag>

extension Identifier where Tag == FeedConsumerTag {
    /// The longest consumer name a store accepts, in UTF-8 bytes.
    public static var maximumLength: Int { 128 }

    /// Refuses a blank name or one longer than ``maximumLength`` bytes; every store checks this
    /// before it reads or saves a checkpoint.
    ///
    /// - Throws: ``StorageError`` with code ``StorageError/Code/invalidArgument``.
    public func validate() throws(StorageError) {
        if rawValue.isBlank {
            throw StorageError(.invalidArgument, reason: "consumer: must not be empty")
        }
        if rawValue.utf8.count > Self.maximumLength {
            throw StorageError(
                .invalidArgument,
                reason: "consumer: must be at most \(Self.maximumLength) bytes, got \(rawValue.utf8.count)"
            )
        }
    }

    /// Applies the rule of ``RequestStore/saveCheckpoint(_:of:expected:)``: every store calls this
    /// with the stored checkpoint and the last position of its feed, in the transaction that saves.
    ///
    /// - Parameters:
    ///   - position: the checkpoint to save.
    ///   - expected: the checkpoint the caller expects to replace, for a rewind; `nil` to move
    ///     forward only.
    ///   - current: the checkpoint stored now (``FeedPosition/start`` for none).
    ///   - last: the position of the last entry in the feed.
    /// - Throws: ``StorageError/Code/invalidArgument`` when `position` is past `last`;
    ///   ``StorageError/Code/conflict`` when `current` is not `expected`, or, without `expected`,
    ///   when `position` is before `current`.
    public func validateCheckpoint(
        _ position: FeedPosition,
        expected: FeedPosition?,
        current: FeedPosition,
        last: FeedPosition
    ) throws(StorageError) {
        if position > last {
            throw StorageError(
                .invalidArgument,
                reason: "checkpoint of '\(self)': \(position) is past the last entry of the feed, \(last)"
            )
        }
        if let expected {
            guard current == expected else {
                throw StorageError(
                    .conflict,
                    reason: "checkpoint of '\(self)' is at \(current), not at the expected \(expected)"
                )
            }
        } else if position < current {
            throw StorageError(
                .conflict,
                reason: "checkpoint of '\(self)' is at \(current); \(position) would move it back "
                    + "(pass expected: \(current) to rewind it)"
            )
        }
    }
}
