// Closing the loop: the resident says whether it was fixed. A "not fixed" answer never stops at a
// score: it reopens the request, which the department's outbox carries back to the department,
// or, once the request can no longer be reopened, becomes a complaint contact that staff follow up.
extension ServiceCenter {
    /// What a survey answer led to.
    public enum SurveyOutcome: Hashable, Sendable {
        /// The answer is recorded on the request; nothing else was needed.
        case recorded(ServiceRequest)
        /// "Not fixed", within the reopen window: the answer is recorded and the request reopened
        /// for its department, with the resident's words as the reason.
        case reopened(ServiceRequest)
        /// "Not fixed", after the reopen window or on a request merged into another as its
        /// duplicate: the answer is recorded and a complaint contact about the request stored
        /// for staff to follow up.
        case complaint(ServiceRequest, Contact)

        /// The request after the answer.
        public var request: ServiceRequest {
            switch self {
            case .recorded(let request), .reopened(let request), .complaint(let request, _): request
            }
        }
    }

    /// Records the submitter's answer to the survey of a resolved or closed request, once, and
    /// acts on "not fixed".
    ///
    /// - Parameters:
    ///   - response: the answer.
    ///   - ticket: the request it is about.
    ///   - caller: for a call-taker taking the answer on the phone, what the caller showed of the
    ///     contact details given at intake (``AccessPolicy``).
    ///   - participant: the submitting resident, a call-taker for them, a supervisor or the system.
    /// - Throws: ``AuthorizationError`` when `participant` may not answer for the request;
    ///   ``LifecycleError`` when the request is neither resolved nor closed; ``ValidationError``
    ///   (code `duplicate`, field `ticket`) when the survey was already answered;
    ///   ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, or what
    ///   the store reports). Nothing is written when it throws.
    @discardableResult
    public func answerSurvey(
        _ response: SurveyResponse,
        on ticket: TicketNumber,
        caller: SubmitterProof? = nil,
        by participant: Participant
    ) async throws -> SurveyOutcome {
        let answered = try await change(ticket, .answerSurvey, by: participant, caller: caller) { request, history in
            guard request.state == .resolved || request.state == .closed else {
                throw LifecycleError(
                    .transitionNotAllowed,
                    from: request.state,
                    to: request.state,
                    reason: "a survey is answered once the request is resolved or closed"
                )
            }
            if history.contains(where: { if case .surveyAnswered = $0.change { true } else { false } }) {
                throw ValidationError(
                    .duplicate,
                    field: "ticket",
                    reason: "the survey of \(ticket) is already answered"
                )
            }
            return (.surveyAnswered(response), .internal)
        }
        guard !response.wasFixed else { return .recorded(answered) }
        let words = response.comment.map { ": \($0)" } ?? ""
        do {
            try checkReopenable(answered, at: now())
            let reopened = try await reopen(ticket, reason: "The resident says it was not fixed\(words)", by: .system)
            return .reopened(reopened)
        } catch let error as LifecycleError where error.code == .reopenWindowExpired || error.code == .mergedAsDuplicate
        {
            let contact = try await recordContact(
                ContactDraft(
                    .followUp(ticket, .complaint, note: "Survey: not fixed\(words)"),
                    channel: answered.channel
                ),
                as: .serviceRequest(.complaint, request: ticket)
            )
            return .complaint(answered, contact)
        }
    }
}
