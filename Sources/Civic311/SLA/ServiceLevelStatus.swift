import Foundation

/// Where a request stands against its resolution target.
public enum ServiceLevelStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Less than the at-risk share of the budget is used.
    case onTrack
    /// At least the at-risk share of the budget is used, but not all of it.
    case atRisk
    /// The budget is used up: the effective due date has passed.
    case breached

    /// In words, as an escalation's reason shows it: "on track", "at risk", "breached".
    public var words: String {
        switch self {
        case .onTrack: "on track"
        case .atRisk: "at risk"
        case .breached: "breached"
        }
    }
}

/// A request measured against its commitment at one instant.
public struct ServiceLevelReading: Hashable, Sendable {
    public let status: ServiceLevelStatus
    /// Time counted against the target so far (business or calendar seconds, per the commitment's
    /// clock), pauses excluded.
    public let elapsed: TimeInterval
    /// The time the target allows, on the same clock.
    public let budget: TimeInterval
    /// Time spent waiting on the resident, on the same clock; it does not count against the target.
    public let paused: TimeInterval
    /// The due date once pauses are added back: the date the resident's promise now falls on.
    public let effectiveDueAt: Date
    /// Whether a first-response target exists, was missed (no response by its due date).
    public let firstResponseMissed: Bool

    /// `elapsed / budget`: 1 or more is a breach.
    public var usedShare: Double { budget > 0 ? elapsed / budget : 1 }
}
