import Civic311
import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// Lookups by ticket run on the caller's thread when a lookup connection is free and on a reader
/// thread otherwise (see the Threads article): both at once must give the same answers, and
/// closing the store while lookups run must end them cleanly.
@Suite struct InlineLookupTests {
    /// More tasks than there are lookup connections, so that some lookups go to the reader
    /// threads while others run where they were asked; unknown tickets in between.
    @Test func concurrentLookupsFromManyTasksAllAgree() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteRequestStore(path: "\(directory)/lookups.sqlite")
            var fixtures = RequestFixtures(seed: 80)
            let opened = try await store.open(batch: (0..<40).map { _ in fixtures.opening() })
            let unknown = fixtures.opening().contact.ticket
            let tasks = 2 * ProcessInfo.processInfo.activeProcessorCount + 4
            let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        var mismatches = 0
                        for round in 0..<200 {
                            let expected = opened[(task * 7 + round) % opened.count]
                            if try await store.request(expected.ticket) != expected { mismatches += 1 }
                            if round % 25 == 0, try await store.request(unknown) != nil { mismatches += 1 }
                        }
                        return mismatches
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(mismatches == 0)
            store.close()
        }
    }

    /// Lookups running while the store closes either answer or throw `unavailable`; after
    /// `close()` returns, every lookup throws `unavailable`.
    @Test(.timeLimit(.minutes(1))) func closingWhileConcurrentLookupsRunEndsThemCleanly() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteRequestStore(path: "\(directory)/closing.sqlite")
            var fixtures = RequestFixtures(seed: 81)
            let opened = try await store.open(batch: (0..<10).map { _ in fixtures.opening() })
            let lookups = (0..<6).map { task in
                Task { () -> [String] in
                    var problems: [String] = []
                    for round in 0... {
                        let expected = opened[(task + round) % opened.count]
                        do {
                            let found = try await store.request(expected.ticket)
                            if found != expected {
                                problems.append("\(expected.ticket) came back as \(String(describing: found))")
                            }
                        } catch let error as StorageError where error.code == .unavailable {
                            return problems
                        } catch {
                            problems.append("\(error)")
                            return problems
                        }
                        if round % 64 == 0 { await Task.yield() }
                    }
                    return problems
                }
            }
            try await Task.sleep(for: .milliseconds(50))
            store.close()
            let error = await #expect(throws: StorageError.self) { try await store.request(opened[0].ticket) }
            #expect(error?.code == .unavailable)
            for lookup in lookups { #expect(await lookup.value == []) }
            // The file was left whole: it opens again and every request is there.
            let reopened = try SQLiteRequestStore(path: "\(directory)/closing.sqlite")
            for request in opened { #expect(try await reopened.request(request.ticket) == request) }
            try await reopened.checkIntegrity()
            reopened.close()
        }
    }
}
