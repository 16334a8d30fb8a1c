import Civic311
import Foundation
import Synchronization

/// A `Notifier` that keeps what it is sent, for tests: each notice once per key, as a provider
/// that honours idempotency keys does, with failures on request.
public final class RecordingNotifier: Notifier, Sendable {
    private struct State {
        var sent: [Notice] = []
        var keys: Set<String> = []
        var repeats = 0
        var isDown = false
        var refused: Set<String> = []
        var calls = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Every notice that took effect, in the order sent.
    public var sent: [Notice] { state.withLock { $0.sent } }
    /// Calls with a key that had already taken effect (answered without a second effect).
    public var repeats: Int { state.withLock { $0.repeats } }
    /// Calls received, failed ones included.
    public var calls: Int { state.withLock { $0.calls } }

    /// The notices sent about `ticket`, in order.
    public func sent(about ticket: TicketNumber) -> [Notice] {
        state.withLock { $0.sent.filter { $0.ticket == ticket } }
    }

    /// While `down`, every call fails with `DeliveryError.Code.unavailable`.
    public func setDown(_ down: Bool) { state.withLock { $0.isDown = down } }

    /// Refuses for good (`DeliveryError.Code.rejected`) every notice to `recipient`, as a provider
    /// refuses an address that bounces.
    public func refuse(_ recipient: String) { state.withLock { _ = $0.refused.insert(recipient) } }

    public func send(_ notice: Notice) async throws {
        try state.withLock { state throws(DeliveryError) in
            state.calls += 1
            if state.isDown { throw DeliveryError(.unavailable, message: "503 the provider is down") }
            if state.refused.contains(notice.recipient) {
                throw DeliveryError(.rejected, message: "550 no such mailbox: \(notice.recipient)")
            }
            guard state.keys.insert(notice.key).inserted else {
                state.repeats += 1
                return
            }
            state.sent.append(notice)
        }
    }
}
