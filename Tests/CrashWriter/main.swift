import Civic311
import Civic311SQLite
// civic311-crash-writer: the victim of the crash-safety test.
//
//     civic311-crash-writer <database> <node>
//
// Opens the SQLite store at <database> and writes until it is killed: it opens requests (alone
// and in batches of four) and moves each one through the department script (CrashWriterKit), one or two events per
// command. After every command the store acknowledges, and only then, it prints one line per
// request the command wrote, "<ticket> <version>", with a single unbuffered write(2), so a line
// on stdout always stands for a committed write. The test kills it with SIGKILL at a random
// moment and checks that every printed line is in the database.
import CrashWriterKit
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3, let node = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: civic311-crash-writer <database> <node>\n".utf8))
    exit(2)
}

func opening(_ ticket: TicketNumber, at instant: Date, index: Int) -> (contact: Contact, opening: RequestEvent) {
    let contact = Contact(
        ticket: ticket,
        channel: .phone,
        receivedAt: instant,
        agent: "crash-agent",
        callType: .serviceRequest(.serviceRequest, request: ticket)
    )
    let event = RequestEvent(
        ticket: ticket,
        sequence: 1,
        recordedAt: instant,
        actor: .callTaker("crash-agent"),
        change: .opened(
            RequestOpening(
                serviceType: "POTHOLE",
                kind: .serviceRequest,
                description: "Pothole \(index) reported by the crash writer.",
                location: Location(address: "\(index) Main Street"),
                answers: [],
                submitter: nil,
                channel: .phone,
                agent: "crash-agent",
                priority: .normal,
                routing: RoutingDecision(department: "DOT", explanation: ["crash writer"]),
                serviceLevel: ServiceLevelCommitment(
                    resolutionDueAt: instant.addingTimeInterval(72 * 3600),
                    policy: "crash"
                ),
                clientRequestID: "crash-\(ticket)"
            )
        ),
        fromState: nil,
        toState: .new,
        visibility: .public
    )
    return (contact, event)
}

do {
    let store = try SQLiteRequestStore(path: arguments[1])
    let issuer = try TicketIssuer(node: node, after: try await store.latestTicket(issuedBy: node))
    var inFlight: [ServiceRequest] = []
    var index = 0
    var random = SystemRandomNumberGenerator()
    while true {
        index += 1
        let now = Date().wholeMilliseconds
        if index % 5 == 0 {
            var batch: [(contact: Contact, opening: RequestEvent)] = []
            for offset in 0..<4 {
                batch.append(opening(try issuer.issue(at: now), at: now, index: index * 10 + offset))
            }
            for request in try await store.open(batch: batch) {
                printWhole("\(request.ticket) \(request.version)")
                inFlight.append(request)
            }
        } else {
            let (contact, event) = opening(try issuer.issue(at: now), at: now, index: index)
            let request = try await store.open(contact, request: event)
            printWhole("\(request.ticket) \(request.version)")
            inFlight.append(request)
        }
        // Move a random request on by one event, or two at once.
        let position = Int.random(in: 0..<inFlight.count, using: &random)
        var request = inFlight[position]
        var events: [RequestEvent] = []
        var next = request
        for _ in 0..<(Bool.random(using: &random) ? 2 : 1) {
            guard let event = departmentStep(for: next, at: Date().wholeMilliseconds, crew: "crash-crew") else { break }
            events.append(event)
            next = try next.applying([event])
        }
        if events.isEmpty {
            inFlight.remove(at: position)
        } else {
            request = try await store.append(events, expectedVersion: request.version)
            printWhole("\(request.ticket) \(request.version)")
            inFlight[position] = request
        }
        if inFlight.count > 40 { inFlight.removeFirst() }
    }
} catch {
    FileHandle.standardError.write(Data("civic311-crash-writer: \(error)\n".utf8))
    exit(1)
}
