import Civic311

/// A validated, ready-to-run 311 front office: the simulation model of one or more call days.
///
/// Build it once from a ``FrontOfficeConfiguration`` (which checks every field) and run it with as
/// many seeds as needed; a run never changes the model.
///
/// **Flow of a contact.** Arrivals follow the (surged) ``ArrivalProfile`` as a non-homogeneous Poisson
/// process. Each contact gets a channel, a call type and, for a service request, a service-type code.
/// Web, app and text contacts are recorded as self-service at once. Phone calls spend the IVR time, then
/// either end in the IVR (deflection, by call type) or join an agent queue: a language queue, the first
/// matching specialized queue, or the general queue. Queues are FIFO; a free agent takes the call that
/// has waited longest among the queues it answers, and a call that finds several free agents goes to the
/// one idle longest. Queued callers hang up when their patience runs out. An answered call holds the
/// agent for talk time (plus a warm-transfer hold for some referrals) and then after-call work.
///
/// **Randomness.** Two independent streams split from the seed: one for arrival times and what each
/// contact is about, one for everything else about the contact (channel, IVR outcome, durations,
/// patience), all drawn when it arrives. So staffing changes never change the demand a seed produces:
/// comparing rosters on the same seed compares them on the same calls (common random numbers).
public struct FrontOfficeModel: Sendable {
    /// The configuration the model was built from.
    public let configuration: FrontOfficeConfiguration

    // Compiled tables, indexed by small integers.
    let horizon: Double
    let hours: Int
    let channelCumulative: [Double]  // FrontOfficeModel.simulatedChannels order, normalised
    let serviceRequestSubtypeCumulative: [Double]  // over CallType.Kind.serviceRequestKinds, normalised
    let serviceTypeCodes: [ServiceTypeCode]
    let classTables: [ClassTable]
    let classTableOfHour: [Int]
    let deflection: [Double]  // by CallType.Kind.ordinal
    let talk: [Distribution]
    let afterCallWork: [Distribution]
    let queueNames: [String]  // 0 is the general queue ("")
    let languageCumulative: [Double]
    let languageQueues: [Int]
    let routing: [Int]  // queue index by callType × (serviceType + 1)
    let poolOfAgent: [Int]
    let queuesOfPool: [[Int]]
    let poolsOfQueue: [[Int]]
    let hourlyExpectedContacts: [Double]
    let ivrTime: Distribution
    let patience: Distribution?
    let warmTransfer: WarmTransfer

    /// The call-type weights of one hour, after surges: general information, referral, then the
    /// cumulative weights of the service types (service-request share × mix × surges).
    struct ClassTable: Sendable {
        var general: Double
        var referral: Double
        var serviceTypeCumulative: [Double]
        var total: Double { general + referral + (serviceTypeCumulative.last ?? 0) }
    }

    /// Validates and compiles a configuration.
    ///
    /// - Throws: ``SimulationError`` for the first problem found, with its path (for example
    ///   `"agents[3].breaks[0].start"`, `"channelShares[web]"`, `"surges[1].target"`); among them a
    ///   count or expected volume of contacts above ``contactLimit`` (`"arrivalCount"`, `"arrivals"`, or
    ///   the first surge active in the hour the volume passes it) and more agents than ``agentLimit``.
    public init(configuration: FrontOfficeConfiguration) throws(SimulationError) {
        self.configuration = configuration
        try Self.checkSize(of: configuration)
        horizon = configuration.horizon
        hours = configuration.days * 24

        let callTypes = try CallTypeMix(configuration)
        channelCumulative = callTypes.channelCumulative
        serviceRequestSubtypeCumulative = callTypes.serviceRequestSubtypeCumulative

        let serviceTypes = try ServiceTypeMix(configuration, serviceRequestShare: callTypes.serviceRequestShare)
        serviceTypeCodes = serviceTypes.codes

        let demand = try SurgedDemand(configuration, callTypes: callTypes, serviceTypes: serviceTypes)
        classTables = demand.classTables
        classTableOfHour = demand.classTableOfHour
        hourlyExpectedContacts = demand.hourlyExpectedContacts

        let handling = try CallHandling(configuration)
        deflection = handling.deflection
        talk = handling.talk
        afterCallWork = handling.afterCallWork
        ivrTime = configuration.ivrTime
        patience = configuration.patience
        warmTransfer = configuration.warmTransfer

        let queues = try QueueLayout(configuration, serviceTypes: serviceTypes)
        queueNames = queues.names
        languageCumulative = queues.languageCumulative
        languageQueues = queues.languageQueues
        routing = queues.routing

        let pools = try AgentPools(configuration, queues: queues)
        poolOfAgent = pools.poolOfAgent
        queuesOfPool = pools.queuesOfPool
        poolsOfQueue = pools.poolsOfQueue
    }

    /// The most contacts a run may have: an ``ArrivalCount/exactly(_:)`` count, and the expected volume
    /// of the (surged) arrival profile over the run, whatever the count.
    public static let contactLimit = 50_000_000

    /// The most agents a configuration may schedule.
    public static let agentLimit = 1_000_000

    /// The expected number of contacts over the run (for ``ArrivalCount/poisson``).
    public var expectedContacts: Double { hourlyExpectedContacts.reduce(0, +) }

    /// The names of the agent queues: index 0 is the general queue (named `""`), then one per skill.
    public var queues: [String] { queueNames }

    static func cumulativeShares(
        _ values: [Double],
        names: [String],
        field: String
    ) throws(SimulationError) -> [Double] {
        for (value, name) in zip(values, names) {
            try SimulationError.requireNonNegative(value, "\(field)[\(name)]")
        }
        let total = values.reduce(0, +)
        guard total > 0 else {
            throw SimulationError(.outOfRange, field: field, reason: "the shares must not all be zero")
        }
        guard total.isFinite else {
            throw SimulationError(.outOfRange, field: field, reason: "the shares add up to more than a Double holds")
        }
        return cumulative(values.map { $0 / total })
    }

    static func cumulative(_ values: [Double]) -> [Double] {
        var running = 0.0
        var result = values.map { value -> Double in
            running += value
            return running
        }
        // Rounding may leave the total a hair below 1; a draw just under 1 must still land on the last
        // entry with a share, never on a zero-share entry after it.
        if let last = values.lastIndex(where: { $0 > 0 }) {
            for index in last..<result.count { result[index] = .infinity }
        }
        return result
    }
}
