import Synchronization

/// Fans centre events out to every subscriber's stream.
///
/// Publishing checks for subscribers under the lock and returns at once when there are none, so
/// intake pays nothing for an unused feed.
final class CentreEventFeed: Sendable {
    private struct Subscribers {
        var nextID = 0
        var continuations: [Int: AsyncStream<CentreEvent>.Continuation] = [:]
    }

    private let subscribers = Mutex(Subscribers())

    func subscribe(bufferingPolicy: AsyncStream<CentreEvent>.Continuation.BufferingPolicy) -> AsyncStream<CentreEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: CentreEvent.self, bufferingPolicy: bufferingPolicy)
        let id = subscribers.withLock { state in
            defer { state.nextID += 1 }
            state.continuations[state.nextID] = continuation
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    func publish(_ event: @autoclosure () -> CentreEvent) {
        let continuations = subscribers.withLock { $0.continuations.isEmpty ? [] : Array($0.continuations.values) }
        guard !continuations.isEmpty else { return }
        let value = event()
        for continuation in continuations { continuation.yield(value) }
    }

    func finish() {
        let continuations = subscribers.withLock { state in
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
