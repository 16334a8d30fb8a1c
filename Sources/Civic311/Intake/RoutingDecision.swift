/// What kind of destination a routing decision chose.
public enum RoutingDisposition: String, Hashable, Sendable, Codable, CaseIterable {
    /// Assigned to a department of the jurisdiction to work.
    case assigned
    /// Referred to an external agency (a state road, a municipality); the ticket stays answerable.
    case referred
    /// Sent to a contractor.
    case contractor
    /// Sent to a supervisor queue.
    case escalated
    /// An emergency: the resident is advised to call 911, and the record is kept and assigned.
    case emergencyAdvisory
    /// Sent to triage for a person to decide (an ambiguous location, a department that returned it).
    case triage
}

/// Where intake sends a request, and why.
public struct RoutingDecision: Hashable, Sendable, Codable {
    /// The department (or external agency, or contractor) that receives the request.
    public let department: DepartmentID
    /// The queue or team within the department, when the rules name one.
    public let queue: String?
    public let disposition: RoutingDisposition
    /// The rule that decided, when a rule set did.
    public let rule: String?
    /// Advice to give the resident at once, for emergency advisories ("Call 911 now: …").
    public let advisory: String?
    /// Whether the location lies so close to a boundary that the destination is in doubt; such
    /// requests go to triage rather than being assigned silently.
    public let isAmbiguous: Bool
    /// A trace of the decision, line by line, stored in the request's history so anyone can see
    /// why the request went where it went: the rule that matched and why, and why each rule before
    /// it did not.
    public let explanation: [String]

    public init(
        department: DepartmentID,
        queue: String? = nil,
        disposition: RoutingDisposition = .assigned,
        rule: String? = nil,
        advisory: String? = nil,
        isAmbiguous: Bool = false,
        explanation: [String]
    ) {
        self.department = department
        self.queue = queue
        self.disposition = disposition
        self.rule = rule
        self.advisory = advisory
        self.isAmbiguous = isAmbiguous
        self.explanation = explanation
    }
}
