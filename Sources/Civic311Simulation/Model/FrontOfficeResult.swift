import Civic311

/// What a run of the front office produced: every contact, the measures per reporting interval and
/// in total, and the agents' time.
///
/// ``FrontOfficeModel/run(seed:)`` returns it. A simulated call day's one result is
/// ``CallDayOutcome``, which carries it as ``CallDayOutcome/frontOffice`` next to what only the
/// whole day has: the staffing plan, the store's requests, compliance and backlog.
public struct FrontOfficeResult: Sendable, Hashable {
    /// The seed the run used.
    public let seed: UInt64
    /// Every contact, in arrival order (``ContactRecord/id`` is the index).
    public let contacts: [ContactRecord]
    /// The reporting interval length.
    public let intervalLength: IntervalLength
    /// One entry per reporting interval from the start of the run to the end of arrivals.
    public let intervals: [IntervalStatistics]
    /// The whole run (all intervals merged).
    public let totals: IntervalStatistics
    /// Per agent, in the configuration's order.
    public let agents: [AgentStatistics]
    /// Service requests handed to the sink.
    public let serviceRequestsCreated: Int
    /// Events the engine delivered.
    public let eventsProcessed: Int
    /// The time of the last event (the last call finished or the last shift ended), in seconds.
    public let closedAt: Double

    /// The intervals from `range` merged into one (for example to leave out a warm-up).
    public func merged(_ range: Range<Int>) -> IntervalStatistics {
        let clamped = range.clamped(to: intervals.indices)
        let first = intervals.indices.contains(clamped.lowerBound) ? intervals[clamped.lowerBound] : totals
        var result = IntervalStatistics(
            start: clamped.isEmpty ? totals.start : first.start,
            length: Double(clamped.count) * intervalLength.seconds,
            serviceLevelThreshold: totals.serviceLevelThreshold,
            shortAbandons: totals.shortAbandons
        )
        for index in clamped { result.merge(intervals[index]) }
        return result
    }
}
