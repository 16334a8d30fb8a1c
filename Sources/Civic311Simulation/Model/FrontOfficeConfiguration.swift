import Civic311

/// Everything a simulated 311 call day needs: demand, channels, call types, the IVR, handling times,
/// callers' patience, routing and the agents' shifts.
///
/// All times are in seconds from midnight of the first simulated day. The configuration is a plain
/// value; ``FrontOfficeModel/init(configuration:)`` checks every field and reports the first problem
/// with its path. Shares given as dictionaries are normalised over the keys present (a missing key
/// is 0); dictionaries are only ever read in the fixed `allCases` order, so their iteration order never
/// affects a run.
public struct FrontOfficeConfiguration: Sendable, Hashable {
    /// The arrival-rate profile of all contacts on all channels.
    public var arrivals: ArrivalProfile
    /// Whether the number of contacts is random (Poisson) or fixed.
    public var arrivalCount: ArrivalCount
    /// The weekday of the first simulated day.
    public var startDay: Weekday
    /// The number of simulated days; arrivals stop at `days × 86,400` s, calls in progress then finish.
    public var days: Int
    /// The share of contacts per channel, over ``Civic311/Channel/simulated``; another channel is an error.
    public var channelShares: [Channel: Double]
    /// The share of contacts per call type (the four SR sub-types together are the SR share).
    public var callTypeShares: [CallType.Kind: Double]
    /// The service-type mix of service requests; needed whenever an SR sub-type has a share.
    public var serviceTypes: [ServiceTypeShare]
    /// Per call type, the probability that the IVR resolves a phone call (self-service deflection).
    public var ivrDeflection: [CallType.Kind: Double]
    /// Time spent in the IVR before a call is resolved there or joins an agent queue.
    public var ivrTime: Distribution
    /// Handling times for call types without an entry in ``handlingByCallType``.
    public var handling: HandlingTime
    /// Handling times per call type, overriding ``handling``.
    public var handlingByCallType: [CallType.Kind: HandlingTime]
    /// Warm transfers of referrals.
    public var warmTransfer: WarmTransfer
    /// How long a queued caller waits before hanging up; `nil` for callers who never hang up.
    public var patience: Distribution?
    /// Callers who need a language skill.
    public var languages: [LanguageDemand]
    /// Skill queues for some call types or service types.
    public var specializedQueues: [SpecializedQueue]
    /// The agents' shifts; an agent's index in this array identifies them in the records.
    public var agents: [AgentSchedule]
    /// Temporary arrival multipliers.
    public var surges: [Surge]
    /// The reporting interval of ``CallDayResult``.
    public var reportingInterval: IntervalLength
    /// The answer-time threshold (seconds) for the reported service level.
    public var serviceLevelThreshold: Double
    /// Whether callers who hang up quickly count against the reported service level.
    public var shortAbandons: ShortAbandons

    /// Creates a configuration: all phone, all general information, no IVR, no abandonment, unless
    /// changed afterwards.
    public init(
        arrivals: ArrivalProfile,
        agents: [AgentSchedule],
        handling: HandlingTime,
        arrivalCount: ArrivalCount = .poisson,
        startDay: Weekday = .monday,
        days: Int = 1,
        channelShares: [Channel: Double] = [.phone: 1],
        callTypeShares: [CallType.Kind: Double] = [.generalInformation: 1],
        serviceTypes: [ServiceTypeShare] = [],
        ivrDeflection: [CallType.Kind: Double] = [:],
        ivrTime: Distribution = .fixed(0),
        handlingByCallType: [CallType.Kind: HandlingTime] = [:],
        warmTransfer: WarmTransfer = .none,
        patience: Distribution? = nil,
        languages: [LanguageDemand] = [],
        specializedQueues: [SpecializedQueue] = [],
        surges: [Surge] = [],
        reportingInterval: IntervalLength = .thirtyMinutes,
        serviceLevelThreshold: Double = 20,
        shortAbandons: ShortAbandons = .counted
    ) {
        self.arrivals = arrivals
        self.agents = agents
        self.handling = handling
        self.arrivalCount = arrivalCount
        self.startDay = startDay
        self.days = days
        self.channelShares = channelShares
        self.callTypeShares = callTypeShares
        self.serviceTypes = serviceTypes
        self.ivrDeflection = ivrDeflection
        self.ivrTime = ivrTime
        self.handlingByCallType = handlingByCallType
        self.warmTransfer = warmTransfer
        self.patience = patience
        self.languages = languages
        self.specializedQueues = specializedQueues
        self.surges = surges
        self.reportingInterval = reportingInterval
        self.serviceLevelThreshold = serviceLevelThreshold
        self.shortAbandons = shortAbandons
    }

    /// The end of arrivals in seconds: `days × 86,400`.
    public var horizon: Double { Double(days) * 86_400 }
}
