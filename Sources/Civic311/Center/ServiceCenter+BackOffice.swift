import Foundation

// Updates from department back offices: mapped through the adapter's status table, applied once,
// in the order the back office sent them, and never dropped: what cannot be applied is parked in
// the request's history for an operator.
extension ServiceCenter {
    /// The back-office record to store with the change being made, for ``receive(_:mappedBy:servingDepartments:)``.
    @TaskLocal static var recordedWith: BackOfficeUpdateRecord?

    /// Applies a back office's status update to the request it names, through `map`.
    ///
    /// The request is found by the update's reference, current or former (a re-keyed record still
    /// finds it). Then, in this order:
    /// 1. A key already recorded for the system changes nothing: ``BackOfficeUpdate/Outcome/duplicate(_:)``.
    /// 2. An update sent before the last one applied from the system is recorded and ignored:
    ///    ``BackOfficeUpdate/Outcome/stale(_:)``.
    /// 3. A request that has moved to a department outside `departments` (the ones the back office
    ///    serves), an unknown status, a transition that needs a note the update does not carry (when
    ///    the map has none), or a transition the request's state does not allow is recorded and left
    ///    for an operator:
    ///    ``BackOfficeUpdate/Outcome/parked(_:reason:)``.
    /// 4. Otherwise the mapped transition is made by the back office as
    ///    ``Participant/integration(_:department:)`` of the request's department, and the
    ///    update's record is stored in the same append: ``BackOfficeUpdate/Outcome/applied(_:)``.
    ///
    /// The resident reads the back office's note when the map's entry uses it and it is not blank,
    /// otherwise the entry's own public note.
    ///
    /// - Throws: ``ValidationError`` naming the field for a blank or too long status (64 bytes),
    ///   key (128 bytes), note or reference, a time that is not finite, or a reference in another
    ///   system than `map`'s; ``StorageError`` with ``StorageError/Code/notFound`` when no request
    ///   has the reference, or what the store reports. Nothing is written when it throws.
    public func receive(
        _ update: BackOfficeUpdate,
        mappedBy map: BackOfficeStatusMap,
        servingDepartments departments: Set<DepartmentID>
    ) async throws -> BackOfficeUpdate.Outcome {
        try Self.check(update, against: map)
        let system = update.reference.system
        var attempt = 0
        while true {
            guard let request = try await store.request(externalReference: update.reference) else {
                throw StorageError(.notFound, reason: "no request has external reference \(update.reference)")
            }
            let history = try await store.events(for: request.ticket)
            var lastApplied: Date?
            for event in history {
                guard case .backOfficeUpdate(let record) = event.change, record.system == system else { continue }
                if record.key == update.key { return .duplicate(request) }
                if record.disposition == .applied { lastApplied = max(lastApplied ?? record.sentAt, record.sentAt) }
            }
            if let lastApplied, update.sentAt < lastApplied {
                return try await outcome(.stale, of: update, on: request) { .stale($0) }
            }
            guard departments.contains(request.department) else {
                let reason = "the request moved to \(request.department), which \(system) does not serve"
                return try await outcome(.parked(reason: reason), of: update, on: request) {
                    .parked($0, reason: reason)
                }
            }
            let participant = Participant.integration(system, department: request.department)
            do {
                let applied = try await Self.$recordedWith.withValue(Self.record(update, .applied)) {
                    try await apply(update, mappedBy: map, to: request, by: participant)
                }
                return .applied(applied)
            } catch let parking as Parking {
                return try await outcome(.parked(reason: parking.reason), of: update, on: request) {
                    .parked($0, reason: parking.reason)
                }
            } catch let error as StorageError where error.code == .conflict && attempt < Self.conflictRetries {
                attempt += 1  // another writer went first: decide again on the fresh request
            } catch let error as LifecycleError {
                let reason = "not allowed while the request is \(request.state): \(error.reason)"
                return try await outcome(.parked(reason: reason), of: update, on: request) {
                    .parked($0, reason: reason)
                }
            }
        }
    }

    /// Makes the mapped change; throws ``Parking`` when the map cannot say what to do.
    private func apply(
        _ update: BackOfficeUpdate,
        mappedBy map: BackOfficeStatusMap,
        to request: ServiceRequest,
        by participant: Participant
    ) async throws -> ServiceRequest {
        guard let entry = map.entry(for: update.status) else {
            throw Parking(reason: "unknown status '\(update.status)' from \(map.system)")
        }
        let sent = update.note.flatMap { entry.usesBackOfficeNote && !$0.isBlank ? $0 : nil }
        let note = sent ?? entry.publicNote
        if entry.transition.needsNote && note == nil {
            throw Parking(reason: "status '\(update.status)' needs a note for the resident and the update carries none")
        }
        let ticket = request.ticket
        switch entry.transition {
        case .accept: return try await accept(ticket, by: participant)
        case .start: return try await start(ticket, by: participant)
        case .resume: return try await resume(ticket, by: participant)
        case .putOnHold: return try await putOnHold(ticket, waitingFor: note ?? "", by: participant)
        case .resolve: return try await resolve(ticket, note: note ?? "", by: participant)
        case .close(let reason): return try await close(ticket, reason: reason, note: note ?? "", by: participant)
        case .returnAsNotOurs: return try await returnAsNotOurs(ticket, reason: note ?? "", by: participant)
        case .note: return try await addNote(ticket, note ?? "", visibility: .public, by: participant)
        }
    }

    /// Records an update that changes nothing else, and returns its outcome.
    private func outcome(
        _ disposition: BackOfficeUpdateRecord.Disposition,
        of update: BackOfficeUpdate,
        on request: ServiceRequest,
        _ make: (ServiceRequest) -> BackOfficeUpdate.Outcome
    ) async throws -> BackOfficeUpdate.Outcome {
        let record = Self.record(update, disposition)
        do {
            let stored = try await change(request.ticket, .addInternalNote, by: .system) { current, history in
                // A retry of the same update that raced this one: it is recorded once.
                if history.contains(where: {
                    if case .backOfficeUpdate(let r) = $0.change {
                        r.system == record.system && r.key == record.key
                    } else {
                        false
                    }
                }) {
                    throw AlreadyRecorded(request: current)
                }
                return (.backOfficeUpdate(record), .internal)
            }
            return make(stored)
        } catch let recorded as AlreadyRecorded {
            return .duplicate(recorded.request)
        }
    }

    private static func record(
        _ update: BackOfficeUpdate,
        _ disposition: BackOfficeUpdateRecord.Disposition
    )
        -> BackOfficeUpdateRecord
    {
        BackOfficeUpdateRecord(
            system: update.reference.system,
            key: update.key,
            status: update.status,
            note: update.note,
            sentAt: update.sentAt,
            disposition: disposition
        )
    }

    private static func check(_ update: BackOfficeUpdate, against map: BackOfficeStatusMap) throws(ValidationError) {
        try ServiceRequestDraft.checkText(update.reference.system, field: "reference.system", limit: 64)
        try ServiceRequestDraft.checkText(update.reference.identifier, field: "reference.identifier", limit: 256)
        guard update.reference.system == map.system else {
            throw ValidationError(
                .invalidValue,
                field: "reference.system",
                reason: "the update is from '\(update.reference.system)', the status map is for '\(map.system)'"
            )
        }
        try ServiceRequestDraft.checkText(update.status, field: "status", limit: 64)
        try ServiceRequestDraft.checkText(update.key, field: "key", limit: 128)
        if let note = update.note, !note.isBlank {
            try RequestNote.check(note)
        }
        guard update.sentAt.timeIntervalSinceReferenceDate.isFinite else {
            throw ValidationError(.outOfRange, field: "sentAt", reason: "must be a finite time")
        }
    }
}

/// The update cannot be applied as mapped; it is parked with this reason.
private struct Parking: Error {
    let reason: String
}

/// The same update was recorded by a writer that went first.
private struct AlreadyRecorded: Error {
    let request: ServiceRequest
}
