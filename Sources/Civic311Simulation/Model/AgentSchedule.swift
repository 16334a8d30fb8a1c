import Civic311

/// One agent's shift: when they log in and out, their breaks, and what they can answer.
///
/// Times are seconds from midnight of the simulation's first day. An agent still on a call at the start
/// of a break or at the end of the shift finishes the call (and its after-call work) first; a late break
/// still lasts its full duration.
public struct AgentSchedule: Sendable, Hashable {
    /// When the agent logs in.
    public var shiftStart: Double
    /// When the agent logs out.
    public var shiftEnd: Double
    /// Breaks within the shift, in time order and not overlapping.
    public var breaks: [AgentBreak]
    /// Skills (languages, specialized queues) the agent can answer.
    public var skills: [String]
    /// Whether the agent also answers the general queue.
    public var answersGeneralQueue: Bool

    /// Creates a schedule.
    public init(
        shiftStart: Double,
        shiftEnd: Double,
        breaks: [AgentBreak] = [],
        skills: [String] = [],
        answersGeneralQueue: Bool = true
    ) {
        self.shiftStart = shiftStart
        self.shiftEnd = shiftEnd
        self.breaks = breaks
        self.skills = skills
        self.answersGeneralQueue = answersGeneralQueue
    }
}

/// A break in an agent's shift.
public struct AgentBreak: Sendable, Hashable {
    /// When the break is due, in seconds from the start of the simulation.
    public var start: Double
    /// How long it lasts, in seconds.
    public var duration: Double

    /// Creates a break.
    public init(start: Double, duration: Double) {
        self.start = start
        self.duration = duration
    }
}
