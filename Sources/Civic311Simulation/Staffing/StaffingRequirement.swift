import Civic311

/// The agents an interval needs to meet a ``ServiceLevelTarget`` under Erlang C, with the predicted
/// performance at that staffing.
///
/// `agents` is the smallest `N > A` whose service level reaches the goal and whose occupancy `A/N` does
/// not exceed the ceiling; `positions` is `ceil(agents / (1 − shrinkage))`. An interval without calls
/// needs no agents (service level 1, ASA 0, occupancy 0).
public struct StaffingRequirement: Sendable, Hashable {
    /// Agents needed on the phones.
    public let agents: Int
    /// Scheduled positions once shrinkage is allowed for.
    public let positions: Int
    /// The offered load in erlangs.
    public let offeredLoad: Double
    /// Predicted probability of waiting at ``agents``.
    public let probabilityOfWaiting: Double
    /// Predicted service level at ``agents`` for the target's threshold.
    public let serviceLevel: Double
    /// Predicted average speed of answer in seconds at ``agents``.
    public let averageSpeedOfAnswer: Double
    /// Predicted occupancy at ``agents``.
    public let occupancy: Double

    /// The largest staffing the search will consider before giving up.
    public static let agentLimit = 50_000_000

    /// Finds the requirement for one interval.
    ///
    /// The search starts at the first `N` above both `A` and `A / maximumOccupancy` and steps the Erlang B
    /// recursion one agent at a time, so the whole search costs `O(N)` however large `N` is.
    ///
    /// - Throws: ``SimulationError`` (`outOfRange`, field `"workload"`) when more than ``agentLimit``
    ///   agents would be needed, or (field `"positions"`) when the target's shrinkage turns them into
    ///   more positions than an `Int` holds.
    public init(workload: IntervalWorkload, target: ServiceLevelTarget) throws(SimulationError) {
        let load = workload.offeredLoad
        offeredLoad = load
        guard load > 0 else {
            agents = 0
            positions = 0
            probabilityOfWaiting = 0
            serviceLevel = 1
            averageSpeedOfAnswer = 0
            occupancy = 0
            return
        }
        let aht = workload.averageHandleTime
        // Smallest N with N > A and A/N ≤ ceiling; both bounds are compared with the limit while they
        // are still floating-point numbers, so no conversion can overflow.
        let forOccupancy = load / target.maximumOccupancy
        guard load < Double(Self.agentLimit), forOccupancy < Double(Self.agentLimit) else {
            throw SimulationError(
                .outOfRange,
                field: "workload",
                reason: "needs more than \(Self.agentLimit) agents (offered load \(load) erlangs)"
            )
        }
        var minimum = max(Int(load.rounded(.down)) + 1, Int(forOccupancy.rounded(.up)))
        if load / Double(minimum) > target.maximumOccupancy { minimum += 1 }
        guard minimum <= Self.agentLimit else {
            throw SimulationError(
                .outOfRange,
                field: "workload",
                reason: "needs more than \(Self.agentLimit) agents (offered load \(load) erlangs)"
            )
        }
        var blocking = 1.0
        var n = 0
        while n < minimum {
            n += 1
            blocking = ErlangB.step(blocking, servers: n, offeredLoad: load)
        }
        while true {
            let model = ErlangC(agents: n, offeredLoad: load, averageHandleTime: aht, blocking: blocking)
            let level = model.unvalidatedServiceLevel(answeredWithin: target.answerWithin)
            if level >= target.serviceLevel {
                agents = n
                positions = try target.positions(forAgents: n)
                probabilityOfWaiting = model.probabilityOfWaiting
                serviceLevel = level
                averageSpeedOfAnswer = model.averageSpeedOfAnswer
                occupancy = model.occupancy
                return
            }
            guard n < Self.agentLimit else {
                throw SimulationError(
                    .outOfRange,
                    field: "workload",
                    reason: "needs more than \(Self.agentLimit) agents (offered load \(load) erlangs)"
                )
            }
            n += 1
            blocking = ErlangB.step(blocking, servers: n, offeredLoad: load)
        }
    }
}
