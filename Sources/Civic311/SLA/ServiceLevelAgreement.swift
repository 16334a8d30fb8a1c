/// The service level agreed for one service type, optionally overridden per priority.
///
/// "85 % of potholes are fixed within 3 business days" is an agreement for `POTHOLE` whose
/// resolution target is `.businessDays(3)`; the 85 % is what ``ComplianceReport`` measures.
public struct ServiceLevelAgreement: Hashable, Sendable {
    public let serviceType: ServiceTypeCode
    /// Bumped whenever the targets change; recorded in every commitment made under it.
    public let version: Int
    public let targets: ServiceLevelTargets
    /// Targets that replace ``targets`` for requests of a given priority.
    public let priorityTargets: [Priority: ServiceLevelTargets]
    /// The business calendar the targets are counted on; `nil` uses the calendar of the department
    /// the request is routed to.
    public let calendar: String?

    public init(
        serviceType: ServiceTypeCode,
        version: Int = 1,
        targets: ServiceLevelTargets,
        priorityTargets: [Priority: ServiceLevelTargets] = [:],
        calendar: String? = nil
    ) throws(ValidationError) {
        guard version >= 1 else {
            throw ValidationError(.outOfRange, field: "version", reason: "must be 1 or more, got \(version)")
        }
        self.serviceType = serviceType
        self.version = version
        self.targets = targets
        self.priorityTargets = priorityTargets
        self.calendar = calendar
    }

    /// The targets that apply at `priority`.
    public func targets(for priority: Priority) -> ServiceLevelTargets {
        priorityTargets[priority] ?? targets
    }
}
