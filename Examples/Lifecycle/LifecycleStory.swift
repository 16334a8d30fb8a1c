import Civic311
import Civic311SampleCounty
import ExampleCommandLine
import Foundation

/// One day at Cedar Valley 311, told to a console as a 311 manager would follow it: every kind of
/// contact, a pothole from phone call to close-out and back, an emergency, a pin the center will
/// not guess about, a request that waits on the resident, refused input and a refused operation,
/// and the next days' service-level checks.
///
/// The clock is a `ManualWallClock` that moves only when the story says so, so on an empty store
/// the narration is the same, byte for byte, every time (the golden file in `Tests/LifecycleTests`).
enum LifecycleStory {
    /// 08:55 on Monday 23 November 2026, Eastern time: the first morning told.
    static let firstMorning = Date(timeIntervalSince1970: 1_795_442_100)

    /// Tells the day on `store`, issuing tickets from `node` (the one the store was opened with:
    /// processes sharing a PostgreSQL database each lease their own).
    ///
    /// A ticket number carries the second it was issued, and a node never issues a number below
    /// its last one. So on a store that already holds this node's numbers (a second run on the same
    /// database) the story moves on to the first Monday after the last of them, and says so: the
    /// new tickets then carry the times the story tells.
    static func tell(
        on store: any RequestStore,
        node: Int = OpenedStore.soleNode,
        console: Console
    ) async throws {
        let county = Jurisdiction.sampleCounty
        let local = LocalTime(county.timeZone)
        console.print("Cedar Valley 311: a day at the center\n")
        var morning = firstMorning
        if let latest = try await store.latestTicket(issuedBy: node), latest.issuedAt >= firstMorning {
            let weeks = Int(latest.issuedAt.timeIntervalSince(firstMorning) / (7 * 86_400)) + 1
            guard let later = local.adding(weeks: weeks, to: firstMorning) else {
                throw CommandFailure(.failure, "the store's last ticket \(latest) is too far in the future")
            }
            morning = later
            console.print(
                """
                This store already holds earlier days: its last ticket, \(latest), was issued on \
                \(local.text(latest.issuedAt)). A ticket number carries the time it was issued and a \
                center never issues a number below its last one, so today's story is \(local.dayText(morning)).

                """
            )
        }
        let clock = try ManualWallClock(morning)
        let counter: EventCounter
        let tickets: [(String, TicketNumber)]
        do {
            // The county's own routing rules and service levels apply: nothing else is configured.
            let center = try await ServiceCenter(
                jurisdiction: county,
                store: store,
                configuration: ServiceCenter.Configuration(node: node, clock: clock)
            )
            // An integration (a department's work-order system, say) listens from the start.
            counter = EventCounter(center.events())
            var day = Day(center: center, county: county, clock: clock, local: local, console: console)
            try await day.tell()
            tickets = day.tickets
        }
        // The center is gone: its event stream has finished, and the count is complete.
        console.print("\nTicket numbers issued, each with the time it carries:")
        for (label, ticket) in tickets { console.print("  \(ticket)  \(local.text(ticket.issuedAt))  \(label)") }
        console.print("Events delivered to the listening integration: \(await counter.total())")
    }
}

/// The day itself, scene by scene.
private struct Day {
    let center: ServiceCenter
    let county: Jurisdiction
    let clock: ManualWallClock
    let local: LocalTime
    let console: Console
    /// Every ticket issued, with what it records, in the order issued.
    var tickets: [(String, TicketNumber)] = []
    /// The requests the story comes back to.
    var tree: TicketNumber?
    var noHeat: TicketNumber?

    let maria = AgentID("maria")
    var callTaker: Participant { .callTaker(maria) }
    let roadCrew = Participant.departmentStaff("j.okafor", department: "DOT")
    let housingInspector = Participant.departmentStaff("l.chen", department: "HCE")
    let triageSupervisor = Participant.supervisor("d.nguyen")

    init(center: ServiceCenter, county: Jurisdiction, clock: ManualWallClock, local: LocalTime, console: Console) {
        self.center = center
        self.county = county
        self.clock = clock
        self.local = local
        self.console = console
    }

    func say(_ text: String) { console.print("[\(local.text(clock.now()))] \(text)") }
    func minutes(_ count: Double) throws { try clock.advance(by: count * 60) }

    /// Says that `ticket` was issued for `label`, and remembers it for the closing list.
    mutating func issued(_ ticket: TicketNumber, _ label: String, _ what: String) {
        tickets.append((label, ticket))
        say("  ticket \(ticket) \(what)")
    }

    mutating func tell() async throws {
        try await informationAndReferral()
        let pothole = try await potholeFromCallToCloseOut()
        try await residentLooksItUp(pothole)
        try await complaintReopens(pothole)
        try await emergency()
        try await pinAtTheEdge()
        try await requestWaitingOnTheResident()
        try await refusals(pothole)
        try await secondRepair(pothole)
        try await treeCleared()
        try await serviceLevelChecks()
        try await history(of: pothole)
    }

    // MARK: Scenes

    /// General information, answered from the knowledge base; a referral to the state.
    mutating func informationAndReferral() async throws {
        say("A caller asks when her trash is collected. Maria answers from the knowledge base.")
        let trashCall = try await center.record(
            ContactDraft(.information(article: "KB-TRASH-DAY"), channel: .phone, agent: maria),
            by: callTaker
        )
        issued(trashCall.ticket, "general information", "records the call, answered on the first contact")
        try minutes(4)

        say("A caller reports a pothole on State Route 9. The state owns that road: Maria transfers the call warm.")
        let referral = try await center.record(
            ContactDraft(.referral(Referral(target: "SHA", transfer: .warm)), channel: .phone, agent: maria),
            by: callTaker
        )
        let agency = county.department("SHA")
        issued(
            referral.ticket,
            "referral",
            "records the call, referred to \(agency?.name ?? "the state") at \(agency?.phone ?? "its number")"
        )
        try minutes(6)
    }

    /// A pothole on a county road, from the probing questions to closure.
    mutating func potholeFromCallToCloseOut() async throws -> TicketNumber {
        say("Next caller: a deep pothole on Elm Street. Maria asks the probing questions:")
        let answers: [QuestionCode: AnswerValue] = [
            "size": .choice("large"), "position": .choice("lane"), "damage": .yesNo(true),
        ]
        for question in county.serviceType("POTHOLE")?.questions ?? [] {
            say("  “\(question.prompt)” \(answers[question.id].map { Self.words($0, for: question) } ?? "(not asked)")")
        }
        let acknowledgement = try await center.submit(
            ServiceRequestDraft(
                serviceType: "POTHOLE",
                description: "Deep pothole in the eastbound lane outside number 214",
                location: Location(
                    address: "214 Elm Street",
                    coordinate: try Coordinate(latitude: 39.0840, longitude: -77.1528)
                ),
                answers: answers,
                submitter: Submitter(name: "Sam Rivera", phone: "555-010-7788"),
                channel: .phone,
                agent: maria
            ),
            by: callTaker
        )
        issued(acknowledgement.ticket, "pothole", "opens the request. Maria reads out the acknowledgement:")
        say("  “\(acknowledgement.message)”")
        let request = try await center.request(acknowledgement.ticket, by: callTaker)
        say("  The promise counts three business days of county office hours, 8:30 to 5, holidays excluded.")
        say("  Why Transportation: \(request.opening.routing.explanation.last ?? "")")
        try minutes(50)

        say("Transportation accepts the request and sends a crew.")
        try await center.accept(acknowledgement.ticket, by: roadCrew)
        try minutes(90)
        try await center.start(acknowledgement.ticket, by: roadCrew)
        try minutes(120)
        try await center.resolve(
            acknowledgement.ticket,
            note: "Crew 4 filled the pothole with hot asphalt at 1:30 pm.",
            by: roadCrew
        )
        let closed = try await center.close(
            acknowledgement.ticket,
            reason: .completed,
            note: "Pothole outside 214 Elm Street filled with hot asphalt; lane reopened.",
            by: roadCrew
        )
        say("The crew is done. Transportation resolves and closes the request, telling Sam what was done:")
        say("  “\(closed.closure?.note ?? "")”")
        try minutes(60)
        return acknowledgement.ticket
    }

    /// The resident reads the ticket out, swapping two digits first.
    func residentLooksItUp(_ ticket: TicketNumber) async throws {
        say("Sam checks on the ticket by reading it out, and first swaps two digits.")
        var misread = Array(ticket.digits)
        misread.swapAt(7, 8)
        do {
            _ = try await center.status(of: String(misread))
            say("  \(String(misread)) was accepted: the check digit should have caught the swap")
        } catch let error as TicketNumberError {
            say("  \(String(misread)) is refused: \(error.reason)")
        }
        say("Read again: \(ticket.digits)")
        let view = try await center.status(of: ticket.digits)
        say("  Sam hears: \(view.serviceTypeName), \(view.status), handled by \(view.departmentName)")
        for note in view.notes { say("    “\(note.text)”") }
    }

    /// The fix did not hold: a complaint reopens the request.
    mutating func complaintReopens(_ ticket: TicketNumber) async throws {
        try minutes(180)
        say("Sam calls back: the patch has already crumbled. Maria records his complaint, which reopens the request.")
        let complaint = try await center.reopen(
            ticket,
            complaint: "Patch crumbled after the evening rain",
            channel: .phone,
            agent: maria,
            caller: .phone("(555) 010-7788"),  // caller ID: the number Sam gave at intake
            by: callTaker
        )
        issued(complaint.ticket, "complaint", "records the complaint")
        let reopened = try await center.request(ticket, by: callTaker)
        say(
            "  The pothole request is open again, \(reopened.state.publicLabel.lowercased()) to "
                + "\(name(of: reopened.department)); reopened \(Self.times(reopened.reopenCount))."
        )
    }

    /// An emergency is advised at once, and still recorded and routed.
    mutating func emergency() async throws {
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
        issued(tree.ticket, "tree down", "opens the request")
        let routing = try await center.request(tree.ticket, by: callTaker).opening.routing
        say("  Maria reads the advisory first: “\(routing.advisory ?? "")”")
        say(
            "  The request goes to the \(routing.queue ?? "main") queue of \(name(of: routing.department)) "
                + "as an emergency, and stays on record."
        )
        let emergencyCrew = Participant.departmentStaff("r.silva", department: routing.department)
        try await center.accept(tree.ticket, by: emergencyCrew)
        try await center.start(tree.ticket, by: emergencyCrew)
        say("  \(name(of: routing.department))'s emergency crew accepts it and heads out.")
        self.tree = tree.ticket
    }

    /// The emergency crew clears the tree, with the power company.
    func treeCleared() async throws {
        guard let tree else { return }
        try minutes(30)
        let request = try await center.request(tree, by: callTaker)
        let emergencyCrew = Participant.departmentStaff("r.silva", department: request.department)
        try await center.resolve(
            tree,
            note: "Oak cut clear of the lines with the power company; Birch Lane reopened.",
            by: emergencyCrew
        )
        say("\(name(of: request.department))'s crew has cut the oak clear of the lines with the power company.")
    }

    /// A pin ten metres from the State Route 9 corridor: the center does not guess whose road it is.
    mutating func pinAtTheEdge() async throws {
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
        issued(edge.ticket, "pothole at the edge of Route 9", "opens the request")
        let routing = try await center.request(edge.ticket, by: callTaker).opening.routing
        say("  It goes to the \(name(of: routing.department)) triage desk, with the rules' reasoning:")
        for line in routing.explanation { say("    \(line)") }
        try minutes(10)
        say("The triage desk, staffed around the clock, checks the pin against the road map: the ramp is the county's.")
        try await center.reassign(
            edge.ticket,
            to: "DOT",
            reason: "Pin checked against the road map: the ramp is a county road, not State Route 9.",
            by: triageSupervisor
        )
        say("  The supervisor reassigns it to \(name(of: "DOT")).")
    }

    /// A request that waits on the resident.
    mutating func requestWaitingOnTheResident() async throws {
        try minutes(10)
        say("A tenant reports no heat on the web. Housing needs a time to inspect.")
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
        issued(noHeat.ticket, "no heat", "opens the request. Ana's acknowledgement:")
        self.noHeat = noHeat.ticket
        say("  “\(noHeat.message)”")
        try await center.accept(noHeat.ticket, by: housingInspector)
        let question = "Please tell us when an inspector can enter the apartment."
        try await center.putOnHold(noHeat.ticket, waitingFor: question, by: housingInspector)
        let view = try await center.status(of: noHeat.ticket)
        say("  Housing asks Ana: “\(question)” Her status page reads “\(view.status)”; the clock stops.")
        try minutes(45)
        try await center.addNote(
            noHeat.ticket,
            "Tenant: any weekday after 4 pm.",
            visibility: .internal,
            by: housingInspector
        )
        try await center.resume(noHeat.ticket, by: housingInspector)
        say("  Ana answers “any weekday after 4 pm”; the inspection is booked and the clock runs again.")
    }

    /// Bad input is refused with a clear message and stores nothing; so is the wrong department.
    func refusals(_ pothole: TicketNumber) async throws {
        try minutes(10)
        say("A web form for a missed trash pickup leaves out a required question.")
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
            say("  accepted: the form should have been refused")
        } catch let error as ValidationError {
            say("  The form is refused, and nothing is stored: \(error.reason).")
        }

        say("Solid Waste staff try to close the pothole request.")
        do {
            try await center.close(
                pothole,
                reason: .closedWithoutAction(code: "NOT_OURS"),
                note: "Closing",
                by: .departmentStaff("p.lee", department: "SWR")
            )
            say("  closed: the center should have refused")
        } catch let error as AuthorizationError {
            say("  Refused, and nothing changes: \(error.reason).")
        }
    }

    /// Transportation fixes the pothole properly this time.
    func secondRepair(_ pothole: TicketNumber) async throws {
        try minutes(30)
        try await center.start(pothole, by: roadCrew)
        try await center.resolve(
            pothole,
            note: "Saw-cut and full-depth patch; cured before reopening the lane.",
            by: roadCrew
        )
        try await center.close(
            pothole,
            reason: .completed,
            note: "Permanent full-depth repair completed.",
            by: roadCrew
        )
        say("Transportation returns with a saw-cut, full-depth patch, and closes the pothole request again.")
    }

    /// The supervisor desk's service-level checks. Nothing runs on a timer: the integrator decides
    /// when; each rule fires once, and the firing is part of the request's history.
    mutating func serviceLevelChecks() async throws {
        try clock.advance(by: 14 * 3_600 + 15 * 60)
        try await serviceLevelCheck("The next morning the supervisor desk runs the service-level check")
        if let noHeat {
            try clock.advance(by: 6 * 3_600 + 30 * 60)
            try await center.resolve(
                noHeat,
                note: "Boiler relit; the landlord is ordered to have it serviced within 48 hours.",
                by: housingInspector
            )
            say(
                "The inspector visits Ana after 4 pm, as she asked: the boiler is relit and the landlord ordered to service it."
            )
            try clock.advance(by: 17 * 3_600 + 30 * 60)
        } else {
            try clock.advance(by: 24 * 3_600)
        }
        try await serviceLevelCheck("The next morning, the same check")
        let again = try await center.evaluateServiceLevels(at: clock.now())
        say("  Checking again at once fires nothing new: \(Self.count(again.count, "escalation")).")
    }

    /// One check, with each escalation it records.
    func serviceLevelCheck(_ title: String) async throws {
        let escalations = try await center.evaluateServiceLevels(at: clock.now())
        say("\(title): \(Self.count(escalations.count, "escalation")).")
        for event in escalations {
            guard case .escalated(let escalation) = event.change else { continue }
            let request = try await center.request(event.ticket, by: .supervisor("chief"))
            let type = county.serviceType(request.serviceType)?.name ?? request.serviceType.rawValue
            say("  \(event.ticket) (\(type)): \(escalation.reason); \(describe(escalation.action))")
        }
    }

    /// The pothole's history, as a supervisor reads it.
    func history(of pothole: TicketNumber) async throws {
        let history = try await center.history(of: pothole, by: .supervisor("chief"))
        say("The pothole's history, \(Self.count(history.count, "event")):")
        for event in history {
            let move = "\(event.fromState?.publicLabel ?? "–") → \(event.toState.publicLabel)"
            say(
                "  #\(event.sequence) \(local.text(event.recordedAt)), \(event.actor): \(Self.words(event.change)) (\(move))"
            )
        }
    }

    // MARK: Words

    /// A department's name.
    func name(of department: DepartmentID) -> String { county.department(department)?.name ?? department.rawValue }

    /// An escalation's action in words.
    func describe(_ action: EscalationAction) -> String {
        switch action {
        case .notifySupervisor(let queue): "the supervisor desk is notified" + (queue.map { " (\($0))" } ?? "")
        case .raisePriority(let priority): "its priority is raised to \(priority)"
        case .moveToQueue(let department, let queue):
            "moved to the \(queue ?? "main") queue of \(name(of: department))"
        }
    }

    /// A recorded change in words.
    static func words(_ change: RequestChange) -> String {
        switch change.action {
        case .open: "opened"
        case .accept: "accepted"
        case .start: "work started"
        case .putOnHold: "put on hold for the resident"
        case .resume: "work resumed"
        case .resolve: "resolved"
        case .close: "closed"
        case .reopen: "reopened"
        case .returnAsNotOurs: "returned as not theirs"
        case .reassign: "reassigned"
        case .annotate: "note added"
        case .changePriority: "priority changed"
        case .escalate: "escalated"
        }
    }

    /// An answer as the caller gave it: a choice's label, yes or no.
    static func words(_ value: AnswerValue, for question: ProbingQuestion) -> String {
        switch value {
        case .choice(let choice): question.choices.first { $0.value == choice }?.label ?? choice
        case .yesNo(let yes): yes ? "Yes" : "No"
        case .text(let text): text
        case .number(let number): "\(number)"
        case .choices(let choices):
            choices.map { choice in question.choices.first { $0.value == choice }?.label ?? choice }
                .joined(separator: ", ")
        case .dateTime(let date): "\(date)"
        }
    }

    static func times(_ count: Int) -> String {
        switch count {
        case 1: "once"
        case 2: "twice"
        default: "\(count) times"
        }
    }

    static func count(_ count: Int, _ noun: String) -> String {
        count == 0 ? "no \(noun)s" : count == 1 ? "one \(noun)" : "\(count) \(noun)s"
    }
}

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

    /// The number of events, once the stream has finished (when its center is released).
    func total() async -> Int { await task.value }
}
