/// How a request was closed, with the public note that tells the resident what happened.
public struct Closure: Hashable, Sendable, Codable {
    /// Why the request was closed.
    public enum Reason: Hashable, Sendable, Codable {
        /// The work was done.
        case completed
        /// Closed without action; `code` is the jurisdiction's reason code ("NO_DEFECT_FOUND").
        case closedWithoutAction(code: String)
        /// The same problem is tracked under another ticket.
        case duplicate(of: TicketNumber)
        /// Referred to an external agency, which now owns the problem.
        case referred(to: DepartmentID)
        /// The resident withdrew the request.
        case cancelledByResident
    }

    public let reason: Reason
    /// What was done, in words for the resident. Required: no generic closing notices.
    public let note: String

    public init(reason: Reason, note: String) {
        self.reason = reason
        self.note = note
    }
}
