// docs: begin quick-start
import Civic311
import Civic311SampleCounty

let center = try await ServiceCenter(
    jurisdiction: .sampleCounty,  // or your own: Jurisdiction(json: data)
    store: .inMemory,  // any RequestStore
    configuration: .init(node: 1)  // node: this process's ticket node
)
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
print(ack.message)  // "Your request for Pothole is ticket 02518-50700-01006. … expected by …"

let crew = Participant.departmentStaff("j.okafor", department: "DOT")
try await center.accept(ack.ticket, by: crew)
try await center.start(ack.ticket, by: crew)
try await center.resolve(ack.ticket, note: "Filled with hot asphalt.", by: crew)
let view = try await center.status(of: ack.ticket.digits)  // what the resident sees
print(view.status, view.notes.map(\.text))
// docs: end
