import Civic311
import Synchronization

/// The public-works work-order system, simulated in the process: a back office that can be down,
/// that remembers every idempotency key it took (so a retried call takes effect once), and that
/// counts the effects it made for each request.
final class WorkOrderSystem: DepartmentAdapter, Sendable {
    let system = "workorders"
    private let state = Mutex(State())

    private struct State {
        var isDown = false
        /// Every key that took effect, with the work order it answered.
        var applied: [String: String] = [:]
        /// Open and cancelled work orders: identifier (current or former) to the request's ticket.
        var orders: [String: TicketNumber] = [:]
        var cancelled: Set<TicketNumber> = []
        /// Effects per request: one per key that took effect.
        var effects: [TicketNumber: [Delivery.Kind]] = [:]
        var refusedWhileDown = 0
    }

    /// Takes the system down or brings it back.
    func setDown(_ down: Bool) { state.withLock { $0.isDown = down } }

    /// The work order the system keeps for `ticket`, by its latest identifier.
    func order(for ticket: TicketNumber) -> String? {
        state.withLock { state in state.orders.filter { $0.value == ticket }.keys.max { $0.count < $1.count } }
    }

    /// Keeps a work order the depot opened for a resident who came to it directly, under the
    /// ticket 311 gave it when the bridge entered it as a parallel request.
    func link(_ identifier: String, to ticket: TicketNumber) { state.withLock { $0.orders[identifier] = ticket } }

    /// Gives a work order a new identifier, as a back office does when it re-keys a record.
    func rekey(_ identifier: String, to newIdentifier: String) {
        state.withLock { state in
            if let ticket = state.orders[identifier] { state.orders[newIdentifier] = ticket }
        }
    }

    /// The effects each request's calls made, in order.
    var effects: [TicketNumber: [Delivery.Kind]] { state.withLock { $0.effects } }
    /// Calls refused while the system was down.
    var refusedWhileDown: Int { state.withLock { $0.refusedWhileDown } }
    /// Whether the work order of `ticket` was cancelled.
    func isCancelled(_ ticket: TicketNumber) -> Bool { state.withLock { $0.cancelled.contains(ticket) } }

    func dispatch(_ delivery: Delivery) async throws -> String {
        try apply(delivery) { state throws(DeliveryError) in
            // A request that comes back is dispatched again: reopen its work order.
            if let former = delivery.reference?.identifier, state.orders[former] != nil {
                state.cancelled.remove(delivery.request.ticket)
                return former
            }
            let identifier = "WO-\(delivery.request.ticket)"
            state.orders[identifier] = delivery.request.ticket
            return identifier
        }
    }

    func update(_ delivery: Delivery) async throws {
        _ = try apply(delivery) { state throws(DeliveryError) in try Self.order(named: delivery, in: state) }
    }

    func cancel(_ delivery: Delivery) async throws {
        _ = try apply(delivery) { state throws(DeliveryError) in
            let identifier = try Self.order(named: delivery, in: state)
            state.cancelled.insert(delivery.request.ticket)
            return identifier
        }
    }

    /// The work order a call names; the system refuses one it never issued.
    private static func order(named delivery: Delivery, in state: State) throws(DeliveryError) -> String {
        guard let identifier = delivery.reference?.identifier, state.orders[identifier] != nil else {
            throw DeliveryError(.rejected, message: "no work order \(delivery.reference?.identifier ?? "(none)")")
        }
        return identifier
    }

    /// Applies a call once per key: a key seen before answers as before and changes nothing.
    private func apply(
        _ delivery: Delivery,
        _ effect: (inout State) throws(DeliveryError) -> String
    ) throws(DeliveryError) -> String {
        try state.withLock { state throws(DeliveryError) -> String in
            guard !state.isDown else {
                state.refusedWhileDown += 1
                throw DeliveryError(.unavailable, message: "the work-order system is down for maintenance")
            }
            if let answered = state.applied[delivery.key] { return answered }
            let identifier = try effect(&state)
            state.applied[delivery.key] = identifier
            state.effects[delivery.request.ticket, default: []].append(delivery.kind)
            return identifier
        }
    }
}
