/// What one event changed.
///
/// Cases whose payload is larger than a few words are `indirect` (kept in a box of their own),
/// so that every event, the most copied and most stored value of a request's life, stays about
/// 96 bytes instead of 156 whatever it records: the rare big changes pay an allocation, not every
/// event the size of the biggest.
public enum RequestChange: Hashable, Sendable, Codable {
    /// Intake opened the request.
    case opened(RequestOpening)
    /// The department accepted the request.
    case accepted
    /// Work started.
    case started
    /// Put on hold waiting on the resident, with what is needed from them.
    case putOnHold(reason: String)
    /// Work resumed after a hold.
    case resumed
    /// The department resolved the request; the note tells the resident what was done.
    case resolved(note: String)
    /// The request was closed.
    indirect case closed(Closure)
    /// Reopened from resolved or closed.
    case reopened(reason: String)
    /// The department returned the request as not theirs; it was rerouted to `reroutedTo`.
    indirect case returned(reason: String, reroutedTo: DepartmentID, explanation: [String])
    /// A supervisor moved the request to another department.
    case reassigned(to: DepartmentID, reason: String)
    /// A note was added; the event's visibility says who may read it.
    case noteAdded(String)
    /// A department system's identifier was recorded.
    indirect case externalReferenceAdded(ExternalReference)
    /// A link to another request was recorded.
    case linked(RequestLink)
    /// The priority changed.
    case priorityChanged(to: Priority)
    /// An escalation rule fired (at most once per rule and request).
    indirect case escalated(Escalation)
    /// A ``DepartmentOutbox`` gave up delivering the request to a destination, or an operator's
    /// retry delivered it after all.
    indirect case delivery(DeliveryRecord)
    /// An update from a department's back office was applied (recorded with the change it made),
    /// ignored as older than one applied, or parked for an operator.
    indirect case backOfficeUpdate(BackOfficeUpdateRecord)
    /// The resident answered the survey after the request was resolved or closed.
    indirect case surveyAnswered(SurveyResponse)
    /// A resident who did not submit the request follows it: they are told what the submitter is
    /// told. Personal data, recorded internal.
    indirect case followerAdded(Submitter)
    /// A follower stopped following; the follower as they were added.
    indirect case followerRemoved(Submitter)
    /// The request was merged into `master` as a duplicate: closed with the public `note`, its
    /// followers moved to the master (``ServiceCenter/linkDuplicate(_:to:note:by:)``).
    case mergedInto(master: TicketNumber, note: String)
    /// The merge was undone: the request is back in `restoring`, the state it was merged from,
    /// exactly as it was (``ServiceCenter/unlinkDuplicate(_:reason:by:)``).
    case unmerged(from: TicketNumber, reason: String, restoring: RequestState)
    /// On a master: a duplicate was merged into it.
    indirect case duplicateLinked(DuplicateLink)
    /// On a master: a merged duplicate was taken out again; the record is the link's, with the
    /// service level after the change.
    indirect case duplicateUnlinked(DuplicateLink)
    /// A resident's personal data was erased from the request's stored history
    /// (``ServiceCenter/erasePersonalData(of:by:)``): the events numbered `rewritten` were
    /// rewritten without them. Whose data it was is not recorded, since that would keep it.
    case personalDataErased(rewritten: [Int])
    /// A ``RetentionSchedule`` removed `dataClass` from the closed request's stored history
    /// (``RetentionJob``): the events numbered `rewritten` were rewritten without it.
    case retentionApplied(RetentionDataClass, rewritten: [Int])

    /// The lifecycle action this change performs, as named in ``LifecycleTable``.
    public var action: LifecycleAction {
        switch self {
        case .opened: .open
        case .accepted: .accept
        case .started: .start
        case .putOnHold: .putOnHold
        case .resumed: .resume
        case .resolved: .resolve
        case .closed, .mergedInto: .close
        // Unmerging leads back to the state the request was merged from, not to reopen's
        // "assigned": LifecycleTable.requireTarget(of: change, from:) knows the exception.
        case .reopened, .unmerged: .reopen
        case .returned: .returnAsNotOurs
        case .reassigned: .reassign
        case .noteAdded, .externalReferenceAdded, .linked, .delivery, .backOfficeUpdate, .surveyAnswered,
            .followerAdded, .followerRemoved, .duplicateLinked, .duplicateUnlinked, .personalDataErased,
            .retentionApplied:
            .annotate
        case .priorityChanged: .changePriority
        case .escalated: .escalate
        }
    }
}
