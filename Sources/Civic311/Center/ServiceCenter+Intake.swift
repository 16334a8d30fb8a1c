import Foundation

extension ServiceCenter {
    /// Takes a service request in: validate → classify → route → ticket → due date → store →
    /// acknowledge.
    ///
    /// Nothing is stored unless every step succeeds.
    ///
    /// A draft's ``ServiceRequestDraft/clientRequestID`` makes a retry safe. Client request IDs
    /// are scoped to the submitter: an ID belongs to the identity of the `participant` who
    /// submits it (a resident's identity, a call-taker, a staff member, an integration; see
    /// ``ClientRequestKey``), so two submitters may use one ID and never see each other's
    /// requests.
    ///
    /// - The same participant sending the same ID with the same content (service type, kind,
    ///   description, location, answers, submitter, channel, agent and priority) gets the first
    ///   request's acknowledgement again, with ``Acknowledgement/isRepeat`` set, and nothing new is
    ///   stored. This holds for simultaneous retries too.
    /// - The same participant sending the same ID with other content is refused: the ID names
    ///   another request.
    /// - Another participant's ID never matches: their draft opens a request of its own.
    /// - An anonymous resident (`.resident(nil)`) cannot send an ID: anonymous residents share
    ///   one scope, in which one resident's retry could not be told from another's request.
    ///
    /// - Throws: ``ValidationError`` naming the field of a draft the catalog refuses (an unknown
    ///   service type, a missing or invalid answer, a missing location or contact, text too long…)
    ///   or a router that chose an unknown department (`routing.department`); code `duplicate` on
    ///   field `clientRequestID` when the participant already used the ID for a request with
    ///   other content (the reason names the first field that differs), and code `invalidValue`
    ///   on that field when an anonymous resident sends an ID; ``AuthorizationError`` when
    ///   `participant` may not submit; what the router or the service-level policy throws;
    ///   ``TicketNumberError`` when no ticket number can be issued; ``StorageError`` when the
    ///   store refuses or fails.
    public func submit(_ draft: ServiceRequestDraft, by participant: Participant) async throws -> Acknowledgement {
        try participant.checkIdentifiers()
        try AccessPolicy.authorize(participant, .submitRequest, on: nil, in: jurisdiction)
        let key = try Self.clientRequestKey(of: draft, by: participant)
        if let key, let earlier = try await store.request(key) {
            return try repeatAcknowledgement(of: draft, earlier: earlier)
        }
        let prepared = try prepare(draft, by: participant, at: now())
        // The store's check of the opening, made here so it takes the key just looked up by;
        // prepared.contact is the opening's own contact (both are built from the draft above).
        // The key moves into the request (a copy and a destroy less); the retry below reads it there.
        let new = try NewRequest(opening: prepared.opening, clientRequestKey: consume key)
        assert(new.contact == prepared.contact, "intake built a contact that is not its opening's")
        let request: ServiceRequest
        do {
            request = try await store.open(new)
        } catch {
            // A simultaneous submission with the same key stored it first.
            guard error.code == .duplicate, let key = new.clientRequestKey, let earlier = try await store.request(key)
            else { throw error }
            return try repeatAcknowledgement(of: draft, earlier: earlier)
        }
        announce(prepared.contact, prepared.opening, request)
        return acknowledgement(for: request, names: prepared.names, isRepeat: false)
    }

    /// Takes many requests in at once, stored in one batch (one transaction where the store has
    /// them): for bulk loads and simulations. Every draft is validated before anything is stored;
    /// one bad draft rejects the batch, naming its index.
    ///
    /// Client request IDs are scoped as in ``submit(_:by:)``, but a batch is not a retry: an ID
    /// the participant already used, or one used twice in the batch, refuses the whole batch
    /// with ``StorageError`` code `duplicate`.
    ///
    /// - Throws: ``ValidationError`` with the draft's index in its field (`batch[3].answers.size`);
    ///   otherwise as ``submit(_:by:)``, and nothing of the batch is stored.
    public func submit(
        batch drafts: [ServiceRequestDraft],
        by participant: Participant
    ) async throws -> [Acknowledgement] {
        try participant.checkIdentifiers()
        try AccessPolicy.authorize(participant, .submitRequest, on: nil, in: jurisdiction)
        let at = now()
        var batch: [(contact: Contact, opening: RequestEvent)] = []
        var names: [(serviceType: String, department: String)] = []
        batch.reserveCapacity(drafts.count)
        names.reserveCapacity(drafts.count)
        for (index, draft) in drafts.enumerated() {
            do {
                _ = try Self.clientRequestKey(of: draft, by: participant)
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

    /// Records a general-information, referral or follow-up contact. It changes no request: a
    /// complaint that reopens one is ``reopen(_:complaint:channel:agent:caller:by:)``.
    ///
    /// - Throws: ``ValidationError`` for an unknown knowledge article (`purpose.article`) or
    ///   referral target (`purpose.referral.target`), a blank follow-up note (`note`) or an empty
    ///   agent (`agent`); ``AuthorizationError`` when `participant` may not record contacts;
    ///   ``StorageError`` (``StorageError/Code/notFound`` when a follow-up names no stored request,
    ///   or what the store reports); ``TicketNumberError`` when no ticket number can be issued.
    @discardableResult
    public func record(_ draft: ContactDraft, by participant: Participant) async throws -> Contact {
        try participant.checkIdentifiers()
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
            try RequestNote.check(note)
            _ = try await existing(ticket)
            callType = .serviceRequest(kind, request: ticket)
        }
        return try await recordContact(draft, as: callType)
    }

    /// Records a resident's complaint about a resolved or closed request, and reopens the request
    /// with the complaint as its reason ("Complaint 02518-…: the patch crumbled").
    ///
    /// The reopening is checked (who may reopen, the request's state, the reopen window) before the
    /// complaint is stored, so a refused reopening records nothing.
    ///
    /// - Parameters:
    ///   - ticket: the request the complaint is about.
    ///   - note: what the resident says is wrong.
    ///   - channel: how the complaint came in.
    ///   - agent: the call-taker who took it, if any.
    ///   - caller: for a call-taker, what the caller showed of the contact details given at intake
    ///     (``AccessPolicy``): call-takers reopen only for the resident who submitted the request.
    ///   - participant: who records it: a call-taker (for the caller who shows `caller`) or a
    ///     supervisor. Residents do not record contacts; they reopen their own request with
    ///     ``reopen(_:reason:caller:by:)``.
    /// - Returns: the complaint's contact, whose ticket is read to the resident.
    /// - Throws: ``ValidationError`` for a blank note (`note`) or an empty agent (`agent`);
    ///   ``AuthorizationError`` when `participant` may not record contacts or reopen the request;
    ///   ``LifecycleError`` when the request is still open or finished longer ago than the reopen
    ///   window; ``StorageError`` (``StorageError/Code/notFound`` when no request has the ticket,
    ///   or what the store reports); ``TicketNumberError`` when no ticket number can be issued.
    @discardableResult
    public func reopen(
        _ ticket: TicketNumber,
        complaint note: String,
        channel: Channel,
        agent: AgentID? = nil,
        caller: SubmitterProof? = nil,
        by participant: Participant
    ) async throws -> Contact {
        try participant.checkIdentifiers()
        try AccessPolicy.authorize(participant, .recordContact, on: nil, in: jurisdiction)
        try RequestNote.check(note)
        let request = try await existing(ticket)
        // Check before the contact is stored, so a refused reopen records nothing.
        try AccessPolicy.authorize(participant, .reopen, on: request, in: jurisdiction, caller: caller)
        try checkReopenable(request, at: now())
        let draft = ContactDraft(.followUp(ticket, .complaint, note: note), channel: channel, agent: agent)
        let contact = try await recordContact(draft, as: .serviceRequest(.complaint, request: ticket))
        try await reopen(ticket, reason: "Complaint \(contact.ticket): \(note)", caller: caller, by: participant)
        return contact
    }

    /// Issues the contact's ticket, stores the contact and announces it.
    func recordContact(_ draft: ContactDraft, as callType: CallType) async throws -> Contact {
        if let agent = draft.agent { try Participant.checkIdentifier(agent.rawValue, field: "agent") }
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
        return contact
    }

    /// What intake settled for one draft, ready to store.
    struct PreparedRequest {
        let contact: Contact
        let opening: RequestEvent
        /// For the acknowledgement, so it needs no second catalog lookup.
        let names: (serviceType: String, department: String)
    }

    /// Validates a draft and builds its contact and opening event, without storing anything. The
    /// caller has checked the draft's client request ID (``clientRequestKey(of:by:)``).
    func prepare(
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
        let serviceLevel = try serviceLevels.commitment(
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

    /// The key a draft's client request ID is kept under, or `nil` without an ID.
    ///
    /// - Throws: `ValidationError` when an anonymous resident sends an ID.
    private static func clientRequestKey(
        of draft: ServiceRequestDraft,
        by participant: Participant
    ) throws(ValidationError) -> ClientRequestKey? {
        guard let id = draft.clientRequestID else { return nil }
        if case .resident(nil) = participant {
            throw ValidationError(
                .invalidValue,
                field: "clientRequestID",
                reason:
                    "an anonymous resident cannot send a client request ID: anonymous residents share one scope, so one resident's retry could not be told from another's request; identify the resident or send no ID"
            )
        }
        return ClientRequestKey(id: id, submittedBy: participant)
    }

    /// The acknowledgement of `earlier` for a draft that reused its client request ID, if the
    /// draft repeats it.
    ///
    /// - Throws: `ValidationError` when the draft's content differs: the submitter reused the
    ///   ID for another request.
    func repeatAcknowledgement(
        of draft: ServiceRequestDraft,
        earlier: ServiceRequest
    ) throws(ValidationError) -> Acknowledgement {
        if let field = draft.firstDifference(from: earlier.opening) {
            throw ValidationError(
                .duplicate,
                field: "clientRequestID",
                reason:
                    "'\(draft.clientRequestID ?? "")' is already the ID of another request of this submitter (its \(field) differs); send a new client request ID for a new request"
            )
        }
        return acknowledgement(for: earlier, isRepeat: true)
    }

    func announce(_ contact: Contact, _ opening: RequestEvent, _ request: ServiceRequest) {
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
