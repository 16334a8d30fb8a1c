import Civic311

/// The forecast for one planning interval: how many calls and how long each takes to handle.
public struct ForecastInterval: Sendable, Hashable {
    /// Calls expected in the interval.
    public var calls: Double
    /// The expected average handle time (talk plus after-call work) in seconds.
    public var averageHandleTime: Double

    /// Creates a forecast interval; values are checked when a ``StaffingPlan`` is built from it.
    public init(calls: Double, averageHandleTime: Double) {
        self.calls = calls
        self.averageHandleTime = averageHandleTime
    }
}
