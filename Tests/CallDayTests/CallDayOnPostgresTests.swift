import ExampleTestSupport
import Foundation
import PostgresTestSupport
import Testing

@testable import CallDay

/// `call-day --store postgres:URL`: the day is stored in PostgreSQL, from a node leased there.
@Suite(.enabled(if: PostgresCluster.binaryFolder != nil, Comment(rawValue: PostgresCluster.skipReason)))
struct CallDayOnPostgresTests {
    @Test func aDayIsStoredInPostgreSQL() async throws {
        let cluster = try PostgresCluster.started()
        let database = try cluster.makeDatabase()
        let arguments = ["--calls", "60", "--days", "1", "--format", "json", "--store", "postgres:" + database]
        let transcript = Transcript()
        #expect(await CallDayProgram.run(arguments, console: transcript.console) == 0, "\(transcript.errors)")
        #expect(transcript.output.contains("\"service_requests_stored\""))
        let stored = try RawPostgres(database).execute("SELECT count(*) FROM civic311.request")
        #expect(stored.first.flatMap { $0.flatMap { Int($0) } } ?? 0 > 0, "the requests are in the database")
        // A second day on the same database is refused, as on SQLite.
        let second = Transcript()
        #expect(await CallDayProgram.run(arguments, console: second.console) == 1)
        #expect(second.errors.hasPrefix("call-day: store: already holds "), "\(second.errors)")
    }
}
