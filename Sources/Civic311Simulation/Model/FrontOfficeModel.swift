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
    let channelCumulative: [Double]  // ContactChannel.allCases order, normalised
    let generalShare: Double  // call-type share of general information
    let referralShare: Double
    let serviceRequestSubtypeCumulative: [Double]  // over SimulatedCallType.serviceRequestTypes, normalised
    let serviceTypeCodes: [String]
    let classTables: [ClassTable]
    let classTableOfHour: [Int]
    let deflection: [Double]  // by SimulatedCallType.rawValue
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
        let config = configuration
        self.configuration = config
        guard config.days >= 1, config.days <= 3_660 else {
            throw SimulationError(.outOfRange, field: "days", reason: "must lie between 1 and 3660, got \(config.days)")
        }
        horizon = config.horizon
        hours = config.days * 24
        if case .exactly(let count) = config.arrivalCount, !(0...Self.contactLimit).contains(count) {
            throw SimulationError(
                .outOfRange,
                field: "arrivalCount",
                reason: "must lie between 0 and \(Self.contactLimit), got \(count)"
            )
        }
        guard config.agents.count <= Self.agentLimit else {
            throw SimulationError(
                .outOfRange,
                field: "agents",
                reason: "at most \(Self.agentLimit) agents, got \(config.agents.count)"
            )
        }
        try SimulationError.requireNonNegative(config.serviceLevelThreshold, "serviceLevelThreshold")

        channelCumulative = try Self.cumulativeShares(
            ContactChannel.allCases.map { config.channelShares[$0] ?? 0 },
            names: ContactChannel.allCases.map(\.description),
            field: "channelShares"
        )
        let typeShares = SimulatedCallType.allCases.map { config.callTypeShares[$0] ?? 0 }
        _ = try Self.cumulativeShares(
            typeShares,
            names: SimulatedCallType.allCases.map(\.description),
            field: "callTypeShares"
        )
        let typeTotal = typeShares.reduce(0, +)
        let general = typeShares[SimulatedCallType.generalInformation.rawValue] / typeTotal
        let referral = typeShares[SimulatedCallType.referral.rawValue] / typeTotal
        generalShare = general
        referralShare = referral
        let subtypeShares = SimulatedCallType.serviceRequestTypes.map { typeShares[$0.rawValue] / typeTotal }
        let serviceRequestShare = subtypeShares.reduce(0, +)
        serviceRequestSubtypeCumulative =
            serviceRequestShare > 0 ? Self.cumulative(subtypeShares.map { $0 / serviceRequestShare }) : [1, 1, 1, 1]

        // Service types.
        var codeIndex: [String: Int] = [:]
        for (index, entry) in config.serviceTypes.enumerated() {
            guard !entry.code.isEmpty else {
                throw SimulationError(.missingValue, field: "serviceTypes[\(index)].code", reason: "must not be empty")
            }
            guard codeIndex[entry.code] == nil else {
                throw SimulationError(
                    .duplicate,
                    field: "serviceTypes[\(index)].code",
                    reason: "\"\(entry.code)\" appears more than once"
                )
            }
            codeIndex[entry.code] = index
            try SimulationError.requireNonNegative(entry.weight, "serviceTypes[\(index)].weight")
        }
        let mixTotal = config.serviceTypes.reduce(0) { $0 + $1.weight }
        guard mixTotal.isFinite else {
            throw SimulationError(
                .outOfRange,
                field: "serviceTypes",
                reason: "the weights add up to more than a Double holds"
            )
        }
        if serviceRequestShare > 0 {
            guard !config.serviceTypes.isEmpty else {
                throw SimulationError(
                    .missingValue,
                    field: "serviceTypes",
                    reason: "service requests have a share, so a service-type mix is needed"
                )
            }
            guard mixTotal > 0 else {
                throw SimulationError(.outOfRange, field: "serviceTypes", reason: "the weights must not all be zero")
            }
        }
        serviceTypeCodes = config.serviceTypes.map(\.code)
        let mix = config.serviceTypes.map { mixTotal > 0 ? $0.weight / mixTotal : 0 }

        // Surges: one class table per distinct set of surges covering an hour.
        var surgeCodes: [[Bool]] = []
        for (index, surge) in config.surges.enumerated() {
            try SimulationError.requireNonNegative(surge.multiplier, "surges[\(index)].multiplier")
            guard surge.hours.lowerBound >= 0 else {
                throw SimulationError(
                    .outOfRange,
                    field: "surges[\(index)].hours",
                    reason: "must not start before hour 0, got \(surge.hours.lowerBound)"
                )
            }
            switch surge.target {
            case .allContacts:
                surgeCodes.append([])
            case .serviceTypes(let codes):
                guard !codes.isEmpty else {
                    throw SimulationError(
                        .missingValue,
                        field: "surges[\(index)].target",
                        reason: "names no service type"
                    )
                }
                var flags = Array(repeating: false, count: serviceTypeCodes.count)
                for code in codes.sorted() {
                    guard let position = codeIndex[code] else {
                        throw SimulationError(
                            .unknownReference,
                            field: "surges[\(index)].target",
                            reason: "unknown service type \"\(code)\""
                        )
                    }
                    flags[position] = true
                }
                surgeCodes.append(flags)
            }
        }
        func table(active: [Int]) -> ClassTable {
            var allFactor = 1.0
            var typeFactor = Array(repeating: 1.0, count: mix.count)
            for index in active {
                let surge = config.surges[index]
                if case .allContacts = surge.target {
                    allFactor *= surge.multiplier
                } else {
                    for (position, flag) in surgeCodes[index].enumerated() where flag {
                        typeFactor[position] *= surge.multiplier
                    }
                }
            }
            var cumulative: [Double] = []
            cumulative.reserveCapacity(mix.count)
            var running = 0.0
            for position in mix.indices {
                running += serviceRequestShare * mix[position] * typeFactor[position] * allFactor
                cumulative.append(running)
            }
            return ClassTable(
                general: general * allFactor,
                referral: referral * allFactor,
                serviceTypeCumulative: cumulative
            )
        }
        var tables = [table(active: [])]
        var tableOfSurgeSet: [[Int]: Int] = [[]: 0]
        var tableOfHour = Array(repeating: 0, count: hours)
        if !config.surges.isEmpty {
            for hour in 0..<hours {
                let active = config.surges.indices.filter { config.surges[$0].hours.contains(hour) }
                if let known = tableOfSurgeSet[active] {
                    tableOfHour[hour] = known
                } else {
                    tableOfSurgeSet[active] = tables.count
                    tableOfHour[hour] = tables.count
                    tables.append(table(active: active))
                }
            }
        }
        classTables = tables
        classTableOfHour = tableOfHour
        hourlyExpectedContacts = (0..<hours).map { hour in
            config.arrivals.expectedArrivals(inHour: hour, startDay: config.startDay) * tables[tableOfHour[hour]].total
        }
        // The day's expected volume sizes the run's tables and, for a Poisson count, is the volume: it
        // must be a number of contacts the run can hold. Checked per hour so the error names the cause.
        var expectedSoFar = 0.0
        for hour in 0..<hours {
            expectedSoFar += hourlyExpectedContacts[hour]
            guard expectedSoFar <= Double(Self.contactLimit) else {
                let surged = config.surges.indices.filter { config.surges[$0].hours.contains(hour) }
                let ordinary = config.arrivals.expectedArrivals(inHour: hour, startDay: config.startDay)
                let field = surged.isEmpty || ordinary > Double(Self.contactLimit) ? "arrivals" : "surges[\(surged[0])]"
                throw SimulationError(
                    .outOfRange,
                    field: field,
                    reason: "the expected contacts up to hour \(hour) exceed \(Self.contactLimit)"
                )
            }
        }
        if case .exactly(let count) = config.arrivalCount, count > 0, !(hourlyExpectedContacts.reduce(0, +) > 0) {
            throw SimulationError(
                .outOfRange,
                field: "arrivalCount",
                reason: "the arrival profile gives no contacts over the run, so \(count) cannot be placed"
            )
        }

        // IVR and handling.
        var deflection: [Double] = []
        for type in SimulatedCallType.allCases {
            let probability = config.ivrDeflection[type] ?? 0
            try SimulationError.requireProbability(probability, "ivrDeflection[\(type)]")
            deflection.append(probability)
        }
        self.deflection = deflection
        try config.ivrTime.validate(field: "ivrTime")
        try config.handling.talk.validate(field: "handling.talk")
        try config.handling.afterCallWork.validate(field: "handling.afterCallWork")
        var talk: [Distribution] = []
        var afterCallWork: [Distribution] = []
        for type in SimulatedCallType.allCases {
            let handling = config.handlingByCallType[type] ?? config.handling
            try handling.talk.validate(field: "handlingByCallType[\(type)].talk")
            try handling.afterCallWork.validate(field: "handlingByCallType[\(type)].afterCallWork")
            talk.append(handling.talk)
            afterCallWork.append(handling.afterCallWork)
        }
        self.talk = talk
        self.afterCallWork = afterCallWork
        try SimulationError.requireProbability(config.warmTransfer.share, "warmTransfer.share")
        try config.warmTransfer.hold.validate(field: "warmTransfer.hold")
        try config.patience?.validate(field: "patience")
        ivrTime = config.ivrTime
        patience = config.patience
        warmTransfer = config.warmTransfer

        // Queues: the general queue, then one per skill in order of first mention.
        var queueNames = [""]
        var queueOfSkill: [String: Int] = [:]
        func queue(for skill: String, field: String) throws(SimulationError) -> Int {
            guard !skill.isEmpty else {
                throw SimulationError(.missingValue, field: field, reason: "must not be empty")
            }
            if let known = queueOfSkill[skill] { return known }
            queueOfSkill[skill] = queueNames.count
            queueNames.append(skill)
            return queueNames.count - 1
        }
        var languageCumulative: [Double] = []
        var languageQueues: [Int] = []
        var languageTotal = 0.0
        for (index, language) in config.languages.enumerated() {
            if queueOfSkill[language.skill] != nil {
                throw SimulationError(
                    .duplicate,
                    field: "languages[\(index)].skill",
                    reason: "\"\(language.skill)\" appears more than once"
                )
            }
            languageQueues.append(try queue(for: language.skill, field: "languages[\(index)].skill"))
            try SimulationError.requireProbability(language.share, "languages[\(index)].share")
            languageTotal += language.share
            languageCumulative.append(languageTotal)
        }
        guard languageTotal <= 1 + 1e-12 else {
            throw SimulationError(
                .outOfRange,
                field: "languages",
                reason: "the shares add up to \(languageTotal), more than 1"
            )
        }
        self.languageCumulative = languageCumulative
        self.languageQueues = languageQueues
        let width = serviceTypeCodes.count + 1
        var routing = Array(repeating: 0, count: SimulatedCallType.allCases.count * width)
        var routed = Array(repeating: false, count: routing.count)
        for (index, special) in config.specializedQueues.enumerated() {
            let queueIndex = try queue(for: special.skill, field: "specializedQueues[\(index)].skill")
            var codes = Array(repeating: false, count: serviceTypeCodes.count)
            for code in special.serviceTypeCodes.sorted() {
                guard let position = codeIndex[code] else {
                    throw SimulationError(
                        .unknownReference,
                        field: "specializedQueues[\(index)].serviceTypeCodes",
                        reason: "unknown service type \"\(code)\""
                    )
                }
                codes[position] = true
            }
            for type in SimulatedCallType.allCases {
                for serviceType in -1..<serviceTypeCodes.count {
                    let matches =
                        special.callTypes.contains(type)
                        || (type.isServiceRequest && serviceType >= 0 && codes[serviceType])
                    let slot = type.rawValue * width + serviceType + 1
                    if matches, !routed[slot] {
                        routed[slot] = true
                        routing[slot] = queueIndex
                    }
                }
            }
        }
        self.routing = routing
        self.queueNames = queueNames

        // Agents, grouped into pools of identical queue sets.
        var poolOfAgent: [Int] = []
        var queuesOfPool: [[Int]] = []
        var poolOfQueueSet: [[Int]: Int] = [:]
        for (index, agent) in config.agents.enumerated() {
            let field = "agents[\(index)]"
            try SimulationError.requireNonNegative(agent.shiftStart, "\(field).shiftStart")
            try SimulationError.requireFinite(agent.shiftEnd, "\(field).shiftEnd")
            guard agent.shiftEnd > agent.shiftStart else {
                throw SimulationError(
                    .outOfRange,
                    field: "\(field).shiftEnd",
                    reason: "must be after shiftStart (\(agent.shiftStart)), got \(agent.shiftEnd)"
                )
            }
            var earliest = agent.shiftStart
            for (breakIndex, pause) in agent.breaks.enumerated() {
                let breakField = "\(field).breaks[\(breakIndex)]"
                try SimulationError.requireFinite(pause.start, "\(breakField).start")
                try SimulationError.requireNonNegative(pause.duration, "\(breakField).duration")
                guard pause.start >= earliest, pause.start < agent.shiftEnd else {
                    throw SimulationError(
                        .outOfRange,
                        field: "\(breakField).start",
                        reason:
                            "must lie within the shift and after the previous break (from \(earliest) to before \(agent.shiftEnd)), got \(pause.start)"
                    )
                }
                earliest = pause.start + pause.duration
            }
            var queues: [Int] = agent.answersGeneralQueue ? [0] : []
            for (skillIndex, skill) in agent.skills.enumerated() {
                guard let queueIndex = queueOfSkill[skill] else {
                    throw SimulationError(
                        .unknownReference,
                        field: "\(field).skills[\(skillIndex)]",
                        reason: "no language or specialized queue uses skill \"\(skill)\""
                    )
                }
                if !queues.contains(queueIndex) { queues.append(queueIndex) }
            }
            guard !queues.isEmpty else {
                throw SimulationError(
                    .invalidValue,
                    field: field,
                    reason: "answers no queue: give it skills or let it answer the general queue"
                )
            }
            queues.sort()
            if let pool = poolOfQueueSet[queues] {
                poolOfAgent.append(pool)
            } else {
                poolOfQueueSet[queues] = queuesOfPool.count
                poolOfAgent.append(queuesOfPool.count)
                queuesOfPool.append(queues)
            }
        }
        self.poolOfAgent = poolOfAgent
        self.queuesOfPool = queuesOfPool
        var poolsOfQueue = Array(repeating: [Int](), count: queueNames.count)
        for (pool, queues) in queuesOfPool.enumerated() {
            for queueIndex in queues { poolsOfQueue[queueIndex].append(pool) }
        }
        self.poolsOfQueue = poolsOfQueue
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

    private static func cumulativeShares(
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

    private static func cumulative(_ values: [Double]) -> [Double] {
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
