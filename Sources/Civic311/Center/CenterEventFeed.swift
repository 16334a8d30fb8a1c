import Synchronization

/// Fans center events out to every subscriber's stream.
///
/// Publishing reads an atomic subscriber count first and returns at once when there are none, so
/// intake takes no lock for an unused feed.
final class CenterEventFeed: Sendable {
    private struct Subscribers {
        var nextID = 0
        var continuations: [Int: AsyncStream<CenterEvent>.Continuation] = [:]
    }

    private let subscribers = Mutex(Subscribers())
    /// Mirrors `subscribers.continuations.count`; written only under the lock.
    private let subscriberCount = Atomic<Int>(0)

    func subscribe(bufferingPolicy: AsyncStream<CenterEvent>.Continuation.BufferingPolicy) -> AsyncStream<CenterEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: CenterEvent.self, bufferingPolicy: bufferingPolicy)
        let id = subscribers.withLock { state in
            defer { state.nextID += 1 }
            state.continuations[state.nextID] = continuation
            subscriberCount.store(state.continuations.count, ordering: .releasing)
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            subscribers.withLock { state in
                state.continuations[id] = nil
                subscriberCount.store(state.continuations.count, ordering: .releasing)
            }
        }
        return stream
    }

    func publish(_ event: @autoclosure () -> CenterEvent) {
        guard subscriberCount.load(ordering: .acquiring) > 0 else { return }
        let continuations = subscribers.withLock { $0.continuations.isEmpty ? [] : Array($0.continuations.values) }
        guard !continuations.isEmpty else { return }
        let value = event()
        for continuation in continuations { continuation.yield(value) }
    }

    func finish() {
        let continuations = subscribers.withLock { state in
            defer {
                state.continuations.removeAll()
                subscriberCount.store(0, ordering: .releasing)
            }
            return Array(state.continuations.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
