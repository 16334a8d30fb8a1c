/// The named moves of the request lifecycle; ``LifecycleTable`` lists which states each may start
/// from and where it leads.
public enum LifecycleAction: String, Hashable, Sendable, Codable, CaseIterable {
    case open
    case accept
    case start
    case putOnHold
    case resume
    case resolve
    case close
    case reopen
    case returnAsNotOurs
    case reassign
    /// Notes, external references and links: recorded in any state, the state unchanged.
    case annotate
    /// A priority change, allowed while the request is open.
    case changePriority
    /// An escalation from the SLA engine, recorded while the request is open.
    case escalate
}
