import Civic311

/// How a simulated contact ended.
public enum ContactOutcome: UInt8, Sendable, Hashable, CaseIterable {
    /// An agent answered and handled it.
    case handled = 0
    /// The caller hung up while queued for an agent.
    case abandoned
    /// The IVR resolved the call; no agent was needed.
    case deflected
    /// A web, app or text contact, completed without an agent.
    case selfService
    /// Still queued when the simulation ran out of events (no agent left to answer, no patience limit).
    case unanswered
}
