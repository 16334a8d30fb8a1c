import Foundation

/// What linking a duplicate records on its master, and unlinking it records again: the duplicate,
/// when it was reported, the residents who came with it, and the master's service level after
/// the change.
///
/// The record carries its consequences rather than leaving them to be recomputed, so the fold
/// never needs the service-level policy and unlinking restores exactly what linking changed.
public struct DuplicateLink: Hashable, Sendable, Codable {
    /// The request merged into the master.
    public let duplicate: TicketNumber
    /// When the duplicate was reported: the service level counts from the earliest report.
    public let reportedAt: Date
    /// The residents who follow the master because of this duplicate: its submitter and its own
    /// followers, less those who already heard about the master. Unlinking removes exactly them.
    public let followers: [Submitter]
    /// The master's service level after the change, counted from its earliest report, or `nil`
    /// when the intake commitment stands (the master is the earliest report).
    public let serviceLevel: ServiceLevelCommitment?

    public init(
        duplicate: TicketNumber,
        reportedAt: Date,
        followers: [Submitter],
        serviceLevel: ServiceLevelCommitment?
    ) {
        self.duplicate = duplicate
        self.reportedAt = reportedAt
        self.followers = followers
        self.serviceLevel = serviceLevel
    }
}
