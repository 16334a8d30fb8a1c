import Civic311
import Civic311Postgres
import PostgresTestSupport
import Testing

/// Ticket nodes leased from the database: each store its own, freed when its holder ends.
@Suite(.enabled(if: PostgresCluster.binaryFolder != nil, Comment(rawValue: PostgresCluster.skipReason)))
struct NodeLeaseTests {
    /// Stores opened at the same moment on a new database (each migrating it, each leasing a
    /// node) all succeed, with distinct nodes.
    @Test func storesOpenedTogetherGetDistinctNodes() async throws {
        let cluster = try PostgresCluster.started()
        let database = try cluster.makeDatabase()
        let configuration = try PostgresCluster.configuration()
        let stores = try await withThrowingTaskGroup(of: PostgresRequestStore.self) { group in
            for _ in 0..<4 {
                group.addTask { try PostgresRequestStore(connectionString: database, configuration: configuration) }
            }
            return try await group.reduce(into: [PostgresRequestStore]()) { $0.append($1) }
        }
        defer { for store in stores { store.close() } }
        let nodes = stores.compactMap(\.node)
        #expect(nodes.count == 4)
        #expect(Set(nodes).count == 4)
        #expect(stores.allSatisfy { $0.holdsNodeLease })
    }

    /// A fixed node another store holds is refused; once that store closes, it is free.
    @Test func fixedNodeIsExclusiveUntilReleased() async throws {
        let configuration = try PostgresCluster.configuration(node: .fixed(7))
        let first = try PostgresCluster.makeStore(configuration)
        #expect(first.node == 7)
        do throws(StorageError) {
            _ = try PostgresRequestStore(connectionString: first.connectionString, configuration: configuration)
            Issue.record("two stores leased node 7")
        } catch {
            #expect(error.code == .busy)
        }
        first.close()
        let second = try PostgresRequestStore(connectionString: first.connectionString, configuration: configuration)
        defer { second.close() }
        #expect(second.node == 7)
        let readOnly = try PostgresRequestStore(
            connectionString: first.connectionString,
            configuration: try PostgresCluster.configuration(node: .none)
        )
        defer { readOnly.close() }
        #expect(readOnly.node == nil)
    }

    /// A holder whose connection dies (as when its process is killed) frees its node at once;
    /// the store notices it lost the lease.
    @Test func deadHolderFreesItsNode() async throws {
        // The holder checks its lease every second: the taker comes first.
        let holder = try PostgresCluster.makeStore(
            try PostgresCluster.configuration(node: .fixed(3), leaseCheckInterval: .seconds(1))
        )
        let configuration = try PostgresCluster.configuration(node: .fixed(3))
        defer { holder.close() }
        let raw = try RawPostgres(holder.connectionString)
        let killed = try raw.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = 3 "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        #expect(killed == ["t"])
        // The server frees the lock as the session ends; the next store may take node 3.
        var taker: PostgresRequestStore?
        for _ in 0..<100 where taker == nil {
            taker = try? PostgresRequestStore(connectionString: holder.connectionString, configuration: configuration)
            if taker == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        defer { taker?.close() }
        #expect(taker?.node == 3)
        for _ in 0..<150 where holder.holdsNodeLease { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!holder.holdsNodeLease)
    }
}
