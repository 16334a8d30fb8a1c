import Civic311

/// Callers who need an agent with a language skill.
///
/// A call that reaches the agent queues needs `skill` with probability `share`; it then waits in that
/// skill's queue, whatever its call type (a language need takes precedence over a specialized queue).
public struct LanguageDemand: Sendable, Hashable {
    /// The skill name, matched against ``AgentSchedule/skills``.
    public var skill: String
    /// The share of agent-bound calls that need it, in `[0, 1]`; shares over all languages must not exceed 1.
    public var share: Double

    /// Creates a language demand.
    public init(skill: String, share: Double) {
        self.skill = skill
        self.share = share
    }
}
