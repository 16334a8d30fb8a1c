import Foundation

/// Everything intake settled about a new request: the payload of its first event.
public struct RequestOpening: Hashable, Sendable, Codable {
    public let serviceType: ServiceTypeCode
    public let kind: ServiceRequestKind
    public let description: String
    public let location: Location?
    public let answers: [Answer]
    public let submitter: Submitter?
    public let channel: Channel
    public let priority: Priority
    public let routing: RoutingDecision
    public let serviceLevel: ServiceLevelCommitment
    /// The submitting client's own identifier, for idempotent retries.
    public let clientRequestID: String?

    public init(
        serviceType: ServiceTypeCode,
        kind: ServiceRequestKind,
        description: String,
        location: Location?,
        answers: [Answer],
        submitter: Submitter?,
        channel: Channel,
        priority: Priority,
        routing: RoutingDecision,
        serviceLevel: ServiceLevelCommitment,
        clientRequestID: String?
    ) {
        self.serviceType = serviceType
        self.kind = kind
        self.description = description
        self.location = location
        self.answers = answers
        self.submitter = submitter
        self.channel = channel
        self.priority = priority
        self.routing = routing
        self.serviceLevel = serviceLevel
        self.clientRequestID = clientRequestID
    }
}
