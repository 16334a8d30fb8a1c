import Civic311
import Civic311Postgres
// civic311-postgres-writer: one of the processes of the multi-process PostgreSQL test.
//
//     civic311-postgres-writer <connection-uri> <rounds>
//
// Opens the PostgreSQL store (leasing a ticket node), then for each round opens a request of its
// own, moves one of the first requests stored (by any process) on by one event, as a department
// would, and counts requests. After every command the store acknowledges, and only then, it
// prints "<ticket> <version>" for what it wrote, with a single unbuffered write(2). A stale
// append (another process moved the request first) is a conflict: it is read again and
// skipped. It ends with status 0 after its rounds.
import CrashWriterKit
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3, let rounds = Int(arguments[2]), rounds > 0 else {
    FileHandle.standardError.write(Data("usage: civic311-postgres-writer <connection-uri> <rounds>\n".utf8))
    exit(2)
}

func opening(_ ticket: TicketNumber, at instant: Date) -> (contact: Contact, opening: RequestEvent) {
    let contact = Contact(
        ticket: ticket,
        channel: .web,
        receivedAt: instant,
        agent: nil,
        callType: .serviceRequest(.serviceRequest, request: ticket)
    )
    let event = RequestEvent(
        ticket: ticket,
        sequence: 1,
        recordedAt: instant,
        actor: .resident(nil),
        change: .opened(
            RequestOpening(
                serviceType: "POTHOLE",
                kind: .serviceRequest,
                description: "Pothole reported through process \(getpid()).",
                location: Location(address: "\(ticket.sequence) Main Street"),
                answers: [],
                submitter: nil,
                channel: .web,
                agent: nil,
                priority: .normal,
                routing: RoutingDecision(department: "DOT", explanation: ["postgres writer"]),
                serviceLevel: ServiceLevelCommitment(
                    resolutionDueAt: instant.addingTimeInterval(72 * 3600),
                    policy: "multi-process"
                ),
                clientRequestID: "writer-\(ticket)"
            )
        ),
        fromState: nil,
        toState: .new,
        visibility: .public
    )
    return (contact, event)
}

/// Appends `event` to `request`; `nil` when another process moved the request first (a
/// conflict: its write stands, this one is dropped).
func append(
    _ event: RequestEvent,
    to request: ServiceRequest,
    in store: PostgresRequestStore
) async throws(StorageError) -> ServiceRequest? {
    do throws(StorageError) {
        return try await store.append([event], expectedVersion: request.version)
    } catch  where error.code == .conflict {
        return nil
    }
}

do {
    let configuration = try PostgresRequestStore.Configuration(connections: 2)
    let store = try PostgresRequestStore(connectionString: arguments[1], configuration: configuration)
    guard let node = store.node else { exit(4) }
    let issuer = try TicketIssuer(node: node, after: try await store.latestTicket(issuedBy: node))
    var random = SystemRandomNumberGenerator()
    for round in 0..<rounds {
        let now = Date().wholeMilliseconds
        let (contact, event) = opening(try issuer.issue(at: now), at: now)
        let opened = try await store.open(contact, request: event)
        printWhole("\(opened.ticket) \(opened.version)")
        // A department works on the oldest requests, which every process shares.
        let shared = try await store.requests(
            matching: RequestQuery(states: [.new, .assigned, .inProgress, .resolved]),
            page: try PageRequest(limit: 12)
        )
        if let request = shared.items.randomElement(using: &random),
            let event = departmentStep(for: request, at: Date().wholeMilliseconds, crew: "shared-crew")
        {
            if let moved = try await append(event, to: request, in: store) {
                printWhole("\(moved.ticket) \(moved.version)")
            }
        }
        if round % 5 == 0 { _ = try await store.countRequests(matching: RequestQuery(states: [.closed])) }
    }
    store.close()
} catch {
    FileHandle.standardError.write(Data("civic311-postgres-writer: \(error)\n".utf8))
    exit(1)
}
