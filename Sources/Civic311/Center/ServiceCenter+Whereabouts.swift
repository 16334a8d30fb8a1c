// Where a request went: for the department that held it before, by ticket or by its own
// system's reference, without seeing anything else of it.
extension ServiceCenter {
    /// Where the request is now, for participants who see it in full, call-takers, and the
    /// departments that held it before (``AccessPolicy/authorize(_:whereaboutsOf:history:in:)``).
    ///
    /// - Throws: ``AuthorizationError`` when `participant` neither holds nor held the request (a
    ///   resident included: residents read the public view); ``StorageError`` with code
    ///   ``StorageError/Code/notFound`` when no request has the ticket, or what the store reports.
    public func whereabouts(of ticket: TicketNumber, by participant: Participant) async throws -> RequestWhereabouts {
        try participant.checkIdentifiers()
        return try await whereabouts(
            of: try await existing(ticket, for: participant, .viewWhereabouts),
            by: participant
        )
    }

    /// Where the request that a department's system knows by `key` (its current or a former
    /// reference) is now; the call a bridge makes when its department's update for a request is
    /// parked because the request moved away.
    ///
    /// - Throws: ``ValidationError`` for a blank or too long system or identifier;
    ///   ``AuthorizationError`` as ``whereabouts(of:by:)``; ``StorageError`` with code
    ///   ``StorageError/Code/notFound`` when no request has the reference, or what the store
    ///   reports.
    public func whereabouts(
        externalReference key: ExternalReference.Key,
        by participant: Participant
    ) async throws -> RequestWhereabouts {
        try participant.checkIdentifiers()
        _ = try Self.checkedKey(system: key.system, identifier: key.identifier)
        guard let request = try await store.request(externalReference: key) else {
            // As for tickets: a resident trying keys learns nothing about which exist.
            if case .resident = participant {
                try AccessPolicy.authorize(participant, .viewWhereabouts, on: nil, in: jurisdiction)
            }
            throw StorageError(.notFound, reason: "no request has external reference \(key)")
        }
        return try await whereabouts(of: request, by: participant)
    }

    private func whereabouts(of request: ServiceRequest, by participant: Participant) async throws -> RequestWhereabouts
    {
        let history = try await store.events(for: request.ticket)
        try AccessPolicy.authorize(participant, whereaboutsOf: request, history: history, in: jurisdiction)
        return RequestWhereabouts(
            request,
            history: history,
            departmentName: jurisdiction.departmentName(request.department)
        )
    }
}
