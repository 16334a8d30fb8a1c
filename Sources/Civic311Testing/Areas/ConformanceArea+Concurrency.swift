import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// Many tasks at once opening requests (alone and in batches), appending with retries on
    /// conflict (to their own requests and to one shared request), reading, listing and
    /// counting. Afterwards every request is whole, folds from its events, and nothing written
    /// is missing.
    public static let concurrentStress = ConformanceArea("concurrent stress") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let shared = try await run.openRequest(&fixtures)
        let tasks = 12
        let rounds = 8
        let seed = run.seed
        let outcomes = try await withThrowingTaskGroup(of: ConformanceRun.StressOutcome.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    try await ConformanceRun.stress(
                        task: task,
                        rounds: rounds,
                        shared: shared.ticket,
                        store: store,
                        seed: seed
                    )
                }
            }
            var outcomes: [ConformanceRun.StressOutcome] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let opened = outcomes.flatMap(\.opened)
        check.expectEqual(Set(opened.map(\.ticket)).count, opened.count, "every task opened distinct tickets")
        check.expectEqual(
            try await store.countRequests(matching: RequestQuery()),
            opened.count + 1,
            "every opened request is stored"
        )
        for request in opened {
            try await run.expectStored(request, "after the stress")
        }
        let final = try await store.request(shared.ticket)
        let sharedNotes = outcomes.flatMap(\.sharedNotes)
        check.expectEqual(final?.version, 1 + sharedNotes.count, "the shared request has every task's note")
        check.expectEqual(
            final?.notes.map(\.text).sorted(),
            sharedNotes.sorted(),
            "no note on the shared request was lost"
        )
        for outcome in outcomes {
            check.expectEqual(
                try await store.latestTicket(issuedBy: outcome.node),
                outcome.opened.map(\.ticket).max(),
                "latestTicket(issuedBy: \(outcome.node))"
            )
        }
        let listed = try await run.listAll(
            RequestQuery(order: .dueAscending),
            limit: 50,
            "listing after the stress"
        )
        check.expectEqual(listed.count, opened.count + 1, "the due-order listing has every request")
    }
}

extension ConformanceRun {

    /// What one stress task wrote.
    struct StressOutcome: Sendable {
        let node: Int
        /// The task's requests as it last wrote them.
        var opened: [ServiceRequest] = []
        var sharedNotes: [String] = []
    }

    /// One stress task: open, change, read, list, in rounds.
    static func stress(
        task: Int,
        rounds: Int,
        shared: TicketNumber,
        store: any RequestStore,
        seed: UInt64
    ) async throws -> StressOutcome {
        var fixtures = RequestFixtures(seed: seed &+ 1000 &+ UInt64(task), node: 20 + task)
        var outcome = StressOutcome(node: fixtures.node)
        for round in 0..<rounds {
            if round % 3 == 2 {
                let batch = (0..<3).map { _ in
                    fixtures.opening(
                        clientRequestID: fixtures.chance(0.5)
                            ? "stress-\(task)-\(round)-\(fixtures.integer(in: 0...999_999))" : nil
                    )
                }
                outcome.opened += try await store.open(batch: batch)
            } else {
                let (contact, opening) = fixtures.opening()
                outcome.opened.append(try await store.open(contact, request: opening))
            }
            // Change one of the task's own requests: only this task writes it, so no conflict.
            let index = fixtures.integer(in: 0...(outcome.opened.count - 1))
            if let event = fixtures.followUp(to: outcome.opened[index]) {
                outcome.opened[index] = try await store.append([event], expectedVersion: outcome.opened[index].version)
            }
            // A note on the shared request, racing every other task.
            let text = "task \(task) round \(round)"
            try await appendRetrying(text, to: shared, in: store, fixtures: &fixtures)
            outcome.sharedNotes.append(text)
            // Reads in between.
            _ = try await store.request(outcome.opened[fixtures.integer(in: 0...(outcome.opened.count - 1))].ticket)
            _ = try await store.countRequests(matching: RequestQuery(states: [.new]))
            _ = try await store.requests(matching: RequestQuery(order: .dueAscending), page: PageRequest(limit: 20))
        }
        return outcome
    }
}
