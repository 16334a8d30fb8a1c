import Foundation

/// What erasing a resident's personal data changed (``ServiceCenter/erasePersonalData(of:by:)``).
public struct ErasureReport: Hashable, Sendable, Codable {
    /// When the erasure ran.
    public let erasedAt: Date
    /// The requests rewritten, in ticket order; empty when the store held nothing of the
    /// resident (or it was erased before).
    public let tickets: [TicketNumber]
    /// How many stored events were rewritten, over all those requests.
    public let eventsRewritten: Int
    /// The ``RequestChange/personalDataErased(rewritten:)`` events recorded, one per request.
    public let recorded: [RequestEvent]

    /// Whether nothing was held about the resident.
    public var isEmpty: Bool { tickets.isEmpty }
}
