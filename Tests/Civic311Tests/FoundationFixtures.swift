@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation

/// Shared building blocks for the foundation tests: a center on the sample county with a manual
/// clock, drafts that pass validation, and the participants of the matrix. Stored values
/// (openings, events, contacts) come from `RequestFixtures` of `Civic311Testing`.
///
/// Kept in one namespace so that nothing collides with the other test files of the module.
enum FoundationFixtures {
    /// 08:00 UTC on Monday 5 January 2026: a whole second, so millisecond truncation never bites.
    static let start = Date(timeIntervalSince1970: 1_767_600_000)
    /// 5 pm Eastern on Thursday 8 January 2026: a pothole reported at ``start`` is due then under the
    /// county's three-business-day agreement.
    static let thursdayFivePM = Date(timeIntervalSince1970: 1_767_909_600)

    typealias SplitMix64 = Civic311.SplitMix64

    /// A center on the sample county with its own in-memory store and a manual clock.
    struct Center {
        let center: ServiceCenter
        let store: InMemoryRequestStore
        let clock: ManualWallClock

        init(
            node: Int = 1,
            reopenWindow: TimeInterval = 30 * 86_400,
            eventBufferLimit: Int = ServiceCenter.Configuration.defaultEventBufferLimit,
            at instant: Date = start
        ) async throws {
            clock = try ManualWallClock(instant)
            store = InMemoryRequestStore()
            center = try await ServiceCenter(
                jurisdiction: .sampleCounty,
                store: store,
                configuration: .init(
                    node: node,
                    clock: clock,
                    triage: "311",
                    reopenWindow: reopenWindow,
                    eventBufferLimit: eventBufferLimit
                )
            )
        }

        /// Submits a pothole (department DOT) by the call-taker and returns its ticket.
        func pothole(
            submitter: Submitter? = FoundationFixtures.submitter,
            clientRequestID: String? = nil
        )
            async throws -> TicketNumber
        {
            try await center.submit(
                FoundationFixtures.potholeDraft(submitter: submitter, clientRequestID: clientRequestID),
                by: FoundationFixtures.callTaker
            ).ticket
        }

        /// The stored request and its history, to compare before and after a refused operation.
        func snapshot(_ ticket: TicketNumber) async throws -> Snapshot {
            Snapshot(request: try await store.request(ticket), events: try await store.events(for: ticket))
        }

        /// How many requests and contacts the store holds.
        func counts() async throws -> Counts {
            Counts(
                requests: try await store.countRequests(matching: RequestQuery()),
                contacts: try await store.countContacts(matching: ContactQuery())
            )
        }
    }

    struct Snapshot: Equatable {
        let request: ServiceRequest?
        let events: [RequestEvent]
    }

    struct Counts: Equatable {
        let requests: Int
        let contacts: Int
    }

    static let residentEmail = "sam.rivera@example.com"
    static let residentPhone = "555-010-7788"
    static let submitter = Submitter(name: "Sam Rivera", phone: residentPhone, email: residentEmail)

    static let callTaker = Participant.callTaker("maria")
    static let supervisor = Participant.supervisor("chief")
    static let roadCrew = Participant.departmentStaff("j.okafor", department: "DOT")
    static let parksCrew = Participant.departmentStaff("p.ng", department: "PKS")
    static let triageDesk = Participant.departmentStaff("t.adams", department: "311")
    static let submittingResident = Participant.resident(ResidentID(residentEmail))
    static let otherResident = Participant.resident("someone.else@example.com")

    /// A pothole draft that passes validation: answers for both required questions.
    static func potholeDraft(
        submitter: Submitter? = FoundationFixtures.submitter,
        clientRequestID: String? = nil
    ) -> ServiceRequestDraft {
        ServiceRequestDraft(
            serviceType: "POTHOLE",
            description: "Deep pothole in the eastbound lane outside number 214",
            location: Location(address: "214 Elm Street"),
            answers: ["size": .choice("large"), "position": .choice("lane")],
            submitter: submitter,
            channel: .phone,
            agent: "maria",
            clientRequestID: clientRequestID
        )
    }
}
