@_spi(Benchmarks) import Civic311
import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// Kills a writing process with SIGKILL at random moments and checks that every write it
/// acknowledged survived, whole, in a database that passes `PRAGMA integrity_check`.
///
/// The writer is the `civic311-crash-writer` executable, built next to the test bundle. The suite
/// runs 50 kill cycles; `.ci/crash-soak.sh` runs 500 (set `CIVIC311_CRASH_CYCLES`).
@Suite(.serialized) struct CrashSafetyTests {
    /// The crash writer built next to this test bundle, if it was built.
    static let writer = ChildProcess.built("civic311-crash-writer")

    static let cycles = ProcessInfo.processInfo.environment["CIVIC311_CRASH_CYCLES"].flatMap(Int.init) ?? 50

    @Test(
        .enabled(
            if: writer != nil,
            "civic311-crash-writer is not built next to the tests; run `swift build --product civic311-crash-writer` first"
        ),
        .timeLimit(.minutes(30))
    )
    func acknowledgedWritesSurviveSIGKILL() async throws {
        let writer = try #require(Self.writer)
        let seed = ProcessInfo.processInfo.environment["CIVIC311_CRASH_SEED"].flatMap(UInt64.init) ?? 20_251_123
        var random = SplitMix64(seed: seed)
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/crash.sqlite"
            /// The highest acknowledged version of every ticket, over all cycles.
            var acknowledged: [TicketNumber: Int] = [:]
            var total = 0
            var lost = 0
            for cycle in 0..<Self.cycles {
                // Mostly short lives, so that kills land during start-up, opening and migration
                // as well as in the middle of writing.
                let life = Double(random.next() % 100 < 20 ? random.next() % 40 : 20 + random.next() % 180) / 1000
                let lines = try await Self.run(writer, database: path, node: Int(random.next() % 3), killAfter: life)
                var fresh: [TicketNumber: Int] = [:]
                for line in lines {
                    let parts = line.split(separator: " ")
                    guard parts.count == 2, let ticket = TicketNumber(String(parts[0])), let version = Int(parts[1])
                    else {
                        Issue.record("cycle \(cycle) (seed \(seed)): unreadable acknowledgement '\(line)'")
                        continue
                    }
                    fresh[ticket] = max(fresh[ticket] ?? 0, version)
                }
                acknowledged.merge(fresh) { max($0, $1) }
                total += lines.count

                // Killed before it had created the store: then nothing may be at the path (a store
                // is created whole or not at all) and nothing was acknowledged.
                guard FileManager.default.fileExists(atPath: path) else {
                    #expect(acknowledged.isEmpty, "cycle \(cycle) (seed \(seed)): acknowledged writes but no store")
                    continue
                }
                let integrity = try RawDatabase(path, readOnly: true).rows("PRAGMA integrity_check")
                #expect(integrity == [["ok"]], "cycle \(cycle) (seed \(seed)): integrity check \(integrity)")
                let store = try SQLiteRequestStore(path: path, mode: .open)
                // Check this cycle's tickets and a sample of earlier ones.
                var sample = Array(fresh.keys)
                let earlier = Array(acknowledged.keys)
                for _ in 0..<min(20, earlier.count) {
                    sample.append(earlier[Int(random.next() % UInt64(earlier.count))])
                }
                for ticket in sample {
                    lost += try await Self.check(
                        ticket,
                        acknowledgedVersion: acknowledged[ticket] ?? 0,
                        in: store,
                        cycle: cycle,
                        seed: seed
                    )
                }
                store.close()
            }
            // Everything acknowledged, at the end.
            let store = try SQLiteRequestStore(path: path, mode: .open)
            var lostAtEnd = 0
            for (ticket, version) in acknowledged {
                lostAtEnd += try await Self.check(
                    ticket,
                    acknowledgedVersion: version,
                    in: store,
                    cycle: Self.cycles,
                    seed: seed
                )
            }
            try await store.checkIntegrity()
            #expect(total > Self.cycles, "the writer acknowledged only \(total) writes in \(Self.cycles) cycles")
            // The figure Documentation/Reliability.md reports.
            print(
                "crash safety: \(Self.cycles) SIGKILL cycles (seed \(seed)), \(total) acknowledged writes, "
                    + "\(lost) lost when checked after their cycle, \(lostAtEnd) of \(acknowledged.count) tickets lost at the end"
            )
        }
    }

    /// Checks that `ticket` is stored at least at `acknowledgedVersion`, with its contact, a
    /// history that folds to the stored request, and the events the writer's script gives;
    /// 1 when the acknowledged write was lost, else 0.
    @discardableResult
    static func check(
        _ ticket: TicketNumber,
        acknowledgedVersion: Int,
        in store: SQLiteRequestStore,
        cycle: Int,
        seed: UInt64
    ) async throws -> Int {
        let context = "cycle \(cycle) (seed \(seed)), ticket \(ticket)"
        guard let request = try await store.request(ticket) else {
            Issue.record("\(context): acknowledged at version \(acknowledgedVersion) but not stored")
            return 1
        }
        guard request.version >= acknowledgedVersion else {
            Issue.record("\(context): stored at version \(request.version), acknowledged \(acknowledgedVersion)")
            return 1
        }
        let events = try await store.events(for: ticket)
        #expect(events.count == request.version, "\(context): \(events.count) events for version \(request.version)")
        #expect(
            (try? ServiceRequest.replaying(events)) == request,
            "\(context): the history does not fold to the stored request"
        )
        let script: [LifecycleAction] = [.open, .accept, .annotate, .start, .resolve, .close]
        #expect(
            events.map(\.change.action) == Array(script.prefix(events.count)),
            "\(context): the history is not the writer's script"
        )
        #expect(try await store.contact(ticket) != nil, "\(context): the opening contact is missing")
        #expect(
            try await store.request(ClientRequestKey(id: "crash-\(ticket)", submittedBy: .callTaker("crash-agent")))
                == request,
            "\(context): the client request ID is missing"
        )
        return 0
    }

    /// Runs the writer for `seconds`, kills it with SIGKILL, and returns the complete lines it
    /// printed.
    static func run(_ writer: URL, database: String, node: Int, killAfter seconds: Double) async throws -> [String] {
        try await ChildProcess.runAndKill(
            writer,
            arguments: [database, String(node)],
            output: database + ".out",
            after: seconds
        )
    }
}
