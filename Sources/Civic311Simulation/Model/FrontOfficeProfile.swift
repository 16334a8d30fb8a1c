import Civic311

/// What a front office's contacts are like and how they are handled, apart from their volume and
/// the agents: the channel, call-type and service-type mixes, the IVR, handling times, callers'
/// patience, surges, and how short abandons count.
///
/// A ``FrontOfficeConfiguration`` and a ``CallDayScenario`` both hold one (as their `profile`) and
/// read its fields as their own (`configuration.patience` is `configuration.profile.patience`).
/// Shares given as dictionaries are normalised over the keys present (a missing key is 0), and are
/// only ever read in the fixed `allCases` order, so their iteration order never affects a run.
public struct FrontOfficeProfile: Sendable, Hashable {
    /// The share of contacts per channel, over ``FrontOfficeModel/simulatedChannels``; another channel is
    /// an error.
    public var channelShares: [Channel: Double]
    /// The share of contacts per call type (the four service-request kinds together are the SR
    /// share).
    public var callTypeShares: [CallType.Kind: Double]
    /// The service-type mix of service requests; needed whenever a service-request kind has a share.
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
    /// Temporary arrival multipliers, in hours from midnight of the first simulated day.
    public var surges: [Surge]
    /// Whether callers who hang up quickly count against the reported service level.
    public var shortAbandons: ShortAbandons

    /// Creates a profile: all phone, all general information, no IVR, no abandonment, unless given.
    public init(
        handling: HandlingTime,
        channelShares: [Channel: Double] = [.phone: 1],
        callTypeShares: [CallType.Kind: Double] = [.generalInformation: 1],
        serviceTypes: [ServiceTypeShare] = [],
        ivrDeflection: [CallType.Kind: Double] = [:],
        ivrTime: Distribution = .fixed(0),
        handlingByCallType: [CallType.Kind: HandlingTime] = [:],
        warmTransfer: WarmTransfer = .none,
        patience: Distribution? = nil,
        surges: [Surge] = [],
        shortAbandons: ShortAbandons = .counted
    ) {
        self.handling = handling
        self.channelShares = channelShares
        self.callTypeShares = callTypeShares
        self.serviceTypes = serviceTypes
        self.ivrDeflection = ivrDeflection
        self.ivrTime = ivrTime
        self.handlingByCallType = handlingByCallType
        self.warmTransfer = warmTransfer
        self.patience = patience
        self.surges = surges
        self.shortAbandons = shortAbandons
    }
}
