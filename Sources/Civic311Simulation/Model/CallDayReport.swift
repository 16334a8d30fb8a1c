import Civic311

/// The measures of a run per reporting interval, and for the whole run.
public struct CallDayReport: Sendable, Hashable {
    /// The reporting interval length.
    public let intervalLength: IntervalLength
    /// One entry per interval from the start of the run to the end of arrivals.
    public let intervals: [IntervalStatistics]
    /// The whole run (all intervals merged).
    public let totals: IntervalStatistics

    /// The intervals from `range` merged into one (for example to leave out a warm-up).
    public func merged(_ range: Range<Int>) -> IntervalStatistics {
        let clamped = range.clamped(to: intervals.indices)
        let first = intervals.indices.contains(clamped.lowerBound) ? intervals[clamped.lowerBound] : totals
        var result = IntervalStatistics(
            start: clamped.isEmpty ? totals.start : first.start,
            length: Double(clamped.count) * intervalLength.seconds,
            serviceLevelThreshold: totals.serviceLevelThreshold
        )
        for index in clamped { result.merge(intervals[index]) }
        return result
    }
}
