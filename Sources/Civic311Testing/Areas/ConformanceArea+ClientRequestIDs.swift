import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// Client request IDs are unique per submitter and find their request: the key is the ID and
    /// the scope of the participant who opened the request (`ClientRequestKey`). A second
    /// opening with a key already stored is refused and writes nothing, alone or in a batch, even
    /// after the request closed; the same ID from another submitter opens a request of its own;
    /// and keys compare as Swift strings do (case-sensitive; canonically equivalent Unicode is
    /// the same key).
    public static let clientRequestIDs = ConformanceArea("client request IDs") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let ann = Participant.resident("ann@example.org")
        let bob = Participant.resident("bob@example.org")
        let maria = Participant.callTaker("maria")
        let first = try await run.openRequest(&fixtures, clientRequestID: "web-311-0001", submittedBy: ann)
        // The same ID from other submitters: requests of their own.
        var others: [(submitter: Participant, request: ServiceRequest)] = []
        for other in [bob, maria] {
            do {
                let request = try await run.openRequest(&fixtures, clientRequestID: "web-311-0001", submittedBy: other)
                others.append((other, request))
            } catch {
                check.record(
                    "open(_:request:) by \(other) with an ID another submitter used was refused (\(error)); client request IDs are unique per submitter, not across the store"
                )
            }
        }
        let lower = try await run.openRequest(&fixtures, clientRequestID: "case-id", submittedBy: ann)
        let upper = try await run.openRequest(&fixtures, clientRequestID: "CASE-ID", submittedBy: ann)
        let plain = try await run.openRequest(&fixtures, submittedBy: ann)
        func key(_ id: String, _ submitter: Participant) -> ClientRequestKey {
            ClientRequestKey(id: id, submittedBy: submitter)
        }

        check.expectEqual(try await store.request(key("web-311-0001", ann)), first, "request(_:) by client request key")
        for (other, request) in others {
            check.expectEqual(
                try await store.request(key("web-311-0001", other)),
                request,
                "request(_:) by \(other)'s key for an ID another submitter also used"
            )
        }
        check.expectEqual(
            try await store.request(key("web-311-0001", .supervisor("chief"))),
            nil,
            "request(_:) by the key of a submitter who never used the ID"
        )
        check.expectEqual(
            try await store.request(key("web-311-0001", .resident(nil))),
            nil,
            "request(_:) by an anonymous resident's key for an ID only identified submitters used"
        )
        check.expectEqual(try await store.request(key("case-id", ann)), lower, "request(_:) is case-sensitive")
        check.expectEqual(try await store.request(key("CASE-ID", ann)), upper, "request(_:) is case-sensitive")
        check.expectEqual(try await store.request(key("web-311-0002", ann)), nil, "request(_:) of an unknown ID")
        check.expectEqual(try await store.request(key("", ann)), nil, "request(_:) of the empty ID")
        check.expectEqual(plain.clientRequestID, nil, "a request opened without a client request ID")

        let count = try await store.countRequests(matching: RequestQuery())
        let (contact, opening) = fixtures.opening(clientRequestID: "web-311-0001", submittedBy: ann)
        let error = await check.expectFailure(
            .duplicate,
            "open(_:request:) with a client request ID its submitter already used"
        ) {
            try await store.open(contact, request: opening)
        }
        check.expectEqual(error?.ticket, opening.ticket, "the duplicate error names the refused ticket")
        check.expectEqual(try await store.request(opening.ticket), nil, "the refused opening stored no request")
        // As intake opens it: the opening checked by NewRequest first, then open(_:).
        let (checkedContact, checkedOpening) = fixtures.opening(clientRequestID: "web-311-0001", submittedBy: ann)
        await check.expectFailure(
            .duplicate,
            "open(_:) (a checked NewRequest) with a client request ID its submitter already used"
        ) {
            try await store.open(NewRequest(checkedContact, opening: checkedOpening))
        }
        check.expectEqual(
            try await store.request(checkedOpening.ticket),
            nil,
            "the refused checked opening stored no request"
        )
        check.expectEqual(try await store.contact(opening.ticket), nil, "the refused opening stored no contact")
        check.expectEqual(
            try await store.request(key("web-311-0001", ann)),
            first,
            "the key still finds the first request"
        )

        // Canonically equivalent spellings are one key: "é" precomposed and decomposed, in the
        // ID and in the submitter's identity.
        let composedResident = Participant.resident(ResidentID("caf\u{E9}@example.org"))
        let decomposedResident = Participant.resident(ResidentID("cafe\u{301}@example.org"))
        let composed = try await run.openRequest(
            &fixtures,
            clientRequestID: "caf\u{E9}-42",
            submittedBy: composedResident
        )
        check.expectEqual(
            try await store.request(key("cafe\u{301}-42", decomposedResident)),
            composed,
            "a canonically equivalent key finds the request"
        )
        let (equivalentContact, equivalent) = fixtures.opening(
            clientRequestID: "cafe\u{301}-42",
            submittedBy: decomposedResident
        )
        await check.expectFailure(.duplicate, "open(_:request:) with a canonically equivalent client request key") {
            try await store.open(equivalentContact, request: equivalent)
        }

        // In batches.
        let batch = [
            fixtures.opening(clientRequestID: "batch-1", submittedBy: ann),
            fixtures.opening(clientRequestID: "case-id", submittedBy: ann),
        ]
        await check.expectFailure(.duplicate, "open(batch:) with a client request ID its submitter already used") {
            try await store.open(batch: batch)
        }
        let twice = [
            fixtures.opening(clientRequestID: "batch-2", submittedBy: ann),
            fixtures.opening(clientRequestID: "batch-2", submittedBy: ann),
        ]
        await check.expectFailure(.duplicate, "open(batch:) with one submitter's client request ID twice") {
            try await store.open(batch: twice)
        }
        for item in batch + twice {
            check.expectEqual(try await store.request(item.opening.ticket), nil, "a refused batch stored no request")
        }
        check.expectEqual(
            try await store.request(key("batch-1", ann)),
            nil,
            "a refused batch stored no client request ID"
        )
        let across = [
            fixtures.opening(clientRequestID: "batch-3", submittedBy: ann),
            fixtures.opening(clientRequestID: "batch-3", submittedBy: bob),
        ]
        let acrossOpened = try await store.open(batch: across)
        check.expectEqual(
            try await store.request(key("batch-3", bob)),
            acrossOpened.last,
            "a batch may hold one ID from two submitters"
        )
        check.expectEqual(
            try await store.countRequests(matching: RequestQuery()),
            count + 3,
            "refused openings stored nothing"
        )

        // The ID survives state changes and stays taken after closure.
        let closed = try await run.append(fixtures.events(moving: first, to: .closed), to: first)
        check.expectEqual(
            try await store.request(key("web-311-0001", ann)),
            closed,
            "the key finds the request after it changed"
        )
        let (lateContact, late) = fixtures.opening(clientRequestID: "web-311-0001", submittedBy: ann)
        await check.expectFailure(.duplicate, "reusing the client request ID of a closed request") {
            try await store.open(lateContact, request: late)
        }
    }

    /// Openings that race for one client request key: of many tasks opening a request with one
    /// key at once, alone or in batches, exactly one is stored and the others are refused as
    /// `duplicate`, however the store interleaves them. A store that checks for the key, then
    /// suspends (an actor awaiting its database, say), then inserts lets several through. The
    /// same ID from different submitters at once opens one request each.
    public static let concurrentClientRequestIDs = ConformanceArea("client request ID races") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let racers = 8
        var expectedCount = 0
        for round in 0..<8 {
            let id = "race-\(round)"
            let submitter = Participant.resident("racer@example.org")
            let inBatches = round % 2 == 1
            // One stream of fixtures, so every racer has its own ticket.
            let attempts: [[(contact: Contact, opening: RequestEvent)]] = (0..<racers).map { _ in
                let raced = fixtures.opening(clientRequestID: id, submittedBy: submitter)
                return inBatches ? [fixtures.opening(), raced] : [raced]
            }
            let outcomes = await ConformanceRun.openConcurrently(attempts, in: store)
            let stored = outcomes.compactMap { try? $0.get() }
            let refused = outcomes.compactMap { outcome -> StorageError? in
                guard case .failure(let error) = outcome else { return nil }
                return error
            }
            let how = inBatches ? "simultaneous batches holding" : "simultaneous openings with"
            check.expect(
                stored.count == 1,
                "round \(round): \(stored.count) of \(racers) \(how) one submitter's client request ID '\(id)' were stored; exactly one may be"
            )
            check.expect(
                refused.allSatisfy { $0.code == .duplicate },
                "round \(round): the losers of the race must be refused as duplicate, got \(refused.map(\.code))"
            )
            expectedCount += stored.reduce(0) { $0 + $1.count }
            if let found = try await store.request(ClientRequestKey(id: id, submittedBy: submitter)) {
                check.expect(
                    stored.contains { opened in opened.contains(found) },
                    "round \(round): the key finds \(found.ticket), which no winner opened"
                )
            } else {
                check.record("round \(round): no request is found by the raced key")
            }
            check.expectEqual(
                try await store.countRequests(matching: RequestQuery()),
                expectedCount,
                "round \(round): the requests stored after the race"
            )
        }

        // One ID from different submitters at once: each submitter's request is stored.
        let attempts = (0..<racers).map { racer in
            [
                fixtures.opening(
                    clientRequestID: "shared-id",
                    submittedBy: .resident(ResidentID("racer\(racer)@example.org"))
                )
            ]
        }
        let outcomes = await ConformanceRun.openConcurrently(attempts, in: store)
        let stored = outcomes.compactMap { try? $0.get() }
        check.expect(
            stored.count == racers,
            "\(stored.count) of \(racers) simultaneous openings with one ID from \(racers) different submitters were stored; all may be"
        )
    }
}

extension ConformanceRun {
    /// Opens each batch of `attempts` in a task of its own, all at once (a batch of one with
    /// `open(_:request:)`), and returns what each got. The tasks wait for each other at a gate
    /// and call the store together, so their calls overlap.
    static func openConcurrently(
        _ attempts: [[(contact: Contact, opening: RequestEvent)]],
        in store: any RequestStore
    ) async -> [Result<[ServiceRequest], StorageError>] {
        let gate = StartingGate(parties: attempts.count)
        return await withTaskGroup(of: Result<[ServiceRequest], StorageError>.self) { group in
            for attempt in attempts {
                group.addTask {
                    await gate.arrive()
                    do throws(StorageError) {
                        if attempt.count == 1 {
                            return .success([try await store.open(attempt[0].contact, request: attempt[0].opening)])
                        }
                        return .success(try await store.open(batch: attempt))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var outcomes: [Result<[ServiceRequest], StorageError>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
    }
}
