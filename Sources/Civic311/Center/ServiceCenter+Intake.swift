import Foundation

extension ServiceCenter {
    /// Takes a service request in: validate → classify → route → ticket → due date → store →
    /// acknowledge.
    ///
    /// Nothing is stored unless every step succeeds. Submitting a draft whose client request ID
    /// was seen before returns the first acknowledgement (``Acknowledgement/isRepeat``).
    public func submit(_ draft: ServiceRequestDraft, by participant: Participant) async throws -> Acknowledgement {
        try AccessPolicy.authorize(participant, .submitRequest, on: nil, in: jurisdiction)
        if let clientID = draft.clientRequestID, let earlier = try await store.request(clientRequestID: clientID) {
            return acknowledgement(for: earlier, isRepeat: true)
        }
        let prepared = try prepare(draft, by: participant, at: now())
        let request: ServiceRequest
        do {
            request = try await store.open(prepared.contact, request: prepared.opening)
        } catch {
            // A concurrent retry with the same client request ID stored it first.
            guard error.code == .duplicate, let clientID = draft.clientRequestID,
                let earlier = try await store.request(clientRequestID: clientID)
            else { throw error }
            return acknowledgement(for: earlier, isRepeat: true)
        }
        announce(prepared.contact, prepared.opening, request)
        return acknowledgement(for: request, names: prepared.names, isRepeat: false)
    }

    /// Takes many requests in at once, stored in one batch (one transaction where the store has
    /// them): for bulk loads and simulations. Every draft is validated before anything is stored;
    /// one bad draft rejects the batch, naming its index.
    public func submit(
        batch drafts: [ServiceRequestDraft],
        by participant: Participant
    ) async throws -> [Acknowledgement] {
        try AccessPolicy.authorize(participant, .submitRequest, on: nil, in: jurisdiction)
        let at = now()
        var batch: [(contact: Contact, opening: RequestEvent)] = []
        var names: [(serviceType: String, department: String)] = []
        batch.reserveCapacity(drafts.count)
        names.reserveCapacity(drafts.count)
        for (index, draft) in drafts.enumerated() {
            do {
                let prepared = try prepare(draft, by: participant, at: at)
                batch.append((prepared.contact, prepared.opening))
                names.append(prepared.names)
            } catch let error as ValidationError {
                throw ValidationError(error.code, field: "batch[\(index)].\(error.field)", reason: error.reason)
            }
        }
        let requests = try await store.open(batch: batch)
        for (item, request) in zip(batch, requests) { announce(item.contact, item.opening, request) }
        return zip(requests, names).map { acknowledgement(for: $0, names: $1, isRepeat: false) }
    }

    /// Records a general-information, referral or follow-up contact. A complaint about a resolved
    /// or closed request can reopen it: pass `reopen: true`.
    ///
    /// - Parameter caller: for a call-taker reopening for the caller on the phone, what the caller
    ///   showed of the contact details given at intake (``AccessPolicy``).
    @discardableResult
    public func record(
        _ draft: ContactDraft,
        reopen: Bool = false,
        caller: SubmitterProof? = nil,
        by participant: Participant
    ) async throws -> Contact {
        try AccessPolicy.authorize(participant, .recordContact, on: nil, in: jurisdiction)
        let callType: CallType
        switch draft.purpose {
        case .information(let article):
            guard jurisdiction.knowledgeArticle(article) != nil else {
                throw ValidationError(
                    .unknownReference,
                    field: "purpose.article",
                    reason: "no knowledge article '\(article)'"
                )
            }
            callType = .generalInformation(article: article)
        case .referral(let referral):
            guard jurisdiction.department(referral.target) != nil else {
                throw ValidationError(
                    .unknownReference,
                    field: "purpose.referral.target",
                    reason: "no department or agency '\(referral.target)'"
                )
            }
            callType = .referral(referral)
        case .followUp(let ticket, let kind, let note):
            try ServiceRequestDraft.checkText(note, field: "purpose.note")
            let request = try await existing(ticket)
            if reopen {
                guard kind == .complaint else {
                    throw ValidationError(
                        .invalidValue,
                        field: "reopen",
                        reason: "only a complaint can reopen a request"
                    )
                }
                // Check before the contact is stored, so a refused reopen records nothing.
                try AccessPolicy.authorize(participant, .reopen, on: request, in: jurisdiction, caller: caller)
                try checkReopenable(request, at: now())
            }
            callType = .serviceRequest(kind, request: ticket)
        }
        if let agent = draft.agent, agent.rawValue.isEmpty {
            throw ValidationError(.missingValue, field: "agent", reason: "must not be empty when given")
        }
        let at = now()
        let contact = Contact(
            ticket: try issuer.issue(at: at),
            channel: draft.channel,
            receivedAt: at,
            agent: draft.agent,
            callType: callType
        )
        try await store.record(contact)
        feed.publish(.contactRecorded(contact))
        if reopen, case .followUp(let ticket, _, let note) = draft.purpose {
            try await self.reopen(
                ticket,
                reason: "Complaint \(contact.ticket): \(note)",
                caller: caller,
                by: participant
            )
        }
        return contact
    }

    /// What intake settled for one draft, ready to store.
    private struct PreparedRequest {
        let contact: Contact
        let opening: RequestEvent
        /// For the acknowledgement, so it needs no second catalog lookup.
        let names: (serviceType: String, department: String)
    }

    /// Validates a draft and builds its contact and opening event, without storing anything.
    private func prepare(
        _ draft: ServiceRequestDraft,
        by participant: Participant,
        at receivedAt: Date
    ) throws -> PreparedRequest {
        let valid = try draft.validated(against: jurisdiction)
        let routing = try router.route(
            RoutingInput(
                serviceType: valid.serviceType,
                description: draft.description,
                location: draft.location,
                answers: valid.answers,
                channel: draft.channel,
                receivedAt: receivedAt
            )
        )
        // Most requests go to the responsible department, whose name came with the catalog lookup.
        let responsibleName = routing.department == valid.serviceType.department ? valid.responsibleDepartmentName : nil
        guard let departmentName = responsibleName ?? jurisdiction.knownDepartmentName(routing.department)
        else {
            throw ValidationError(
                .unknownReference,
                field: "routing.department",
                reason: "the router chose unknown department '\(routing.department)'"
            )
        }
        let serviceLevel = try configuration.serviceLevels.commitment(
            for: valid.serviceType,
            priority: draft.priority,
            department: routing.department,
            receivedAt: receivedAt
        )
        let ticket = try issuer.issue(at: receivedAt)
        let contact = Contact(
            ticket: ticket,
            channel: draft.channel,
            receivedAt: receivedAt,
            agent: draft.agent,
            callType: .serviceRequest(draft.kind, request: ticket)
        )
        let opening = RequestEvent(
            ticket: ticket,
            sequence: 1,
            recordedAt: receivedAt,
            actor: participant,
            change: .opened(
                RequestOpening(
                    serviceType: valid.serviceType.id,
                    kind: draft.kind,
                    description: draft.description,
                    location: draft.location,
                    answers: valid.answers,
                    submitter: draft.submitter,
                    channel: draft.channel,
                    agent: draft.agent,
                    priority: draft.priority,
                    routing: routing,
                    serviceLevel: serviceLevel,
                    clientRequestID: draft.clientRequestID
                )
            ),
            fromState: nil,
            toState: .new,
            visibility: .public
        )
        return PreparedRequest(contact: contact, opening: opening, names: (valid.serviceType.name, departmentName))
    }

    private func announce(_ contact: Contact, _ opening: RequestEvent, _ request: ServiceRequest) {
        feed.publish(.contactRecorded(contact))
        feed.publish(.requestChanged(opening, request: request))
    }

    func acknowledgement(
        for request: ServiceRequest,
        names: (serviceType: String, department: String)? = nil,
        isRepeat: Bool
    ) -> Acknowledgement {
        Acknowledgement(
            ticket: request.ticket,
            serviceTypeName: names?.serviceType ?? jurisdiction.serviceTypeName(request.serviceType),
            department: request.department,
            departmentName: names?.department ?? jurisdiction.departmentName(request.department),
            expectedBy: request.dueAt,
            timeZone: jurisdiction.timeZone,
            isRepeat: isRepeat
        )
    }
}
