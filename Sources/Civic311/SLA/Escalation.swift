/// When an escalation rule fires.
public enum EscalationTrigger: Hashable, Sendable {
    /// The request entered ``ServiceLevelStatus/atRisk``.
    case atRisk
    /// The request breached its resolution target.
    case breached
    /// Nobody accepted or started the request within this long (counted on the request's clock).
    case noFirstResponse(within: SLADuration)
}

/// What an escalation does.
public enum EscalationAction: Hashable, Sendable, Codable {
    /// Tell a supervisor (integrators deliver it from the event stream), optionally via a queue.
    case notifySupervisor(queue: String?)
    /// Raise the priority to at least this level.
    case raisePriority(to: Priority)
    /// Move the request to a department's queue.
    case moveToQueue(department: DepartmentID, queue: String?)
}

/// A rule that escalates requests whose service level slips.
public struct EscalationRule: Hashable, Sendable, Identifiable {
    /// Unique within a policy; a rule fires at most once per request, recorded under this id.
    public let id: String
    public let trigger: EscalationTrigger
    public let action: EscalationAction
    /// The service types the rule applies to; `nil` for all.
    public let serviceTypes: Set<ServiceTypeCode>?

    public init(
        id: String,
        trigger: EscalationTrigger,
        action: EscalationAction,
        serviceTypes: Set<ServiceTypeCode>? = nil
    ) throws(ValidationError) {
        guard !id.isBlank else { throw ValidationError(.missingValue, field: "id", reason: "must not be empty") }
        self.id = id
        self.trigger = trigger
        self.action = action
        self.serviceTypes = serviceTypes
    }
}

/// An escalation that fired, as recorded in the request's history.
public struct Escalation: Hashable, Sendable, Codable {
    /// The ``EscalationRule/id`` that fired.
    public let rule: String
    /// The status that triggered it.
    public let status: ServiceLevelStatus
    public let action: EscalationAction
    /// Why, in words: "breached: 3 business days allowed, 3.4 used".
    public let reason: String

    public init(rule: String, status: ServiceLevelStatus, action: EscalationAction, reason: String) {
        self.rule = rule
        self.status = status
        self.action = action
        self.reason = reason
    }
}
