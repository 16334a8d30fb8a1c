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
    /// Answer the survey after a request was resolved or closed: its submitter does, or a
    /// call-taker for them.
    case answerSurvey
    /// Follow a request one did not submit, or stop following it: residents for themselves,
    /// call-takers for a caller, supervisors; never on a private service type.
    case follow
    /// Merge a request into another as its duplicate, or undo the merge: call-takers (public
    /// service types), departments (requests they hold), supervisors.
    case mergeDuplicate
    /// Run a ``RetentionSchedule`` over the store (``ServiceCenter/applyRetention(_:by:)``):
    /// supervisors and the system only.
    case applyRetention
    /// Export everything held about a resident (``ServiceCenter/subjectAccessExport(of:by:)``):
    /// supervisors and the system only, since the export is the resident's personal data in bulk.
    case exportPersonalData
    /// Erase a resident's personal data from every request (``ServiceCenter/erasePersonalData(of:by:)``):
    /// supervisors and the system only.
    case erasePersonalData
}
