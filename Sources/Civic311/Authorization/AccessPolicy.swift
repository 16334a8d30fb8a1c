/// Who may do what: the role × operation rules of the center.
///
/// | role | may |
/// |---|---|
/// | resident | submit requests; see the public view; cancel, reopen or answer the survey of a request they submitted; follow any request of a public service type, for themselves |
/// | call-taker | submit requests and record contacts; see where any request is; follow a request of a public service type for a caller; merge a request of a public service type into another as its duplicate, or undo that; add internal notes; see requests in full, except those of private service types (their public view only); cancel, reopen or answer the survey of a request **for the caller who submitted it**, shown by a complete ``SubmitterProof`` |
/// | department staff / integration | submit (parallel) requests; work, annotate, resolve, close, reopen, return or merge (as duplicates) requests **assigned to their department**; see those in full; see where a request they **held before** went (``RequestWhereabouts``), nothing more of it |
/// | supervisor, system | everything, and alone: apply a retention schedule, export a resident's personal data (subject access), erase it |
///
/// The policy trusts the ``Participant`` it is given: the host authenticates its users and maps
/// them to participants (the *Privacy* article). A resident is the submitter when their identity is the
/// submitter's e-mail address or phone number however spelled (``ContactIdentity``).
///
/// A call-taker serves a caller on the phone: they take new requests, answer "where is my
/// request?" from the request (or, for private service types such as housing complaints, from
/// its public view, since the department holds the case), note what the caller said, and act on
/// a request for the caller only once the caller has shown the phone number or e-mail address
/// given at intake. Nothing more: working, closing, reassigning and escalating belong to
/// departments and supervisors.
public enum AccessPolicy {
    /// Operations a department performs on its own requests.
    static let departmentOperations: Set<RequestOperation> = [
        .viewFull, .viewWhereabouts, .accept, .start, .putOnHold, .resume, .resolve, .close, .reopen, .returnAsNotOurs,
        .addPublicNote, .addInternalNote, .addExternalReference, .link, .changePriority, .mergeDuplicate,
    ]

    /// Throws unless `participant` may perform `operation` on `request` (`nil` for operations that
    /// do not concern an existing request, such as submitting one). `jurisdiction` is the catalog
    /// that says which service types are private; `caller` is what the caller a call-taker is
    /// serving showed of the submitter's contact details, which only call-takers' cancel and reopen
    /// consult.
    public static func authorize(
        _ participant: Participant,
        _ operation: RequestOperation,
        on request: ServiceRequest?,
        in jurisdiction: Jurisdiction,
        caller: SubmitterProof? = nil
    ) throws(AuthorizationError) {
        if let reason = refusal(participant, operation, on: request, in: jurisdiction, caller: caller) {
            throw AuthorizationError(.denied, participant: participant, operation: operation, reason: reason)
        }
    }

    /// Throws unless `participant` may see where `request` is now (``RequestOperation/viewWhereabouts``).
    ///
    /// Besides those the role table allows (call-takers, supervisors, the system, and the
    /// department that holds the request), a department that held the request before may: its
    /// staff and its systems keep the case's trail after a reassignment or a "not ours" return, so
    /// a bridge that has not yet seen the move learns where the request went instead of losing
    /// it. That is all they keep: the whereabouts name the department, the state and when it
    /// moved, never the submitter, the notes or anything that happened after the move. `history`
    /// is the request's stored events, from which the former holders are read.
    public static func authorize(
        _ participant: Participant,
        whereaboutsOf request: ServiceRequest,
        history: [RequestEvent],
        in jurisdiction: Jurisdiction
    ) throws(AuthorizationError) {
        guard let reason = refusal(participant, .viewWhereabouts, on: request, in: jurisdiction, caller: nil) else {
            return
        }
        if let department = participant.department, RequestWhereabouts.holders(in: history).contains(department) {
            return
        }
        throw AuthorizationError(.denied, participant: participant, operation: .viewWhereabouts, reason: reason)
    }

    /// Whether `participant` may perform `operation` on `request`.
    public static func allows(
        _ participant: Participant,
        _ operation: RequestOperation,
        on request: ServiceRequest?,
        in jurisdiction: Jurisdiction,
        caller: SubmitterProof? = nil
    ) -> Bool {
        refusal(participant, operation, on: request, in: jurisdiction, caller: caller) == nil
    }

    /// Whether the request's service type is private; one no longer in the catalog counts as
    /// private, as in the public view.
    static func isPrivate(_ request: ServiceRequest, in jurisdiction: Jurisdiction) -> Bool {
        jurisdiction.serviceType(request.serviceType)?.isPrivate ?? true
    }

    private static func refusal(
        _ participant: Participant,
        _ operation: RequestOperation,
        on request: ServiceRequest?,
        in jurisdiction: Jurisdiction,
        caller: SubmitterProof?
    ) -> String? {
        if operation == .viewPublic { return nil }
        switch participant {
        case .supervisor, .system:
            return nil
        case .callTaker:
            switch operation {
            case .submitRequest, .recordContact, .addInternalNote, .viewWhereabouts:
                return nil
            case .follow:
                guard let request, !isPrivate(request, in: jurisdiction) else {
                    return "requests of private service types cannot be followed"
                }
                return nil
            case .mergeDuplicate:
                guard let request, !isPrivate(request, in: jurisdiction) else {
                    return "call-takers merge requests of public service types only"
                }
                return nil
            case .viewFull:
                guard let request, isPrivate(request, in: jurisdiction) else { return nil }
                return "call-takers see requests of private service types in their public view only"
            case .cancel, .reopen, .answerSurvey:
                guard let caller, caller.isComplete, let request,
                    caller.matches(request.submitter, minimumPhoneDigits: 1)
                else {
                    return "call-takers do this only for the caller who submitted the request, "
                        + "shown by the phone number or e-mail address given at intake"
                }
                return nil
            default:
                return "call-takers take contacts; departments work requests"
            }
        case .resident(let identity):
            switch operation {
            case .submitRequest:
                return nil
            case .follow:
                guard identity != nil else { return "an anonymous resident cannot follow a request" }
                guard let request, !isPrivate(request, in: jurisdiction) else {
                    return "requests of private service types cannot be followed"
                }
                return nil
            case .cancel, .reopen, .answerSurvey:
                guard let identity, let claimed = ContactIdentity(identity.rawValue),
                    request?.submitter?.isIdentified(by: claimed) == true
                else { return "only the resident who submitted the request may do this" }
                return nil
            default:
                return "residents see the public view of a request only"
            }
        case .departmentStaff(_, let department), .integration(_, let department):
            if operation == .submitRequest { return nil }
            guard departmentOperations.contains(operation) else {
                return "departments may not \(operation.rawValue) requests"
            }
            guard let request else { return "no request given" }
            guard request.department == department else {
                return "request \(request.ticket) is assigned to \(request.department), not \(department)"
            }
            return nil
        }
    }
}
