// The link between a request and the records department systems keep for it: recorded once,
// unique across the store, and usable to find the request again, even after a re-keying.
extension ServiceCenter {
    /// Records the identifier a department's system gave the request, and returns the request.
    ///
    /// Recording the request's current identifier in `system` again changes nothing (no second
    /// event), so a bridge that retries after a lost answer is safe. A new identifier in the same
    /// system re-keys the request: it becomes the current one, and the former ones still find the
    /// request (``request(externalReference:by:)``).
    ///
    /// - Throws: ``ValidationError`` for a blank or too long `system` (64 bytes) or `identifier`
    ///   (256 bytes); ``AuthorizationError``; ``LifecycleError``; ``StorageError`` with code
    ///   ``StorageError/Code/duplicate`` when the pair is recorded for another request (and nothing
    ///   is written), ``StorageError/Code/notFound`` when no request has the ticket,
    ///   ``StorageError/Code/conflict`` when other writers kept changing it, or what the store
    ///   reports.
    @discardableResult
    public func addExternalReference(
        _ ticket: TicketNumber,
        system: String,
        identifier: String,
        by participant: Participant
    ) async throws -> ServiceRequest {
        let key = try Self.checkedKey(system: system, identifier: identifier)
        let at = now()
        do {
            return try await change(ticket, .addExternalReference, by: participant) { request in
                if request.externalReference(in: key.system)?.identifier == key.identifier {
                    throw ReferenceAlreadyCurrent(request: request)
                }
                return (
                    .externalReferenceAdded(ExternalReference(system: system, identifier: identifier, recordedAt: at)),
                    .internal
                )
            }
        } catch let current as ReferenceAlreadyCurrent {
            return current.request
        }
    }

    /// The request a department's system knows by `key`, its current or a former reference, for
    /// participants allowed to see the full request (as ``request(_:by:)``).
    ///
    /// - Throws: ``ValidationError`` for a blank or too long system or identifier;
    ///   ``AuthorizationError`` when `participant` may not see the full request; ``StorageError``
    ///   with code ``StorageError/Code/notFound`` when no request has the key, or what the store
    ///   reports.
    public func request(
        externalReference key: ExternalReference.Key,
        by participant: Participant
    ) async throws -> ServiceRequest {
        _ = try Self.checkedKey(system: key.system, identifier: key.identifier)
        guard let request = try await store.request(externalReference: key) else {
            // As for tickets: a resident trying keys learns nothing about which exist.
            if case .resident = participant {
                try AccessPolicy.authorize(participant, .viewFull, on: nil, in: jurisdiction)
            }
            throw StorageError(.notFound, reason: "no request has external reference \(key)")
        }
        try AccessPolicy.authorize(participant, .viewFull, on: request, in: jurisdiction)
        return request
    }

    static func checkedKey(system: String, identifier: String) throws(ValidationError) -> ExternalReference.Key {
        try ServiceRequestDraft.checkText(system, field: "system", limit: 64)
        try ServiceRequestDraft.checkText(identifier, field: "identifier", limit: 256)
        return ExternalReference.Key(system: system, identifier: identifier)
    }
}

/// The reference is already the request's current one in its system: nothing to record.
private struct ReferenceAlreadyCurrent: Error {
    let request: ServiceRequest
}
