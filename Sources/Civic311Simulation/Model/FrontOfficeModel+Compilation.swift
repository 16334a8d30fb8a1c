import Civic311

// The steps of `FrontOfficeModel.init`, in the order it takes them: each checks its part of the
// configuration (throwing the first problem with its path) and compiles it into tables indexed by
// small integers.
extension FrontOfficeModel {
    /// The run's length and the counts that size its tables.
    static func checkSize(of config: FrontOfficeConfiguration) throws(SimulationError) {
        guard config.days >= 1, config.days <= 3_660 else {
            throw SimulationError(.outOfRange, field: "days", reason: "must lie between 1 and 3660, got \(config.days)")
        }
        if case .exactly(let count) = config.arrivalCount, !(0...contactLimit).contains(count) {
            throw SimulationError(
                .outOfRange,
                field: "arrivalCount",
                reason: "must lie between 0 and \(contactLimit), got \(count)"
            )
        }
        guard config.agents.count <= agentLimit else {
            throw SimulationError(
                .outOfRange,
                field: "agents",
                reason: "at most \(agentLimit) agents, got \(config.agents.count)"
            )
        }
        try SimulationError.requireNonNegative(config.serviceLevelThreshold, "serviceLevelThreshold")
        try config.shortAbandons.validate(field: "shortAbandons")
    }

    /// The channel and call-type shares, normalised.
    struct CallTypeMix {
        /// Over ``FrontOfficeModel/simulatedChannels``.
        let channelCumulative: [Double]
        let general: Double
        let referral: Double
        let serviceRequestShare: Double
        /// Over the four service-request kinds, normalised among them.
        let serviceRequestSubtypeCumulative: [Double]

        init(_ config: FrontOfficeConfiguration) throws(SimulationError) {
            let simulated = FrontOfficeModel.simulatedChannels.map(\.rawValue).joined(separator: ", ")
            if let channel = Channel.allCases.first(where: {
                $0.simulatedIndex == nil && config.channelShares[$0] != nil
            }) {
                throw SimulationError(
                    .invalidValue,
                    field: "channelShares[\(channel.rawValue)]",
                    reason: "the model simulates \(simulated) contacts only"
                )
            }
            channelCumulative = try FrontOfficeModel.cumulativeShares(
                FrontOfficeModel.simulatedChannels.map { config.channelShares[$0] ?? 0 },
                names: FrontOfficeModel.simulatedChannels.map(\.rawValue),
                field: "channelShares"
            )
            let typeShares = CallType.Kind.allCases.map { config.callTypeShares[$0] ?? 0 }
            _ = try FrontOfficeModel.cumulativeShares(
                typeShares,
                names: CallType.Kind.allCases.map(\.description),
                field: "callTypeShares"
            )
            let typeTotal = typeShares.reduce(0, +)
            general = typeShares[CallType.Kind.generalInformation.ordinal] / typeTotal
            referral = typeShares[CallType.Kind.referral.ordinal] / typeTotal
            let subtypeShares = CallType.Kind.serviceRequestKinds.map { typeShares[$0.ordinal] / typeTotal }
            let serviceRequests = subtypeShares.reduce(0, +)
            serviceRequestShare = serviceRequests
            serviceRequestSubtypeCumulative =
                serviceRequests > 0
                ? FrontOfficeModel.cumulative(subtypeShares.map { $0 / serviceRequests }) : [1, 1, 1, 1]
        }
    }

    /// The service-type mix of service requests.
    struct ServiceTypeMix {
        let codes: [ServiceTypeCode]
        let position: [ServiceTypeCode: Int]
        /// The weights normalised to 1 (all 0 for an empty or all-zero mix).
        let weights: [Double]

        init(_ config: FrontOfficeConfiguration, serviceRequestShare: Double) throws(SimulationError) {
            var position: [ServiceTypeCode: Int] = [:]
            for (index, entry) in config.serviceTypes.enumerated() {
                guard !entry.code.rawValue.isEmpty else {
                    throw SimulationError(
                        .missingValue,
                        field: "serviceTypes[\(index)].code",
                        reason: "must not be empty"
                    )
                }
                guard position[entry.code] == nil else {
                    throw SimulationError(
                        .duplicate,
                        field: "serviceTypes[\(index)].code",
                        reason: "\"\(entry.code)\" appears more than once"
                    )
                }
                position[entry.code] = index
                try SimulationError.requireNonNegative(entry.weight, "serviceTypes[\(index)].weight")
            }
            let total = config.serviceTypes.reduce(0) { $0 + $1.weight }
            guard total.isFinite else {
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
                guard total > 0 else {
                    throw SimulationError(
                        .outOfRange,
                        field: "serviceTypes",
                        reason: "the weights must not all be zero"
                    )
                }
            }
            codes = config.serviceTypes.map(\.code)
            self.position = position
            weights = config.serviceTypes.map { total > 0 ? $0.weight / total : 0 }
        }

        /// One flag per service type, set for those in `selected`.
        func flags(
            _ selected: Set<ServiceTypeCode>,
            field: String
        ) throws(SimulationError) -> [Bool] {
            var flags = Array(repeating: false, count: codes.count)
            for code in selected.sorted() {
                guard let index = position[code] else {
                    throw SimulationError(.unknownReference, field: field, reason: "unknown service type \"\(code)\"")
                }
                flags[index] = true
            }
            return flags
        }
    }

    /// The contacts expected each hour and what they are about, after surges: one class table per
    /// distinct set of surges covering an hour.
    struct SurgedDemand {
        let classTables: [ClassTable]
        let classTableOfHour: [Int]
        let hourlyExpectedContacts: [Double]

        init(
            _ config: FrontOfficeConfiguration,
            callTypes: CallTypeMix,
            serviceTypes: ServiceTypeMix
        ) throws(SimulationError) {
            let targets = try Self.surgeTargets(config, serviceTypes: serviceTypes)
            func table(active: [Int]) -> ClassTable {
                var allFactor = 1.0
                var typeFactor = Array(repeating: 1.0, count: serviceTypes.weights.count)
                for index in active {
                    let surge = config.surges[index]
                    if let flags = targets[index] {
                        for (position, flag) in flags.enumerated() where flag {
                            typeFactor[position] *= surge.multiplier
                        }
                    } else {
                        allFactor *= surge.multiplier
                    }
                }
                var cumulative: [Double] = []
                cumulative.reserveCapacity(serviceTypes.weights.count)
                var running = 0.0
                for (position, weight) in serviceTypes.weights.enumerated() {
                    running += callTypes.serviceRequestShare * weight * typeFactor[position] * allFactor
                    cumulative.append(running)
                }
                return ClassTable(
                    general: callTypes.general * allFactor,
                    referral: callTypes.referral * allFactor,
                    serviceTypeCumulative: cumulative
                )
            }
            let hours = config.days * 24
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
                config.arrivals.expectedArrivals(inHour: hour, startDay: config.startDay)
                    * tables[tableOfHour[hour]].total
            }
            try Self.checkVolume(config, hourlyExpectedContacts: hourlyExpectedContacts)
        }

        /// Per surge, the service types it raises; `nil` for a surge of all contacts.
        private static func surgeTargets(
            _ config: FrontOfficeConfiguration,
            serviceTypes: ServiceTypeMix
        ) throws(SimulationError) -> [[Bool]?] {
            var targets: [[Bool]?] = []
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
                    targets.append(nil)
                case .serviceTypes(let codes):
                    guard !codes.isEmpty else {
                        throw SimulationError(
                            .missingValue,
                            field: "surges[\(index)].target",
                            reason: "names no service type"
                        )
                    }
                    targets.append(try serviceTypes.flags(codes, field: "surges[\(index)].target"))
                }
            }
            return targets
        }

        /// The day's expected volume sizes the run's tables and, for a Poisson count, is the volume: it
        /// must be a number of contacts the run can hold. Checked per hour so the error names the cause.
        private static func checkVolume(
            _ config: FrontOfficeConfiguration,
            hourlyExpectedContacts: [Double]
        ) throws(SimulationError) {
            let limit = Double(FrontOfficeModel.contactLimit)
            var expectedSoFar = 0.0
            for (hour, expected) in hourlyExpectedContacts.enumerated() {
                expectedSoFar += expected
                guard expectedSoFar <= limit else {
                    let surged = config.surges.indices.filter { config.surges[$0].hours.contains(hour) }
                    let ordinary = config.arrivals.expectedArrivals(inHour: hour, startDay: config.startDay)
                    let field = surged.isEmpty || ordinary > limit ? "arrivals" : "surges[\(surged[0])]"
                    throw SimulationError(
                        .outOfRange,
                        field: field,
                        reason: "the expected contacts up to hour \(hour) exceed \(FrontOfficeModel.contactLimit)"
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
        }
    }

    /// The IVR and handling per call type, and the other durations a call draws.
    struct CallHandling {
        /// By ``Civic311/CallType/Kind`` ordinal.
        let deflection: [Double]
        let talk: [Distribution]
        let afterCallWork: [Distribution]

        init(_ config: FrontOfficeConfiguration) throws(SimulationError) {
            var deflection: [Double] = []
            for type in CallType.Kind.allCases {
                let probability = config.ivrDeflection[type] ?? 0
                try SimulationError.requireProbability(probability, "ivrDeflection[\(type)]")
                deflection.append(probability)
            }
            try config.ivrTime.validate(field: "ivrTime")
            try config.handling.talk.validate(field: "handling.talk")
            try config.handling.afterCallWork.validate(field: "handling.afterCallWork")
            var talk: [Distribution] = []
            var afterCallWork: [Distribution] = []
            for type in CallType.Kind.allCases {
                let handling = config.handlingByCallType[type] ?? config.handling
                try handling.talk.validate(field: "handlingByCallType[\(type)].talk")
                try handling.afterCallWork.validate(field: "handlingByCallType[\(type)].afterCallWork")
                talk.append(handling.talk)
                afterCallWork.append(handling.afterCallWork)
            }
            try SimulationError.requireProbability(config.warmTransfer.share, "warmTransfer.share")
            try config.warmTransfer.hold.validate(field: "warmTransfer.hold")
            try config.patience?.validate(field: "patience")
            self.deflection = deflection
            self.talk = talk
            self.afterCallWork = afterCallWork
        }
    }

    /// The agent queues: the general queue, then one per skill in order of first mention (languages,
    /// then specialized queues), and which queue each call type and service type waits in.
    struct QueueLayout {
        private(set) var names = [""]
        private(set) var queueOfSkill: [String: Int] = [:]
        private(set) var languageCumulative: [Double] = []
        private(set) var languageQueues: [Int] = []
        /// Queue index by call type × (service type + 1); 0, the general queue, unless routed.
        private(set) var routing: [Int] = []

        init(_ config: FrontOfficeConfiguration, serviceTypes: ServiceTypeMix) throws(SimulationError) {
            try addLanguages(config.languages)
            try addSpecializedQueues(config.specializedQueues, serviceTypes: serviceTypes)
        }

        private mutating func queue(for skill: String, field: String) throws(SimulationError) -> Int {
            guard !skill.isEmpty else {
                throw SimulationError(.missingValue, field: field, reason: "must not be empty")
            }
            if let known = queueOfSkill[skill] { return known }
            queueOfSkill[skill] = names.count
            names.append(skill)
            return names.count - 1
        }

        private mutating func addLanguages(_ languages: [LanguageDemand]) throws(SimulationError) {
            var total = 0.0
            for (index, language) in languages.enumerated() {
                if queueOfSkill[language.skill] != nil {
                    throw SimulationError(
                        .duplicate,
                        field: "languages[\(index)].skill",
                        reason: "\"\(language.skill)\" appears more than once"
                    )
                }
                languageQueues.append(try queue(for: language.skill, field: "languages[\(index)].skill"))
                try SimulationError.requireProbability(language.share, "languages[\(index)].share")
                total += language.share
                languageCumulative.append(total)
            }
            guard total <= 1 + 1e-12 else {
                throw SimulationError(
                    .outOfRange,
                    field: "languages",
                    reason: "the shares add up to \(total), more than 1"
                )
            }
        }

        /// The first matching specialized queue wins.
        private mutating func addSpecializedQueues(
            _ queues: [SpecializedQueue],
            serviceTypes: ServiceTypeMix
        ) throws(SimulationError) {
            let width = serviceTypes.codes.count + 1
            routing = Array(repeating: 0, count: CallType.Kind.allCases.count * width)
            var routed = Array(repeating: false, count: routing.count)
            for (index, special) in queues.enumerated() {
                let queueIndex = try queue(for: special.skill, field: "specializedQueues[\(index)].skill")
                let codes = try serviceTypes.flags(
                    special.serviceTypeCodes,
                    field: "specializedQueues[\(index)].serviceTypeCodes"
                )
                for type in CallType.Kind.allCases {
                    for serviceType in -1..<serviceTypes.codes.count {
                        let matches =
                            special.callTypes.contains(type)
                            || (type.isServiceRequest && serviceType >= 0 && codes[serviceType])
                        let slot = type.ordinal * width + serviceType + 1
                        if matches, !routed[slot] {
                            routed[slot] = true
                            routing[slot] = queueIndex
                        }
                    }
                }
            }
        }
    }

    /// The agents, grouped into pools that answer the same set of queues.
    struct AgentPools {
        private(set) var poolOfAgent: [Int] = []
        private(set) var queuesOfPool: [[Int]] = []
        let poolsOfQueue: [[Int]]

        init(_ config: FrontOfficeConfiguration, queues: QueueLayout) throws(SimulationError) {
            var poolOfQueueSet: [[Int]: Int] = [:]
            for (index, agent) in config.agents.enumerated() {
                let field = "agents[\(index)]"
                try Self.checkShift(of: agent, field: field)
                let answered = try Self.queues(answeredBy: agent, in: queues, field: field)
                if let pool = poolOfQueueSet[answered] {
                    poolOfAgent.append(pool)
                } else {
                    poolOfQueueSet[answered] = queuesOfPool.count
                    poolOfAgent.append(queuesOfPool.count)
                    queuesOfPool.append(answered)
                }
            }
            var poolsOfQueue = Array(repeating: [Int](), count: queues.names.count)
            for (pool, answered) in queuesOfPool.enumerated() {
                for queueIndex in answered { poolsOfQueue[queueIndex].append(pool) }
            }
            self.poolsOfQueue = poolsOfQueue
        }

        private static func checkShift(of agent: AgentSchedule, field: String) throws(SimulationError) {
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
        }

        /// The sorted queue indices the agent answers.
        private static func queues(
            answeredBy agent: AgentSchedule,
            in layout: QueueLayout,
            field: String
        ) throws(SimulationError) -> [Int] {
            var queues: [Int] = agent.answersGeneralQueue ? [0] : []
            for (skillIndex, skill) in agent.skills.enumerated() {
                guard let queueIndex = layout.queueOfSkill[skill] else {
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
            return queues.sorted()
        }
    }
}
