/// Where intake sends a request, and why.
public struct RoutingDecision: Hashable, Sendable, Codable {
    /// The department (or external agency, or contractor) that receives the request.
    public let department: DepartmentID
    /// The queue or team within the department, when the rules name one.
    public let queue: String?
    /// A trace of the decision, line by line, stored in the request's history so anyone can see
    /// why the request went where it went.
    public let explanation: [String]

    public init(department: DepartmentID, queue: String? = nil, explanation: [String]) {
        self.department = department
        self.queue = queue
        self.explanation = explanation
    }
}
