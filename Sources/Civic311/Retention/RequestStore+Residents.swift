import Foundation

// The walks residents' rights need. No store indexes submitters, followers or free text, so
// each walks every request (closed ones only for retention), a page at a time: the cost grows
// with the store, which is acceptable for jobs run nightly or on a resident's request.
extension RequestStore {
    /// Every request matching `query`, a page at a time, in ticket order.
    func eachRequest(
        matching query: RequestQuery,
        _ body: (ServiceRequest) async throws(StorageError) -> Void
    ) async throws(StorageError) {
        var cursor: PageCursor?
        repeat {
            // The limit is the maximum, which the initializer accepts.
            let page = (try? PageRequest(limit: PageRequest.maximumLimit, after: cursor)) ?? PageRequest.first
            let found = try await requests(matching: query, page: page)
            for request in found.items { try await body(request) }
            cursor = found.next
        } while cursor != nil
    }

    /// Every identity of the resident known by `identity` across the store: the other e-mail
    /// address or phone number of any submitter or follower who gave one of theirs, repeated
    /// until nothing new is found (usually one walk and one to confirm).
    func identities(linkedTo identity: ContactIdentity) async throws(StorageError) -> Set<ContactIdentity> {
        var linked: Set<ContactIdentity> = [identity]
        while true {
            let before = linked
            try await eachRequest(matching: RequestQuery()) { request throws(StorageError) in
                linked = HistoryRedaction.identities(linkedTo: linked, in: try await events(for: request.ticket))
            }
            if linked == before { return linked }
        }
    }

    /// Redacts one request as `redaction` says, recording `change(rewritten)`, retrying on a
    /// conflict from the fresh history; `nil` when there is nothing (left) to redact, or when
    /// `stillApplies` no longer holds for the fresh request.
    func redact(
        _ ticket: TicketNumber,
        _ redaction: HistoryRedaction,
        by actor: Participant,
        at now: Date,
        recording change: ([Int]) -> RequestChange,
        while stillApplies: (ServiceRequest) -> Bool = { _ in true }
    ) async throws(StorageError) -> (event: RequestEvent, request: ServiceRequest)? {
        var attempt = 0
        while true {
            let history = try await events(for: ticket)
            guard let last = history.last, let current = try await request(ticket) else { return nil }
            guard current.version == last.sequence else {
                // Read between two writes: read both again.
                guard attempt < 3 else {
                    throw StorageError.conflict(ticket, expected: last.sequence, actual: current.version)
                }
                attempt += 1
                continue
            }
            guard stillApplies(current) else { return nil }
            guard last.sequence < Int.max else {
                throw StorageError(
                    .corrupted,
                    ticket: ticket,
                    reason: "the stored request is at version \(last.sequence); no event can follow"
                )
            }
            let rewritten = redaction.rewrittenSequences(in: history)
            guard !rewritten.isEmpty else { return nil }
            let event = RequestEvent(
                ticket: ticket,
                sequence: last.sequence + 1,
                recordedAt: max(now, current.updatedAt),
                actor: actor,
                change: change(rewritten),
                fromState: current.state,
                toState: current.state,
                visibility: .internal
            )
            do {
                let updated = try await redactPersonalData(redaction, recording: event, expectedVersion: last.sequence)
                return (event, updated)
            } catch  where error.code == .conflict && attempt < 3 {
                attempt += 1
            }
        }
    }
}
