/// What a call-taker, a form or a department system submits to open a service request.
///
/// A draft is unchecked input; ``ServiceCenter/submit(_:by:)`` validates every field against the
/// jurisdiction's catalog before anything is stored.
public struct ServiceRequestDraft: Hashable, Sendable {
    /// The longest description, note or text answer accepted, in UTF-8 bytes.
    public static let maximumTextBytes = 16_384

    public var serviceType: ServiceTypeCode
    public var kind: ServiceRequestKind
    public var description: String
    public var location: Location?
    /// Answers to the service type's probing questions, by question code.
    public var answers: [QuestionCode: AnswerValue]
    public var submitter: Submitter?
    public var channel: Channel
    /// The agent who took the request, for assisted channels.
    public var agent: AgentID?
    public var priority: Priority
    /// The submitting client's own identifier: submitting the same ID twice returns the first
    /// request's acknowledgement instead of opening a second request.
    public var clientRequestID: String?

    public init(
        serviceType: ServiceTypeCode,
        kind: ServiceRequestKind = .serviceRequest,
        description: String,
        location: Location? = nil,
        answers: [QuestionCode: AnswerValue] = [:],
        submitter: Submitter? = nil,
        channel: Channel,
        agent: AgentID? = nil,
        priority: Priority = .normal,
        clientRequestID: String? = nil
    ) {
        self.serviceType = serviceType
        self.kind = kind
        self.description = description
        self.location = location
        self.answers = answers
        self.submitter = submitter
        self.channel = channel
        self.agent = agent
        self.priority = priority
        self.clientRequestID = clientRequestID
    }
}
