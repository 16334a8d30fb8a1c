import Civic311
import Civic311Postgres
import Civic311Testing
import Foundation
import PostgresTestSupport
import Testing

/// Failures become `StorageError`s that keep PostgreSQL's SQLSTATE and message as their cause.
@Suite(.enabled(if: PostgresCluster.binaryFolder != nil, Comment(rawValue: PostgresCluster.skipReason)))
struct PostgresFailureTests {
    @Test func serverDownIsUnavailable() throws {
        let cluster = try PostgresCluster.started()
        // A socket folder where no server listens.
        let url = "postgresql://postgres@/postgres?host=\(cluster.root)/nowhere&port=\(cluster.port)"
        let configuration = try PostgresCluster.configuration()
        do throws(StorageError) {
            _ = try PostgresRequestStore(connectionString: url, configuration: configuration)
            Issue.record("a store opened with no server")
        } catch {
            #expect(error.code == .unavailable)
            #expect(error.cause?.system == "postgresql")
            #expect(error.cause?.code == "08001")
            #expect(error.cause?.message.contains("nowhere") == true, "libpq's message names the socket")
        }
    }

    @Test func refusedLoginIsUnavailable() throws {
        let cluster = try PostgresCluster.started()
        let url = "postgresql://civic311_refused:wrong-password@/postgres?host=\(cluster.root)&port=\(cluster.port)"
        let configuration = try PostgresCluster.configuration()
        do throws(StorageError) {
            _ = try PostgresRequestStore(connectionString: url, configuration: configuration)
            Issue.record("a store opened with a wrong password")
        } catch {
            #expect(error.code == .unavailable)
            #expect(error.reason.contains("refused the login"))
            #expect(error.cause?.code == "28000")
            #expect(error.cause?.message.contains("password authentication failed") == true)
        }
    }

    @Test func malformedConnectionStringIsInvalidArgument() {
        do throws(StorageError) {
            _ = try PostgresRequestStore(connectionString: "postgresql://localhost/db?no_such_option=1")
            Issue.record("a malformed connection string was accepted")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.reason.hasPrefix("connectionString:"))
        }
        do throws(StorageError) {
            _ = try PostgresRequestStore(connectionString: "nonsense without equals")
            Issue.record("a malformed connection string was accepted")
        } catch {
            #expect(error.code == .invalidArgument)
        }
    }

    /// A statement that waits past the statement timeout (here for a row another session
    /// holds locked) is rolled back and reported as busy, with SQLSTATE 57014.
    @Test func statementTimeoutIsBusy() async throws {
        let store = try PostgresCluster.makeStore(
            try PostgresCluster.configuration(statementTimeout: .milliseconds(300))
        )
        defer { store.close() }
        var fixtures = RequestFixtures(seed: 5)
        let (contact, opening) = fixtures.opening()
        let request = try await store.open(contact, request: opening)
        let raw = try RawPostgres(store.connectionString)
        try raw.execute("BEGIN")
        try raw.execute("SELECT 1 FROM civic311.request FOR UPDATE")
        do throws(StorageError) {
            _ = try await store.append([fixtures.note(on: request, text: "waits")], expectedVersion: 1)
            Issue.record("an append went through a locked row")
        } catch {
            #expect(error.code == .busy)
            #expect(error.cause?.code == "57014")
        }
        try raw.execute("ROLLBACK")
        #expect(try await store.request(request.ticket) == request, "nothing was written")
        _ = try await store.append([fixtures.note(on: request, text: "goes through")], expectedVersion: 1)
    }

    /// Connections the server drops are opened again, and a command that had not reached its
    /// commit is run again: nothing fails, nothing is stored twice.
    @Test func lostConnectionsAreReopened() async throws {
        let store = try PostgresCluster.makeStore()
        defer { store.close() }
        var fixtures = RequestFixtures(seed: 6)
        let (contact, opening) = fixtures.opening()
        let request = try await store.open(contact, request: opening)
        let raw = try RawPostgres(store.connectionString)
        let terminated = try raw.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        #expect(terminated.count >= 2)
        #expect(try await store.request(request.ticket) == request)
        let (second, secondOpening) = fixtures.opening()
        _ = try await store.open(second, request: secondOpening)
        #expect(try await store.countRequests(matching: RequestQuery()) == 2)
        #expect(try await store.changes(after: .start, limit: 10).entries.count == 4)
    }

    /// A connection lost in the middle of an append (here while it waits for a row lock) is
    /// opened again and the append, which had not reached its commit, runs again: it is stored
    /// exactly once.
    @Test func connectionLostMidTransactionIsRetriedOnce() async throws {
        let store = try PostgresCluster.makeStore()
        defer { store.close() }
        var fixtures = RequestFixtures(seed: 7)
        let (contact, opening) = fixtures.opening()
        let request = try await store.open(contact, request: opening)
        let raw = try RawPostgres(store.connectionString)
        try raw.execute("BEGIN")
        try raw.execute("SELECT 1 FROM civic311.request FOR UPDATE")
        let note = fixtures.note(on: request, text: "stored once")
        let append = Task { try await store.append([note], expectedVersion: 1) }
        // Waits until the append is waiting for the lock, then ends its session.
        var terminated: [String?] = []
        for _ in 0..<200 where terminated.isEmpty {
            terminated = try raw.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if terminated.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(terminated == ["t"])
        // The retried append waits for the lock again; releasing it lets it through.
        try await Task.sleep(for: .milliseconds(200))
        try raw.execute("ROLLBACK")
        let appended = try await append.value
        #expect(appended.version == 2)
        #expect(try await store.events(for: request.ticket).count == 2)
        #expect(try await store.changes(after: .start, limit: 10).entries.count == 3)
    }

    @Test func closedStoreIsUnavailable() async throws {
        let store = try PostgresCluster.makeStore()
        store.close()
        store.close()
        do throws(StorageError) {
            _ = try await store.countRequests(matching: RequestQuery())
            Issue.record("a closed store answered")
        } catch {
            #expect(error.code == .unavailable)
        }
    }

    @Test func missingDatabaseIsUnavailable() throws {
        let cluster = try PostgresCluster.started()
        let configuration = try PostgresCluster.configuration()
        do throws(StorageError) {
            _ = try PostgresRequestStore(
                connectionString: cluster.url(database: "no_such_database"),
                configuration: configuration
            )
            Issue.record("a store opened on a missing database")
        } catch {
            #expect(error.code == .unavailable)
            #expect(error.cause?.message.contains("no_such_database") == true)
        }
    }
}
