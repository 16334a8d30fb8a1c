import Foundation

/// A tracked service request: the current state of one ticket.
///
/// A `ServiceRequest` is exactly the fold of its ``RequestEvent``s (see
/// ``ServiceRequest/replaying(_:)``); it is never edited in place. ``version`` counts the events
/// folded in and is what optimistic concurrency compares.
public struct ServiceRequest: Hashable, Sendable, Codable, Identifiable {
    public let ticket: TicketNumber
    /// What intake settled: service type, description, location, answers, submitter, channel,
    /// routing and the service level promised. Shared with the opening event.
    public let opening: RequestOpening
    public let createdAt: Date

    public internal(set) var priority: Priority
    /// The department that owns the request now.
    public internal(set) var department: DepartmentID
    public internal(set) var queue: String?
    public internal(set) var state: RequestState
    /// How the request was closed, when ``state`` is ``RequestState/closed``.
    public internal(set) var closure: Closure?
    /// When the department first accepted or started the request.
    public internal(set) var firstRespondedAt: Date?
    public internal(set) var resolvedAt: Date?
    public internal(set) var closedAt: Date?
    public internal(set) var updatedAt: Date
    /// Public status notes and internal notes, oldest first.
    public internal(set) var notes: [RequestNote]
    public internal(set) var externalReferences: [ExternalReference]
    public internal(set) var links: [RequestLink]
    /// When the current wait on the resident began, while ``state`` is ``RequestState/onHold``.
    public internal(set) var holdStartedAt: Date?
    /// Completed waits on the resident, oldest first; SLA clocks do not count them.
    public internal(set) var holds: [DateInterval]
    /// The ``EscalationRule/id``s that have fired for this request.
    public internal(set) var escalations: [String]
    /// The service level restated from the earliest report when duplicates reported earlier were
    /// merged into this request; `nil` while the intake commitment stands.
    public internal(set) var restatedServiceLevel: ServiceLevelCommitment?
    /// How many times the request was reopened.
    public internal(set) var reopenCount: Int
    /// How many times a department returned it as not theirs (the forwarding count).
    public internal(set) var returnCount: Int
    /// The number of events folded into this value.
    public internal(set) var version: Int

    public var id: TicketNumber { ticket }
    public var serviceType: ServiceTypeCode { opening.serviceType }
    public var kind: ServiceRequestKind { opening.kind }
    public var description: String { opening.description }
    public var location: Location? { opening.location }
    /// Validated answers to the probing questions, in question order.
    public var answers: [Answer] { opening.answers }
    /// Personal data; `nil` for an anonymous request.
    public var submitter: Submitter? { opening.submitter }
    public var channel: Channel { opening.channel }
    public var clientRequestID: String? { opening.clientRequestID }

    /// The contact that opened the request, as intake records it.
    public var openingContact: Contact { opening.contact(ticket: ticket, receivedAt: createdAt) }
    /// The service level in force: the one promised at intake (frozen, in the shared opening), or
    /// the one restated from the earliest of the merged reports.
    public var serviceLevel: ServiceLevelCommitment { restatedServiceLevel ?? opening.serviceLevel }
    /// The requests merged into this one as duplicates, in the order they were linked.
    public var duplicates: [TicketNumber] { links.filter { $0.kind == .duplicate }.map(\.target) }
    /// How many other reports of this problem were merged into it: the "me too" count.
    public var meTooCount: Int { links.count { $0.kind == .duplicate } }
    /// The request this one was merged into, while it is closed as its duplicate.
    public var master: TicketNumber? {
        if case .duplicate(let master)? = closure?.reason { master } else { nil }
    }
    /// When the request should be resolved, by the service level in force.
    public var dueAt: Date { serviceLevel.resolutionDueAt }
    /// Public notes only, for the resident.
    public var publicNotes: [RequestNote] { notes.filter { $0.visibility == .public } }
    /// The current identifier in `system`, the latest one recorded.
    public func externalReference(in system: String) -> ExternalReference? {
        externalReferences.last { $0.system == system }
    }
}
