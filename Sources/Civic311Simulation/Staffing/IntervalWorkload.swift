import Civic311

/// The work offered to a queue in one interval: a call volume, the interval length and the average
/// handle time (talk plus after-call work).
///
/// All times are in seconds. The offered load in erlangs is `calls × averageHandleTime / intervalLength`:
/// 100 calls in 30 minutes at 180 s each offer 10 erlangs.
public struct IntervalWorkload: Sendable, Hashable {
    /// Calls arriving in the interval (a forecast, so it need not be whole).
    public let calls: Double
    /// The interval length in seconds.
    public let intervalLength: Double
    /// The average handle time in seconds.
    public let averageHandleTime: Double

    /// Creates a workload.
    ///
    /// - Throws: ``SimulationError`` when `calls` is negative or not finite, when `intervalLength` is not
    ///   a positive finite number, when `averageHandleTime` is not a positive finite number (a zero
    ///   handle time is accepted only with zero calls, which is how a closed interval is forecast), or
    ///   when the arrival rate or the offered load is too large for a floating-point number (field
    ///   `intervalLength`: 10^300 calls in 10^-300 seconds).
    public init(calls: Double, intervalLength: Double, averageHandleTime: Double) throws(SimulationError) {
        try SimulationError.requireNonNegative(calls, "calls")
        try SimulationError.requirePositive(intervalLength, "intervalLength")
        if calls == 0 {
            try SimulationError.requireNonNegative(averageHandleTime, "averageHandleTime")
        } else {
            try SimulationError.requirePositive(averageHandleTime, "averageHandleTime")
        }
        // Every measure divides by the interval; a quotient that overflows would reach the models as
        // an infinite load.
        guard (calls / intervalLength).isFinite, (calls * averageHandleTime / intervalLength).isFinite else {
            throw SimulationError(
                .outOfRange,
                field: "intervalLength",
                reason: "\(calls) calls of \(averageHandleTime) s in \(intervalLength) s overflow the offered load"
            )
        }
        self.calls = calls
        self.intervalLength = intervalLength
        self.averageHandleTime = averageHandleTime
    }

    /// Creates a workload for an interval of a standard length.
    public init(calls: Double, interval: IntervalLength, averageHandleTime: Double) throws(SimulationError) {
        try self.init(calls: calls, intervalLength: interval.seconds, averageHandleTime: averageHandleTime)
    }

    /// Calls per second.
    public var arrivalRate: Double { calls / intervalLength }

    /// The offered load in erlangs: `calls × averageHandleTime / intervalLength`.
    public var offeredLoad: Double { calls * averageHandleTime / intervalLength }
}
