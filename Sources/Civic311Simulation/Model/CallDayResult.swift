import Civic311

/// The outcome of one run of a ``FrontOfficeModel``.
public struct CallDayResult: Sendable, Hashable {
    /// The seed the run used.
    public let seed: UInt64
    /// Every contact, in arrival order (``ContactRecord/id`` is the index).
    public let contacts: [ContactRecord]
    /// The measures per reporting interval and in total.
    public let report: CallDayReport
    /// Per agent, in the configuration's order.
    public let agents: [AgentStatistics]
    /// Service requests handed to the sink.
    public let serviceRequestsCreated: Int
    /// Events the engine delivered.
    public let eventsProcessed: Int
    /// The time of the last event (the last call finished or the last shift ended), in seconds.
    public let closedAt: Double
}
