import Foundation

/// Everything intake settled about a new request: the payload of its first event.
///
/// The opening is immutable and shared: the opening event and the request snapshot refer to the
/// same storage, so a stored request does not carry its intake data twice.
public struct RequestOpening: Hashable, Sendable, Codable {
    /// The intake data itself; its conformances are synthesized.
    struct Fields: Hashable, Sendable, Codable {
        var serviceType: ServiceTypeCode
        var kind: ServiceRequestKind
        var description: String
        var location: Location?
        var answers: [Answer]
        var submitter: Submitter?
        var channel: Channel
        var agent: AgentID?
        var priority: Priority
        var routing: RoutingDecision
        var serviceLevel: ServiceLevelCommitment
        var clientRequestID: String?
    }

    /// One allocation shared by every copy; `let` fields make sharing safe across tasks.
    private final class Storage: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private let storage: Storage

    public init(
        serviceType: ServiceTypeCode,
        kind: ServiceRequestKind,
        description: String,
        location: Location?,
        answers: [Answer],
        submitter: Submitter?,
        channel: Channel,
        agent: AgentID? = nil,
        priority: Priority,
        routing: RoutingDecision,
        serviceLevel: ServiceLevelCommitment,
        clientRequestID: String?
    ) {
        storage = Storage(
            Fields(
                serviceType: serviceType,
                kind: kind,
                description: description,
                location: location,
                answers: answers,
                submitter: submitter,
                channel: channel,
                agent: agent,
                priority: priority,
                routing: routing,
                serviceLevel: serviceLevel,
                clientRequestID: clientRequestID
            )
        )
    }

    public var serviceType: ServiceTypeCode { storage.fields.serviceType }
    public var kind: ServiceRequestKind { storage.fields.kind }
    public var description: String { storage.fields.description }
    public var location: Location? { storage.fields.location }
    /// Validated answers, in the order the questions are asked.
    public var answers: [Answer] { storage.fields.answers }
    /// Personal data; `nil` for an anonymous request.
    public var submitter: Submitter? { storage.fields.submitter }
    public var channel: Channel { storage.fields.channel }
    /// The agent who took the request, for assisted channels.
    public var agent: AgentID? { storage.fields.agent }
    public var priority: Priority { storage.fields.priority }
    public var routing: RoutingDecision { storage.fields.routing }
    public var serviceLevel: ServiceLevelCommitment { storage.fields.serviceLevel }
    /// The routed department and queue, read without copying the whole routing decision out (the
    /// fold of every opening reads them).
    var routedDepartment: DepartmentID { storage.fields.routing.department }
    var routedQueue: String? { storage.fields.routing.queue }
    /// The submitting client's own identifier, for idempotent retries.
    public var clientRequestID: String? { storage.fields.clientRequestID }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

    public init(from decoder: any Decoder) throws { storage = Storage(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }
}

extension RequestOpening {
    /// The contact that opened a request with this intake data: the one place it is derived, so
    /// the contact a store checks at intake is the contact it returns later.
    func contact(ticket: TicketNumber, receivedAt: Date) -> Contact {
        Contact(
            ticket: ticket,
            channel: channel,
            receivedAt: receivedAt,
            agent: agent,
            callType: .serviceRequest(kind, request: ticket)
        )
    }
}
