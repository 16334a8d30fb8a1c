import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// Appending events with optimistic concurrency: the version moves with every event, a stale
    /// or early `expectedVersion` is a conflict, an event that does not continue the history is
    /// refused, and a refused append writes nothing, not even its valid first events.
    public static let append = ConformanceArea("append") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let opened = try await run.openRequest(&fixtures)
        var history = try await store.events(for: opened.ticket)

        // One event, then two at once.
        let accept = fixtures.followUp(to: opened, action: .accept)!
        let accepted = try await store.append([accept], expectedVersion: 1)
        check.expectEqual(
            accepted,
            RequestFixtures.applying([accept], to: opened),
            "append returns the request after the event"
        )
        check.expectEqual(accepted.version, 2, "the version after one appended event")
        history.append(accept)
        try await run.expectStored(accepted, history: history, "after one append")

        let start = fixtures.followUp(to: accepted, action: .start)!
        let note = fixtures.note(on: RequestFixtures.applying([start], to: accepted), text: "Crew on site.")
        let started = try await store.append([start, note], expectedVersion: 2)
        check.expectEqual(started.version, 4, "the version after two more events")
        history += [start, note]
        try await run.expectStored(started, history: history, "after appending two events")

        // Stale and early versions are conflicts that change nothing.
        let stale = fixtures.note(on: accepted, text: "Written against version 2.")
        let conflict = await check.expectFailure(.conflict, "append with a stale expectedVersion") {
            try await store.append([stale], expectedVersion: 2)
        }
        check.expectEqual(conflict?.ticket, opened.ticket, "the conflict names the ticket")
        await check.expectFailure(.conflict, "append with an expectedVersion ahead of the request") {
            try await store.append([fixtures.note(on: started, text: "Too early.")], expectedVersion: 5)
        }
        try await run.expectStored(started, history: history, "after refused conflicts")

        // Events that do not continue the history are refused, whole.
        let gap = RequestEvent(
            ticket: started.ticket,
            sequence: started.version + 2,
            recordedAt: note.recordedAt,
            actor: note.actor,
            change: .noteAdded("A gap in the sequence."),
            fromState: started.state,
            toState: started.state,
            visibility: .internal
        )
        await check.expectFailure(.invalidHistory, "append of an event that skips a sequence number") {
            try await store.append([gap], expectedVersion: started.version)
        }
        let resume = RequestEvent(
            ticket: started.ticket,
            sequence: started.version + 1,
            recordedAt: note.recordedAt,
            actor: note.actor,
            change: .resumed,
            fromState: started.state,
            toState: .inProgress,
            visibility: .public
        )
        await check.expectFailure(
            .invalidHistory,
            "append of a transition the lifecycle table forbids (resume from inProgress)"
        ) {
            try await store.append([resume], expectedVersion: started.version)
        }
        let valid = fixtures.note(on: started, text: "Valid, but followed by an invalid event.")
        let afterValid = RequestFixtures.applying([valid], to: started)
        let invalid = RequestEvent(
            ticket: afterValid.ticket,
            sequence: afterValid.version + 1,
            recordedAt: valid.recordedAt,
            actor: valid.actor,
            change: .resolved(note: "   "),
            fromState: afterValid.state,
            toState: .resolved,
            visibility: .public
        )
        await check.expectFailure(.invalidHistory, "append of a valid event followed by an invalid one") {
            try await store.append([valid, invalid], expectedVersion: started.version)
        }
        let other = try await run.openRequest(&fixtures)
        let foreign = fixtures.note(on: other, text: "For another ticket.")
        await check.expectFailure(.invalidHistory, "append of events for two tickets at once") {
            try await store.append([valid, foreign], expectedVersion: started.version)
        }
        await check.expectFailure(.invalidHistory, "append of no events") {
            try await store.append([], expectedVersion: started.version)
        }
        try await run.expectStored(started, history: history, "after refused invalid histories")
        try await run.expectStored(other, "the other request after a refused append")

        // Unknown tickets.
        var stranger = RequestFixtures(seed: run.seed, node: 77)
        let (_, unknown) = stranger.opening()
        let unknownNote = stranger.note(on: try ServiceRequest(opening: unknown), text: "Nobody here.")
        let notFound = await check.expectFailure(.notFound, "append to a ticket that has no request") {
            try await store.append([unknownNote], expectedVersion: 1)
        }
        check.expectEqual(notFound?.ticket, unknown.ticket, "the notFound error names the ticket")
        check.expectEqual(
            try await store.events(for: unknown.ticket),
            [],
            "a refused append to an unknown ticket stored nothing"
        )

        // Two writers that read the same version: the first wins, the second conflicts.
        let current = try await store.request(started.ticket)!
        let first = fixtures.note(on: current, text: "First writer.")
        let second = fixtures.note(on: current, text: "Second writer.")
        let won = try await store.append([first], expectedVersion: current.version)
        await check.expectFailure(.conflict, "the second of two writers at the same version") {
            try await store.append([second], expectedVersion: current.version)
        }
        history.append(first)
        try await run.expectStored(won, history: history, "after a lost race")

        // A long history through every state, then a reopened and closed request.
        var request = try await run.openRequest(&fixtures)
        var events = try await store.events(for: request.ticket)
        for state in [
            RequestState.assigned, .inProgress, .onHold, .inProgress, .resolved, .closed, .assigned, .new, .closed,
        ] {
            let moves = fixtures.events(moving: request, to: state)
            request = try await run.append(moves, to: request)
            events += moves
            check.expectEqual(request.state, state, "the state after moving to \(state)")
        }
        for _ in 0..<20 {
            let event = fixtures.followUp(to: request)!
            request = try await store.append([event], expectedVersion: request.version)
            events.append(event)
        }
        try await run.expectStored(request, history: events, "after a long history")
    }
}

extension ConformanceArea {
    /// Concurrent writers on one request never lose an update: many tasks append notes at once,
    /// each retrying on `StorageError.Code.conflict` from a fresh read, and every note ends up
    /// in the history exactly once.
    public static let concurrentAppends = ConformanceArea("concurrent appends") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let opened = try await run.openRequest(&fixtures)
        let writers = 8
        let notesEach = 6
        let seed = run.seed
        let texts = try await ConformanceRun.appendConcurrently(
            writers: writers,
            notesEach: notesEach,
            to: opened.ticket,
            in: store,
            seed: seed
        )
        guard let final = try await store.request(opened.ticket) else {
            check.record("the request vanished during concurrent appends")
            return
        }
        check.expectEqual(final.version, 1 + writers * notesEach, "the version after every writer appended")
        let noted: [String] = final.notes.map(\.text)
        check.expectEqual(noted.sorted(), texts.sorted(), "every note appears exactly once")
        try await run.expectStored(final, "after concurrent appends")
    }
}

extension ConformanceRun {

    /// Runs `writers` tasks that each append `notesEach` notes; returns the texts written.
    static func appendConcurrently(
        writers: Int,
        notesEach: Int,
        to ticket: TicketNumber,
        in store: any RequestStore,
        seed: UInt64
    ) async throws -> [String] {
        try await withThrowingTaskGroup(of: [String].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var writerFixtures = RequestFixtures(seed: seed &+ UInt64(writer), node: 10 + writer)
                    var written: [String] = []
                    for index in 0..<notesEach {
                        let text = "writer \(writer) note \(index)"
                        try await appendRetrying(text, to: ticket, in: store, fixtures: &writerFixtures)
                        written.append(text)
                    }
                    return written
                }
            }
            var texts: [String] = []
            for try await written in group { texts += written }
            return texts
        }
    }

    /// Appends a note with `text`, reading the request afresh and retrying after every conflict:
    /// the loop every writer of a store runs.
    static func appendRetrying(
        _ text: String,
        to ticket: TicketNumber,
        in store: any RequestStore,
        fixtures: inout RequestFixtures
    ) async throws {
        for _ in 0..<10_000 {
            guard let current = try await store.request(ticket) else {
                throw StorageError(.notFound, ticket: ticket, reason: "the request vanished")
            }
            let note = fixtures.note(on: current, text: text)
            do throws(StorageError) {
                _ = try await store.append([note], expectedVersion: current.version)
                return
            } catch {
                guard error.code == .conflict else { throw error }
            }
            await Task.yield()
        }
        throw StorageError(.unavailable, ticket: ticket, reason: "10,000 conflicts in a row")
    }
}
