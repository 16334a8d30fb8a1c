import Foundation

// The departments' operations, in lifecycle order. Each one loads the request, checks who is
// asking, checks the lifecycle table, and appends one event with optimistic concurrency. Each
// throws, and changes nothing, on: a ValidationError for bad input (every note through
// RequestNote.check, so a blank note is one error whichever operation refuses it), an
// AuthorizationError for a participant who may not act, a LifecycleError for a move the table does
// not allow, and a StorageError (notFound, conflict after retries, or the store's own failure).
extension ServiceCenter {
    /// The department takes ownership of a new request.
    ///
    /// - Throws: ``AuthorizationError`` when `participant` may not accept it; ``LifecycleError`` when
    ///   the request is not new; ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports).
    @discardableResult
    public func accept(_ ticket: TicketNumber, by participant: Participant) async throws -> ServiceRequest {
        try await change(ticket, .accept, by: participant) { _ in (.accepted, .public) }
    }

    /// Work starts.
    ///
    /// - Throws: ``AuthorizationError``, ``LifecycleError`` when the request is not assigned (or
    ///   reopened), ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports).
    @discardableResult
    public func start(_ ticket: TicketNumber, by participant: Participant) async throws -> ServiceRequest {
        try await change(ticket, .start, by: participant) { _ in (.started, .public) }
    }

    /// The request waits on the resident; `waitingFor` tells them what is needed (it is public).
    ///
    /// - Throws: ``ValidationError`` (field `note`) when `waitingFor` is blank or too long;
    ///   ``AuthorizationError``; ``LifecycleError`` when the request cannot be put on hold from its
    ///   state; ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports).
    @discardableResult
    public func putOnHold(
        _ ticket: TicketNumber,
        waitingFor: String,
        by participant: Participant
    ) async throws -> ServiceRequest {
        try RequestNote.check(waitingFor)
        return try await change(ticket, .putOnHold, by: participant) { _ in (.putOnHold(reason: waitingFor), .public) }
    }

    /// Work resumes after a hold.
    ///
    /// - Throws: ``AuthorizationError``; ``LifecycleError`` when the request is not on hold;
    ///   ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports).
    @discardableResult
    public func resume(_ ticket: TicketNumber, by participant: Participant) async throws -> ServiceRequest {
        try await change(ticket, .resume, by: participant) { _ in (.resumed, .public) }
    }

    /// The work is done; `note` tells the resident what was done (no generic notices).
    ///
    /// - Throws: ``ValidationError`` (field `note`) when `note` is blank or too long;
    ///   ``AuthorizationError``; ``LifecycleError`` when work has not started;
    ///   ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports).
    @discardableResult
    public func resolve(
        _ ticket: TicketNumber,
        note: String,
        by participant: Participant
    ) async throws -> ServiceRequest {
        try RequestNote.check(note)
        return try await change(ticket, .resolve, by: participant) { _ in (.resolved(note: note), .public) }
    }

    /// Closes the request with a reason and a public note saying what happened.
    ///
    /// Closing as cancelled by the resident is the ``RequestOperation/cancel`` operation (residents may do
    /// it for their own requests); the other reasons are ``RequestOperation/close``.
    ///
    /// `caller` is, for a call-taker cancelling for the caller on the phone, what the caller showed
    /// of the contact details given at intake (``AccessPolicy``).
    ///
    /// - Throws: ``ValidationError`` when `note` is blank or too long (field `note`) or the reason
    ///   is not valid (field `reason.…`: a blank code, a request that would duplicate itself, an
    ///   unknown agency or one that is not external); ``AuthorizationError``; ``LifecycleError``
    ///   when the request cannot be closed from its state (or closed as completed before work
    ///   started); ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports), also for the original of a duplicate.
    @discardableResult
    public func close(
        _ ticket: TicketNumber,
        reason: Closure.Reason,
        note: String,
        caller: SubmitterProof? = nil,
        by participant: Participant
    ) async throws -> ServiceRequest {
        try RequestNote.check(note)
        let operation: RequestOperation = reason == .cancelledByResident ? .cancel : .close
        try await checkClosureReason(reason, closing: ticket, by: participant, operation)
        return try await change(ticket, operation, by: participant, caller: caller) { _ in
            (.closed(Closure(reason: reason, note: note)), .public)
        }
    }

    /// Reopens a resolved or closed request within the configured window; `reason` is recorded in
    /// its history. A resident's complaint that reopens a request is
    /// ``reopen(_:complaint:channel:agent:caller:by:)``.
    ///
    /// `caller` is, for a call-taker reopening for the caller on the phone, what the caller showed
    /// of the contact details given at intake (``AccessPolicy``).
    ///
    /// - Throws: ``ValidationError`` (field `note`) when `reason` is blank or too long;
    ///   ``AuthorizationError``; ``LifecycleError`` when the request is still open
    ///   (``LifecycleError/Code/transitionNotAllowed``), finished longer ago than the window
    ///   (``LifecycleError/Code/reopenWindowExpired``) or merged into another request as its
    ///   duplicate (``LifecycleError/Code/mergedAsDuplicate``: reopen that one, or unlink first);
    ///   ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports).
    @discardableResult
    public func reopen(
        _ ticket: TicketNumber,
        reason: String,
        caller: SubmitterProof? = nil,
        by participant: Participant
    ) async throws -> ServiceRequest {
        try RequestNote.check(reason)
        try await checkNotMerged(ticket)
        let at = now()
        return try await change(ticket, .reopen, by: participant, caller: caller) { request in
            try self.checkReopenable(request, at: at)
            return (.reopened(reason: reason), .public)
        }
    }

    /// The department says the request is not theirs. It is rerouted, excluding every department
    /// that has returned it, and the return is counted.
    ///
    /// - Throws: ``ValidationError`` (field `note`) when `reason` is blank or too long, or when the
    ///   request's service type has left the catalog or the router sends it back to a department
    ///   that returned it; ``AuthorizationError``; ``LifecycleError`` when the request can no
    ///   longer be returned; what the router throws; ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports).
    @discardableResult
    public func returnAsNotOurs(
        _ ticket: TicketNumber,
        reason: String,
        by participant: Participant
    ) async throws -> ServiceRequest {
        try RequestNote.check(reason)
        return try await change(ticket, .returnAsNotOurs, by: participant) { request, history in
            var excluded: Set<DepartmentID> = [request.department]
            var owner: DepartmentID?
            for event in history {
                switch event.change {
                case .opened(let opening): owner = opening.routing.department
                case .returned(_, let reroutedTo, _):
                    if let owner { excluded.insert(owner) }
                    owner = reroutedTo
                case .reassigned(let to, _): owner = to
                case .escalated(let escalation):
                    if case .moveToQueue(let to, _) = escalation.action { owner = to }
                default: break
                }
            }
            guard let serviceType = self.jurisdiction.serviceType(request.serviceType) else {
                throw ValidationError(
                    .unknownReference,
                    field: "serviceType",
                    reason: "'\(request.serviceType)' is no longer in the catalog"
                )
            }
            let decision = try self.router.route(
                RoutingInput(
                    serviceType: serviceType,
                    description: request.description,
                    location: request.location,
                    answers: request.answers,
                    channel: request.channel,
                    receivedAt: request.createdAt,
                    excluded: excluded
                )
            )
            guard !excluded.contains(decision.department), self.jurisdiction.department(decision.department) != nil
            else {
                throw ValidationError(
                    .invalidValue,
                    field: "routing.department",
                    reason: "the router sent the request back to '\(decision.department)'"
                )
            }
            return (
                .returned(reason: reason, reroutedTo: decision.department, explanation: decision.explanation), .internal
            )
        }
    }

    /// A supervisor moves the request to another department.
    ///
    /// - Throws: ``ValidationError`` when `reason` is blank or too long (field `note`) or the
    ///   department is unknown (field `department`); ``AuthorizationError`` for anyone but a
    ///   supervisor or the system; ``LifecycleError``; ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports).
    @discardableResult
    public func reassign(
        _ ticket: TicketNumber,
        to department: DepartmentID,
        reason: String,
        by participant: Participant
    ) async throws -> ServiceRequest {
        try RequestNote.check(reason)
        guard jurisdiction.department(department) != nil else {
            throw ValidationError(.unknownReference, field: "department", reason: "no department '\(department)'")
        }
        return try await change(ticket, .reassign, by: participant) { _ in
            (.reassigned(to: department, reason: reason), .internal)
        }
    }

    /// Adds a public status note or an internal note.
    ///
    /// - Throws: ``ValidationError`` (field `note`) when `text` is blank or too long;
    ///   ``AuthorizationError`` when `participant` may not write notes of that visibility;
    ///   ``LifecycleError``; ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports).
    @discardableResult
    public func addNote(
        _ ticket: TicketNumber,
        _ text: String,
        visibility: Visibility,
        by participant: Participant
    ) async throws -> ServiceRequest {
        try RequestNote.check(text)
        let operation: RequestOperation = visibility == .public ? .addPublicNote : .addInternalNote
        return try await change(ticket, operation, by: participant) { _ in (.noteAdded(text), visibility) }
    }

    /// Links the request to another one.
    ///
    /// - Throws: ``ValidationError`` (field `target`) when a request would link to itself;
    ///   ``AuthorizationError``; ``LifecycleError``; ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports), also when `target`
    ///   does not exist.
    @discardableResult
    public func link(
        _ ticket: TicketNumber,
        _ kind: RequestLink.Kind,
        to target: TicketNumber,
        by participant: Participant
    ) async throws -> ServiceRequest {
        guard target != ticket else {
            throw ValidationError(.invalidValue, field: "target", reason: "a request cannot be linked to itself")
        }
        _ = try await existing(target, for: participant, .link)
        return try await change(ticket, .link, by: participant) { _ in
            (.linked(RequestLink(kind, target: target)), .internal)
        }
    }

    /// Changes the priority of an open request.
    ///
    /// - Throws: ``AuthorizationError``; ``LifecycleError`` when the request is not open;
    ///   ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket, ``StorageError/Code/conflict`` when other writers kept changing it, or what the store reports).
    @discardableResult
    public func changePriority(
        _ ticket: TicketNumber,
        to priority: Priority,
        by participant: Participant
    ) async throws -> ServiceRequest {
        try await change(ticket, .changePriority, by: participant) { _ in (.priorityChanged(to: priority), .internal) }
    }

    // MARK: The one way a request changes

    /// How many times a change is retried after a conflict before the conflict is reported.
    static var conflictRetries: Int { 3 }

    func change(
        _ ticket: TicketNumber,
        _ operation: RequestOperation,
        by participant: Participant,
        caller: SubmitterProof? = nil,
        _ makeChange: (ServiceRequest) throws -> (RequestChange, Visibility)
    ) async throws -> ServiceRequest {
        try await change(ticket, operation, by: participant, caller: caller, needsHistory: false) { request, _ in
            try makeChange(request)
        }
    }

    /// Loads the request, authorizes, builds the change, checks it against the lifecycle table and
    /// appends it at the version it was built from. A conflict means someone else changed the
    /// request in between: the whole decision is made again on the fresh state, so no update is
    /// lost and none is applied to a state it was not checked against.
    func change(
        _ ticket: TicketNumber,
        _ operation: RequestOperation,
        by participant: Participant,
        caller: SubmitterProof? = nil,
        needsHistory: Bool = true,
        _ makeChange: (ServiceRequest, [RequestEvent]) throws -> (RequestChange, Visibility)
    ) async throws -> ServiceRequest {
        try participant.checkIdentifiers()
        var attempt = 0
        while true {
            let current = try await existing(ticket, for: participant, operation)
            try AccessPolicy.authorize(participant, operation, on: current, in: jurisdiction, caller: caller)
            let history = needsHistory ? try await store.events(for: ticket) : []
            let (change, visibility) = try makeChange(current, history)
            let event = try nextEvent(change, visibility, on: current, by: participant)
            let (sequence, target) = (event.sequence, event.toState)
            var events = [event]
            if let record = Self.recordedWith {
                // The back office's update is kept in the same append as the change it made.
                guard sequence < Int.max else {
                    throw StorageError(
                        .corrupted,
                        ticket: ticket,
                        reason: "the stored request is at version \(current.version); no two events can follow"
                    )
                }
                events.append(
                    RequestEvent(
                        ticket: ticket,
                        sequence: sequence + 1,
                        recordedAt: event.recordedAt,
                        actor: participant,
                        change: .backOfficeUpdate(record),
                        fromState: target,
                        toState: target,
                        visibility: .internal
                    )
                )
            }
            let outcome: Result<ServiceRequest, StorageError>
            do {
                outcome = .success(try await store.append(events, expectedVersion: current.version))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let updated):
                for event in events { feed.publish(.requestChanged(event, request: updated)) }
                return updated
            case .failure(let error):
                guard error.code == .conflict, attempt < Self.conflictRetries else { throw error }
                attempt += 1
            }
        }
    }

    /// The event that makes `change` to `current`, checked against the lifecycle table and the
    /// change's content rules.
    func nextEvent(
        _ change: RequestChange,
        _ visibility: Visibility,
        on current: ServiceRequest,
        by participant: Participant
    ) throws -> RequestEvent {
        let target = try LifecycleTable.requireTarget(of: change, from: current.state)
        try ServiceRequest.checkContent(of: change, from: current.state)
        // A store may hand back any version; the last representable one has no successor.
        let (sequence, overflow) = current.version.addingReportingOverflow(1)
        guard !overflow else {
            throw StorageError(
                .corrupted,
                ticket: current.ticket,
                reason: "the stored request is at version \(current.version); no event can follow"
            )
        }
        return RequestEvent(
            ticket: current.ticket,
            sequence: sequence,
            recordedAt: max(now(), current.updatedAt),
            actor: participant,
            change: change,
            fromState: current.state,
            toState: target,
            visibility: visibility
        )
    }

    /// Throws ``LifecycleError/Code/mergedAsDuplicate`` when `ticket` is merged into a master
    /// that still counts it: reopening it alone would leave the master holding its residents.
    func checkNotMerged(_ ticket: TicketNumber) async throws {
        guard let request = try await store.request(ticket), let master = request.master,
            try await store.request(master)?.duplicates.contains(ticket) == true
        else { return }
        throw LifecycleError(
            .mergedAsDuplicate,
            from: request.state,
            to: .assigned,
            reason: "\(ticket) is merged into \(master) as its duplicate; reopen \(master), or unlink \(ticket) first"
        )
    }

    func checkReopenable(_ request: ServiceRequest, at instant: Date) throws {
        guard !request.state.isOpen else {
            _ = try LifecycleTable.requireTarget(of: .reopen, from: request.state)
            return
        }
        let finishedAt = request.closedAt ?? request.resolvedAt ?? request.updatedAt
        if instant.timeIntervalSince(finishedAt) > configuration.reopenWindow {
            throw LifecycleError(
                .reopenWindowExpired,
                from: request.state,
                to: .assigned,
                reason: "finished \((instant.timeIntervalSince(finishedAt) / 86_400).wholeNumberText) days ago; "
                    + "requests can be reopened within \((configuration.reopenWindow / 86_400).wholeNumberText) days"
            )
        }
    }

    private func checkClosureReason(
        _ reason: Closure.Reason,
        closing ticket: TicketNumber,
        by participant: Participant,
        _ operation: RequestOperation
    ) async throws {
        switch reason {
        case .completed, .cancelledByResident:
            break
        case .closedWithoutAction(let code):
            try ServiceRequestDraft.checkText(code, field: "reason.code", limit: 64)
        case .duplicate(let original):
            guard original != ticket else {
                throw ValidationError(
                    .invalidValue,
                    field: "reason.duplicateOf",
                    reason: "a request cannot duplicate itself"
                )
            }
            let target = try await existing(original, for: participant, operation)
            if case .duplicate(let next)? = target.closure?.reason, next == ticket {
                throw ValidationError(
                    .invalidValue,
                    field: "reason.duplicateOf",
                    reason: "\(original) is already closed as a duplicate of this request"
                )
            }
        case .referred(let agency):
            guard let department = jurisdiction.department(agency) else {
                throw ValidationError(.unknownReference, field: "reason.referredTo", reason: "no agency '\(agency)'")
            }
            guard department.kind == .externalAgency else {
                throw ValidationError(
                    .invalidValue,
                    field: "reason.referredTo",
                    reason: "\(department.name) is not an external agency"
                )
            }
        }
    }
}
