import Civic311

/// A single FIFO queue in front of `N` identical agents with Poisson arrivals: M/G/N, or M/G/N+G when
/// callers have a patience distribution.
///
/// It is the "111 call center" of the SimPy peer (``oneOneOneCallCenter``), and with exponential
/// service times and no abandonment it is the Erlang C queue, which makes it the engine's reference
/// check against ``ErlangC`` (and, with exponential patience, against ``ErlangA``).
///
/// **Run control, as in SimPy's `env.run(until:)`.** Time runs from 0 to `warmUp + duration`; nothing
/// happens after that. Statistics cover callers who arrive at or after `warmUp`: a wait counts when the
/// call is answered before the end, an abandonment when the caller hangs up before the end. Operator
/// utilization is busy time inside the collection period over `duration × servers`.
public struct MultiServerQueueModel: Sendable, Hashable {
    /// Arrivals per second.
    public let arrivalRate: Double
    /// The number of agents.
    public let servers: Int
    /// Handle time per call, in seconds.
    public let serviceTime: Distribution
    /// Patience of a queued caller in seconds; `nil` for callers who never hang up.
    public let patience: Distribution?
    /// Seconds simulated before statistics start.
    public let warmUp: Double
    /// Seconds of statistics collection after the warm-up.
    public let duration: Double
    /// The answer-time threshold for ``MultiServerQueueResult/serviceLevel``, in seconds.
    public let serviceLevelThreshold: Double

    /// Creates the model.
    ///
    /// - Throws: ``SimulationError`` when `arrivalsPerHour` is negative or not finite, `servers` is below
    ///   1 or above ``FrontOfficeModel/agentLimit``, a distribution is invalid, `duration`, `warmUp` or
    ///   `serviceLevelThreshold` is negative or not finite (`duration` must be positive), `warmUp` plus
    ///   `duration` overflows, or more than ``FrontOfficeModel/contactLimit`` arrivals are expected
    ///   over the run (field `arrivalsPerHour`, or `duration` when a reasonable rate runs too long).
    public init(
        arrivalsPerHour: Double,
        servers: Int,
        serviceTime: Distribution,
        patience: Distribution? = nil,
        duration: Double,
        warmUp: Double = 0,
        serviceLevelThreshold: Double = 20
    ) throws(SimulationError) {
        try SimulationError.requireNonNegative(arrivalsPerHour, "arrivalsPerHour")
        guard (1...FrontOfficeModel.agentLimit).contains(servers) else {
            throw SimulationError(
                .outOfRange,
                field: "servers",
                reason: "must lie between 1 and \(FrontOfficeModel.agentLimit), got \(servers)"
            )
        }
        try serviceTime.validate(field: "serviceTime")
        try patience?.validate(field: "patience")
        try SimulationError.requirePositive(duration, "duration")
        try SimulationError.requireNonNegative(warmUp, "warmUp")
        try SimulationError.requireNonNegative(serviceLevelThreshold, "serviceLevelThreshold")
        guard (warmUp + duration).isFinite else {
            throw SimulationError(
                .outOfRange,
                field: "warmUp",
                reason: "warm-up (\(warmUp) s) plus duration (\(duration) s) overflows"
            )
        }
        // Every arrival is an event: a run must be able to end.
        let expected = arrivalsPerHour / 3600 * (warmUp + duration)
        guard expected <= Double(FrontOfficeModel.contactLimit) else {
            let longRun = arrivalsPerHour * 24 <= Double(FrontOfficeModel.contactLimit)
            throw SimulationError(
                .outOfRange,
                field: longRun ? "duration" : "arrivalsPerHour",
                reason: "\(arrivalsPerHour) arrivals an hour over \(warmUp + duration) s expect more than "
                    + "\(FrontOfficeModel.contactLimit) arrivals"
            )
        }
        self.arrivalRate = arrivalsPerHour / 3600
        self.servers = servers
        self.serviceTime = serviceTime
        self.patience = patience
        self.warmUp = warmUp
        self.duration = duration
        self.serviceLevelThreshold = serviceLevelThreshold
    }

    /// The "111 call center" of the SimPy peer (intro-open-sim): 100 calls an hour, 13 operators, calls
    /// of Triangular(5, 7, 10) minutes, FIFO, no abandonment, 1,000 minutes without warm-up.
    public static var oneOneOneCallCenter: MultiServerQueueModel {
        // The parameters are constants known to be valid.
        try! MultiServerQueueModel(
            arrivalsPerHour: 100,
            servers: 13,
            serviceTime: .triangular(lower: 300, mode: 420, upper: 600),
            duration: 60_000
        )
    }

    /// Runs the model once.
    ///
    /// Three independent streams split from `seed` drive arrivals, service times and patience, so
    /// runs with different numbers of servers see the same callers.
    public func run(seed: UInt64) -> MultiServerQueueResult {
        var state = MultiServerQueueRun(model: self, seed: seed)
        state.run()
        return state.result
    }
}

/// The mutable state of one run of a ``MultiServerQueueModel``.
struct MultiServerQueueRun {
    let model: MultiServerQueueModel
    var arrivals: Xoshiro256StarStar
    var services: Xoshiro256StarStar
    var patiences: Xoshiro256StarStar
    var engine: DiscreteEventEngine<QueueEvent>
    var line = WaitingLine()
    var free: Int
    var result = MultiServerQueueResult()
    let end: Double
    let meanGap: Double

    init(model: MultiServerQueueModel, seed: UInt64) {
        self.model = model
        arrivals = Xoshiro256StarStar(seed: seed)
        services = arrivals.jumped()
        patiences = services.jumped()
        engine = DiscreteEventEngine(expectedPendingEvents: model.servers + 64)
        free = model.servers
        end = model.warmUp + model.duration
        meanGap = model.arrivalRate > 0 ? 1 / model.arrivalRate : .infinity
    }

    mutating func run() {
        if meanGap.isFinite {
            let first = -meanGap * PortableMath.log(arrivals.nextPositiveUnit())
            if first <= end { engine.schedule(.arrival, at: first) }
        }
        while let event = engine.nextEvent(notAfter: end) {
            let now = engine.now
            switch event {
            case .arrival:
                let next = now - meanGap * PortableMath.log(arrivals.nextPositiveUnit())
                if next <= end { engine.schedule(.arrival, at: next) }
                if now >= model.warmUp { result.arrivals += 1 }
                if free > 0 {
                    free -= 1
                    serve(arrivedAt: now)
                } else {
                    let ticket = line.append(arrivedAt: now)
                    if let patience = model.patience {
                        engine.schedule(.abandonment(ticket), at: now + max(0, patience.sample(using: &patiences)))
                    }
                }
            case .departure:
                if let arrivedAt = line.removeFirstWaiting() {
                    serve(arrivedAt: arrivedAt)
                } else {
                    free += 1
                }
            case .abandonment(let ticket):
                if let arrivedAt = line.abandon(ticket), arrivedAt >= model.warmUp {
                    result.abandoned += 1
                    result.totalWaitOfAbandoned += now - arrivedAt
                }
            }
        }
        result.eventsProcessed = engine.deliveredEvents
        result.servers = model.servers
        result.duration = model.duration
    }

    /// Starts a call now on a free agent and books its wait and the busy time inside the collection period.
    private mutating func serve(arrivedAt: Double) {
        let now = engine.now
        let service = max(0, model.serviceTime.sample(using: &services))
        engine.schedule(.departure, at: now + service)
        let busyFrom = max(now, model.warmUp)
        let busyTo = min(now + service, end)
        if busyTo > busyFrom { result.busySeconds += busyTo - busyFrom }
        guard arrivedAt >= model.warmUp else { return }
        let wait = now - arrivedAt
        result.answered += 1
        result.totalWait += wait
        if wait > 0 { result.delayed += 1 }
        if wait <= model.serviceLevelThreshold { result.answeredWithinThreshold += 1 }
    }
}

enum QueueEvent: Sendable {
    case arrival
    case departure
    case abandonment(Int)
}

/// The FIFO line of waiting callers, numbered by tickets in arrival order. Abandoned callers are only
/// flagged (their abandonment event finds them by ticket) and skipped when they reach the head.
struct WaitingLine: Sendable {
    private var arrivals: [Double] = Array(repeating: 0, count: 64)
    private var abandoned: [Bool] = Array(repeating: false, count: 64)
    private var head = 0  // ticket at the head
    private var tail = 0  // next ticket

    mutating func append(arrivedAt time: Double) -> Int {
        if tail - head == arrivals.count { grow() }
        let slot = tail & (arrivals.count - 1)
        arrivals[slot] = time
        abandoned[slot] = false
        tail += 1
        return tail - 1
    }

    /// Removes callers from the head until one still waiting is found; returns its arrival time.
    mutating func removeFirstWaiting() -> Double? {
        while head < tail {
            let slot = head & (arrivals.count - 1)
            head += 1
            if !abandoned[slot] { return arrivals[slot] }
        }
        return nil
    }

    /// Flags `ticket` as gone if it is still waiting; returns its arrival time.
    mutating func abandon(_ ticket: Int) -> Double? {
        guard ticket >= head, ticket < tail else { return nil }
        let slot = ticket & (arrivals.count - 1)
        guard !abandoned[slot] else { return nil }
        abandoned[slot] = true
        return arrivals[slot]
    }

    private mutating func grow() {
        let capacity = arrivals.count
        var newArrivals = Array(repeating: 0.0, count: capacity * 2)
        var newAbandoned = Array(repeating: false, count: capacity * 2)
        for ticket in head..<tail {
            newArrivals[ticket & (capacity * 2 - 1)] = arrivals[ticket & (capacity - 1)]
            newAbandoned[ticket & (capacity * 2 - 1)] = abandoned[ticket & (capacity - 1)]
        }
        arrivals = newArrivals
        abandoned = newAbandoned
    }
}
