/// Where a service request stands in its lifecycle.
///
/// The states and the moves between them are listed in ``LifecycleTable``; ``isOpen`` tells the
/// states a department still owes work in from the two terminal ones.
public enum RequestState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Taken in and routed to a department that has not accepted it yet.
    case new
    /// Accepted by its department.
    case assigned
    /// Being worked.
    case inProgress
    /// Waiting on the resident (more information, access); the SLA clock pauses.
    case onHold
    /// The department says the work is done; it can be closed, or reopened if it was not.
    case resolved
    /// Finished, with a ``Closure`` saying how.
    case closed

    /// Whether the request still needs work (every state but `resolved` and `closed`).
    public var isOpen: Bool {
        switch self {
        case .new, .assigned, .inProgress, .onHold: true
        case .resolved, .closed: false
        }
    }

    /// Words for residents.
    public var publicLabel: String {
        switch self {
        case .new: "Received"
        case .assigned: "Assigned"
        case .inProgress: "In progress"
        case .onHold: "Waiting for your reply"
        case .resolved: "Resolved"
        case .closed: "Closed"
        }
    }
}
