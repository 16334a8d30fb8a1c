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

    /// Erasure through a center on PostgreSQL: a second store on the database (another process)
    /// reads the redacted history, snapshot and feed, and finds nothing of the resident.
    @Test func anErasedResidentLeavesNoTraceInTheDatabase() async throws {
        let url = try PostgresCluster.started().makeDatabase()
        let store = try PostgresRequestStore(connectionString: url)
        defer { store.close() }
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: store,
            configuration: .init(node: store.node ?? 0)
        )
        let ana = Participant.resident("ana.nunez@example.org")
        func draft(_ description: String, submitter: Submitter?, clientRequestID: String?) -> ServiceRequestDraft {
            ServiceRequestDraft(
                serviceType: "GRAFFITI",
                description: description,
                location: Location(address: "1 Library Plaza"),
                answers: ["surface": .choice("public"), "offensive": .yesNo(false)],
                submitter: submitter,
                channel: .web,
                clientRequestID: clientRequestID
            )
        }
        let own = try await center.submit(
            draft(
                "Tags on the library wall; Ana Núñez, 555-010-7788",
                submitter: Submitter(name: "Ana Núñez", phone: "555-010-7788", email: "ana.nunez@example.org"),
                clientRequestID: "web-1"
            ),
            by: ana
        )
        let followed = try await center.submit(
            draft("Tags on the bus shelter", submitter: nil, clientRequestID: nil),
            by: .resident(nil)
        )
        try await center.follow(followed.ticket, as: Submitter(email: "ana.nunez@example.org"), by: ana)

        let phone = try #require(ContactIdentity(phone: "+1 (555) 010-7788"))
        let report = try await center.erasePersonalData(of: phone, by: .supervisor("dpo"))
        #expect(report.tickets == [own.ticket, followed.ticket].sorted())

        let other = try PostgresRequestStore(connectionString: url, configuration: .init(node: .none))
        defer { other.close() }
        #expect(try await other.request(own.ticket)?.submitter == nil)
        #expect(try await other.request(ClientRequestKey(id: "web-1", submittedBy: ana)) == nil)
        var held = ""
        for ticket in [own.ticket, followed.ticket] {
            held += String(describing: try await other.events(for: ticket).map(\.unredacted))
            held += String(describing: try await other.request(ticket).map(\.unredacted))
        }
        for entry in try await other.changes(after: .start, limit: 100).entries {
            if case .requestEvent(let event) = entry.change { held += String(describing: event.unredacted) }
        }
        for trace in ["Núñez", "ana.nunez", "010-7788", "5550107788"] {
            #expect(!held.contains(trace), "\(trace) is still held")
        }
        #expect(try await center.erasePersonalData(of: phone, by: .system).isEmpty)
    }
}
