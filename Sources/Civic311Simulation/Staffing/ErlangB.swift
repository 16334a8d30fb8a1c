import Civic311

/// The Erlang B (loss) model: `N` servers, Poisson arrivals, no queue; a call that finds every server
/// busy is blocked.
///
/// The blocking probability comes from the recursion `B(0) = 1`,
/// `B(k) = A·B(k−1) / (k + A·B(k−1))` for `k = 1…N` inclusive. Every step is a ratio of positive numbers
/// below one, so it neither overflows nor loses precision, at 10,000 servers or 10 million.
public struct ErlangB: Sendable, Hashable {
    /// The number of servers `N`.
    public let servers: Int
    /// The offered load `A` in erlangs.
    public let offeredLoad: Double
    /// The probability that an arriving call finds every server busy.
    public let blockingProbability: Double

    /// Solves the model.
    ///
    /// - Throws: ``SimulationError`` when `servers` is negative or more than
    ///   ``StaffingRequirement/agentLimit`` (the recursion takes one step per server), or `offeredLoad`
    ///   is negative or not finite.
    public init(servers: Int, offeredLoad: Double) throws(SimulationError) {
        try SimulationError.requireAgentCount(servers, "servers")
        try SimulationError.requireNonNegative(offeredLoad, "offeredLoad")
        self.servers = servers
        self.offeredLoad = offeredLoad
        self.blockingProbability = Self.blocking(servers: servers, offeredLoad: offeredLoad)
    }

    /// The load actually carried by the servers: `A·(1 − B)`.
    public var carriedLoad: Double { offeredLoad * (1 - blockingProbability) }

    /// The stable recursion; `offeredLoad` must be finite and non-negative.
    static func blocking(servers: Int, offeredLoad load: Double) -> Double {
        var blocking = 1.0
        var k = 1
        while k <= servers {
            blocking = step(blocking, servers: k, offeredLoad: load)
            k += 1
        }
        return blocking
    }

    /// One step of the recursion: `B(k)` from `B(k−1)`.
    @inline(__always)
    static func step(_ previous: Double, servers k: Int, offeredLoad load: Double) -> Double {
        let numerator = load * previous
        return numerator / (Double(k) + numerator)
    }
}
