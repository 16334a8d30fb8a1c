import Civic311
import Civic311Postgres
import Foundation
import PostgresTestSupport
import Testing

/// Writers killed at random moments, and a server stopped without warning: what was
/// acknowledged is stored.
@Suite(.enabled(if: PostgresCluster.binaryFolder != nil, Comment(rawValue: PostgresCluster.skipReason)))
struct CrashTests {
    /// How many times the crash test kills a writer: 50, or `CIVIC311_POSTGRES_CRASH_CYCLES`
    /// (the long run: `CIVIC311_POSTGRES_CRASH_CYCLES=500 swift test --filter killedWriters`).
    static var cycles: Int {
        ProcessInfo.processInfo.environment["CIVIC311_POSTGRES_CRASH_CYCLES"].flatMap { Int($0) } ?? 50
    }

    /// SIGKILLs a writer ``cycles`` times, at random moments, then checks every acknowledged
    /// write.
    @Test func killedWritersLoseNothingAcknowledged() async throws {
        let writer = try #require(WriterProcess.executable, "civic311-postgres-writer is built with the tests")
        let cluster = try PostgresCluster.started()
        let database = try cluster.makeDatabase()
        var acknowledged: [(ticket: String, version: Int)] = []
        for cycle in 0..<Self.cycles {
            let process = try WriterProcess.start(
                writer,
                [database, "100000"],
                output: "\(cluster.root)/crash-\(cycle).out"
            )
            try await Task.sleep(for: .milliseconds(Int.random(in: 80...300)))
            await process.kill()
            acknowledged += try process.acknowledged()
        }
        #expect(!acknowledged.isEmpty, "the writers acknowledged writes before they were killed")
        try await Self.checkStored(acknowledged, in: database)
    }

    /// Stops the server at once (`pg_ctl stop -m immediate`: no checkpoint, crash recovery at
    /// the next start) while a writer writes; after the restart every acknowledged write is
    /// there, and the writer ended with an error rather than a false acknowledgement.
    @Test func serverStoppedMidWriteLosesNothingAcknowledged() async throws {
        let writer = try #require(WriterProcess.executable, "civic311-postgres-writer is built with the tests")
        let binaries = try #require(PostgresCluster.binaryFolder)
        // A cluster of its own: stopping the shared one would fail the tests running beside.
        let cluster = try PostgresCluster(binaries: binaries)
        defer { cluster.stop() }
        let database = try cluster.makeDatabase()
        let process = try WriterProcess.start(writer, [database, "100000"], output: "\(cluster.root)/writer.out")
        try await Task.sleep(for: .milliseconds(800))
        try cluster.kill()
        let status = await process.wait()
        #expect(status != 0, "the writer cannot go on without its server")
        #expect(process.errors.contains("unavailable"), "the writer reports why: \(process.errors)")
        let acknowledged = try process.acknowledged()
        #expect(!acknowledged.isEmpty)
        try cluster.restart()
        try await Self.checkStored(acknowledged, in: database)
    }

    /// SIGKILLs the postmaster itself while a writer writes: no shutdown of any kind, as when the
    /// kernel's out-of-memory killer picks the server. Its backends notice their postmaster died
    /// and exit; the restart then runs crash recovery from the WAL, and every acknowledged
    /// write is there.
    @Test func postmasterKilledMidWriteLosesNothingAcknowledged() async throws {
        let writer = try #require(WriterProcess.executable, "civic311-postgres-writer is built with the tests")
        let binaries = try #require(PostgresCluster.binaryFolder)
        // A cluster of its own: killing the shared one would fail the tests running beside.
        let cluster = try PostgresCluster(binaries: binaries)
        defer { cluster.stop() }
        let database = try cluster.makeDatabase()
        let process = try WriterProcess.start(writer, [database, "100000"], output: "\(cluster.root)/writer.out")
        try await Task.sleep(for: .milliseconds(800))
        let postmaster = try #require(cluster.postmasterPID, "the server runs")
        #expect(kill(postmaster, SIGKILL) == 0, "the postmaster is SIGKILLed: \(String(cString: strerror(errno)))")
        let status = await process.wait()
        #expect(status != 0, "the writer cannot go on without its server")
        #expect(process.errors.contains("unavailable"), "the writer reports why: \(process.errors)")
        let acknowledged = try process.acknowledged()
        #expect(!acknowledged.isEmpty)
        try cluster.restartAfterKill()
        #expect(cluster.postmasterPID != postmaster, "a new postmaster runs")
        try await Self.checkStored(acknowledged, in: database)
    }

    /// Checks that every acknowledged "<ticket> <version>" is stored, and every request is the
    /// fold of its events.
    static func checkStored(_ acknowledged: [(ticket: String, version: Int)], in database: String) async throws {
        let store = try PostgresRequestStore(
            connectionString: database,
            configuration: try PostgresCluster.configuration(node: .none)
        )
        defer { store.close() }
        var missing: [String] = []
        for write in acknowledged {
            let ticket = try #require(TicketNumber(write.ticket))
            guard let request = try await store.request(ticket), request.version >= write.version else {
                missing.append("\(write.ticket) v\(write.version)")
                continue
            }
        }
        #expect(missing.isEmpty, "acknowledged but not stored: \(missing.prefix(10))")
        let all = try await store.requests(matching: RequestQuery(), page: try PageRequest(limit: 1000))
        for request in all.items {
            #expect(try ServiceRequest.replaying(try await store.events(for: request.ticket)) == request)
        }
    }
}
