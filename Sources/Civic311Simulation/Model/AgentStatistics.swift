import Civic311

/// One agent's day.
public struct AgentStatistics: Sendable, Hashable {
    /// Calls the agent answered.
    public let handledCalls: Int
    /// Seconds logged in and not on a break.
    public let staffedSeconds: Double
    /// Seconds talking, holding for a transfer or in after-call work.
    public let busySeconds: Double

    /// Busy over staffed time; `nil` for an agent never staffed.
    public var occupancy: Double? { staffedSeconds > 0 ? busySeconds / staffedSeconds : nil }
}
