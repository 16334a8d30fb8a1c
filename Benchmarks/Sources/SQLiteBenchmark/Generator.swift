import Civic311
import Civic311SampleCounty
import Foundation

/// Realistic openings from the sample county, deterministic from a seed.
struct Generator {
    static let start = Date(timeIntervalSince1970: 1_741_011_316.789)

    struct Random {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
        mutating func pick<Element>(_ elements: [Element]) -> Element { elements[Int(next() % UInt64(elements.count))] }
    }

    private var random: Random
    private let issuer: TicketIssuer
    private var milliseconds: Double
    private let types = Jurisdiction.sampleCounty.serviceTypes
    private var made = 0

    init(seed: UInt64, node: Int) {
        random = Random(seed: seed)
        issuer = try! TicketIssuer(node: node)
        milliseconds = (Self.start.timeIntervalSince1970 * 1000).rounded()
    }

    /// The ticket of the next opening, without building it (for replaying tickets).
    mutating func ticket() -> TicketNumber {
        advance()
        _ = random.next()  // the service type, as in opening()
        _ = random.next()  // the channel
        _ = random.next()  // the client request ID decision
        return try! issuer.issue(at: now)
    }

    private var now: Date { Date(timeIntervalSince1970: milliseconds / 1000) }

    private mutating func advance() {
        milliseconds += Double(1 + random.next() % 400)
        made += 1
    }

    mutating func opening() -> (contact: Contact, opening: RequestEvent) {
        advance()
        let type = random.pick(types)
        let channel = random.pick(Channel.allCases)
        let clientID = random.next() % 10 == 0 ? "bench-\(made)" : nil
        let ticket = try! issuer.issue(at: now)
        let contact = Contact(
            ticket: ticket,
            channel: channel,
            receivedAt: now,
            agent: channel.isAssisted ? "agent-7" : nil,
            callType: .serviceRequest(.serviceRequest, request: ticket)
        )
        let opening = RequestOpening(
            serviceType: type.id,
            kind: .serviceRequest,
            description:
                "Reported near \(made % 2400) Main Street: the problem has been there for a week and is getting worse.",
            location: Location(
                address: "\(made % 2400) Main Street",
                coordinate: try? Coordinate(latitude: 39.1 + Double(made % 1000) / 10_000, longitude: -77.2)
            ),
            answers: [Answer(question: "size", value: .choice("medium"))],
            submitter: made % 3 == 0
                ? nil : Submitter(name: "Resident \(made)", phone: "555-0100", email: "resident\(made)@example.org"),
            channel: channel,
            agent: channel.isAssisted ? "agent-7" : nil,
            priority: .normal,
            routing: RoutingDecision(
                department: type.department,
                explanation: ["service type \(type.id) belongs to \(type.department)"]
            ),
            serviceLevel: ServiceLevelCommitment(
                resolutionDueAt: Date(timeIntervalSince1970: (milliseconds + type.targetSeconds * 1000) / 1000),
                policy: "catalog:\(type.id)"
            ),
            clientRequestID: clientID
        )
        let event = RequestEvent(
            ticket: ticket,
            sequence: 1,
            recordedAt: now,
            actor: channel.isAssisted ? .callTaker("agent-7") : .resident(nil),
            change: .opened(opening),
            fromState: nil,
            toState: .new,
            visibility: .public
        )
        return (contact, event)
    }
}
