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
    ) {
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
        agentIndex = agent.map { Int32(clamping: $0) } ?? -1
        queueIndex = queuedAt == nil ? -1 : 0
        self.wasTransferred = wasTransferred
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
