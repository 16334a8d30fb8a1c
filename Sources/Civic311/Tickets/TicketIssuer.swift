import Foundation
import Synchronization

/// Issues ``TicketNumber``s for one node, safely from any number of tasks.
///
/// Collision freedom rests on two rules. Each process or department system that issues numbers at
/// the same time uses its own node number (0–99), assigned in configuration. Within a node, numbers
/// strictly increase: the issuer remembers the last second and sequence it used, and when more
/// than 100 numbers are asked for in one second it moves on to the next second rather than reuse a
/// number. A node that restarts resumes after the last number it issued, which its store reports
/// (see ``RequestStore/latestTicket(issuedBy:)``), so a restart within the same second, or after
/// the clock stepped back, cannot repeat a number either.
public final class TicketIssuer: Sendable {
    private struct State {
        /// Seconds since the epoch of the last number issued.
        var slot: UInt64
        /// Sequence used within `slot`; -1 before the first number in it.
        var sequence: Int
    }

    /// The node this issuer numbers for.
    public let node: Int
    private let state: Mutex<State>

    /// Creates an issuer for `node`, continuing after `lastIssued` when the node issued before.
    public init(node: Int, after lastIssued: TicketNumber? = nil) throws(ValidationError) {
        guard (0...TicketNumber.maximumNode).contains(node) else {
            throw ValidationError(.outOfRange, field: "node", reason: "must be between 0 and 99, got \(node)")
        }
        if let lastIssued, lastIssued.node != node {
            throw ValidationError(
                .invalidValue,
                field: "lastIssued",
                reason: "ticket \(lastIssued) was issued by node \(lastIssued.node), not \(node)"
            )
        }
        self.node = node
        let slot = lastIssued.map { UInt64($0.day) * 86_400 + UInt64($0.secondOfDay) } ?? 0
        self.state = Mutex(State(slot: slot, sequence: lastIssued?.sequence ?? -1))
    }

    /// Issues the next number for an event at `instant`.
    public func issue(at instant: Date) throws(TicketNumberError) -> TicketNumber {
        let seconds = instant.timeIntervalSince(TicketNumber.epoch)
        guard seconds >= 0 else {
            throw TicketNumberError(
                .beforeEpoch,
                reason: "\(instant.messageText) is before the ticket epoch 2020-01-01T00:00:00Z"
            )
        }
        // Checked before converting: an infinite or far-future date must be an error, not a trap.
        guard seconds < Double(TicketNumber.maximumDay + 1) * 86_400 else {
            throw TicketNumberError(
                .capacityExhausted,
                reason: "\(instant.messageText) is past the last ticket day (99999)"
            )
        }
        let requested = UInt64(seconds)
        let node = self.node
        return try state.withLock { state throws(TicketNumberError) in
            var next = state
            if requested > next.slot {
                next.slot = requested
                next.sequence = 0
            } else if next.sequence + 1 < TicketNumber.sequencesPerSecond {
                next.sequence += 1
            } else {
                next.slot += 1
                next.sequence = 0
            }
            guard next.slot < UInt64(TicketNumber.maximumDay + 1) * 86_400 else {
                throw TicketNumberError(.capacityExhausted, reason: "no ticket numbers remain after day 99999")
            }
            state = next
            return TicketNumber(
                uncheckedPayload: TicketNumber.payload(slot: state.slot, node: node, sequence: state.sequence)
            )
        }
    }
}
