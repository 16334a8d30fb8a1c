import Civic311
import Civic311SampleCounty
import ExampleCommandLine
import Foundation

/// The narration: a manual clock moves only when the story says so, so on an empty store the run
/// is the same every time.
enum AdapterStory {
    /// 13:00 UTC on Monday 23 November 2026.
    static let firstStart = Date(timeIntervalSince1970: 1_795_438_800)
    static let destination = "public-works"
    static let served: Set<DepartmentID> = ["DOT"]

    /// Tells the run on `store`, issuing tickets from `node` (the one the store was opened with).
    static func tell(
        on store: any RequestStore,
        node: Int = OpenedStore.soleNode,
        console: Console
    ) async throws {
        console.print("Cedar Valley 311 and the public-works work-order system\n")
        // Where an earlier run on this store left the outbox, read before the outbox is built.
        let checkpoint = try await store.checkpoint(of: FeedConsumerID("outbox.\(destination)"))
        let earlier = try await store.latestTicket(issuedBy: node)
        var start = firstStart
        if let earlier, earlier.issuedAt >= firstStart {
            // A ticket carries the second it was issued and a node never issues one below its last:
            // this run starts an hour after the store's last ticket.
            start = earlier.issuedAt.addingTimeInterval(3_600)
            console.print(
                "This store already holds earlier runs (last ticket \(earlier)): this run starts an hour after it."
            )
        }
        if checkpoint > .start {
            console.print("Resumed the outbox from its checkpoint #\(checkpoint.rawValue)")
        }
        let clock = try ManualWallClock(start)
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: store,
            configuration: ServiceCenter.Configuration(node: node, clock: clock)
        )
        let backOffice = WorkOrderSystem()
        let outbox = try await DepartmentOutbox(
            center: center,
            adapter: backOffice,
            destination: try OutboxDestination(name: destination, departments: served)
        )
        var run = try Run(center: center, outbox: outbox, backOffice: backOffice, clock: clock, console: console)
        try await run.tell()
        let before = earlier.map { ticket in backOffice.effects.filter { $0.key.issuedAt <= ticket.issuedAt } } ?? [:]
        if earlier != nil {
            console.print(
                "Deliveries this run made for requests of earlier runs: \(before.values.reduce(0) { $0 + $1.count })"
            )
        }
    }
}

/// The run, scene by scene.
private struct Run {
    let center: ServiceCenter
    let outbox: DepartmentOutbox
    let backOffice: WorkOrderSystem
    let clock: ManualWallClock
    let console: Console
    let map: BackOfficeStatusMap
    /// When the run started: the timeline counts from it.
    let start: Date
    var updatesSent = 0

    let callTaker = Participant.callTaker("maria")
    /// The depot's bridge, acting for Public Works.
    var bridge: Participant { .integration(backOffice.system, department: "DOT") }

    init(
        center: ServiceCenter,
        outbox: DepartmentOutbox,
        backOffice: WorkOrderSystem,
        clock: ManualWallClock,
        console: Console
    ) throws {
        self.center = center
        self.outbox = outbox
        self.backOffice = backOffice
        self.clock = clock
        self.console = console
        start = clock.now()
        // The work-order system's status codes, as the integrator maps them.
        map = try BackOfficeStatusMap(
            system: backOffice.system,
            entries: [
                .init(code: "WO_ACCEPTED", transition: .accept),
                .init(code: "WO_STARTED", transition: .start),
                .init(code: "WO_COMPLETE", transition: .resolve, publicNote: "The crew finished the repair."),
                .init(
                    code: "WO_CLOSED",
                    transition: .close(.completed),
                    publicNote: "Public Works closed the work order."
                ),
                .init(code: "WO_NOT_OURS", transition: .returnAsNotOurs),
            ]
        )
    }

    func say(_ text: String) {
        let minutes = Int(clock.now().timeIntervalSince(start) / 60)
        console.print("[+\(minutes / 60):\(String(format: "%02d", minutes % 60))] \(text)")
    }

    func minutes(_ count: Double) throws { try clock.advance(by: count * 60) }

    mutating func tell() async throws {
        let tickets = try await outage()
        try await closeOut(tickets[0])
        try await parked(tickets[1])
        try await rekeyed(tickets[2])
        try await returned(tickets[3])
        try await bypassing()
        try await drain()
        let figures = await outbox.figures
        say("Final outbox figures: \(figures)")
        say(
            "Delivered \(figures.delivered), retried \(figures.retried), dead-lettered \(figures.deadLettered), "
                + "pending \(figures.pending)"
        )
    }

    // MARK: Scenes

    /// Requests pile up while the back office is down, and are delivered once when it recovers.
    func outage() async throws -> [TicketNumber] {
        say("The work-order system goes down for maintenance.")
        backOffice.setDown(true)
        var tickets: [TicketNumber] = []
        for (index, street) in ["Main Street", "Oak Avenue", "Mill Road", "Route 9"].enumerated() {
            try minutes(3)
            let ticket = try await center.submit(pothole(index + 1, on: street), by: callTaker).ticket
            tickets.append(ticket)
            say("Pothole on \(street): ticket \(ticket)")
            try await outbox.deliverDue()
        }
        var figures = await outbox.figures
        say(
            "While the back office is down: \(figures.pending) deliveries wait in the outbox, "
                + "\(backOffice.refusedWhileDown) calls refused, \(figures.retried) retries scheduled"
        )
        say("Outbox: \(figures)")
        try minutes(20)
        say("The work-order system is back.")
        backOffice.setDown(false)
        figures = try await settle()
        say("Outbox: \(figures)")
        let effects = backOffice.effects
        let once = tickets.allSatisfy { effects[$0] == [.dispatch] }
        say("Work orders created: \(tickets.count), each exactly once: \(once ? "yes" : "no")")
        for ticket in tickets {
            let request = try await center.request(ticket, by: .supervisor("d.nguyen"))
            let reference = request.externalReference(in: backOffice.system)?.identifier ?? "(none)"
            say("  \(ticket) -> \(reference)")
        }
        return tickets
    }

    /// Accept, start, resolve with the crew's note, close.
    mutating func closeOut(_ ticket: TicketNumber) async throws {
        say("The crew works the pothole on Main Street:")
        let order = backOffice.order(for: ticket) ?? ""
        for (status, note) in [
            ("WO_ACCEPTED", nil),
            ("WO_STARTED", nil),
            ("WO_COMPLETE", "Cut and filled with hot asphalt, 2 by 3 feet; crew 7."),
            ("WO_CLOSED", "Inspected by the yard supervisor."),
        ] as [(String, String?)] {
            let outcome = try await receive(status, note: note, for: order)
            let request = outcome.request
            let publicNote = request.notes.last(where: { $0.visibility == .public })?.text
            say(
                "  \(status) -> \(request.state)"
                    + (note != nil ? ", the resident reads: \"\(publicNote ?? "")\"" : "")
            )
        }
        try await settle()
    }

    /// An unknown status is parked for an operator.
    mutating func parked(_ ticket: TicketNumber) async throws {
        let outcome = try await receive("WO_WAITING_ON_UTILITY", note: nil, for: backOffice.order(for: ticket) ?? "")
        if case .parked(let request, let reason) = outcome {
            say("Oak Avenue: parked for an operator (\(request.state)): \(reason)")
        } else {
            say("Oak Avenue: not parked")
        }
    }

    /// The back office re-keys a work order; a later update by the new identifier applies.
    mutating func rekeyed(_ ticket: TicketNumber) async throws {
        let old = backOffice.order(for: ticket) ?? ""
        let new = old + "-R"
        backOffice.rekey(old, to: new)
        try await center.addExternalReference(
            ticket,
            system: backOffice.system,
            identifier: new,
            by: bridge
        )
        say("Mill Road: the work-order system re-keyed \(old) as \(new)")
        let outcome = try await receive("WO_ACCEPTED", note: nil, for: new)
        if case .applied(let request) = outcome {
            say("  WO_ACCEPTED by \(new) applied: \(request.ticket) is \(request.state)")
        }
        try await settle()
    }

    /// A request returned as not theirs is rerouted; the outbox cancels its work order.
    mutating func returned(_ ticket: TicketNumber) async throws {
        let outcome = try await receive(
            "WO_NOT_OURS",
            note: "Route 9 is a state road, not a county street.",
            for: backOffice.order(for: ticket) ?? ""
        )
        let request = outcome.request
        say("Route 9: returned as not ours and rerouted to \(request.department) (returns: \(request.returnCount))")
        try await settle()
        say("  the outbox cancelled its work order: \(backOffice.isCancelled(ticket) ? "yes" : "no")")
        // The depot's bridge, which no longer sees the request, asks where its work order went.
        let order = backOffice.order(for: ticket) ?? ""
        let whereabouts = try await center.whereabouts(
            externalReference: .init(system: backOffice.system, identifier: order),
            by: bridge
        )
        say(
            "  the depot asks where \(order) went: \(whereabouts.departmentName) holds it (\(whereabouts.state)), "
                + "after \(whereabouts.formerHolders.map(\.rawValue).joined(separator: ", "))"
        )
    }

    /// A resident calls the depot directly: the depot's case is entered as a parallel request,
    /// gets the universal ticket, is not sent back to the depot, and closes with the depot's note.
    mutating func bypassing() async throws {
        try minutes(2)
        // The depot numbers its own cases; the minute makes the number new on every run.
        let order = "WO-D\(Int(clock.now().timeIntervalSince1970 / 60))"
        say("A resident phones the depot directly about a sunken manhole on Elm Street; the depot opens \(order).")
        var draft = pothole(9, on: "Elm Street")
        draft.description = "The manhole cover has sunk below the road surface."
        draft.channel = .departmentSystem
        draft.agent = nil
        let acknowledgement = try await center.enterParallelRequest(draft, reference: order, by: bridge)
        backOffice.link(order, to: acknowledgement.ticket)
        say("  entered as a parallel request: ticket \(acknowledgement.ticket), for \(acknowledgement.departmentName)")
        // The bridge lost the answer and enters the case again.
        let again = try await center.enterParallelRequest(draft, reference: order, by: bridge)
        say(
            "  entered again after a lost answer: the same ticket, nothing stored twice: \(again.isRepeat && again.ticket == acknowledgement.ticket ? "yes" : "no")"
        )
        try await settle()
        say(
            "  the outbox sent the depot's own case back to it: \(backOffice.effects[acknowledgement.ticket] == nil ? "no" : "yes")"
        )
        _ = try await receive("WO_STARTED", note: nil, for: order)
        let closed = try await receive(
            "WO_CLOSED",
            note: "Reset the manhole frame and cover; road reopened.",
            for: order
        ).request
        say("  WO_CLOSED -> \(closed.state), the resident reads: \"\(closed.publicNotes.last?.text ?? "")\"")
    }

    /// Runs the outbox until nothing waits.
    func drain() async throws {
        try minutes(5)
        try await settle()
    }

    // MARK: Parts

    /// Passes of the outbox, the clock moved to each retry, until nothing waits.
    @discardableResult
    func settle() async throws -> OutboxFigures {
        var figures = try await outbox.deliverDue()
        var passes = 0
        while figures.pending > 0, passes < 100 {
            passes += 1
            if let next = await outbox.nextRetry, next > clock.now() { try clock.set(next) }
            figures = try await outbox.deliverDue()
        }
        return figures
    }

    /// Sends an update from the work-order system, a minute after the previous one.
    mutating func receive(
        _ status: String,
        note: String?,
        for identifier: String
    ) async throws
        -> BackOfficeUpdate.Outcome
    {
        try minutes(1)
        updatesSent += 1
        let update = BackOfficeUpdate(
            reference: .init(system: backOffice.system, identifier: identifier),
            status: status,
            note: note,
            sentAt: clock.now(),
            key: "\(identifier)/update-\(updatesSent)"
        )
        return try await center.receive(update, mappedBy: map, servingDepartments: AdapterStory.served)
    }

    func pothole(_ index: Int, on street: String) -> ServiceRequestDraft {
        ServiceRequestDraft(
            serviceType: "POTHOLE",
            description: "A deep pothole in the right lane.",
            location: Location(address: "\(100 + index) \(street)"),
            answers: ["size": .choice("large"), "position": .choice("lane")],
            submitter: Submitter(name: "Sam Rivera", phone: "555-010-7788", email: "sam.rivera@example.com"),
            channel: .phone,
            agent: "maria"
        )
    }
}
