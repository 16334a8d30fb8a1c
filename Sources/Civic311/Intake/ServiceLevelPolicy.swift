import Foundation

/// Sets the due dates of a new request.
public protocol ServiceLevelPolicy: Sendable {
    /// The commitment for a request of `serviceType` routed to `department` and received at
    /// `receivedAt`.
    func commitment(
        for serviceType: ServiceType,
        priority: Priority,
        department: DepartmentID,
        receivedAt: Date
    ) throws -> ServiceLevelCommitment

    /// The escalations due for an open request at `instant` that have not fired yet
    /// (``ServiceRequest/escalations`` lists those that have).
    func escalations(for request: ServiceRequest, at instant: Date) -> [Escalation]
}

extension ServiceLevelPolicy {
    /// No escalations: policies without escalation rules need not implement it.
    public func escalations(for request: ServiceRequest, at instant: Date) -> [Escalation] { [] }
}

/// Due dates straight from the catalog: the service type's target in calendar time.
public struct CatalogServiceLevels: ServiceLevelPolicy {
    /// The name recorded in every commitment this policy makes; the target itself is the
    /// service type's, recorded in the due date.
    public static let policyName = "catalog"

    public init() {}

    public func commitment(
        for serviceType: ServiceType,
        priority: Priority,
        department: DepartmentID,
        receivedAt: Date
    ) throws -> ServiceLevelCommitment {
        ServiceLevelCommitment(
            resolutionDueAt: receivedAt.addingTimeInterval(serviceType.targetSeconds),
            policy: Self.policyName
        )
    }
}
