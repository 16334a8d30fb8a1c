/// One test a routing rule makes; a rule matches when all of its conditions hold.
public enum RoutingCondition: Hashable, Sendable {
    /// The request's service type is one of these.
    case serviceTypes(Set<ServiceTypeCode>)
    /// The request's service type belongs to one of these catalog groups.
    case groups(Set<String>)
    /// The location lies inside one of these districts (boundary included). Ownership is a
    /// district too: a state road corridor, a municipality, a school district.
    case inDistrict(Set<String>)
    /// The location lies inside none of these districts (a request without a coordinate is inside
    /// none).
    case notInDistrict(Set<String>)
    /// The request arrived while the named calendar was open (a time window such as "weekends").
    case during(calendar: String)
    /// The request arrived while the named calendar was closed ("after hours").
    case outsideHoursOf(calendar: String)
    /// The request came in on one of these channels.
    case channels(Set<Channel>)
    /// A probing question was answered with this value (for a multiple-choice question: the
    /// value is among those chosen).
    case answer(QuestionCode, AnswerValue)
    /// The description contains one of these words or phrases (case-insensitive).
    case keywords([String])
}

/// What a matching rule does with the request.
public enum RoutingAction: Hashable, Sendable {
    /// Assign to the service type's responsible department (the catalog's answer).
    case assignResponsible
    /// Assign to a department and, optionally, a queue.
    case assign(DepartmentID, queue: String?)
    /// Refer to an external agency, tracked under the same ticket.
    case refer(DepartmentID)
    /// Send to a contractor.
    case sendToContractor(DepartmentID, queue: String?)
    /// Send to a supervisor queue.
    case escalate(DepartmentID, queue: String?)
    /// Advise the resident to call 911, keep the record and assign it.
    case emergencyAdvisory(message: String, department: DepartmentID, queue: String?)
}

/// One rule of a ``RoutingRuleSet``.
public struct RoutingRule: Hashable, Sendable, Identifiable {
    public let id: String
    /// Words for people reading explanations.
    public let name: String
    /// All must hold; an empty list matches every request (a fallback).
    public let conditions: [RoutingCondition]
    public let action: RoutingAction

    public init(id: String, name: String? = nil, when conditions: [RoutingCondition], then action: RoutingAction) {
        self.id = id
        self.name = name ?? id
        self.conditions = conditions
        self.action = action
    }

    /// Whether the rule matches every request.
    public var isFallback: Bool { conditions.isEmpty }
}
