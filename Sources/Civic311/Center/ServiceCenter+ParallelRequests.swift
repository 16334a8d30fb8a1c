// Parallel requests ("bypassing"): a resident who called the department directly is still a 311
// request. The department's system enters it with its own reference and gets the universal
// ticket back; the case stays one request, whoever counts it.
extension ServiceCenter {
    /// Enters a request that a department took directly (a resident called the department, not
    /// 311), and returns its acknowledgement with the universal ticket number.
    ///
    /// `participant` is the department's system, `.integration(system, department:)`. The
    /// request is entered as it would be at 311 (validated, routed, given its service level) on
    /// the ``Channel/departmentSystem`` channel, and must route to that department: it is the
    /// department's own case. `reference` is the department's record for it, recorded as the
    /// request's external reference in `system`, so that the department's status updates
    /// (``receive(_:mappedBy:servingDepartments:)``) find it and close it with the department's
    /// own note.
    ///
    /// One case is one request, counted once:
    /// - Entering the same reference again returns the first acknowledgement with
    ///   ``Acknowledgement/isRepeat`` set, and stores nothing: not a second request, not a second
    ///   contact. This holds after a crash between storing the request and recording its reference
    ///   (the reference is the request's ``ServiceRequest/clientRequestID`` in the system's scope),
    ///   and for simultaneous retries.
    /// - A ``DepartmentOutbox`` whose adapter speaks for `system` does not dispatch the request
    ///   back to the back office that entered it; it sends only what others change later.
    /// - Its contact is on the ``Channel/departmentSystem`` channel, so contact-center figures,
    ///   which count what reached 311, can leave it out (`ContactQuery.channels`).
    ///
    /// - Throws: ``AuthorizationError`` when `participant` is not a department's system;
    ///   ``ValidationError`` naming the field for a draft the catalog refuses (as
    ///   ``submit(_:by:)``), a channel other than ``Channel/departmentSystem`` (`channel`), a
    ///   client request ID (`clientRequestID`: the reference is the key), a blank reference or
    ///   one over 128 bytes (`reference`), a draft that routes to another department
    ///   (`routing.department`), or a reference that already names another request or a request
    ///   with other content (`reference`, code `duplicate`); what ``submit(_:by:)`` throws
    ///   otherwise. Nothing is stored when it throws, except that a request stored by an earlier
    ///   attempt that failed before its reference was recorded gets the reference.
    public func enterParallelRequest(
        _ draft: ServiceRequestDraft,
        reference: String,
        by participant: Participant
    ) async throws -> Acknowledgement {
        try participant.checkIdentifiers()
        guard case .integration(let system, let department) = participant else {
            throw AuthorizationError(
                .denied,
                participant: participant,
                operation: .submitRequest,
                reason: "parallel requests are entered by a department's system (an integration participant)"
            )
        }
        try AccessPolicy.authorize(participant, .submitRequest, on: nil, in: jurisdiction)
        try Self.checkParallel(draft, reference: reference)
        let key = try Self.checkedKey(system: system, identifier: reference)
        var keyed = draft
        keyed.clientRequestID = reference
        if let earlier = try await store.request(externalReference: key) {
            return try parallelRepeat(of: keyed, earlier: earlier, key: key)
        }
        let request: ServiceRequest
        let isRepeat: Bool
        let clientKey = ClientRequestKey(id: reference, submittedBy: participant)
        if let stored = try await store.request(clientKey) {
            // An earlier attempt stored the request and failed before recording the reference.
            _ = try parallelRepeat(of: keyed, earlier: stored, key: key)
            (request, isRepeat) = (stored, true)
        } else {
            let prepared = try prepare(keyed, by: participant, at: now())
            if case .opened(let opening) = prepared.opening.change, opening.routing.department != department {
                throw ValidationError(
                    .invalidValue,
                    field: "routing.department",
                    reason:
                        "the request routes to \(opening.routing.department), not to \(department), which entered it; a parallel request is the entering department's own case (refer the resident, or submit it as a 311 request)"
                )
            }
            do {
                request = try await store.open(prepared.contact, request: prepared.opening)
                announce(prepared.contact, prepared.opening, request)
                isRepeat = false
            } catch {
                // A simultaneous attempt stored it first.
                guard error.code == .duplicate, let stored = try await store.request(clientKey) else { throw error }
                _ = try parallelRepeat(of: keyed, earlier: stored, key: key)
                (request, isRepeat) = (stored, true)
            }
        }
        let linked = try await addExternalReference(
            request.ticket,
            system: system,
            identifier: reference,
            by: participant
        )
        return acknowledgement(for: linked, isRepeat: isRepeat)
    }

    private static func checkParallel(_ draft: ServiceRequestDraft, reference: String) throws(ValidationError) {
        guard draft.channel == .departmentSystem else {
            throw ValidationError(
                .invalidValue,
                field: "channel",
                reason: "a parallel request comes in on the departmentSystem channel, not \(draft.channel.rawValue)"
            )
        }
        guard draft.clientRequestID == nil else {
            throw ValidationError(
                .invalidValue,
                field: "clientRequestID",
                reason: "a parallel request is keyed by its reference; leave the client request ID empty"
            )
        }
        // The reference doubles as the client request ID, whose limit is lower than a reference's.
        try ServiceRequestDraft.checkText(reference, field: "reference", limit: 128)
    }

    /// The acknowledgement of `earlier` for a retried entry, if the draft repeats it.
    private func parallelRepeat(
        of draft: ServiceRequestDraft,
        earlier: ServiceRequest,
        key: ExternalReference.Key
    ) throws(ValidationError) -> Acknowledgement {
        guard earlier.clientRequestID == draft.clientRequestID else {
            throw ValidationError(
                .duplicate,
                field: "reference",
                reason: "\(key) already names request \(earlier.ticket), which was not entered as this case"
            )
        }
        if let field = draft.firstDifference(from: earlier.opening) {
            throw ValidationError(
                .duplicate,
                field: "reference",
                reason:
                    "\(key) already names request \(earlier.ticket), entered with another \(field); a new case needs a new reference"
            )
        }
        return acknowledgement(for: earlier, isRepeat: true)
    }
}
