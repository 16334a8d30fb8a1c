import Civic311

/// The simulated record of one contact, whatever its channel and outcome.
///
/// Times are seconds from midnight of the simulation's first day.
public struct ContactRecord: Sendable, Hashable {
    /// The contact's number, counting arrivals from 0 in time order.
    public let id: Int
    /// When the contact arrived.
    public let arrivedAt: Double
    /// What the contact was about.
    public let callType: CallType.Kind
    /// The channel it came in on.
    public let channel: Channel
    /// The service-type code of a service request (`nil` for general information and referrals).
    public let serviceTypeCode: ServiceTypeCode?
    /// How it ended.
    public internal(set) var outcome: ContactOutcome
    /// When it ended for the resident: the end of talk (and of a warm-transfer hold), the moment of
    /// hanging up, the end of the IVR, or the arrival itself for self-service.
    public internal(set) var endedAt: Double
    // Sentinels instead of optionals keep the record compact; the public accessors turn them into nils.
    var queuedTime: Double = -1
    var answerTime: Double = -1
    var agentIndex: Int32 = -1
    var queueIndex: Int32 = -1
    var wrapUpTime: Double = -1
    /// Whether the agent warm-transferred the call (a referral).
    public internal(set) var wasTransferred = false

    init(id: Int, arrivedAt: Double, callType: CallType.Kind, channel: Channel, serviceTypeCode: ServiceTypeCode?) {
        self.id = id
        self.arrivedAt = arrivedAt
        self.callType = callType
        self.channel = channel
        self.serviceTypeCode = serviceTypeCode
        self.outcome = .unanswered
        self.endedAt = arrivedAt
    }

    /// Creates a record from observed data, for example an ACD export, so the KPI formulas can be
    /// applied to real contacts as well as simulated ones.
    ///
    /// The record must tell one story, or the KPIs computed from it would count what never
    /// happened: times are finite, not before the arrival, in order (queued, answered, ended);
    /// only a handled contact has an agent's answer, an agent and after-call work, and only it is
    /// transferred; an abandoned call was queued; IVR-deflected and self-service contacts never
    /// queued.
    ///
    /// - Parameters:
    ///   - id: the contact's number.
    ///   - arrivedAt: when the contact arrived, in seconds.
    ///   - callType: what the contact was about.
    ///   - channel: the channel it came in on.
    ///   - serviceTypeCode: the service-type code of a service request.
    ///   - outcome: how it ended.
    ///   - endedAt: when it ended for the resident.
    ///   - queuedAt: when the call joined an agent queue, if it did.
    ///   - answeredAt: when an agent answered, if one did.
    ///   - afterCallWork: the wrap-up seconds that followed a handled call.
    ///   - agent: the answering agent's index.
    ///   - wasTransferred: whether the agent warm-transferred the call.
    /// - Throws: ``SimulationError`` naming the first field that contradicts the others.
    public init(
        id: Int,
        arrivedAt: Double,
        callType: CallType.Kind,
        channel: Channel,
        serviceTypeCode: ServiceTypeCode? = nil,
        outcome: ContactOutcome,
        endedAt: Double,
        queuedAt: Double? = nil,
        answeredAt: Double? = nil,
        afterCallWork: Double? = nil,
        agent: Int? = nil,
        wasTransferred: Bool = false
    ) throws(SimulationError) {
        try Self.check(
            id: id,
            arrivedAt: arrivedAt,
            outcome: outcome,
            endedAt: endedAt,
            queuedAt: queuedAt,
            answeredAt: answeredAt,
            afterCallWork: afterCallWork,
            agent: agent,
            wasTransferred: wasTransferred
        )
        self.init(
            id: id,
            arrivedAt: arrivedAt,
            callType: callType,
            channel: channel,
            serviceTypeCode: serviceTypeCode
        )
        self.outcome = outcome
        self.endedAt = endedAt
        queuedTime = queuedAt ?? -1
        answerTime = answeredAt ?? -1
        wrapUpTime = afterCallWork ?? -1
        agentIndex = agent.map { Int32($0) } ?? -1
        queueIndex = queuedAt == nil ? -1 : 0
        self.wasTransferred = wasTransferred
    }

    private static func check(
        id: Int,
        arrivedAt: Double,
        outcome: ContactOutcome,
        endedAt: Double,
        queuedAt: Double?,
        answeredAt: Double?,
        afterCallWork: Double?,
        agent: Int?,
        wasTransferred: Bool
    ) throws(SimulationError) {
        guard id >= 0 else {
            throw SimulationError(.outOfRange, field: "id", reason: "must not be negative, got \(id)")
        }
        try SimulationError.requireNonNegative(arrivedAt, "arrivedAt")
        /// `time` is finite and lies between `earliest` (named `after`) and the end of the contact.
        func requireInOrder(
            _ time: Double,
            _ field: String,
            after earliest: Double,
            _ after: String
        ) throws(SimulationError) {
            try SimulationError.requireFinite(time, field)
            guard time >= earliest else {
                throw SimulationError(
                    .outOfRange,
                    field: field,
                    reason: "must not be before \(after) (\(earliest)), got \(time)"
                )
            }
        }
        try requireInOrder(endedAt, "endedAt", after: arrivedAt, "arrivedAt")
        if let queuedAt { try requireInOrder(queuedAt, "queuedAt", after: arrivedAt, "arrivedAt") }
        if let answeredAt {
            try requireInOrder(
                answeredAt,
                "answeredAt",
                after: queuedAt ?? arrivedAt,
                queuedAt == nil ? "arrivedAt" : "queuedAt"
            )
            guard answeredAt <= endedAt else {
                throw SimulationError(
                    .outOfRange,
                    field: "answeredAt",
                    reason: "must not be after endedAt (\(endedAt)), got \(answeredAt)"
                )
            }
        }
        if let queuedAt, answeredAt == nil, queuedAt > endedAt {
            throw SimulationError(
                .outOfRange,
                field: "queuedAt",
                reason: "must not be after endedAt (\(endedAt)), got \(queuedAt)"
            )
        }
        if let afterCallWork { try SimulationError.requireNonNegative(afterCallWork, "afterCallWork") }
        if let agent {
            guard (0...Int(Int32.max)).contains(agent) else {
                throw SimulationError(
                    .outOfRange,
                    field: "agent",
                    reason: "must lie between 0 and \(Int32.max), got \(agent)"
                )
            }
        }
        // What each outcome has and has not.
        let handled = outcome == .handled
        if handled != (answeredAt != nil) {
            throw SimulationError(
                .invalidValue,
                field: "answeredAt",
                reason: handled
                    ? "a handled contact was answered by an agent"
                    : "only a handled contact was answered, this one is \(outcome)"
            )
        }
        if handled != (agent != nil) {
            throw SimulationError(
                .invalidValue,
                field: "agent",
                reason: handled
                    ? "a handled contact names the agent who answered"
                    : "only a handled contact has an agent, this one is \(outcome)"
            )
        }
        if !handled, afterCallWork != nil {
            throw SimulationError(
                .invalidValue,
                field: "afterCallWork",
                reason: "only a handled contact has after-call work, this one is \(outcome)"
            )
        }
        if !handled, wasTransferred {
            throw SimulationError(
                .invalidValue,
                field: "wasTransferred",
                reason: "only a handled contact is transferred, this one is \(outcome)"
            )
        }
        if outcome == .abandoned, queuedAt == nil {
            throw SimulationError(
                .invalidValue,
                field: "queuedAt",
                reason: "an abandoned call hung up while queued, so it was queued"
            )
        }
        if outcome == .deflected || outcome == .selfService, queuedAt != nil {
            throw SimulationError(
                .invalidValue,
                field: "queuedAt",
                reason: "a contact that is \(outcome) never queued for an agent"
            )
        }
    }

    /// When the call left the IVR and joined an agent queue (`nil` if it never did).
    public var queuedAt: Double? { queuedTime >= 0 ? queuedTime : nil }

    /// When an agent answered (`nil` if none did).
    public var answeredAt: Double? { answerTime >= 0 ? answerTime : nil }

    /// The index of the answering agent in the configuration's `agents` array (`nil` if none).
    public var agent: Int? { agentIndex >= 0 ? Int(agentIndex) : nil }

    /// The agent queue the call joined, as an index into ``FrontOfficeModel/queues`` (0 is the general
    /// queue); `nil` if it never joined one.
    public var queue: Int? { queuedTime >= 0 ? Int(queueIndex) : nil }

    /// Seconds the agent spent talking with the caller (a warm transfer's hold included), for a call an
    /// agent answered and finished; `nil` otherwise.
    public var talkTime: Double? { outcome == .handled && answerTime >= 0 ? endedAt - answerTime : nil }

    /// Seconds of after-call work (wrap-up) that followed the call, for a call an agent answered and
    /// finished; `nil` otherwise.
    public var afterCallWork: Double? { outcome == .handled && wrapUpTime >= 0 ? wrapUpTime : nil }

    /// Whether the caller hung up while waiting.
    public var isAbandoned: Bool { outcome == .abandoned }

    /// Time spent queued for an agent: until the answer, the hang-up or the end of the run.
    public var waitTime: Double? {
        guard queuedTime >= 0 else { return nil }
        return (answerTime >= 0 ? answerTime : endedAt) - queuedTime
    }
}
