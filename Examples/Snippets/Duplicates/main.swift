// docs: begin duplicates-offer
import Civic311
import Civic311SampleCounty

let center = try await ServiceCenter(
    jurisdiction: .sampleCounty,
    store: InMemoryRequestStore(),
    configuration: .init(node: 1)
)
// Ana reported a pothole on Elm Street this morning.
let corner = try Coordinate(latitude: 39.0841, longitude: -77.1528)
let first = try await center.submit(
    ServiceRequestDraft(
        serviceType: "POTHOLE",
        description: "Deep pothole in the eastbound lane",
        location: Location(address: "214 Elm Street", coordinate: corner),
        answers: ["size": .choice("large"), "position": .choice("lane")],
        submitter: Submitter(name: "Ana Núñez", phone: "555-010-7788"),
        channel: .phone
    ),
    by: .callTaker("maria")
)
// Ben calls about a hole a few metres away. Before making a ticket, the call-taker looks.
let report = ServiceRequestDraft(
    serviceType: "POTHOLE",
    description: "Big hole outside the bakery",
    location: Location(coordinate: try Coordinate(latitude: 39.08413, longitude: -77.15282)),
    answers: ["size": .choice("large"), "position": .choice("lane")],
    submitter: Submitter(name: "Ben Okafor", email: "ben@example.com"),
    channel: .phone
)
for candidate in try await center.duplicateCandidates(for: report, by: .callTaker("maria")) {
    print("Is it this one? \(candidate)")
}
// docs: end

// docs: begin duplicates-merge
// Ben says it is. His report gets its own ticket, merged into Ana's: he follows it from now on.
let second = try await center.submit(report, by: .callTaker("maria"))
let merge = try await center.linkDuplicate(second.ticket, to: first.ticket, by: .callTaker("maria"))
print("\(merge.master.ticket): \(merge.master.meTooCount + 1) reports, due \(merge.master.dueAt)")
print("\(merge.duplicate.ticket): \(merge.duplicate.state), merged into \(merge.duplicate.master!)")

// A crew finds two holes after all: undo the merge, exactly.
let undone = try await center.unlinkDuplicate(second.ticket, reason: "Two separate holes", by: .supervisor("chief"))
print("\(undone.duplicate.ticket) is \(undone.duplicate.state) again; \(undone.master.meTooCount) merged")
// docs: end
