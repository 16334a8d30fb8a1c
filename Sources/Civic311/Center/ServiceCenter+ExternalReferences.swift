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

    /// Records many references at once, as ``addExternalReference(_:system:identifier:by:)``
    /// would one by one, in one store command: each event is built on the caller's copy of its
    /// request, so nothing is read first. An entry whose copy turns out stale (a conflict), or
    /// whose reference the copy already holds, takes the one-by-one path on the fresh request.
    ///
    /// - Returns: one result per entry, in order: the request after it, or what refused it
    ///   (``ValidationError``, ``AuthorizationError``, ``LifecycleError``, ``StorageError``).
    /// - Throws: ``StorageError`` when the store itself fails; nothing of the batch is written
    ///   then, where the store has transactions.
    func addExternalReferences(
        _ entries: [(request: ServiceRequest, identifier: String)],
        system: String,
        by participant: Participant
    ) async throws(StorageError) -> [Result<ServiceRequest, any Error>] {
        var results = [Result<ServiceRequest, any Error>?](repeating: nil, count: entries.count)
        var built: [(index: Int, event: RequestEvent)] = []
        built.reserveCapacity(entries.count)
        let at = now()
        for (index, entry) in entries.enumerated() {
            if entry.request.externalReference(in: system)?.identifier == entry.identifier { continue }
            do {
                _ = try Self.checkedKey(system: system, identifier: entry.identifier)
                try AccessPolicy.authorize(participant, .addExternalReference, on: entry.request, in: jurisdiction)
                let reference = ExternalReference(system: system, identifier: entry.identifier, recordedAt: at)
                let event = try nextEvent(
                    .externalReferenceAdded(reference),
                    .internal,
                    on: entry.request,
                    by: participant
                )
                built.append((index, event))
            } catch {
                results[index] = .failure(error)
            }
        }
        let appended = try await store.append(batch: built.map { ([$0.event], $0.event.sequence - 1) })
        for ((index, event), outcome) in zip(built, appended) {
            switch outcome {
            case .success(let request):
                feed.publish(.requestChanged(event, request: request))
                results[index] = .success(request)
            case .failure(let error) where error.code != .conflict:
                results[index] = .failure(error)
            case .failure:
                break  // stale: the one-by-one path below decides on the fresh request
            }
        }
        for (index, entry) in entries.enumerated() where results[index] == nil {
            do {
                results[index] = .success(
                    try await addExternalReference(
                        entry.request.ticket,
                        system: system,
                        identifier: entry.identifier,
                        by: participant
                    )
                )
            } catch let error as StorageError where !error.refusesOneEntry {
                throw error
            } catch {
                results[index] = .failure(error)
            }
        }
        // Every entry has its result by now: built and answered, refused before, or decided above.
        return results.compactMap { $0 }
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
