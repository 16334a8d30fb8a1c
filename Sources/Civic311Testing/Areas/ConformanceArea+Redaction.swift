import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// `redactPersonalData(_:recording:expectedVersion:)` rewrites a history exactly as
    /// `HistoryRedaction.apply(to:recording:expectedVersion:)` says, everywhere the store keeps
    /// it: the events, the snapshot, the client request ID index and the change feed, which
    /// serves the redacted events at their old positions and the recording event after the last.
    /// Erasure leaves no trace of the resident in what the store returns; retention removes
    /// internal notes; a stale version, an event naming other events, nothing to redact and an
    /// unknown ticket are refused, writing nothing.
    public static let personalDataRedaction = ConformanceArea("personal data redaction") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let ana = Submitter(name: "Ana Núñez", phone: "(555) 010-7788", email: "Ana.Nunez@example.org")
        let anaOnline = Participant.resident("ana.nunez@example.org")
        guard let identity = ContactIdentity(phone: "+1 555 010 7788") else {
            check.record("the kit's own phone number does not parse")
            return
        }
        // Ana's own request, opened online with a client request ID, quoting her number.
        var mine = try await store.open(
            fixtures.opening(clientRequestID: "form-ana", submittedBy: anaOnline),
            submitter: ana,
            description: "Sinkhole by the bus stop; Ana Núñez, call 555-010-7788"
        )
        // A neighbour's request Ana follows.
        var theirs = try await run.openRequest(&fixtures)
        let neighbour = Submitter(name: "Ben Okafor", email: "ben@example.org")
        for follower in [ana, neighbour] {
            theirs = try await run.append(
                [RequestFixtures.event(.followerAdded(follower), on: theirs, to: theirs.state, visibility: .internal)],
                to: theirs
            )
        }
        mine = try await run.append(fixtures.events(moving: mine, to: .closed), to: mine)
        mine = try await run.append([fixtures.note(on: mine, text: "Caller Ana Núñez was polite")], to: mine)
        let bystander = try await run.openRequest(&fixtures)
        let bystanderHistory = try await store.events(for: bystander.ticket)

        // Refusals first: each writes nothing.
        let erasure = HistoryRedaction.erasing(identity)
        let history = try await store.events(for: mine.ticket)
        let rewritten = erasure.rewrittenSequences(in: history)
        check.expect(rewritten.contains(1), "the kit's erasure rewrites the opening event")
        func recording(_ change: RequestChange, on request: ServiceRequest) -> RequestEvent {
            RequestFixtures.event(change, on: request, to: request.state, by: .supervisor("dpo"), visibility: .internal)
        }
        let erased = recording(.personalDataErased(rewritten: rewritten), on: mine)
        await check.expectFailure(.conflict, "redactPersonalData at a stale version") {
            try await store.redactPersonalData(erasure, recording: erased, expectedVersion: mine.version - 1)
        }
        await check.expectFailure(.invalidHistory, "redactPersonalData naming other events than it rewrites") {
            try await store.redactPersonalData(
                erasure,
                recording: recording(.personalDataErased(rewritten: [1]), on: mine),
                expectedVersion: mine.version
            )
        }
        await check.expectFailure(.invalidHistory, "redactPersonalData recording a retention for an erasure") {
            try await store.redactPersonalData(
                erasure,
                recording: recording(.retentionApplied(.residentIdentity, rewritten: rewritten), on: mine),
                expectedVersion: mine.version
            )
        }
        let nobody = HistoryRedaction.erasing(ContactIdentity(email: "nobody@example.org") ?? identity)
        await check.expectFailure(.invalidHistory, "redactPersonalData with nothing to redact") {
            try await store.redactPersonalData(
                nobody,
                recording: recording(.personalDataErased(rewritten: [1]), on: bystander),
                expectedVersion: bystander.version
            )
        }
        var unknown = fixtures
        let missing = try ServiceRequest(opening: unknown.opening().opening)
        await check.expectFailure(.notFound, "redactPersonalData of an unknown ticket") {
            try await store.redactPersonalData(
                erasure,
                recording: recording(.personalDataErased(rewritten: [1]), on: missing),
                expectedVersion: 1
            )
        }
        try await run.expectStored(mine, history: history, "after refused redactions")

        // The erasure, on both of Ana's requests.
        let feedBefore = try await run.readFeed(limit: 100, "the feed before erasure")
        for request in [mine, theirs] {
            let before = try await store.events(for: request.ticket)
            let event = recording(.personalDataErased(rewritten: erasure.rewrittenSequences(in: before)), on: request)
            let expected = try erasure.apply(to: before, recording: event, expectedVersion: request.version)
            let returned = try await store.redactPersonalData(
                erasure,
                recording: event,
                expectedVersion: request.version
            )
            check.expectEqual(returned, expected.request, "redactPersonalData(erasure) of \(request.ticket) returned")
            try await run.expectStored(expected.request, history: expected.events, "an erased request")
        }
        mine = try await store.request(mine.ticket) ?? mine
        check.expectEqual(mine.submitter, nil, "an erased submitter")
        check.expectEqual(
            try await store.request(ClientRequestKey(id: "form-ana", submittedBy: anaOnline))?.ticket,
            nil,
            "request(clientRequestKey) of a client request ID whose resident was erased"
        )
        let theirsNow = try await store.events(for: theirs.ticket)
        check.expectEqual(
            ServiceCenter.followers(in: theirsNow),
            [neighbour],
            "the followers of a request after one was erased"
        )
        try await run.expectStored(bystander, history: bystanderHistory, "a request the erasure does not concern")

        // The feed: the same positions, the redacted events, then one entry per recording event.
        let feedAfter = try await run.readFeed(limit: 100, "the feed after erasure")
        check.expectEqual(
            feedAfter.prefix(feedBefore.count).map(\.position),
            feedBefore.map(\.position),
            "feed positions after erasure"
        )
        check.expectEqual(feedAfter.count, feedBefore.count + 2, "feed entries after erasing from two requests")
        for entry in feedAfter {
            guard case .requestEvent(let event) = entry.change else { continue }
            let stored = try await store.events(for: event.ticket)
            check.expectEqual(
                stored.indices.contains(event.sequence - 1) ? stored[event.sequence - 1] : nil,
                event,
                "the feed entry at \(entry.position) against event \(event.sequence) of \(event.ticket)"
            )
        }
        let traces = ["Núñez", "ana.nunez@example.org", "Ana.Nunez", "555-010-7788", "010-7788", "5550107788"]
        var held: [String] = []
        for ticket in [mine.ticket, theirs.ticket] {
            let events = try await store.events(for: ticket)
            let request = try await store.request(ticket)
            held.append(try Self.json(events) + Self.json(request) + Self.json(try await store.contact(ticket)))
        }
        for entry in feedAfter {
            switch entry.change {
            case .requestEvent(let event): held.append(try Self.json(event))
            case .contact(let contact): held.append(try Self.json(contact))
            }
        }
        for trace in traces where held.contains(where: { $0.contains(trace) }) {
            check.record("after erasure the store still returns \"\(trace)\" of the erased resident")
        }

        // Retention of internal notes on the closed request.
        let retention = HistoryRedaction.retention(.internalNotes)
        let closedHistory = try await store.events(for: mine.ticket)
        let dropped = retention.rewrittenSequences(in: closedHistory)
        check.expect(!dropped.isEmpty, "the kit's closed request has an internal note to drop")
        let retained = recording(.retentionApplied(.internalNotes, rewritten: dropped), on: mine)
        let expected = try retention.apply(to: closedHistory, recording: retained, expectedVersion: mine.version)
        mine = try await store.redactPersonalData(retention, recording: retained, expectedVersion: mine.version)
        try await run.expectStored(expected.request, history: expected.events, "a request after retention")
        check.expect(
            !mine.notes.contains { $0.text.contains("polite") },
            "an internal note is still held after retention removed it"
        )
    }

    /// The JSON of a stored value, to search for what it should no longer hold.
    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}

extension RequestStore {
    /// Opens `made` with another submitter and description.
    fileprivate func open(
        _ made: (contact: Contact, opening: RequestEvent),
        submitter: Submitter,
        description: String
    ) async throws -> ServiceRequest {
        guard case .opened(let opening) = made.opening.change else {
            return try await open(made.contact, request: made.opening)
        }
        let changed = RequestOpening(
            serviceType: opening.serviceType,
            kind: opening.kind,
            description: description,
            location: opening.location,
            answers: opening.answers,
            submitter: submitter,
            channel: opening.channel,
            agent: opening.agent,
            priority: opening.priority,
            routing: opening.routing,
            serviceLevel: opening.serviceLevel,
            clientRequestID: opening.clientRequestID
        )
        let event = made.opening
        return try await open(
            made.contact,
            request: RequestEvent(
                ticket: event.ticket,
                sequence: 1,
                recordedAt: event.recordedAt,
                actor: event.actor,
                change: .opened(changed),
                fromState: nil,
                toState: .new,
                visibility: event.visibility
            )
        )
    }
}
