import Civic311

/// One planning interval: what the Erlang C staffing plan expected, and what the simulation showed.
public struct IntervalComparison: Sendable, Hashable {
    /// The interval's start, in seconds from the call day's midnight.
    public let start: Double
    /// The interval's length in seconds.
    public let length: Double
    /// Calls forecast to reach the agents.
    public let forecastCalls: Double
    /// The forecast average handle time in seconds.
    public let forecastHandleTime: Double
    /// Agents the plan recommends for the planning target.
    public let recommendedAgents: Int
    /// Agents scheduled on the phones (the recommendation when staffing automatically).
    public let scheduledAgents: Int
    /// Erlang C's service level at the scheduled agents.
    public let predictedServiceLevel: Double
    /// Erlang C's average speed of answer at the scheduled agents, in seconds (infinite when the
    /// scheduled agents cannot carry the load).
    public let predictedAverageSpeedOfAnswer: Double
    /// What the simulation showed for the contacts that arrived in the interval.
    public let simulated: ContactCenterKPIs

    /// The average number of agents the simulation had staffed (logged in, not on a break).
    public var staffedAgents: Double { simulated.staffedAgentSeconds / length }
}
