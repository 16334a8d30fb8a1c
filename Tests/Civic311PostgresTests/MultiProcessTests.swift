import Civic311
import Civic311Postgres
import Foundation
import PostgresTestSupport
import Testing

/// Several processes on one database, as a county's phone agents, portal and adapters would be.
@Suite(.enabled(if: PostgresCluster.binaryFolder != nil, Comment(rawValue: PostgresCluster.skipReason)))
struct MultiProcessTests {
    /// Four writer processes started at once on a new database (each migrating it, each leasing
    /// a node), submitting requests and moving shared requests on, as departments do. Then: no
    /// ticket twice, everything acknowledged stored, every state the fold of its events, and a
    /// feed holding every change once, in one order every reader sees.
    @Test func fourWritersOnOneDatabase() async throws {
        let writer = try #require(WriterProcess.executable, "civic311-postgres-writer is built with the tests")
        let cluster = try PostgresCluster.started()
        let database = try cluster.makeDatabase()
        let rounds = 40
        let processes = try (0..<4).map { index in
            try WriterProcess.start(writer, [database, String(rounds)], output: "\(cluster.root)/writer-\(index).out")
        }
        for process in processes {
            let status = await process.wait()
            #expect(status == 0, "writer failed: \(process.errors)")
        }
        let acknowledged = try processes.map { try $0.acknowledged() }

        let store = try PostgresRequestStore(
            connectionString: database,
            configuration: try PostgresCluster.configuration(node: .none)
        )
        defer { store.close() }
        // Each writer opened one request a round, all with distinct tickets.
        let opened = acknowledged.flatMap { $0.filter { $0.version == 1 }.map(\.ticket) }
        #expect(opened.count == 4 * rounds)
        #expect(Set(opened).count == opened.count, "a ticket was issued twice")
        // No two writers were both told they wrote the same version of a request.
        let writes = acknowledged.flatMap { $0.map { "\($0.ticket) \($0.version)" } }
        #expect(Set(writes).count == writes.count, "an update was acknowledged twice: one was lost")
        #expect(writes.count > opened.count, "the writers moved shared requests on")

        var eventCount = 0
        let all = try await store.requests(matching: RequestQuery(), page: try PageRequest(limit: 1000))
        #expect(all.items.count == opened.count)
        for request in all.items {
            let events = try await store.events(for: request.ticket)
            eventCount += events.count
            #expect(try ServiceRequest.replaying(events) == request, "\(request.ticket) is not the fold of its events")
        }
        for write in acknowledged.joined() {
            let ticket = try #require(TicketNumber(write.ticket))
            let events = try await store.events(for: ticket)
            #expect(events.count >= write.version, "\(write.ticket) lost acknowledged version \(write.version)")
        }

        // The feed: every contact and event once, positions 1…n with no gap, the same for a
        // second reader.
        let feed = try await Self.wholeFeed(store)
        #expect(feed.map(\.position.rawValue) == Array(1...Int64(feed.count)))
        #expect(feed.count == opened.count + eventCount)
        let events = feed.compactMap { entry -> String? in
            guard case .requestEvent(let event) = entry.change else { return nil }
            return "\(event.ticket) \(event.sequence)"
        }
        #expect(Set(events).count == eventCount)
        let other = try PostgresRequestStore(
            connectionString: database,
            configuration: try PostgresCluster.configuration(node: .none)
        )
        defer { other.close() }
        #expect(try await Self.wholeFeed(other) == feed)
    }

    /// The whole feed, page by page.
    static func wholeFeed(_ store: PostgresRequestStore) async throws -> [FeedEntry] {
        var entries: [FeedEntry] = []
        var position = FeedPosition.start
        while true {
            let page = try await store.changes(after: position, limit: 200)
            entries += page.entries
            position = page.next
            if page.isCaughtUp { return entries }
        }
    }
}
