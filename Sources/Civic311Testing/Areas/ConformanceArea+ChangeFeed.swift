import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// The change feed: every stored contact and request event has exactly one entry, with the
    /// change exactly as stored; an opening's contact comes right before its opening event, and
    /// the entries of a batch or of one append are consecutive, in order. Positions only grow, any
    /// page size gives the same feed, reading resumes exactly after any position, a page knows
    /// whether it has caught up (even when it ends exactly at the last entry), a position past the
    /// end gives an empty caught-up page, a limit outside 1...1000 is refused, and refused writes
    /// leave no entry.
    public static let changeFeed = ConformanceArea("change feed") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let empty = try await store.changes(after: .start, limit: 10)
        check.expectEqual(
            empty,
            FeedPage(entries: [], after: .start, isCaughtUp: true),
            "the feed of an empty store"
        )

        // Client request IDs belong to an identified submitter.
        let submitter = Participant.resident("feed@example.org")
        var expected: [FeedEntry.Change] = []
        var requests: [ServiceRequest] = []
        for round in 0..<6 {
            let (contact, opening) = fixtures.opening(
                clientRequestID: round % 2 == 0 ? "feed-\(round)" : nil,
                submittedBy: submitter
            )
            requests.append(try await store.open(contact, request: opening))
            expected += ConformanceRun.changes(opening: contact, opening)

            let recorded = fixtures.contact(followingUp: round % 3 == 0 ? requests[0].ticket : nil)
            try await store.record(recorded)
            expected.append(.contact(recorded))

            let target = fixtures.integer(in: 0...(requests.count - 1))
            let moves = fixtures.events(moving: requests[target], to: round % 2 == 0 ? .inProgress : .resolved)
            let events = moves.isEmpty ? [fixtures.note(on: requests[target], text: "Round \(round).")] : moves
            requests[target] = try await run.append(events, to: requests[target])
            expected += events.map { .requestEvent($0) }
        }
        let batch = (0..<4).map { _ in fixtures.opening() }
        requests += try await store.open(batch: batch)
        expected += batch.flatMap { ConformanceRun.changes(opening: $0.contact, $0.opening) }

        // Refused writes leave no entry.
        await check.expectFailure(.duplicate, "record of a stored ticket") {
            try await store.record(
                Contact(
                    ticket: requests[1].ticket,
                    channel: .phone,
                    receivedAt: requests[1].createdAt,
                    agent: nil,
                    callType: .generalInformation(article: "KB-HOURS")
                )
            )
        }
        await check.expectFailure(.conflict, "a stale append") {
            try await store.append(
                [fixtures.note(on: requests[2], text: "Stale.")],
                expectedVersion: requests[2].version + 1
            )
        }
        let valid = fixtures.note(on: requests[3], text: "Valid first.")
        let gap = ConformanceRun.renumbered(
            fixtures.note(on: RequestFixtures.applying([valid], to: requests[3]), text: "Skips a number."),
            sequence: requests[3].version + 3
        )
        await check.expectFailure(.invalidHistory, "an append whose second event skips a sequence number") {
            try await store.append([valid, gap], expectedVersion: requests[3].version)
        }
        let refusedBatch = (0..<3).map { _ in fixtures.opening() } + [batch[0]]
        await check.expectFailure(.duplicate, "a batch whose last ticket is stored") {
            try await store.open(batch: refusedBatch)
        }
        await check.expectFailure(.duplicate, "an opening with a stored client request ID") {
            let (contact, opening) = fixtures.opening(clientRequestID: "feed-0", submittedBy: submitter)
            return try await store.open(contact, request: opening)
        }

        // Whatever the page size, the feed holds exactly what was stored, in order.
        var whole: [FeedEntry] = []
        for limit in [1, 3, 7, FeedPage.maximumLimit] {
            let entries = try await run.readFeed(limit: limit, "the feed in pages of \(limit)")
            run.expectChanges(entries, expected, "the feed in pages of \(limit)")
            if limit == 1 {
                whole = entries
            } else {
                check.expectEqual(entries, whole, "the feed in pages of \(limit) against pages of 1")
            }
        }
        check.expect(whole.first.map { $0.position > .start } ?? false, "stored entries have positions after start")
        for request in requests {
            let events = try await store.events(for: request.ticket)
            let inFeed = whole.compactMap { entry -> RequestEvent? in
                guard case .requestEvent(let event) = entry.change, event.ticket == request.ticket else {
                    return nil
                }
                return event
            }
            check.expectEqual(inFeed, events, "the feed's events of \(request.ticket) against events(for:)")
        }
        try await run.checkResumption(whole)

        // More writes continue after the last position.
        let last = whole.last?.position ?? .start
        let later = fixtures.opening()
        let laterRequest = try await store.open(later.contact, request: later.opening)
        let laterEvents = fixtures.events(moving: laterRequest, to: .closed)
        _ = try await run.append(laterEvents, to: laterRequest)
        let continued = try await run.readFeed(after: last, limit: 2, "the feed after new writes")
        run.expectChanges(
            continued,
            ConformanceRun.changes(opening: later.contact, later.opening) + laterEvents.map { .requestEvent($0) },
            "the feed after new writes"
        )

        // Bad arguments.
        for limit in [0, -1, FeedPage.maximumLimit + 1, Int.max, Int.min] {
            await check.expectFailure(.invalidArgument, "changes(after:limit: \(limit))") {
                try await store.changes(after: .start, limit: limit)
            }
        }
    }
}

extension ConformanceRun {
    /// Reading after any position of the feed resumes right after it; reading after the last entry
    /// gives an empty page that is caught up, and after a position past it is refused; a page that
    /// ends exactly at the last entry is caught up.
    func checkResumption(_ whole: [FeedEntry]) async throws {
        guard let last = whole.last?.position else {
            check.record("the feed is empty after writes")
            return
        }
        for (index, entry) in whole.enumerated() {
            let page = try await store.changes(after: entry.position, limit: 4)
            checkPage(page, after: entry.position, limit: 4, "a page after \(entry.position)")
            check.expectEqual(
                page.entries,
                Array(whole[(index + 1)..<min(whole.count, index + 5)]),
                "the page of 4 after \(entry.position)"
            )
            check.expectEqual(
                page.isCaughtUp,
                index + 4 >= whole.count - 1,
                "isCaughtUp of the page of 4 after \(entry.position)"
            )
        }
        let exact = try await store.changes(after: .start, limit: whole.count)
        check.expectEqual(exact.isCaughtUp, true, "a page that ends exactly at the last entry is caught up")
        if whole.count > 1 {
            let short = try await store.changes(after: .start, limit: whole.count - 1)
            check.expectEqual(short.isCaughtUp, false, "a page that ends one entry before the last is not caught up")
        }
        check.expectEqual(
            try await store.changes(after: last, limit: 10),
            FeedPage(entries: [], after: last, isCaughtUp: true),
            "a page after the last entry, \(last)"
        )
        for beyond in [last.rawValue + 1, last.rawValue + 1_000_000, Int64.max] {
            guard let position = FeedPosition(rawValue: beyond) else { continue }
            await check.expectFailure(.invalidArgument, "changes(after: \(position)), past the last entry \(last)") {
                try await store.changes(after: position, limit: 10)
            }
        }
    }

    /// `event` with another sequence number, so that it does not continue the history.
    static func renumbered(_ event: RequestEvent, sequence: Int) -> RequestEvent {
        RequestEvent(
            ticket: event.ticket,
            sequence: sequence,
            recordedAt: event.recordedAt,
            actor: event.actor,
            change: event.change,
            fromState: event.fromState,
            toState: event.toState,
            visibility: event.visibility
        )
    }
}
