// One day in the life of Cedar Valley 311, narrated: every kind of contact, a pothole from
// phone call to close-out and back, a hold, a rejected input and a refused operation.
//
//     swift run lifecycle [--store memory|sqlite:PATH]

import Civic311
import Foundation

let county = Jurisdiction.sampleCounty
let localTime = Date.FormatStyle(date: .omitted, time: .shortened, timeZone: county.timeZone)
let localDate = Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: county.timeZone)

// 08:55 on Monday 23 November 2026, Eastern time. The clock only moves when the story says so.
let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_795_442_100))
var configuration = ServiceCenter.Configuration(node: 1, clock: clock, triage: "311")
configuration.router = RoutingRuleSet.sampleCounty  // rules over districts, time windows, answers
configuration.serviceLevels = ServiceLevelEngine.sampleCounty  // business calendars and escalation
let store = try StoreOption.store(from: Array(CommandLine.arguments.dropFirst()))
let center = try await ServiceCenter(jurisdiction: county, store: store, configuration: configuration)
var tickets: [(String, TicketNumber)] = []
let eventCount = EventCounter(center.events())

func say(_ text: String) { print("[\(clock.now().formatted(localTime))] \(text)") }
func minutes(_ count: Double) throws { try clock.advance(by: count * 60) }

let maria = AgentID("maria")
let callTaker = Participant.callTaker(maria)
let roadCrew = Participant.departmentStaff("j.okafor", department: "DOT")
let housingInspector = Participant.departmentStaff("l.chen", department: "HCE")

print("Cedar Valley 311: a day at the center\n")

// 1. General information, answered from the knowledge base and closed at once.
say("A caller asks when her trash is collected. Maria answers from the knowledge base.")
let trashCall = try await center.record(
    .init(.information(article: "KB-TRASH-DAY"), channel: .phone, agent: maria),
    by: callTaker
)
say(
    "  contact \(trashCall.ticket): general information, resolved at first contact: \(trashCall.isResolvedAtFirstContact)"
)
tickets.append(("general information", trashCall.ticket))
try minutes(4)

// 2. A referral: the problem belongs to the state, so 311 transfers and records it.
say("A caller reports a pothole on State Route 9. That road is the state's: a warm transfer.")
let referral = try await center.record(
    .init(.referral(Referral(target: "SHA", transfer: .warm)), channel: .phone, agent: maria),
    by: callTaker
)
say("  contact \(referral.ticket): referred to \(county.department("SHA")!.name)")
tickets.append(("referral", referral.ticket))
try minutes(6)

// 3. A pothole on a county road: a service request with probing answers.
say("Next caller: a deep pothole on Elm Street. Maria asks the probing questions.")
let pothole = try await center.submit(
    ServiceRequestDraft(
        serviceType: "POTHOLE",
        description: "Deep pothole in the eastbound lane outside number 214",
        location: Location(
            address: "214 Elm Street",
            coordinate: try Coordinate(latitude: 39.0840, longitude: -77.1528)
        ),
        answers: ["size": .choice("large"), "position": .choice("lane"), "damage": .yesNo(true)],
        submitter: Submitter(name: "Sam Rivera", phone: "555-010-7788"),
        channel: .phone,
        agent: maria
    ),
    by: callTaker
)
say("  \(pothole.message)")
tickets.append(("pothole", pothole.ticket))
let routed = try await center.request(pothole.ticket, by: callTaker)
say("  due in business time (3 business days, county offices 8:30–5): \(routed.dueAt.formatted(localDate))")
say("  why Transportation: \(routed.opening.routing.explanation.last ?? "")")
try minutes(50)

say("Transportation accepts the request and sends a crew.")
try await center.accept(pothole.ticket, by: roadCrew)
try minutes(90)
try await center.start(pothole.ticket, by: roadCrew)
try minutes(120)
try await center.resolve(pothole.ticket, note: "Crew 4 filled the pothole with hot asphalt at 1:30 pm.", by: roadCrew)
let closed = try await center.close(
    pothole.ticket,
    reason: .completed,
    note: "Pothole outside 214 Elm Street filled with hot asphalt; lane reopened.",
    by: roadCrew
)
say("  state: \(closed.state.rawValue), closure note: \(closed.closure!.note)")
try minutes(60)

// 4. The resident looks the ticket up, reading it out over the phone.
say("Sam checks on the ticket by reading it out, and first swaps two digits.")
var misread = Array(pothole.ticket.digits)
misread.swapAt(7, 8)
do {
    _ = try await center.status(of: String(misread))
} catch let error as TicketNumberError {
    say("  \(String(misread)) is refused: \(error.reason)")
}
say("Read again: \(pothole.ticket.digits)")
let view = try await center.status(of: pothole.ticket.digits)
say("  public view: \(view.serviceTypeName), \(view.status), handled by \(view.departmentName)")
for note in view.notes { say("    note: \(note.text)") }

// 5. The fix did not hold: a complaint reopens the request.
try minutes(180)
say("Sam calls back: the patch has already crumbled. Maria records a complaint that reopens the ticket.")
let complaint = try await center.record(
    .init(
        .followUp(pothole.ticket, .complaint, note: "Patch crumbled after the evening rain"),
        channel: .phone,
        agent: maria
    ),
    reopen: true,
    caller: .phone("(555) 010-7788"),  // caller ID: the number Sam gave at intake
    by: callTaker
)
tickets.append(("complaint", complaint.ticket))
let reopened = try await center.request(pothole.ticket, by: callTaker)
say(
    "  complaint \(complaint.ticket); pothole is \(reopened.state.rawValue) again, reopened \(reopened.reopenCount) time(s)"
)

// 5b. An emergency is advised at once, and still recorded and routed.
try minutes(5)
say("A caller says a tree has come down on a power line.")
let tree = try await center.submit(
    ServiceRequestDraft(
        serviceType: "TREE_DOWN",
        description: "Large oak across the wires on Birch Lane",
        location: Location(
            address: "40 Birch Lane",
            coordinate: try Coordinate(latitude: 39.0610, longitude: -77.1700)
        ),
        answers: ["on_structure": .yesNo(true), "blocking": .yesNo(true)],
        channel: .phone,
        agent: maria
    ),
    by: callTaker
)
tickets.append(("tree down", tree.ticket))
let treeRouting = try await center.request(tree.ticket, by: callTaker).opening.routing
say("  advisory read to the caller: \(treeRouting.advisory ?? "none")")
say(
    "  routed to \(county.departmentName(treeRouting.department)) queue \(treeRouting.queue ?? "-") (\(treeRouting.disposition.rawValue))"
)

// 5c. A pin ten metres from the State Route 9 corridor: the center does not guess whose road it is.
say("A web report drops a pin for a pothole right at the edge of State Route 9.")
let edge = try await center.submit(
    ServiceRequestDraft(
        serviceType: "POTHOLE",
        description: "Pothole near the ramp",
        location: Location(coordinate: try Coordinate(latitude: 39.0500, longitude: -77.20062)),
        answers: ["size": .choice("medium"), "position": .choice("shoulder")],
        channel: .web
    ),
    by: .resident(nil)
)
tickets.append(("ambiguous pothole", edge.ticket))
let edgeRouting = try await center.request(edge.ticket, by: callTaker).opening.routing
say("  sent to \(county.departmentName(edgeRouting.department)) for review; the trace:")
for line in edgeRouting.explanation { say("    \(line)") }

// 6. A request that waits on the resident.
try minutes(20)
say("A tenant reports no heat. Housing needs a time to inspect.")
let noHeat = try await center.submit(
    ServiceRequestDraft(
        serviceType: "NO_HEAT",
        description: "No heat in apartment 3B since Saturday",
        location: Location(address: "18 Mill Road, Apt 3B"),
        answers: ["missing": .choice("heat")],
        submitter: Submitter(name: "Ana Ortiz", email: "ana.ortiz@example.org"),
        channel: .web
    ),
    by: .resident("ana.ortiz@example.org")
)
tickets.append(("no heat", noHeat.ticket))
say("  \(noHeat.message)")
try await center.accept(noHeat.ticket, by: housingInspector)
try await center.putOnHold(
    noHeat.ticket,
    waitingFor: "Please tell us when an inspector can enter the apartment.",
    by: housingInspector
)
say("  on hold, waiting on the resident: \(try await center.status(of: noHeat.ticket).status)")
try minutes(45)
try await center.addNote(noHeat.ticket, "Tenant: any weekday after 4 pm.", visibility: .internal, by: housingInspector)
try await center.resume(noHeat.ticket, by: housingInspector)
say("  the tenant answered; inspection resumed")

// 7. Bad input is rejected with a clear message, and nothing is stored.
try minutes(10)
say("A web form omits the required question for a missed trash pickup.")
do {
    _ = try await center.submit(
        ServiceRequestDraft(
            serviceType: "MISSED_TRASH",
            description: "Bin not emptied",
            location: Location(address: "7 Oak Lane"),
            answers: ["collection_day": .dateTime(clock.now())],
            channel: .web
        ),
        by: .resident(nil)
    )
} catch let error as ValidationError {
    say("  rejected: \(error.message)")
}

// 8. The wrong department tries to close someone else's request.
say("Solid Waste staff try to close the pothole ticket.")
do {
    try await center.close(
        pothole.ticket,
        reason: .closedWithoutAction(code: "NOT_OURS"),
        note: "Closing",
        by: .departmentStaff("p.lee", department: "SWR")
    )
} catch let error as AuthorizationError {
    say("  denied: \(error.message)")
}

// 9. Transportation fixes it properly this time.
try minutes(30)
try await center.start(pothole.ticket, by: roadCrew)
try await center.resolve(
    pothole.ticket,
    note: "Saw-cut and full-depth patch; cured before reopening the lane.",
    by: roadCrew
)
try await center.close(pothole.ticket, reason: .completed, note: "Permanent full-depth repair completed.", by: roadCrew)
// 10. Next morning the supervisor desk runs the service-level check. Nothing runs on a timer:
// the integrator decides when; each rule fires once, and the firing is part of the history.
try clock.set(Date(timeIntervalSince1970: 1_795_532_400))  // Tuesday 10:00
let escalations = try await center.evaluateServiceLevels(at: clock.now())
say("Tuesday morning's service-level check: \(escalations.count) escalation(s)")
for event in escalations {
    if case .escalated(let escalation) = event.change {
        say("  \(event.ticket): \(escalation.rule) (\(escalation.reason))")
    }
}
let again = try await center.evaluateServiceLevels(at: clock.now())
say("  checking again at once fires nothing new: \(again.count) escalation(s)")

let history = try await center.history(of: pothole.ticket, by: .supervisor("chief"))
say("The pothole's history, \(history.count) events:")
for event in history {
    let states = "\(event.fromState?.rawValue ?? "—") → \(event.toState.rawValue)"
    say(
        "  #\(event.sequence) \(event.recordedAt.formatted(localDate)) \(event.actor): \(event.change.action.rawValue) (\(states))"
    )
}

print("\nTicket numbers issued today:")
for (label, ticket) in tickets { print("  \(ticket)  \(label)") }
print("Events delivered to subscribers: \(await eventCount.total())")

/// Counts events from the center's stream, as a metrics bridge would.
final class EventCounter: Sendable {
    private let task: Task<Int, Never>

    init(_ events: AsyncStream<CenterEvent>) {
        task = Task {
            var count = 0
            for await _ in events { count += 1 }
            return count
        }
    }

    func total() async -> Int {
        await Task.yield()
        task.cancel()
        return await task.value
    }
}
