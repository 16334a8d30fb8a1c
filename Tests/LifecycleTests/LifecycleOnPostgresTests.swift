import Civic311
import ExampleTestSupport
import Foundation
import PostgresTestSupport
import Testing

/// `lifecycle --store postgres:URL` as a county would run it: several processes on one database,
/// each with a ticket node leased from it rather than handed out.
@Suite(.enabled(if: PostgresCluster.binaryFolder != nil, Comment(rawValue: PostgresCluster.skipReason)))
struct LifecycleOnPostgresTests {
    /// Two `lifecycle` processes started at the same moment on one new database (both migrate
    /// it, both lease a node): both tell their day, no ticket is issued twice, and every ticket
    /// either printed is stored.
    @Test func twoProcessesStartedTogetherOnOneDatabaseBothSucceed() async throws {
        let program = BuiltProgram("lifecycle")
        try #require(program.isBuilt, "\(program.url.path) is not built")
        let cluster = try PostgresCluster.started()
        let database = try cluster.makeDatabase()
        let processes = try (0..<2).map { index in
            try ChildProcess.start(
                program.url.path,
                ["--store", "postgres:" + database],
                output: "\(cluster.root)/lifecycle-\(index).out"
            )
        }
        var tickets: [[TicketNumber]] = []
        for process in processes {
            let status = await process.wait()
            #expect(status == 0, "lifecycle failed: \(process.errors)")
            let issued = Self.ticketsIssued(in: process.standardOutput)
            #expect(!issued.isEmpty, "the day was told: \(process.standardOutput.suffix(400))")
            tickets.append(issued)
        }
        let all = tickets.flatMap { $0 }
        #expect(Set(all).count == all.count, "a ticket was issued twice")
        let nodes = tickets.map { Set($0.map(\.node)) }
        #expect(nodes.allSatisfy { $0.count == 1 }, "each process issues from one node: \(nodes)")
        #expect(Set(nodes.flatMap { $0 }).count == 2, "the processes leased different nodes: \(nodes)")
        let stored = try RawPostgres(database).execute("SELECT ticket FROM civic311.contact")
        let storedTickets = Set(stored.compactMap { $0.flatMap { Int64($0) } })
        let missing = all.filter { !storedTickets.contains(Int64($0.payload)) }
        #expect(missing.isEmpty, "printed but not stored: \(missing)")
    }

    /// The tickets of the "Ticket numbers issued" list at the end of a day's narration.
    static func ticketsIssued(in output: String) -> [TicketNumber] {
        let lines = output.split(separator: "\n").drop { !$0.hasPrefix("Ticket numbers issued") }.dropFirst()
        return lines.prefix { $0.hasPrefix("  ") }.compactMap { line in
            line.split(separator: " ").first.flatMap { TicketNumber(String($0)) }
        }
    }
}

/// A PostgreSQL store that cannot be opened is a failure with a message, never a crash; no
/// server is needed for these.
@Suite struct LifecycleStoreFailureTests {
    @Test(
        arguments: [
            // A socket folder where no server listens.
            "postgres:postgresql://postgres@/civic311?host=/nonexistent-civic311&port=5999",
            // Not a connection string libpq can read.
            "postgres:host",
            "postgres:postgresql://[::1",
        ]
    )
    func aStoreThatCannotBeOpenedIsAFailureNotACrash(_ store: String) throws {
        let program = BuiltProgram("lifecycle")
        try #require(program.isBuilt, "\(program.url.path) is not built")
        let run = try program.run(["--store", store])
        #expect(run.exitedNormally, "\(store)")
        #expect(run.status == 1, "\(store): \(run.errors)")
        #expect(run.errors.hasPrefix("lifecycle: "), "\(store): \(run.errors)")
        #expect(run.errors.contains("could not be opened"), "\(store): \(run.errors)")
        #expect(run.errors.split(separator: "\n").count == 1, "one line: \(run.errors)")
        #expect(run.output.hasPrefix("Cedar Valley 311") == false, "the day was not told: \(run.output)")
    }
}
