import Foundation

/// How an SLA clock counts time.
public enum ServiceLevelClock: Hashable, Sendable, Codable {
    /// Every second counts, nights and holidays included.
    case calendarTime
    /// Only open time on the named business calendar counts.
    case businessTime(calendar: String)
}

/// The service level promised to the resident at intake, frozen with the request.
///
/// Later changes to a policy never move the dates of requests already taken: the commitment names
/// the policy version that produced it and the clock its targets are counted on.
public struct ServiceLevelCommitment: Hashable, Sendable, Codable {
    /// When the request should be resolved (before any pause while waiting on the resident).
    public let resolutionDueAt: Date
    /// When the department should first respond (accept or start), if the policy sets a target.
    public let firstResponseDueAt: Date?
    /// The policy and version that produced the dates, for example `"sla:POTHOLE@3"`.
    public let policy: String
    /// How elapsed time is counted against the targets.
    public let clock: ServiceLevelClock

    public init(
        resolutionDueAt: Date,
        firstResponseDueAt: Date? = nil,
        policy: String,
        clock: ServiceLevelClock = .calendarTime
    ) {
        self.resolutionDueAt = resolutionDueAt
        self.firstResponseDueAt = firstResponseDueAt
        self.policy = policy
        self.clock = clock
    }
}
