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
public struct RoutingDecision: Hashable, Sendable, Codable, CustomReflectable {
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
    ///
    /// A ``RoutingRuleSet`` records its decisions' explanations and writes the lines when this
    /// property is read (each read writes them again), so routing stays cheap for the many
    /// requests whose explanation nobody reads.
    public var explanation: [String] { recordedExplanation.lines }

    let recordedExplanation: RoutingExplanation

    public init(
        department: DepartmentID,
        queue: String? = nil,
        disposition: RoutingDisposition = .assigned,
        rule: String? = nil,
        advisory: String? = nil,
        isAmbiguous: Bool = false,
        explanation: [String]
    ) {
        self.init(
            department: department,
            queue: queue,
            disposition: disposition,
            rule: rule,
            advisory: advisory,
            isAmbiguous: isAmbiguous,
            explanation: .written(explanation)
        )
    }

    init(
        department: DepartmentID,
        queue: String? = nil,
        disposition: RoutingDisposition = .assigned,
        rule: String? = nil,
        advisory: String? = nil,
        isAmbiguous: Bool = false,
        explanation: RoutingExplanation
    ) {
        self.department = department
        self.queue = queue
        self.disposition = disposition
        self.rule = rule
        self.advisory = advisory
        self.isAmbiguous = isAmbiguous
        self.recordedExplanation = explanation
    }
}

// Equality, hashing and coding see the explanation's lines, however they are held, exactly as
// they did when decisions stored the lines themselves.
extension RoutingDecision {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.department == rhs.department && lhs.queue == rhs.queue && lhs.disposition == rhs.disposition
            && lhs.rule == rhs.rule && lhs.advisory == rhs.advisory && lhs.isAmbiguous == rhs.isAmbiguous
            && (lhs.recordedExplanation.isSameRecording(as: rhs.recordedExplanation)
                || lhs.explanation == rhs.explanation)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(department)
        hasher.combine(queue)
        hasher.combine(disposition)
        hasher.combine(rule)
        hasher.combine(advisory)
        hasher.combine(isAmbiguous)
        hasher.combine(explanation)
    }

    /// Printed and dumped as before, with the explanation's lines rather than its recording.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "department": department, "queue": queue as Any, "disposition": disposition, "rule": rule as Any,
                "advisory": advisory as Any, "isAmbiguous": isAmbiguous, "explanation": explanation,
            ],
            displayStyle: .struct
        )
    }

    private enum CodingKeys: String, CodingKey {
        case department, queue, disposition, rule, advisory, isAmbiguous, explanation
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            department: try container.decode(DepartmentID.self, forKey: .department),
            queue: try container.decodeIfPresent(String.self, forKey: .queue),
            disposition: try container.decode(RoutingDisposition.self, forKey: .disposition),
            rule: try container.decodeIfPresent(String.self, forKey: .rule),
            advisory: try container.decodeIfPresent(String.self, forKey: .advisory),
            isAmbiguous: try container.decode(Bool.self, forKey: .isAmbiguous),
            explanation: try container.decode([String].self, forKey: .explanation)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(department, forKey: .department)
        try container.encodeIfPresent(queue, forKey: .queue)
        try container.encode(disposition, forKey: .disposition)
        try container.encodeIfPresent(rule, forKey: .rule)
        try container.encodeIfPresent(advisory, forKey: .advisory)
        try container.encode(isAmbiguous, forKey: .isAmbiguous)
        try container.encode(explanation, forKey: .explanation)
    }
}
