// docs: begin open-a-center
import Civic311
import Civic311SampleCounty
import Foundation

let center = try await ServiceCenter(
    jurisdiction: .sampleCounty,
    store: .inMemory,
    configuration: .init(node: 1, clock: try ManualWallClock(.now))
)
// Subscribe first: the stream carries what happens from now on.
let events = center.events()
// docs: end

// docs: begin take-contacts-in
try await center.record(.init(.information(article: "KB-TRASH-DAY"), channel: .phone), by: .callTaker("maria"))
// docs: end

// docs: begin submit
let ack = try await center.submit(
    ServiceRequestDraft(
        serviceType: "POTHOLE",
        description: "Deep pothole in the eastbound lane",
        location: Location(address: "214 Elm Street"),
        answers: ["size": .choice("large"), "position": .choice("lane")],
        channel: .phone
    ),
    by: .callTaker("maria")
)
print(ack.message)
// docs: end

// docs: begin work-the-request
let crew = Participant.departmentStaff("j.okafor", department: "DOT")
try await center.accept(ack.ticket, by: crew)
try await center.start(ack.ticket, by: crew)
try await center.resolve(ack.ticket, note: "Filled with hot asphalt.", by: crew)
try await center.close(ack.ticket, reason: .completed, note: "Repair complete.", by: crew)
// docs: end

// docs: begin look-it-up
// The resident reads the ticket number out; a misheard digit fails the check digit.
let view = try await center.status(of: ack.ticket.digits)
print(view.status, view.notes.map(\.text))
// docs: end

// docs: begin listen
// Everything above is waiting in the stream; stop once the request is closed.
for await event in events {
    guard case .requestChanged(let change, let request) = event else { continue }
    print(change.change.action, request.state)
    if request.ticket == ack.ticket, request.state == .closed { break }
}
// docs: end
