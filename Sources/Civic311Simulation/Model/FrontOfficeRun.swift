import Civic311

/// What can happen in the front office. Payloads are contact or agent indices.
enum FrontOfficeEvent: Sendable {
    case arrival
    case ivrExit(Int32)
    case abandonment(Int32)
    case talkEnd(Int32)
    case wrapUpEnd(Int32)
    case shiftStart(Int32)
    case breakStart(Int32, Int32)  // agent, index into the flattened break durations
    case breakEnd(Int32)
    case shiftEnd(Int32)
}

/// Everything about a phone call that is drawn when it arrives.
struct PhoneWork: Sendable {
    var handling: Double = 0  // talk plus any warm-transfer hold
    var afterCallWork: Double = 0
    var patience: Double = .infinity
    var queue: Int32 = 0
    var deflected = false
    var transferred = false
}

enum AgentStatus: UInt8, Sendable {
    case offShift
    case idle
    case talking
    case wrappingUp
    case onBreak
    case loggedOut
}

struct IdleEntry: Sendable {
    var agent: Int32
    var epoch: UInt32
}

/// One run of a ``FrontOfficeModel``: the mutable state of the simulated day and its event loop.
struct FrontOfficeRun {
    let model: FrontOfficeModel
    var engine: DiscreteEventEngine<FrontOfficeEvent>
    var demandStream: Xoshiro256StarStar
    var contactStream: Xoshiro256StarStar
    var poissonArrivals: NonHomogeneousPoissonArrivals
    var fixedArrivals: [Double]
    var nextFixedArrival = 0
    let usesFixedArrivals: Bool

    var records: [ContactRecord] = []
    var work: [PhoneWork] = []
    var queues: [FIFOBuffer<Int32>]
    var idlePools: [FIFOBuffer<IdleEntry>]
    var serviceRequests = 0

    var status: [AgentStatus]
    var epoch: [UInt32]
    var idleSince: [Double]
    var since: [Double]
    var logoutPending: [Bool]
    var pendingBreak: [Double]  // seconds of break owed; negative when none
    var staffedSeconds: [Double]
    var busySeconds: [Double]
    var handledCalls: [Int]
    var breakDurations: [Double]
    let intervalLength: Double
    var intervalStaffed: [Double]
    var intervalBusy: [Double]

    init(model: FrontOfficeModel, seed: UInt64) {
        self.model = model
        let config = model.configuration
        let root = Xoshiro256StarStar(seed: seed)
        demandStream = root
        contactStream = root.jumped()
        let multipliers = model.classTableOfHour.map { model.classTables[$0].total }
        // The model validated every input, so building the arrival process cannot fail.
        poissonArrivals = try! NonHomogeneousPoissonArrivals(
            profile: config.arrivals,
            startDay: config.startDay,
            horizon: model.horizon,
            hourlyMultipliers: multipliers
        )
        let agentCount = config.agents.count
        engine = DiscreteEventEngine(expectedPendingEvents: 4 * agentCount + 64)
        queues = Array(repeating: FIFOBuffer(), count: model.queueNames.count)
        idlePools = Array(repeating: FIFOBuffer(), count: model.queuesOfPool.count)
        status = Array(repeating: .offShift, count: agentCount)
        epoch = Array(repeating: 0, count: agentCount)
        idleSince = Array(repeating: 0, count: agentCount)
        since = Array(repeating: 0, count: agentCount)
        logoutPending = Array(repeating: false, count: agentCount)
        pendingBreak = Array(repeating: -1, count: agentCount)
        staffedSeconds = Array(repeating: 0, count: agentCount)
        busySeconds = Array(repeating: 0, count: agentCount)
        handledCalls = Array(repeating: 0, count: agentCount)
        breakDurations = []
        intervalLength = config.reportingInterval.seconds
        let intervals = Int(model.horizon / intervalLength)
        intervalStaffed = Array(repeating: 0, count: intervals)
        intervalBusy = Array(repeating: 0, count: intervals)

        var expected = 0.0
        switch config.arrivalCount {
        case .poisson:
            usesFixedArrivals = false
            fixedArrivals = []
            expected = model.expectedContacts
        case .exactly(let count):
            usesFixedArrivals = true
            fixedArrivals = Self.conditionedArrivalTimes(count: count, model: model, using: &demandStream)
            expected = Double(count)
        }
        let capacity = Int(expected * 1.02 + 4 * expected.squareRoot() + 16)
        records.reserveCapacity(capacity)
        work.reserveCapacity(capacity)

        for (index, agent) in config.agents.enumerated() {
            let id = Int32(index)
            engine.schedule(.shiftStart(id), at: agent.shiftStart)
            for pause in agent.breaks {
                engine.schedule(.breakStart(id, Int32(breakDurations.count)), at: pause.start)
                breakDurations.append(pause.duration)
            }
            engine.schedule(.shiftEnd(id), at: agent.shiftEnd)
        }
    }

    // MARK: - Event loop

    mutating func run<Sink: ServiceRequestSink>(sink: inout Sink) throws(Sink.Failure) {
        scheduleNextArrival()
        while let event = engine.nextEvent() {
            switch event {
            case .arrival:
                try arrive(sink: &sink)
                scheduleNextArrival()
            case .ivrExit(let contact):
                try leaveIVR(Int(contact), sink: &sink)
            case .abandonment(let contact):
                let index = Int(contact)
                if isWaiting(index) {
                    records[index].outcome = .abandoned
                    records[index].endedAt = engine.now
                }
            case .talkEnd(let contact):
                try endTalk(Int(contact), sink: &sink)
            case .wrapUpEnd(let agent):
                becomeAvailable(Int(agent))
            case .shiftStart(let agent):
                becomeAvailable(Int(agent))
            case .breakStart(let agent, let pause):
                startBreak(Int(agent), duration: breakDurations[Int(pause)])
            case .breakEnd(let agent):
                becomeAvailable(Int(agent))
            case .shiftEnd(let agent):
                endShift(Int(agent))
            }
        }
        // Whoever is still queued had no agent left to answer and no patience limit.
        for index in records.indices where isWaiting(index) {
            records[index].endedAt = engine.now
        }
    }

    private mutating func scheduleNextArrival() {
        if usesFixedArrivals {
            guard nextFixedArrival < fixedArrivals.count else { return }
            engine.schedule(.arrival, at: fixedArrivals[nextFixedArrival])
            nextFixedArrival += 1
        } else if let time = poissonArrivals.next(using: &demandStream) {
            engine.schedule(.arrival, at: time)
        }
    }

    // MARK: - Contacts

    private mutating func arrive<Sink: ServiceRequestSink>(sink: inout Sink) throws(Sink.Failure) {
        let now = engine.now
        let id = records.count
        // What the contact is about comes from the demand stream.
        let hour = min(Int(now / 3600), model.hours - 1)
        let tableIndex = model.classTableOfHour[hour]
        let general = model.classTables[tableIndex].general
        let referral = model.classTables[tableIndex].referral
        let draw = demandStream.nextUnit() * model.classTables[tableIndex].total
        var callType = CallType.Kind.generalInformation
        var serviceType = -1
        if draw < general {
            callType = .generalInformation
        } else if draw < general + referral {
            callType = .referral
        } else {
            serviceType = Self.firstIndex(
                above: draw - general - referral,
                in: model.classTables[tableIndex].serviceTypeCumulative
            )
            let subtype = Self.firstIndex(above: demandStream.nextUnit(), in: model.serviceRequestSubtypeCumulative)
            callType = CallType.Kind.serviceRequestKinds[subtype]
        }
        let code: ServiceTypeCode? = serviceType >= 0 ? model.serviceTypeCodes[serviceType] : nil

        // Everything else comes from the contact stream, always drawn in the same order.
        let channelIndex = Self.firstIndex(above: contactStream.nextUnit(), in: model.channelCumulative)
        let channel = FrontOfficeModel.simulatedChannels[channelIndex]
        records.append(
            ContactRecord(id: id, arrivedAt: now, callType: callType, channel: channel, serviceTypeCode: code)
        )
        guard channel == .phone else {
            records[id].outcome = .selfService
            work.append(PhoneWork())
            if let code { try submit(id, code: code, sink: &sink) }
            return
        }
        var phone = PhoneWork()
        let type = callType.ordinal
        phone.deflected = contactStream.nextUnit() < model.deflection[type]
        let ivr = max(0, model.ivrTime.sample(using: &contactStream))
        let languageDraw = contactStream.nextUnit()
        var queue = model.routing[type * (model.serviceTypeCodes.count + 1) + serviceType + 1]
        for (position, bound) in model.languageCumulative.enumerated() where languageDraw < bound {
            queue = model.languageQueues[position]
            break
        }
        phone.queue = Int32(queue)
        phone.handling = max(0, model.talk[type].sample(using: &contactStream))
        phone.afterCallWork = max(0, model.afterCallWork[type].sample(using: &contactStream))
        let transfer = model.warmTransfer
        if callType == .referral, transfer.share > 0 {
            phone.transferred = contactStream.nextUnit() < transfer.share
            let hold = max(0, transfer.hold.sample(using: &contactStream))
            if phone.transferred { phone.handling += hold }
        }
        if let patience = model.patience {
            phone.patience = max(0, patience.sample(using: &contactStream))
        }
        work.append(phone)
        if ivr > 0 {
            engine.schedule(.ivrExit(Int32(id)), after: ivr)
        } else {
            try leaveIVR(id, sink: &sink)
        }
    }

    private mutating func leaveIVR<Sink: ServiceRequestSink>(_ contact: Int, sink: inout Sink) throws(Sink.Failure) {
        if work[contact].deflected {
            records[contact].outcome = .deflected
            records[contact].endedAt = engine.now
            if let code = records[contact].serviceTypeCode { try submit(contact, code: code, sink: &sink) }
            return
        }
        records[contact].queuedTime = engine.now
        records[contact].queueIndex = work[contact].queue
        offer(contact, to: Int(work[contact].queue))
    }

    private func isWaiting(_ contact: Int) -> Bool {
        records[contact].queuedTime >= 0 && records[contact].answerTime < 0
            && records[contact].outcome == .unanswered
    }

    /// Gives a call to the agent idle longest among those who answer `queue`, or queues it.
    private mutating func offer(_ contact: Int, to queue: Int) {
        var bestAgent = -1
        var bestPool = -1
        var bestSince = Double.infinity
        for pool in model.poolsOfQueue[queue] {
            while let entry = idlePools[pool].first {
                let agent = Int(entry.agent)
                if status[agent] == .idle, epoch[agent] == entry.epoch { break }
                idlePools[pool].removeFirst()
            }
            if let entry = idlePools[pool].first, idleSince[Int(entry.agent)] < bestSince {
                bestAgent = Int(entry.agent)
                bestPool = pool
                bestSince = idleSince[bestAgent]
            }
        }
        if bestAgent >= 0 {
            idlePools[bestPool].removeFirst()
            answer(contact, by: bestAgent)
            return
        }
        queues[queue].append(Int32(contact))
        let patience = work[contact].patience
        if patience.isFinite {
            engine.schedule(.abandonment(Int32(contact)), after: patience)
        }
    }

    private mutating func answer(_ contact: Int, by agent: Int) {
        account(agent)
        status[agent] = .talking
        epoch[agent] &+= 1
        records[contact].answerTime = engine.now
        records[contact].agentIndex = Int32(agent)
        records[contact].wasTransferred = work[contact].transferred
        handledCalls[agent] += 1
        engine.schedule(.talkEnd(Int32(contact)), after: work[contact].handling)
    }

    private mutating func endTalk<Sink: ServiceRequestSink>(_ contact: Int, sink: inout Sink) throws(Sink.Failure) {
        records[contact].outcome = .handled
        records[contact].endedAt = engine.now
        let agent = Int(records[contact].agentIndex)
        let wrap = work[contact].afterCallWork
        records[contact].wrapUpTime = wrap
        if wrap > 0 {
            account(agent)
            status[agent] = .wrappingUp
            engine.schedule(.wrapUpEnd(Int32(agent)), after: wrap)
        } else {
            becomeAvailable(agent)
        }
        if let code = records[contact].serviceTypeCode { try submit(contact, code: code, sink: &sink) }
    }

    private mutating func submit<Sink: ServiceRequestSink>(
        _ contact: Int,
        code: ServiceTypeCode,
        sink: inout Sink
    ) throws(Sink.Failure) {
        serviceRequests += 1
        let record = records[contact]
        try sink.receive(
            SimulatedServiceRequest(
                contactID: contact,
                arrivedAt: record.arrivedAt,
                createdAt: engine.now,
                channel: record.channel,
                callType: record.callType,
                serviceTypeCode: code
            )
        )
    }

    // MARK: - Agents

    /// The agent has finished what they were doing (or starts the shift): log out, take an owed break,
    /// take the longest-waiting call they answer, or go idle.
    private mutating func becomeAvailable(_ agent: Int) {
        account(agent)
        if logoutPending[agent] {
            status[agent] = .loggedOut
            return
        }
        if pendingBreak[agent] >= 0 {
            status[agent] = .onBreak
            engine.schedule(.breakEnd(Int32(agent)), after: pendingBreak[agent])
            pendingBreak[agent] = -1
            return
        }
        let pool = model.poolOfAgent[agent]
        var bestQueue = -1
        var bestTime = Double.infinity
        for queue in model.queuesOfPool[pool] {
            while let contact = queues[queue].first, !isWaiting(Int(contact)) {
                queues[queue].removeFirst()
            }
            if let contact = queues[queue].first, records[Int(contact)].queuedTime < bestTime {
                bestQueue = queue
                bestTime = records[Int(contact)].queuedTime
            }
        }
        if bestQueue >= 0 {
            answer(Int(queues[bestQueue].removeFirst()), by: agent)
            return
        }
        status[agent] = .idle
        epoch[agent] &+= 1
        idleSince[agent] = engine.now
        idlePools[pool].append(IdleEntry(agent: Int32(agent), epoch: epoch[agent]))
    }

    private mutating func startBreak(_ agent: Int, duration: Double) {
        switch status[agent] {
        case .idle:
            account(agent)
            epoch[agent] &+= 1
            status[agent] = .onBreak
            engine.schedule(.breakEnd(Int32(agent)), after: duration)
        case .talking, .wrappingUp, .onBreak:
            // Taken in full once the current work (or break) is over; owed breaks add up.
            pendingBreak[agent] = max(0, pendingBreak[agent]) + duration
        case .offShift, .loggedOut:
            break
        }
    }

    private mutating func endShift(_ agent: Int) {
        switch status[agent] {
        case .idle:
            account(agent)
            epoch[agent] &+= 1
            status[agent] = .loggedOut
        case .talking, .wrappingUp, .onBreak:
            logoutPending[agent] = true
        case .offShift, .loggedOut:
            status[agent] = .loggedOut
        }
    }

    /// Books the time since the agent's last change of state as staffed and, if working, busy.
    private mutating func account(_ agent: Int) {
        let now = engine.now
        let start = since[agent]
        since[agent] = now
        guard now > start else { return }
        let working: Bool
        switch status[agent] {
        case .idle: working = false
        case .talking, .wrappingUp: working = true
        case .offShift, .onBreak, .loggedOut: return
        }
        staffedSeconds[agent] += now - start
        Self.spread(from: start, to: now, intervalLength: intervalLength, into: &intervalStaffed)
        if working {
            busySeconds[agent] += now - start
            Self.spread(from: start, to: now, intervalLength: intervalLength, into: &intervalBusy)
        }
    }

    /// Adds the overlap of `[start, end)` with each reporting interval; time past the horizon is dropped.
    private static func spread(from start: Double, to end: Double, intervalLength: Double, into totals: inout [Double])
    {
        // A shift or a call may end far past the horizon (even at infinity); only time within the
        // reported intervals is booked, and the first index is found before any conversion.
        let first = start / intervalLength
        guard first < Double(totals.count) else { return }
        var index = Int(first)
        while index < totals.count {
            let lower = max(start, Double(index) * intervalLength)
            let upper = min(end, Double(index + 1) * intervalLength)
            guard upper > lower else { break }
            totals[index] += upper - lower
            index += 1
        }
    }

    // MARK: - Helpers

    /// The first index whose cumulative bound exceeds `value` (binary search).
    @inline(__always)
    static func firstIndex(above value: Double, in cumulative: [Double]) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) >> 1
            if value < cumulative[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Arrival times for a fixed count: independent draws with density proportional to the surged rate
    /// (pick the hour by its expected volume, then the instant within it by thinning), sorted.
    static func conditionedArrivalTimes(
        count: Int,
        model: FrontOfficeModel,
        using generator: inout Xoshiro256StarStar
    ) -> [Double] {
        guard count > 0 else { return [] }
        let profile = model.configuration.arrivals
        let day = model.configuration.startDay
        var cumulative: [Double] = []
        cumulative.reserveCapacity(model.hours)
        var running = 0.0
        for hour in 0..<model.hours {
            running += model.hourlyExpectedContacts[hour]
            cumulative.append(running)
        }
        var times: [Double] = []
        times.reserveCapacity(count)
        for _ in 0..<count {
            let hour = firstIndex(above: generator.nextUnit() * running, in: cumulative)
            let start = Double(hour) * 3600
            if profile.shape == .stepwise {
                times.append(start + 3600 * generator.nextUnit())
                continue
            }
            let peak = profile.peakRate(inHour: hour, startDay: day)
            while true {
                let candidate = start + 3600 * generator.nextUnit()
                if generator.nextUnit() * peak < profile.rate(at: candidate, startDay: day) {
                    times.append(candidate)
                    break
                }
            }
        }
        times.sort()
        return times
    }
}
