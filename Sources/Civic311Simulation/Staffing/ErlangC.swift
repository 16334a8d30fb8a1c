import Civic311
import Foundation

/// The Erlang C model (M/M/N): `N` agents, Poisson arrivals, exponential handle times, an unlimited FIFO
/// queue and callers who never hang up.
///
/// `P(wait) = C(N, A) = N·B(N, A) / (N − A·(1 − B(N, A)))`, computed from the stable Erlang B recursion
/// (no factorials, no powers), so it is accurate well beyond 10,000 agents.
///
/// **Unstable queues.** When `N ≤ A` the queue grows without bound: ``probabilityOfWaiting`` is 1,
/// ``serviceLevel(answeredWithin:)`` is 0, ``averageSpeedOfAnswer`` and ``averageQueueLength`` are
/// `+infinity` and ``occupancy`` is 1. A zero load is the exception: with no calls nobody waits, whatever
/// `N` is (service level 1, ASA 0, occupancy 0).
public struct ErlangC: Sendable, Hashable {
    /// The number of agents `N`.
    public let agents: Int
    /// The offered load `A` in erlangs.
    public let offeredLoad: Double
    /// The average handle time in seconds; it scales the time measures (ASA, service level).
    public let averageHandleTime: Double
    /// The probability that a caller has to wait at all, `C(N, A)`.
    public let probabilityOfWaiting: Double

    /// Solves the model for a given load.
    ///
    /// - Throws: ``SimulationError`` when `agents` is negative or more than
    ///   ``StaffingRequirement/agentLimit``, `offeredLoad` is negative or not finite, or
    ///   `averageHandleTime` is not a positive finite number.
    public init(agents: Int, offeredLoad: Double, averageHandleTime: Double) throws(SimulationError) {
        try SimulationError.requireAgentCount(agents, "agents")
        try SimulationError.requireNonNegative(offeredLoad, "offeredLoad")
        try SimulationError.requirePositive(averageHandleTime, "averageHandleTime")
        let blocking = ErlangB.blocking(servers: agents, offeredLoad: offeredLoad)
        self.init(agents: agents, offeredLoad: offeredLoad, averageHandleTime: averageHandleTime, blocking: blocking)
    }

    /// Solves the model for an interval's workload.
    ///
    /// - Throws: ``SimulationError`` when `agents` is negative or more than
    ///   ``StaffingRequirement/agentLimit``.
    public init(agents: Int, workload: IntervalWorkload) throws(SimulationError) {
        try SimulationError.requireAgentCount(agents, "agents")
        // A closed interval may carry a zero handle time; any positive value gives the same answers then.
        let handleTime = workload.averageHandleTime > 0 ? workload.averageHandleTime : 1
        let blocking = ErlangB.blocking(servers: agents, offeredLoad: workload.offeredLoad)
        self.init(agents: agents, offeredLoad: workload.offeredLoad, averageHandleTime: handleTime, blocking: blocking)
    }

    /// Builds the model from an Erlang B value already computed (the staffing search steps B up one
    /// agent at a time instead of restarting the recursion).
    init(agents: Int, offeredLoad: Double, averageHandleTime: Double, blocking: Double) {
        self.agents = agents
        self.offeredLoad = offeredLoad
        self.averageHandleTime = averageHandleTime
        if offeredLoad == 0 {
            probabilityOfWaiting = 0
        } else if Double(agents) <= offeredLoad {
            probabilityOfWaiting = 1
        } else {
            let n = Double(agents)
            // Clamp guards the last ulp; the exact value is always in [B, 1].
            probabilityOfWaiting = min(1, n * blocking / (n - offeredLoad * (1 - blocking)))
        }
    }

    /// Whether the queue reaches a steady state: `N > A`, or no load at all.
    public var isStable: Bool { offeredLoad == 0 || Double(agents) > offeredLoad }

    /// The probability of being answered without waiting, `1 − C(N, A)`.
    public var probabilityOfImmediateAnswer: Double { 1 - probabilityOfWaiting }

    /// The service level: the probability of being answered within `seconds`,
    /// `1 − C·exp(−(N − A)·t / AHT)`.
    ///
    /// - Throws: ``SimulationError`` when `seconds` is negative or not finite.
    public func serviceLevel(answeredWithin seconds: Double) throws(SimulationError) -> Double {
        try SimulationError.requireNonNegative(seconds, "answeredWithin")
        return unvalidatedServiceLevel(answeredWithin: seconds)
    }

    func unvalidatedServiceLevel(answeredWithin seconds: Double) -> Double {
        guard offeredLoad > 0 else { return 1 }
        guard isStable else { return 0 }
        let decay = exp(-(Double(agents) - offeredLoad) * seconds / averageHandleTime)
        return 1 - probabilityOfWaiting * decay
    }

    /// The average speed of answer in seconds, over all calls (those answered at once count as zero):
    /// `C·AHT / (N − A)`.
    public var averageSpeedOfAnswer: Double {
        guard offeredLoad > 0 else { return 0 }
        guard isStable else { return .infinity }
        return probabilityOfWaiting * averageHandleTime / (Double(agents) - offeredLoad)
    }

    /// The average wait in seconds of the calls that do wait: `AHT / (N − A)`.
    public var averageWaitOfDelayedCalls: Double {
        guard offeredLoad > 0 else { return 0 }
        guard isStable else { return .infinity }
        return averageHandleTime / (Double(agents) - offeredLoad)
    }

    /// The average number of callers in the queue, `C·A / (N − A)` (Little's law: arrival rate × ASA).
    public var averageQueueLength: Double {
        guard offeredLoad > 0 else { return 0 }
        guard isStable else { return .infinity }
        return probabilityOfWaiting * offeredLoad / (Double(agents) - offeredLoad)
    }

    /// The agents' occupancy `A / N`, at most 1 (an unstable queue keeps every agent busy).
    public var occupancy: Double {
        guard offeredLoad > 0 else { return 0 }
        guard isStable else { return 1 }
        return offeredLoad / Double(agents)
    }
}
