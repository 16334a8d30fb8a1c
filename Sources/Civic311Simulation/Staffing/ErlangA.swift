import Civic311
import Foundation

/// The Erlang A model (M/M/N+M): Erlang C plus callers who hang up after an exponential patience.
///
/// Solved exactly on the birth–death chain: arrivals at rate `λ`, and in state `k` (callers present)
/// departures at rate `min(k, N)·μ + max(k − N, 0)·θ`, with `μ = 1/AHT` and `θ = 1/averagePatience`. The
/// chain is built outward from its mode with every term at most 1, so nothing overflows at any size, and
/// it is truncated where the remaining tail is below `1e−18` of the total.
///
/// - ``probabilityOfWaiting`` is `Σ_{k≥N} p_k` (arrivals see time averages): over *all* callers,
///   as ``IntervalStatistics/probabilityOfWaiting`` counts a simulated day.
/// - ``probabilityOfAbandonment`` is `θ·E[Q]/λ`; ``averageTimeInQueue`` is `E[Q]/λ`, the mean time in
///   queue over *all* arrivals, abandoners included (as ``IntervalStatistics/averageTimeInQueue``); ``occupancy`` is `λ(1 − P(ab)) / (N·μ)`.
/// - ``serviceLevel(answeredWithin:)`` is the probability of being *answered* within `t`; a caller who
///   hangs up counts as not answered. A caller who finds `j` others queued is answered by `t` with
///   probability `E[e^{−θV}·1{V ≤ t}]`, `V` being the sum of exponentials with rates `Nμ + iθ`, `i = j…0`.
///   Those rates form an arithmetic progression, so `V` has the law of `−ln(U)/θ` with
///   `U ~ Beta(Nμ/θ, j + 1)`, and the probability is `α/(α + j + 1) · I_{1−e^{−θt}}(j + 1, α + 1)` with
///   `α = Nμ/θ`: a regularised incomplete beta function, stepped in `j` by its exact recurrence in
///   log space. No alternating sums, so no cancellation.
///
/// The chain is stable for any `N` (abandonment bounds the queue), including `N = 0`.
public struct ErlangA: Sendable, Hashable {
    /// The number of agents `N`.
    public let agents: Int
    /// Arrivals per second.
    public let arrivalRate: Double
    /// The average handle time in seconds.
    public let averageHandleTime: Double
    /// The callers' average patience in seconds.
    public let averagePatience: Double
    /// The probability that a caller has to wait at all, over all callers (answered or not).
    public let probabilityOfWaiting: Double
    /// The probability that a caller hangs up before being answered.
    public let probabilityOfAbandonment: Double
    /// The mean number of callers in the queue.
    public let averageQueueLength: Double
    /// The probability that all agents are free enough to answer at once (`Σ_{k<N} p_k`).
    public let probabilityOfImmediateAnswer: Double
    /// `p_{N+j}` (arrival finds `j` others queued) for `j = 0, 1, …` until the truncation point.
    private let queueStates: [Double]

    /// The most chain states the solver builds before giving up.
    public static let stateLimit = 20_000_000

    /// Solves the model for an interval's workload.
    ///
    /// - Throws: ``SimulationError`` when `agents` is negative, `averagePatience` is not a positive
    ///   finite number, the workload has calls but no handle time, or the chain would need more than
    ///   ``stateLimit`` states (a patience that is extremely long for the overload).
    public init(agents: Int, workload: IntervalWorkload, averagePatience: Double) throws(SimulationError) {
        try self.init(
            agents: agents,
            arrivalRate: workload.arrivalRate,
            averageHandleTime: workload.averageHandleTime > 0 ? workload.averageHandleTime : 1,
            averagePatience: averagePatience
        )
    }

    /// Solves the model for an arrival rate.
    ///
    /// - Throws: ``SimulationError`` when `agents` is negative or more than
    ///   ``StaffingRequirement/agentLimit``, `arrivalRate` is negative or not finite,
    ///   `averageHandleTime` or `averagePatience` is not a positive finite number, or the chain would
    ///   need more than ``stateLimit`` states (field `arrivalRate` when the callers present at the
    ///   chain's mode alone would exceed it, `averagePatience` when its tail would).
    public init(
        agents: Int,
        arrivalRate: Double,
        averageHandleTime: Double,
        averagePatience: Double
    ) throws(SimulationError) {
        try SimulationError.requireAgentCount(agents, "agents")
        try SimulationError.requireNonNegative(arrivalRate, "arrivalRate")
        try SimulationError.requirePositive(averageHandleTime, "averageHandleTime")
        try SimulationError.requirePositive(averagePatience, "averagePatience")
        self.agents = agents
        self.arrivalRate = arrivalRate
        self.averageHandleTime = averageHandleTime
        self.averagePatience = averagePatience
        guard arrivalRate > 0 else {
            probabilityOfWaiting = agents == 0 ? 1 : 0
            probabilityOfAbandonment = 0
            averageQueueLength = 0
            probabilityOfImmediateAnswer = agents == 0 ? 0 : 1
            queueStates = agents == 0 ? [1] : []
            return
        }
        let chain = try Self.solveChain(
            agents: agents,
            arrivalRate: arrivalRate,
            serviceRate: 1 / averageHandleTime,
            abandonmentRate: 1 / averagePatience
        )
        probabilityOfImmediateAnswer = chain.belowAgents
        queueStates = chain.queueStates
        probabilityOfWaiting = min(1, chain.queueStates.reduce(0, +))
        var queue = 0.0
        for (j, p) in chain.queueStates.enumerated() { queue += Double(j) * p }
        averageQueueLength = queue
        probabilityOfAbandonment = min(1, queue / averagePatience / arrivalRate)
    }

    /// The mean time in queue in seconds over all arrivals (answered and abandoned): `E[Q]/λ`. Not
    /// an average speed of answer, which counts answered calls only.
    public var averageTimeInQueue: Double { arrivalRate > 0 ? averageQueueLength / arrivalRate : 0 }

    /// The agents' occupancy, `λ(1 − P(ab)) / (N·μ)`; 0 without agents.
    public var occupancy: Double {
        guard agents > 0 else { return 0 }
        return arrivalRate * (1 - probabilityOfAbandonment) * averageHandleTime / Double(agents)
    }

    /// The probability of being answered within `seconds`; callers who hang up count as not answered.
    ///
    /// - Throws: ``SimulationError`` when `seconds` is negative or not finite.
    public func serviceLevel(answeredWithin seconds: Double) throws(SimulationError) -> Double {
        try SimulationError.requireNonNegative(seconds, "answeredWithin")
        guard agents > 0 else { return 0 }
        var level = probabilityOfImmediateAnswer
        guard seconds > 0, !queueStates.isEmpty else { return min(1, level) }
        let theta = 1 / averagePatience
        let alpha = Double(agents) / averageHandleTime / theta
        let b = alpha + 1
        let decay = theta * seconds  // −ln(1 − x)
        let x = -expm1(-decay)
        let logX = log(x)
        // I_x(1, b) = 1 − (1 − x)^b, then I_x(a + 1, b) = I_x(a, b) − T_a with
        // T_a = Γ(a + b)/(Γ(a + 1)Γ(b))·x^a·(1 − x)^b and T_{a+1} = T_a·x·(a + b)/(a + 1).
        var incompleteBeta = -expm1(-decay * b)
        var logTerm = log(b) + logX - decay * b
        for (j, p) in queueStates.enumerated() {
            let a = Double(j + 1)
            if incompleteBeta <= 0 { break }
            level += p * alpha / (alpha + a) * incompleteBeta
            incompleteBeta -= exp(logTerm)
            logTerm += logX + log((a + b) / (a + 1))
        }
        return min(1, max(0, level))
    }

    private struct Chain {
        var belowAgents: Double
        var queueStates: [Double]
    }

    private static func solveChain(
        agents: Int,
        arrivalRate lambda: Double,
        serviceRate mu: Double,
        abandonmentRate theta: Double
    ) throws(SimulationError) -> Chain {
        let n = Double(agents)
        @inline(__always) func death(_ k: Int) -> Double {
            k <= agents ? Double(k) * mu : n * mu + Double(k - agents) * theta
        }
        // The chain is unimodal: λ/death(k) falls as k grows. The mode is the last k with death(k) ≤ λ.
        var mode: Int
        if lambda <= n * mu {
            // At most N, which is at most the agent limit; compared as a Double before converting.
            mode = Int(min((lambda / mu).rounded(.down), n))
        } else {
            let excess = ((lambda - n * mu) / theta).rounded(.down)
            guard excess < Double(stateLimit) else {
                throw SimulationError(
                    .outOfRange,
                    field: "arrivalRate",
                    reason: "\(lambda) calls a second would keep more than \(stateLimit) callers waiting; "
                        + "the chain cannot be solved"
                )
            }
            mode = agents + Int(excess)
        }
        while mode > 0, death(mode) > lambda { mode -= 1 }
        while death(mode + 1) <= lambda { mode += 1 }

        // Terms relative to p_mode = 1; walk down then up, stopping when the geometric bound on the rest
        // of the tail (each later ratio is smaller than the current one) is negligible.
        let tolerance = 1e-18
        var below: [Double] = []  // p_{mode−1}, p_{mode−2}, …
        var total = 1.0
        var term = 1.0
        var k = mode
        while k > 0 {
            let ratio = death(k) / lambda
            term *= ratio
            below.append(term)
            total += term
            k -= 1
            let nextRatio = death(k) / lambda
            if k == 0 || term * nextRatio / (1 - nextRatio) < tolerance * total { break }
            guard below.count < stateLimit else { throw tooManyStates() }
        }
        var above: [Double] = []  // p_{mode+1}, p_{mode+2}, …
        term = 1.0
        k = mode
        while true {
            k += 1
            let ratio = lambda / death(k)
            term *= ratio
            above.append(term)
            total += term
            let nextRatio = lambda / death(k + 1)
            if term * nextRatio / (1 - nextRatio) < tolerance * total, k >= agents { break }
            guard above.count < stateLimit else { throw tooManyStates() }
        }
        // State of below[i] is mode − 1 − i; state of above[i] is mode + 1 + i.
        var belowAgents = 0.0
        var queueStates: [Double] = []
        queueStates.reserveCapacity(max(0, mode + above.count - agents + 1))
        func add(_ state: Int, _ value: Double) {
            let p = value / total
            if state < agents {
                belowAgents += p
            } else {
                let j = state - agents
                while queueStates.count < j { queueStates.append(0) }
                queueStates.append(p)
            }
        }
        for i in stride(from: below.count - 1, through: 0, by: -1) { add(mode - 1 - i, below[i]) }
        add(mode, 1)
        for (i, value) in above.enumerated() { add(mode + 1 + i, value) }
        return Chain(belowAgents: belowAgents, queueStates: queueStates)
    }

    private static func tooManyStates() -> SimulationError {
        SimulationError(
            .outOfRange,
            field: "averagePatience",
            reason:
                "the queue would need more than \(stateLimit) chain states; the patience is too long for the overload"
        )
    }
}
