/// Something a ``Participant`` can ask the center to do; ``AccessPolicy`` decides who may.
public enum RequestOperation: String, Hashable, Sendable, Codable, CaseIterable {
    case submitRequest
    case recordContact
    case viewPublic
    case viewFull
    /// See which department holds a request now, and its state: ``RequestWhereabouts``. Departments
    /// that held the request before may do this too (``AccessPolicy/authorize(_:whereaboutsOf:history:in:)``).
    case viewWhereabouts
    case accept
    case start
    case putOnHold
    case resume
    case resolve
    case close
    case cancel
    case reopen
    case returnAsNotOurs
    case reassign
    case addPublicNote
    case addInternalNote
    case addExternalReference
    case link
    case changePriority
    /// Record an escalation; only supervisors and the system do.
    case escalate
}
