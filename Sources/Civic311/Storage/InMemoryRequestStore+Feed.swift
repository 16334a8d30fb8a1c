import Synchronization

// The in-memory store's change feed, checkpoints and external-reference index. Positions are
// given under the store's lock, in the same critical section that stores the change, so the
// order of positions is the order of commits.
extension InMemoryRequestStore {
    public func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        try FeedPage.validate(limit: limit)
        return try state.withLock { state throws(StorageError) in
            let end = state.feed.count
            guard position.rawValue < Int64(end) else {
                try FeedPage.validate(after: position, last: FeedPosition(checked: Int64(end)))
                return FeedPage(entries: [], after: position, isCaughtUp: true)
            }
            // Position p is element p - 1, so the first entry after `position` is element `position`.
            let first = Int(position.rawValue)
            let stop = first + min(limit, end - first)
            var entries: [FeedEntry] = []
            entries.reserveCapacity(stop - first)
            for index in first..<stop {
                entries.append(
                    FeedEntry(
                        position: FeedPosition(checked: Int64(index) + 1),
                        change: state.change(at: state.feed.location(at: index))
                    )
                )
            }
            return FeedPage(entries: entries, after: position, isCaughtUp: stop == end)
        }
    }

    public func checkpoint(of consumer: FeedConsumerID) async throws(StorageError) -> FeedPosition {
        try consumer.validate()
        return state.withLock { $0.checkpoints[consumer] ?? .start }
    }

    public func saveCheckpoint(
        _ position: FeedPosition,
        of consumer: FeedConsumerID,
        expected: FeedPosition?
    ) async throws(StorageError) {
        try consumer.validate()
        try state.withLock { state throws(StorageError) in
            let current = state.checkpoints[consumer] ?? .start
            try consumer.validateCheckpoint(position, expected: expected, current: current, last: state.feed.last)
            state.checkpoints[consumer] = position
        }
    }

    public func request(externalReference key: ExternalReference.Key) async throws(StorageError) -> ServiceRequest? {
        state.withLock { state in state.externalReferences[key].flatMap { state.requests[$0]?.request } }
    }

    // MARK: Internals

    /// The keys of the external references `events` record, in order.
    static func externalReferenceKeys(in events: [RequestEvent]) -> [ExternalReference.Key] {
        var keys: [ExternalReference.Key] = []
        for event in events {
            if case .externalReferenceAdded(let reference) = event.change { keys.append(reference.key) }
        }
        return keys
    }

    /// Refuses, before anything is written, an append the feed cannot number or whose external
    /// references another request holds.
    static func checkAppendable(
        _ events: [RequestEvent],
        keys: [ExternalReference.Key],
        to ticket: TicketNumber,
        in state: State
    ) throws(StorageError) {
        if let last = events.last, last.sequence > FeedLog.maximumSequence {
            throw StorageError(
                .invalidHistory,
                ticket: ticket,
                reason: "the in-memory store keeps at most \(FeedLog.maximumSequence) events per request"
            )
        }
        for key in keys {
            if let holder = state.externalReferences[key], holder != ticket {
                throw StorageError(
                    .duplicate,
                    ticket: ticket,
                    reason: "external reference \(key) is already recorded for another request"
                )
            }
        }
    }

    /// Gives appended events their positions and indexes the keys they record.
    static func noteAppended(
        _ events: [RequestEvent],
        keys: [ExternalReference.Key],
        slot: UInt32,
        in state: inout State
    ) {
        for event in events {
            // checkAppendable refused sequences past FeedLog.maximumSequence, and the fold any
            // below 2, so the conversion is exact.
            state.feed.append(.event(slot: slot, sequence: UInt32(truncatingIfNeeded: event.sequence)))
        }
        for key in keys { state.externalReferences[key] = events[0].ticket }
    }
}

extension InMemoryRequestStore.State {
    /// The change kept at `location`.
    func change(at location: FeedLog.Location) -> FeedEntry.Change {
        switch location {
        case .requestContact(let slot): .contact(requests.value(inSlot: slot).contact)
        case .recordedContact(let slot): .contact(contacts.value(inSlot: slot))
        case .event(let slot, let sequence): .requestEvent(requests.value(inSlot: slot).event(sequence: Int(sequence)))
        }
    }
}
