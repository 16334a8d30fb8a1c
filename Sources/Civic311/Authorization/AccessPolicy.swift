/// Who may do what: the role × operation rules of the center.
///
/// | role | may |
/// |---|---|
/// | resident | submit requests; see the public view; cancel or reopen a request they submitted |
/// | call-taker | submit requests and record contacts; see everything; cancel or reopen for a resident; add internal notes |
/// | department staff / integration | submit (parallel) requests; work, annotate, resolve, close, reopen or return requests **assigned to their department**; see those in full |
/// | supervisor, system | everything |
public enum AccessPolicy {
    /// Operations a department performs on its own requests.
    static let departmentOperations: Set<RequestOperation> = [
        .viewFull, .accept, .start, .putOnHold, .resume, .resolve, .close, .reopen, .returnAsNotOurs,
        .addPublicNote, .addInternalNote, .addExternalReference, .link, .changePriority,
    ]

    /// Throws unless `participant` may perform `operation` on `request` (`nil` for operations that
    /// do not concern an existing request, such as submitting one).
    public static func authorize(
        _ participant: Participant,
        _ operation: RequestOperation,
        on request: ServiceRequest?
    ) throws(AuthorizationError) {
        if let reason = refusal(participant, operation, on: request) {
            throw AuthorizationError(.denied, participant: participant, operation: operation, reason: reason)
        }
    }

    /// Whether `participant` may perform `operation` on `request`.
    public static func allows(
        _ participant: Participant,
        _ operation: RequestOperation,
        on request: ServiceRequest?
    ) -> Bool {
        refusal(participant, operation, on: request) == nil
    }

    private static func refusal(
        _ participant: Participant,
        _ operation: RequestOperation,
        on request: ServiceRequest?
    ) -> String? {
        if operation == .viewPublic { return nil }
        switch participant {
        case .supervisor, .system:
            return nil
        case .callTaker:
            switch operation {
            case .submitRequest, .recordContact, .viewFull, .cancel, .reopen, .addInternalNote:
                return nil
            default:
                return "call-takers take contacts; departments work requests"
            }
        case .resident(let identity):
            switch operation {
            case .submitRequest:
                return nil
            case .cancel, .reopen:
                guard let identity, let submitter = request?.submitter,
                    submitter.email == identity.rawValue || submitter.phone == identity.rawValue
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
