/// Tags a resident identity.
public enum ResidentTag {}
/// A verified e-mail address or phone number that identifies a resident to the center.
public typealias ResidentID = Identifier<ResidentTag>

/// Someone (or something) acting on the center: every operation names one, and every event
/// records it.
public enum Participant: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A resident on a self-service channel; `nil` when anonymous. A resident acts on a request as
    /// its submitter when the identity equals the submitter's e-mail address or phone number.
    case resident(ResidentID?)
    /// A 311 call-taker.
    case callTaker(AgentID)
    /// A member of a department's staff; acts only on requests assigned to that department.
    case departmentStaff(StaffID, department: DepartmentID)
    /// A 311 or department supervisor; may act on any request.
    case supervisor(StaffID)
    /// A department's system (a work-order system, an adapter) acting for that department.
    case integration(String, department: DepartmentID)
    /// The center itself: routing, escalation, automatic closure.
    case system

    /// Who acted, with a resident's e-mail address or phone number redacted (see ``unredacted``).
    public var description: String { rendered(.redacted) }

    /// The department this participant acts for, if any.
    public var department: DepartmentID? {
        switch self {
        case .departmentStaff(_, let department), .integration(_, let department): department
        default: nil
        }
    }
}
