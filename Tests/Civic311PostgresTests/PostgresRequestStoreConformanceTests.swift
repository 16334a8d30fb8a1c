// docs: begin postgres-conformance
import Civic311
import Civic311Postgres
import Civic311Testing
import PostgresTestSupport
import Testing

/// The PostgreSQL store against the conformance kit, one test per area, each in a new database
/// of the throwaway cluster.
@Suite(.enabled(if: PostgresCluster.binaryFolder != nil, Comment(rawValue: PostgresCluster.skipReason)))
struct PostgresRequestStoreConformanceTests {
    /// Two connections per store: the areas run at once, and each opens its own.
    static let configuration = try! PostgresRequestStore.Configuration(connections: 2)

    /// The kit over stores in new databases; reopening closes the store and opens the same
    /// database again.
    static func conformance(_ cluster: PostgresCluster) -> RequestStoreConformance<PostgresRequestStore> {
        RequestStoreConformance(
            makeStore: {
                try PostgresRequestStore(connectionString: try cluster.makeDatabase(), configuration: configuration)
            },
            reopen: { store in
                store.close()
                return try PostgresRequestStore(
                    connectionString: store.connectionString,
                    configuration: store.configuration
                )
            }
        )
    }

    /// Every area of the kit, as the kit lists them: a new area runs here without an edit.
    @Test(arguments: ConformanceArea.all)
    func area(_ area: ConformanceArea) async throws {
        await Self.conformance(try PostgresCluster.started()).check(area)
    }
}
// docs: end
