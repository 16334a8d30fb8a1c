extension ServiceCenter {
    /// A resident's status lookup: the public view of the request with ticket number `text`, as
    /// typed or read over the phone.
    ///
    /// When the jurisdiction requires proof (``StatusLookupVerification/submitterProof(minimumPhoneDigits:)``),
    /// use ``status(of:verifiedBy:)-(String,_)``; this lookup then fails as for a ticket that does
    /// not exist.
    ///
    /// - Throws: ``TicketNumberError`` when the text is not a valid ticket number (a wrong check
    ///   digit catches misheard and swapped digits), ``StorageError`` with code
    ///   ``StorageError/Code/notFound`` when no request has it, or ``AuthorizationError`` with code
    ///   ``AuthorizationError/Code/unverified`` when the jurisdiction requires proof.
    public func status(of text: String) async throws -> PublicServiceRequest {
        try await status(of: try TicketNumber(parsing: text))
    }

    /// The public view of a request.
    ///
    /// - Throws: ``StorageError`` with code ``StorageError/Code/notFound`` when no request has the
    ///   ticket, or what the store reports.
    public func status(of ticket: TicketNumber) async throws -> PublicServiceRequest {
        try await lookUp(ticket, proof: nil)
    }

    /// A status lookup that shows the submitter's contact details: the e-mail address, the phone
    /// number, or its last digits.
    ///
    /// - Throws: ``TicketNumberError`` when the text is not a valid ticket number, and
    ///   ``AuthorizationError`` with code ``AuthorizationError/Code/unverified`` when no request
    ///   has this ticket *or* the proof does not match it: the same error, so a stranger learns
    ///   nothing from trying.
    public func status(of text: String, verifiedBy proof: SubmitterProof) async throws -> PublicServiceRequest {
        try await status(of: try TicketNumber(parsing: text), verifiedBy: proof)
    }

    /// The public view of a request, for a lookup that shows the submitter's contact details.
    public func status(of ticket: TicketNumber, verifiedBy proof: SubmitterProof) async throws -> PublicServiceRequest {
        try await lookUp(ticket, proof: proof)
    }

    private func lookUp(_ ticket: TicketNumber, proof: SubmitterProof?) async throws -> PublicServiceRequest {
        let privacy = configuration.privacy
        let request = try await store.request(ticket)
        if proof == nil, !privacy.statusLookup.requiresProof {
            guard let request else {
                throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
            }
            return PublicServiceRequest(request, in: jurisdiction, scrubbing: privacy.publicTextScrubber)
        }
        guard let request, let proof,
            proof.matches(request.submitter, minimumPhoneDigits: privacy.statusLookup.minimumPhoneDigits)
        else { throw AuthorizationError.unverifiedLookup }
        return PublicServiceRequest(request, in: jurisdiction, scrubbing: privacy.publicTextScrubber)
    }
}
