import Civic311
import Civic311Postgres
import Civic311SampleCounty
import PostgresTestSupport
import Testing

/// A center on the PostgreSQL store, as the catalog's landing page shows it.
@Suite(.enabled(if: PostgresCluster.binaryFolder != nil, Comment(rawValue: PostgresCluster.skipReason)))
struct ServiceCenterOnPostgresTests {
    /// Two centers, as two processes would run them with the same settings, each on the node its
    /// store leased: both submit, and each reads the other's request.
    @Test func centersOnLeasedNodesShareOneDatabase() async throws {
        let url = try PostgresCluster.started().makeDatabase()
        let other = try PostgresRequestStore(connectionString: url)
        defer { other.close() }
        let otherCenter = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: other,
            configuration: .init(node: try #require(other.node))
        )
        // docs: begin postgres-center
        // A libpq connection URI; "" takes the settings from the PG* environment variables.
        let store = try PostgresRequestStore(connectionString: url)
        // The store leased a ticket node no other process on the database holds (node is nil
        // only for a store opened with NodeAssignment.none).
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: store,
            configuration: .init(node: store.node ?? 0)
        )
        let ack = try await center.submit(
            ServiceRequestDraft(
                serviceType: "GRAFFITI",
                description: "Tags on the library wall",
                location: Location(address: "1 Library Plaza"),
                answers: ["surface": .choice("public"), "offensive": .yesNo(false)],
                channel: .web
            ),
            by: .resident(nil)
        )
        store.close()
        // docs: end
        #expect(store.node != other.node)
        #expect(try await other.request(ack.ticket)?.state == .new)
        let mine = try await otherCenter.submit(
            ServiceRequestDraft(
                serviceType: "GRAFFITI",
                description: "Tags on the bus shelter",
                location: Location(address: "2 Transit Way"),
                answers: ["surface": .choice("public"), "offensive": .yesNo(false)],
                channel: .web
            ),
            by: .resident(nil)
        )
        #expect(mine.ticket.node == other.node)
        #expect(mine.ticket != ack.ticket)
    }
}
