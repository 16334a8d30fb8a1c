@_spi(Benchmarks) import Civic311
import Foundation
import Synchronization

/// A department's back office in memory, for adapter authors' tests and ours: a
/// `DepartmentAdapter` that keeps work orders, honours idempotency keys, and fails on request.
///
/// Faults are deterministic: the failure rate draws from a seeded generator, and outages are
/// windows of the clock it is given (the center's `ManualWallClock` in a test), so a run replays
/// exactly. A fault can strike before the back office acts (``Fault/before``, the call never
/// arrived) or after it (``Fault/after``, the call took effect but the answer was lost), which is
/// what makes a retry dangerous without the key. A latency makes every call wait.
///
/// It talks back, too: ``report(_:on:note:)`` queues a status update for one of its work orders,
/// and ``sendUpdates()`` hands the queued updates over for `ServiceCenter.receive`, duplicated and
/// reordered as ``setUpdateFaults(duplicateRate:reorders:)`` says. ``rekey(_:)`` gives a work
/// order a new reference, as a back office does when an enquiry becomes a work order.
public final class FakeBackOffice: DepartmentAdapter, Sendable {
    /// One record in the back office.
    public struct WorkOrder: Hashable, Sendable {
        public let reference: String
        public let ticket: TicketNumber
        /// Open until a cancellation arrives.
        public var isCancelled: Bool
        /// The sequence of every change delivered to it, in arrival order, the dispatch first.
        public var changes: [Int]
        /// What each of those changes did, in the same order: comparable across runs whose
        /// sequences differ (the outbox's own records take sequences too).
        public var actions: [LifecycleAction]
        /// The `Delivery.key` of every call that took effect on it, in the same order.
        public var keys: [String]
    }

    /// When a failing call fails.
    public enum Fault: Hashable, Sendable {
        /// The call never reached the back office.
        case before
        /// The back office acted, then the answer was lost.
        case after
    }

    public let system: String
    private let clock: any WallClock
    private let state: Mutex<State>

    private struct State {
        var random: SplitMix64
        var failureRate: Double
        var fault: Fault
        var outages: [DateInterval]
        var latency: Duration
        var refuseAll = false
        /// Former references, to the work order's current one.
        var aliases: [String: String] = [:]
        /// Status updates reported and not sent yet, oldest first.
        var reported: [(ticket: TicketNumber, update: BackOfficeUpdate)] = []
        var updatesReported = 0
        var duplicateRate = 0.0
        var reorders = false
        var nextNumber = 1
        /// Every key that took effect, with the reference it answered (for a dispatch).
        var applied: [String: String] = [:]
        var orders: [String: WorkOrder] = [:]
        /// Every change that took effect: ticket, sequence and kind.
        var changes: Set<String> = []
        var calls = 0
        var duplicateEffects = 0
    }

    /// - Parameters:
    ///   - system: the system name references are recorded under.
    ///   - clock: the clock outages are read from.
    ///   - failureRate: the share of calls that fail with `DeliveryError.Code.unavailable`.
    ///   - fault: whether a failing call fails before or after it takes effect.
    ///   - outages: windows in which every call fails with `DeliveryError.Code.unavailable`.
    ///   - latency: how long every call waits before the back office acts (real time).
    ///   - seed: seeds the failures.
    /// - Throws: `ValidationError` (field `failureRate`) for a rate outside 0...1.
    public init(
        system: String = "workorders",
        clock: any WallClock,
        failureRate: Double = 0,
        fault: Fault = .before,
        outages: [DateInterval] = [],
        latency: Duration = .zero,
        seed: UInt64 = 0
    ) throws(ValidationError) {
        try Self.check(failureRate)
        guard latency >= .zero else {
            throw ValidationError(.outOfRange, field: "latency", reason: "must not be negative, not \(latency)")
        }
        self.system = system
        self.clock = clock
        state = Mutex(
            State(
                random: SplitMix64(seed: seed),
                failureRate: failureRate,
                fault: fault,
                outages: outages,
                latency: latency
            )
        )
    }

    // MARK: Reading it

    /// The work orders, by reference.
    public var workOrders: [String: WorkOrder] { state.withLock { $0.orders } }
    /// The work order for a ticket (the last one, if the request was dispatched twice).
    public func workOrder(for ticket: TicketNumber) -> WorkOrder? {
        state.withLock { state in state.orders.values.filter { $0.ticket == ticket }.max { $0.reference < $1.reference }
        }
    }
    /// What the back office holds under `reference`, for ``DepartmentAdapterConformance``: pass
    /// `{ $0.recordView(for: $1) }` as its inspection.
    public func recordView(for reference: String) -> BackOfficeRecordView? {
        state.withLock { $0.orders[$0.aliases[reference] ?? reference] }.map {
            BackOfficeRecordView(isCancelled: $0.isCancelled, appliedKeys: $0.keys)
        }
    }
    /// Calls received, failed ones included.
    public var calls: Int { state.withLock { $0.calls } }
    /// Changes that took effect more than once: always 0 with an outbox that keeps its keys.
    public var duplicateEffects: Int { state.withLock { $0.duplicateEffects } }

    // MARK: Changing its behaviour

    /// Refuses every call for good (`DeliveryError.Code.rejected`) while `refusing` is true.
    public func refuseAll(_ refusing: Bool) { state.withLock { $0.refuseAll = refusing } }
    /// Sets the share of calls that fail.
    ///
    /// - Throws: `ValidationError` (field `failureRate`) for a rate outside 0...1; the rate stays.
    public func setFailureRate(_ rate: Double) throws(ValidationError) {
        try Self.check(rate)
        state.withLock { $0.failureRate = rate }
    }

    private static func check(_ rate: Double, field: String = "failureRate") throws(ValidationError) {
        guard (0...1).contains(rate) else {
            throw ValidationError(.outOfRange, field: field, reason: "must be a share from 0 to 1, not \(rate)")
        }
    }

    // MARK: Re-keying

    /// Gives the work order under `reference` a new reference, and returns it; `nil` when it holds
    /// no such work order. Calls naming the former reference still reach the work order; the
    /// bridge records the new one with `ServiceCenter.addExternalReference(_:system:identifier:by:)`.
    public func rekey(_ reference: String) -> String? {
        state.withLock { state in
            let current = state.aliases[reference] ?? reference
            guard let order = state.orders[current] else { return nil }
            let new = "\(current)-R\(state.nextNumber)"
            state.nextNumber += 1
            state.orders[current] = nil
            state.orders[new] = WorkOrder(
                reference: new,
                ticket: order.ticket,
                isCancelled: order.isCancelled,
                changes: order.changes,
                actions: order.actions,
                keys: order.keys
            )
            for (former, target) in state.aliases where target == current { state.aliases[former] = new }
            state.aliases[current] = new
            // An answer already given for a dispatch names the work order as it is now.
            for (key, answered) in state.applied where answered == current { state.applied[key] = new }
            return new
        }
    }

    // MARK: Talking back

    /// Sets how ``sendUpdates()`` mistreats what it sends: each update is sent twice with
    /// probability `duplicateRate`, and with `reorders` the updates of different work orders are
    /// interleaved at random (one work order's updates keep their order: a back office sends them
    /// one after another).
    ///
    /// - Throws: `ValidationError` (field `duplicateRate`) for a rate outside 0...1.
    public func setUpdateFaults(duplicateRate: Double, reorders: Bool) throws(ValidationError) {
        try Self.check(duplicateRate, field: "duplicateRate")
        state.withLock { state in
            state.duplicateRate = duplicateRate
            state.reorders = reorders
        }
    }

    /// Queues a status update for the work order under `reference` (current or former), sent now
    /// by the clock, under a key of its own; `nil` when it holds no such work order.
    @discardableResult
    public func report(_ status: String, on reference: String, note: String? = nil) -> BackOfficeUpdate? {
        let now = clock.now()
        return state.withLock { state in
            let current = state.aliases[reference] ?? reference
            guard let order = state.orders[current] else { return nil }
            state.updatesReported += 1
            let update = BackOfficeUpdate(
                reference: ExternalReference.Key(system: system, identifier: current),
                status: status,
                note: note,
                sentAt: now,
                key: "\(system)-update-\(state.updatesReported)"
            )
            state.reported.append((order.ticket, update))
            return update
        }
    }

    /// The updates reported since the last call, as the back office sends them: with the
    /// duplicates and the reordering set by ``setUpdateFaults(duplicateRate:reorders:)``.
    public func sendUpdates() -> [BackOfficeUpdate] {
        state.withLock { state in
            var sent: [(ticket: TicketNumber, update: BackOfficeUpdate)] = []
            for reported in state.reported {
                sent.append(reported)
                if state.duplicateRate > 0, Double(state.random.next() >> 11) * 0x1p-53 < state.duplicateRate {
                    sent.append(reported)
                }
            }
            state.reported.removeAll()
            guard state.reorders else { return sent.map(\.update) }
            // A random interleaving of the work orders that keeps each one's updates in order.
            var queues: [[BackOfficeUpdate]] = []
            var queueOf: [TicketNumber: Int] = [:]
            for (ticket, update) in sent {
                if let index = queueOf[ticket] {
                    queues[index].append(update)
                } else {
                    queueOf[ticket] = queues.count
                    queues.append([update])
                }
            }
            var interleaved: [BackOfficeUpdate] = []
            var heads = [Int](repeating: 0, count: queues.count)
            var open = Array(queues.indices)
            while !open.isEmpty {
                let pick = Int(state.random.next() % UInt64(open.count))
                let queue = open[pick]
                interleaved.append(queues[queue][heads[queue]])
                heads[queue] += 1
                if heads[queue] == queues[queue].count { open.remove(at: pick) }
            }
            return interleaved
        }
    }

    // MARK: Its own cases

    /// Takes a case directly, as a department does when a resident calls it rather than 311, and
    /// returns the new record's reference: the bridge enters it with
    /// `ServiceCenter.enterParallelRequest(_:reference:by:)`, then ``recordOwnCase(_:ticket:)``
    /// links the ticket 311 answered.
    public func takeOwnCase() -> String {
        state.withLock { state in
            defer { state.nextNumber += 1 }
            return "WO-\(String(state.nextNumber).leftPadded(to: 6))"
        }
    }

    /// Keeps the work order for a case taken with ``takeOwnCase()``, under the ticket 311 gave it;
    /// from then on the outbox's updates and cancellations for the request land on it.
    public func recordOwnCase(_ reference: String, ticket: TicketNumber) {
        state.withLock { state in
            guard state.orders[reference] == nil else { return }
            state.orders[reference] = WorkOrder(
                reference: reference,
                ticket: ticket,
                isCancelled: false,
                changes: [],
                actions: [],
                keys: []
            )
        }
    }

    // MARK: DepartmentAdapter

    public func dispatch(_ delivery: Delivery) async throws -> String {
        try await wait()
        return try perform(delivery) { state in
            let reference = "WO-\(String(state.nextNumber).leftPadded(to: 6))"
            state.nextNumber += 1
            state.orders[reference] = WorkOrder(
                reference: reference,
                ticket: delivery.request.ticket,
                isCancelled: false,
                changes: [delivery.event.sequence],
                actions: [delivery.event.change.action],
                keys: [delivery.key]
            )
            return reference
        }
    }

    public func update(_ delivery: Delivery) async throws {
        try await wait()
        _ = try perform(delivery) { state throws(DeliveryError) in
            let reference = try Self.reference(of: delivery, in: state)
            state.orders[reference]?.changes.append(delivery.event.sequence)
            state.orders[reference]?.actions.append(delivery.event.change.action)
            state.orders[reference]?.keys.append(delivery.key)
            return reference
        }
    }

    public func cancel(_ delivery: Delivery) async throws {
        try await wait()
        _ = try perform(delivery) { state throws(DeliveryError) in
            let reference = try Self.reference(of: delivery, in: state)
            state.orders[reference]?.isCancelled = true
            state.orders[reference]?.changes.append(delivery.event.sequence)
            state.orders[reference]?.actions.append(delivery.event.change.action)
            state.orders[reference]?.keys.append(delivery.key)
            return reference
        }
    }

    /// Waits the configured latency, as a call to a remote system does.
    private func wait() async throws {
        let latency = state.withLock { $0.latency }
        if latency > .zero { try await Task.sleep(for: latency) }
    }

    private static func reference(of delivery: Delivery, in state: State) throws(DeliveryError) -> String {
        let named = delivery.reference.map { state.aliases[$0.identifier] ?? $0.identifier }
        guard let reference = named, state.orders[reference] != nil else {
            throw DeliveryError(.rejected, message: "no work order \(delivery.reference?.identifier ?? "(none)")")
        }
        return reference
    }

    /// Applies a call once per key, with the configured faults around it.
    private func perform(
        _ delivery: Delivery,
        _ effect: (inout State) throws(DeliveryError) -> String
    )
        throws(DeliveryError) -> String
    {
        let now = clock.now()
        return try state.withLock { state throws(DeliveryError) -> String in
            state.calls += 1
            if state.refuseAll {
                throw DeliveryError(.rejected, message: "422 the back office refuses \(delivery.key)")
            }
            if state.outages.contains(where: { $0.contains(now) }) {
                throw DeliveryError(.unavailable, message: "503 the back office is down for maintenance")
            }
            let fails = state.failureRate > 0 && Double(state.random.next() >> 11) * 0x1p-53 < state.failureRate
            if fails, state.fault == .before { throw DeliveryError(.unavailable, message: "504 gateway timeout") }
            let reference: String
            if let answered = state.applied[delivery.key] {
                reference = answered
            } else {
                reference = try effect(&state)
                state.applied[delivery.key] = reference
                // The same change under another key: an outbox that does not keep its keys.
                let change = "\(delivery.request.ticket)/\(delivery.event.sequence)/\(delivery.kind)"
                if !state.changes.insert(change).inserted { state.duplicateEffects += 1 }
            }
            if fails { throw DeliveryError(.unavailable, message: "the connection dropped before the answer") }
            return reference
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
