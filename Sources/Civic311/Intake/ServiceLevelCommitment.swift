import Foundation

/// The service level promised to the resident at intake, frozen with the request.
///
/// Later changes to a policy never move the dates of requests already taken: the commitment names
/// the policy version that produced it.
public struct ServiceLevelCommitment: Hashable, Sendable, Codable {
    /// When the request should be resolved.
    public let resolutionDueAt: Date
    /// When the department should first respond (accept or start), if the policy sets a target.
    public let firstResponseDueAt: Date?
    /// The policy and version that produced the dates, for example `"catalog:POTHOLE@1"`.
    public let policy: String

    public init(resolutionDueAt: Date, firstResponseDueAt: Date? = nil, policy: String) {
        self.resolutionDueAt = resolutionDueAt
        self.firstResponseDueAt = firstResponseDueAt
        self.policy = policy
    }
}
