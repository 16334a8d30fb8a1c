import Civic311
import Civic311Postgres
import PostgresTestSupport

extension PostgresCluster {
    /// The tests' store configuration: two connections, since many tests run at once.
    static func configuration(
        node: NodeAssignment = .leased(0...TicketNumber.maximumNode),
        statementTimeout: Duration? = .seconds(30),
        leaseCheckInterval: Duration = .seconds(5)
    ) throws -> PostgresRequestStore.Configuration {
        try PostgresRequestStore.Configuration(
            connections: 2,
            statementTimeout: statementTimeout,
            node: node,
            leaseCheckInterval: leaseCheckInterval
        )
    }

    /// A store in a new database of the shared cluster.
    static func makeStore(
        _ configuration: PostgresRequestStore.Configuration? = nil
    ) throws -> PostgresRequestStore {
        let cluster = try started()
        return try PostgresRequestStore(
            connectionString: try cluster.makeDatabase(),
            configuration: try configuration ?? Self.configuration()
        )
    }
}
