import Civic311

/// A queue answered only by agents with a skill: calls of the listed call types, or service requests
/// with the listed service-type codes, wait there instead of in the general queue.
///
/// The first matching entry of ``FrontOfficeConfiguration/specializedQueues`` wins.
public struct SpecializedQueue: Sendable, Hashable {
    /// The skill name, matched against ``AgentSchedule/skills``.
    public var skill: String
    /// Call types routed here.
    public var callTypes: Set<CallType.Kind>
    /// Service-type codes routed here (for service requests).
    public var serviceTypeCodes: Set<ServiceTypeCode>

    /// Creates a specialized queue.
    public init(skill: String, callTypes: Set<CallType.Kind> = [], serviceTypeCodes: Set<ServiceTypeCode> = []) {
        self.skill = skill
        self.callTypes = callTypes
        self.serviceTypeCodes = serviceTypeCodes
    }
}
