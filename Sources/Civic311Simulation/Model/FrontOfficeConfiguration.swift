import Civic311

/// Everything a simulated 311 front office needs: demand, the contacts' ``FrontOfficeProfile``
/// (channels, call types, the IVR, handling times, callers' patience, surges), routing to skills and
/// the agents' shifts.
///
/// All times are in seconds from midnight of the first simulated day. The configuration is a plain
/// value; ``FrontOfficeModel/init(configuration:)`` checks every field and reports the first problem
/// with its path. The profile's fields read as the configuration's own
/// (`configuration.channelShares` is `configuration.profile.channelShares`).
@dynamicMemberLookup
public struct FrontOfficeConfiguration: Sendable, Hashable {
    /// The arrival-rate profile of all contacts on all channels.
    public var arrivals: ArrivalProfile
    /// Whether the number of contacts is random (Poisson) or fixed.
    public var arrivalCount: ArrivalCount
    /// The weekday of the first simulated day.
    public var startDay: Weekday
    /// The number of simulated days; arrivals stop at `days × 86,400` s, calls in progress then finish.
    public var days: Int
    /// What the contacts are like and how they are handled.
    public var profile: FrontOfficeProfile
    /// Callers who need a language skill.
    public var languages: [LanguageDemand]
    /// Skill queues for some call types or service types.
    public var specializedQueues: [SpecializedQueue]
    /// The agents' shifts; an agent's index in this array identifies them in the records.
    public var agents: [AgentSchedule]
    /// The reporting interval of ``FrontOfficeResult``.
    public var reportingInterval: IntervalLength
    /// The answer-time threshold (seconds) for the reported service level.
    public var serviceLevelThreshold: Double

    /// Creates a configuration; with ``FrontOfficeProfile/init(handling:channelShares:callTypeShares:serviceTypes:ivrDeflection:ivrTime:handlingByCallType:warmTransfer:patience:surges:shortAbandons:)``
    /// defaults, all phone, all general information, no IVR and no abandonment.
    public init(
        arrivals: ArrivalProfile,
        agents: [AgentSchedule],
        profile: FrontOfficeProfile,
        arrivalCount: ArrivalCount = .poisson,
        startDay: Weekday = .monday,
        days: Int = 1,
        languages: [LanguageDemand] = [],
        specializedQueues: [SpecializedQueue] = [],
        reportingInterval: IntervalLength = .thirtyMinutes,
        serviceLevelThreshold: Double = 20
    ) {
        self.arrivals = arrivals
        self.agents = agents
        self.profile = profile
        self.arrivalCount = arrivalCount
        self.startDay = startDay
        self.days = days
        self.languages = languages
        self.specializedQueues = specializedQueues
        self.reportingInterval = reportingInterval
        self.serviceLevelThreshold = serviceLevelThreshold
    }

    /// A field of ``profile``, read and written as the configuration's own.
    public subscript<Value>(dynamicMember field: WritableKeyPath<FrontOfficeProfile, Value>) -> Value {
        get { profile[keyPath: field] }
        set { profile[keyPath: field] = newValue }
    }

    /// The end of arrivals in seconds: `days × 86,400`.
    public var horizon: Double { Double(days) * 86_400 }
}
