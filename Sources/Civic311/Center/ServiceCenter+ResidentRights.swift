import Foundation

// Residents' rights: retention of personal data after closure, a resident's subject-access
// export, and erasure. Each is a supervisor's (or the center's own) operation over the whole
// store; see Documentation/Retention.md.
extension ServiceCenter {
    /// Applies `schedule` to the closed requests, as of the center's clock (a ``RetentionJob``).
    ///
    /// - Throws: ``AuthorizationError`` unless `participant` is a supervisor or the system
    ///   (``RequestOperation/applyRetention``); ``ValidationError`` for a participant with a
    ///   malformed identifier; ``StorageError`` from the store, after which the requests redacted
    ///   so far stay redacted and running again finishes the work.
    public func applyRetention(
        _ schedule: RetentionSchedule,
        by participant: Participant
    ) async throws
        -> RetentionReport
    {
        try participant.checkIdentifiers()
        try AccessPolicy.authorize(participant, .applyRetention, on: nil, in: jurisdiction)
        let run = try await RetentionJob(schedule: schedule, actor: participant).runRecording(over: store, asOf: now())
        for (event, request) in run.changes { feed.publish(.requestChanged(event, request: request)) }
        return run.report
    }

    /// Everything the store holds about the resident with `identity` (see
    /// ``SubjectAccessExport``). Reads only: nothing is recorded.
    ///
    /// The resident is known by every identity they gave: a submitter or follower who gave
    /// `identity` and another one links the other, across the store. It reads every request's
    /// history at least twice (once to link identities, once to export), so it costs a few
    /// readings of the store.
    ///
    /// - Throws: ``AuthorizationError`` unless `participant` is a supervisor or the system
    ///   (``RequestOperation/exportPersonalData``); ``StorageError`` from the store.
    public func subjectAccessExport(
        of identity: ContactIdentity,
        by participant: Participant
    ) async throws
        -> SubjectAccessExport
    {
        try participant.checkIdentifiers()
        try AccessPolicy.authorize(participant, .exportPersonalData, on: nil, in: jurisdiction)
        let identities = try await store.identities(linkedTo: identity)
        var records: [SubjectAccessExport.Record] = []
        try await store.eachRequest(matching: RequestQuery()) { request throws(StorageError) in
            let history = try await store.events(for: request.ticket)
            if let record = try SubjectAccessExport.record(of: identities, request: request, history: history) {
                records.append(record)
            }
        }
        return SubjectAccessExport(
            kind: identity.kind.rawValue,
            subject: identity.normalized,
            generatedAt: now(),
            records: records
        )
    }

    /// Erases the resident with `identity` from every request: as submitter, follower, resident
    /// who acted, and where their details are quoted in free text. The resident is known by every
    /// identity they gave (a submitter's e-mail address erased with their phone number), linked
    /// across the store as ``subjectAccessExport(of:by:)`` does. The requests and their public
    /// history stay; each request rewritten records a
    /// ``RequestChange/personalDataErased(rewritten:)`` event. Open requests are erased too: they
    /// go on as anonymous requests, and the resident is no longer told of them.
    ///
    /// Erasing someone the store does not hold, or holds no more, changes nothing.
    ///
    /// - Throws: ``AuthorizationError`` unless `participant` is a supervisor or the system
    ///   (``RequestOperation/erasePersonalData``); ``StorageError`` from the store, after which
    ///   the requests erased so far stay erased and erasing again finishes the work.
    public func erasePersonalData(
        of identity: ContactIdentity,
        by participant: Participant
    ) async throws
        -> ErasureReport
    {
        try participant.checkIdentifiers()
        try AccessPolicy.authorize(participant, .erasePersonalData, on: nil, in: jurisdiction)
        let at = now()
        let redaction = HistoryRedaction.erasing(try await store.identities(linkedTo: identity))
        var changes: [(RequestEvent, ServiceRequest)] = []
        try await store.eachRequest(matching: RequestQuery()) { request throws(StorageError) in
            let done = try await store.redact(
                request.ticket,
                redaction,
                by: participant,
                at: at,
                recording: { .personalDataErased(rewritten: $0) }
            )
            if let done { changes.append(done) }
        }
        for (event, request) in changes { feed.publish(.requestChanged(event, request: request)) }
        let rewritten = changes.reduce(0) { total, change in
            if case .personalDataErased(let sequences) = change.0.change { total + sequences.count } else { total }
        }
        return ErasureReport(
            erasedAt: at,
            tickets: changes.map(\.0.ticket),
            eventsRewritten: rewritten,
            recorded: changes.map(\.0)
        )
    }
}
