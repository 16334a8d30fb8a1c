import Civic311

/// A staffing plan: the Erlang C requirement for every interval of a forecast.
///
/// Interval `i` starts `i × intervalLength` seconds after the start of the forecast.
public struct StaffingPlan: Sendable, Hashable {
    /// The planning interval length.
    public let intervalLength: IntervalLength
    /// The goal every interval is staffed for.
    public let target: ServiceLevelTarget
    /// One requirement per forecast interval, in order.
    public let intervals: [StaffingRequirement]

    /// Plans every interval of `forecast`.
    ///
    /// - Throws: ``SimulationError`` naming the first bad interval (`"forecast[12].calls"`) when a volume
    ///   is negative or not finite or a handle time is not positive and finite; nothing is planned then.
    public init(
        forecast: [ForecastInterval],
        intervalLength: IntervalLength,
        target: ServiceLevelTarget
    ) throws(SimulationError) {
        var requirements: [StaffingRequirement] = []
        requirements.reserveCapacity(forecast.count)
        for (index, interval) in forecast.enumerated() {
            let workload: IntervalWorkload
            do {
                workload = try IntervalWorkload(
                    calls: interval.calls,
                    interval: intervalLength,
                    averageHandleTime: interval.averageHandleTime
                )
            } catch {
                throw SimulationError(error.code, field: "forecast[\(index)].\(error.field)", reason: error.reason)
            }
            do {
                requirements.append(try StaffingRequirement(workload: workload, target: target))
            } catch {
                throw SimulationError(error.code, field: "forecast[\(index)]", reason: error.reason)
            }
        }
        self.intervalLength = intervalLength
        self.target = target
        self.intervals = requirements
    }

    /// The start of interval `index` in seconds from the start of the forecast.
    public func start(ofInterval index: Int) -> Double { Double(index) * intervalLength.seconds }

    /// The most agents any interval needs.
    public var peakAgents: Int { intervals.map(\.agents).max() ?? 0 }

    /// The most positions any interval needs.
    public var peakPositions: Int { intervals.map(\.positions).max() ?? 0 }

    /// Agent-hours on the phones over the whole plan.
    public var agentHours: Double {
        Double(intervals.reduce(0) { $0 + $1.agents }) * intervalLength.seconds / 3600
    }

    /// Position-hours (paid hours, shrinkage included) over the whole plan.
    public var positionHours: Double {
        Double(intervals.reduce(0) { $0 + $1.positions }) * intervalLength.seconds / 3600
    }
}
