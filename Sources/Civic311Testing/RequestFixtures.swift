@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation

/// Valid contacts, opening events and follow-up events, derived deterministically from a seed.
///
/// The same seed always gives the same values, so a failing test replays exactly. Every value is
/// one the core accepts: openings fold with `ServiceRequest(opening:)`, follow-ups follow
/// `LifecycleTable` and its content rules, tickets strictly increase per node the way
/// `TicketIssuer` issues them, and every date is at whole-millisecond precision.
///
/// ```swift
/// var fixtures = RequestFixtures(seed: 42)
/// let (contact, opening) = fixtures.opening()
/// let request = try await store.open(contact, request: opening)
/// let accepted = try await store.append([fixtures.followUp(to: request, action: .accept)!], expectedVersion: 1)
/// ```
///
/// Fixtures made with different `node`s never share a ticket, so concurrent tasks each take
/// their own.
public struct RequestFixtures: Sendable {
    /// 2025-03-03T14:15:16.789Z: the default start, deliberately not on a whole second.
    public static let referenceInstant = Date(timeIntervalSince1970: 1_741_011_316.789)

    /// The sample jurisdiction (Cedar Valley County), re-exported for tests.
    public static var sampleCounty: Jurisdiction { .sampleCounty }

    /// A manual clock at `start`, for a `ServiceCenter` under test.
    ///
    /// - Throws: `ValidationError` when `start` is not a finite time.
    public static func makeClock(at start: Date = referenceInstant) throws(ValidationError) -> ManualWallClock {
        try ManualWallClock(start)
    }

    /// The catalog the fixtures draw service types and departments from.
    public let jurisdiction: Jurisdiction
    /// The ticket node every ticket is issued for.
    public let node: Int
    /// The fixtures' clock: the instant of the last value made. Only moves forward.
    public private(set) var now: Date
    private var random: SplitMix64
    private var slot: UInt64 = 0
    private var sequence = -1
    private var made = 0

    /// - Parameters:
    ///   - seed: the seed every value derives from.
    ///   - node: the ticket node (0–99).
    ///   - start: the first instant; truncated to whole milliseconds.
    ///   - jurisdiction: the catalog to draw service types, departments and articles from.
    public init(seed: UInt64, node: Int = 0, start: Date = referenceInstant, jurisdiction: Jurisdiction = .sampleCounty)
    {
        precondition((0...TicketNumber.maximumNode).contains(node), "node must be 0...99")
        precondition(!jurisdiction.serviceTypes.isEmpty, "the jurisdiction needs service types")
        self.jurisdiction = jurisdiction
        self.node = node
        self.now = start.wholeMilliseconds
        self.random = SplitMix64(seed: seed)
    }

    // MARK: Clock, tickets and randomness

    /// Moves the clock forward by a random whole number of milliseconds, between 1 ms and
    /// `seconds`, and returns the new instant.
    @discardableResult
    public mutating func advance(upTo seconds: Double = 90) -> Date {
        let milliseconds = Int.random(in: 1...max(1, Int(seconds * 1000)), using: &random)
        now = Self.instant(milliseconds: (now.timeIntervalSince1970 * 1000).rounded() + Double(milliseconds))
        return now
    }

    /// The instant `milliseconds` after 1970, in the form every store keeps.
    public static func instant(milliseconds: Double) -> Date {
        Date(timeIntervalSince1970: milliseconds.rounded() / 1000)
    }

    /// The next ticket for an event at ``now``, strictly after the previous one.
    public mutating func nextTicket() -> TicketNumber {
        let requested = UInt64(max(0, now.timeIntervalSince(TicketNumber.epoch)))
        if requested > slot {
            slot = requested
            sequence = 0
        } else if sequence + 1 < TicketNumber.sequencesPerSecond {
            sequence += 1
        } else {
            slot += 1
            sequence = 0
        }
        do {
            return try TicketNumber(
                day: Int(slot / 86_400),
                secondOfDay: Int(slot % 86_400),
                node: node,
                sequence: sequence
            )
        } catch {
            preconditionFailure("fixture ticket out of range: \(error)")
        }
    }

    /// A random integer in `range`, from the fixtures' generator.
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &random)
    }

    /// A random element of `elements`, from the fixtures' generator.
    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        precondition(!elements.isEmpty, "nothing to pick from")
        return elements[Int.random(in: 0..<elements.count, using: &random)]
    }

    /// `true` with probability `chance`.
    public mutating func chance(_ chance: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < chance
    }

    // MARK: Contacts and openings

    /// A new request: its opening contact and opening event, at a new instant.
    ///
    /// Every argument left `nil` is chosen at random from the catalog. `department` overrides
    /// the service type's department; `dueIn` the catalog target (seconds after opening), and
    /// `dueAt` sets the due instant outright. `submittedBy` is the opening event's actor, whose
    /// identity scopes the client request ID (see `ClientRequestKey`); by default the agent of
    /// an assisted channel, or a resident.
    public mutating func opening(
        serviceType: ServiceTypeCode? = nil,
        department: DepartmentID? = nil,
        description: String? = nil,
        channel: Channel? = nil,
        priority: Priority? = nil,
        dueIn: TimeInterval? = nil,
        dueAt: Date? = nil,
        clientRequestID: String? = nil,
        submittedBy opener: Participant? = nil
    ) -> (contact: Contact, opening: RequestEvent) {
        advance()
        made += 1
        let type = serviceType.flatMap { jurisdiction.serviceType($0) } ?? pick(jurisdiction.serviceTypes)
        let code = serviceType ?? type.id
        let channel = channel ?? pick(Channel.allCases)
        let ticket = nextTicket()
        let agent: AgentID? = channel.isAssisted ? AgentID("agent-\(integer(in: 1...40))") : nil
        let kind = pick([ServiceRequestKind.serviceRequest, .serviceRequest, .complaint, .formRequest])
        let routedTo = department ?? type.department
        let dueAt = (dueAt ?? now.addingTimeInterval(dueIn ?? max(3600, type.targetSeconds))).wholeMilliseconds
        let opening = RequestOpening(
            serviceType: code,
            kind: kind,
            description: description ?? "\(pick(Self.problems)) near \(address()) (fixture \(made))",
            location: chance(0.85) ? location() : nil,
            answers: answers(),
            submitter: chance(0.7) ? submitter() : nil,
            channel: channel,
            agent: agent,
            priority: priority ?? pick(Priority.allCases),
            routing: routing(to: routedTo, code: code),
            serviceLevel: ServiceLevelCommitment(
                resolutionDueAt: dueAt,
                firstResponseDueAt: chance(0.5) ? now.addingTimeInterval(4 * 3600).wholeMilliseconds : nil,
                policy: "catalog:\(code)@1",
                clock: chance(0.3) ? .businessTime(calendar: "county-hours") : .calendarTime
            ),
            clientRequestID: clientRequestID
        )
        let actor: Participant =
            opener ?? agent.map { .callTaker($0) }
            ?? .resident(chance(0.5) ? ResidentID("resident\(made)@example.org") : nil)
        let event = RequestEvent(
            ticket: ticket,
            sequence: 1,
            recordedAt: now,
            actor: actor,
            change: .opened(opening),
            fromState: nil,
            toState: .new,
            visibility: .public
        )
        // The opening contact is the one the request implies, as every store requires.
        let contact = Contact(
            ticket: ticket,
            channel: channel,
            receivedAt: now,
            agent: agent,
            callType: .serviceRequest(kind, request: ticket)
        )
        return (contact, event)
    }

    /// A contact that opens no request: general information, a referral, or, when `request` is
    /// given, a follow-up on that request.
    public mutating func contact(followingUp request: TicketNumber? = nil, channel: Channel? = nil) -> Contact {
        advance()
        let channel = channel ?? pick(Channel.allCases)
        let callType: CallType
        if let request {
            callType = .serviceRequest(pick([.complaint, .compliment, .serviceRequest]), request: request)
        } else if chance(0.5),
            let article = jurisdiction.knowledgeArticles.isEmpty ? nil : pick(jurisdiction.knowledgeArticles)
        {
            callType = .generalInformation(article: article.id)
        } else {
            callType = .referral(
                Referral(target: pick(jurisdiction.departments).id, transfer: pick(TransferKind.allCases))
            )
        }
        return Contact(
            ticket: nextTicket(),
            channel: channel,
            receivedAt: now,
            agent: channel.isAssisted ? AgentID("agent-\(integer(in: 1...40))") : nil,
            callType: callType
        )
    }

    // MARK: Follow-up events

    /// A valid next event for `request`: `action` (or, when `nil`, a random action the
    /// lifecycle table allows from the request's state), with content that meets the core's
    /// rules. `nil` when `action` is not allowed from the request's state.
    public mutating func followUp(to request: ServiceRequest, action: LifecycleAction? = nil) -> RequestEvent? {
        let allowed = LifecycleTable.transitions.filter { $0.from == request.state && $0.action != .open }
        let chosen = action ?? pick(allowed.map(\.action))
        guard let target = LifecycleTable.target(of: chosen, from: request.state), chosen != .open else { return nil }
        if now < request.updatedAt { now = request.updatedAt }
        advance(upTo: 3600)
        let staff = Participant.departmentStaff(StaffID("staff-\(integer(in: 1...30))"), department: request.department)
        var actor = staff
        var visibility = Visibility.public
        let change: RequestChange
        switch chosen {
        case .open:
            return nil
        case .accept:
            change = .accepted
        case .start:
            change = .started
        case .putOnHold:
            change = .putOnHold(reason: pick(Self.holdReasons))
        case .resume:
            change = .resumed
        case .resolve:
            change = .resolved(note: pick(Self.resolutions))
        case .close:
            let reason: Closure.Reason =
                request.state == .inProgress || request.state == .resolved
                ? .completed : pick([.closedWithoutAction(code: "NO_DEFECT_FOUND"), .cancelledByResident])
            change = .closed(Closure(reason: reason, note: pick(Self.resolutions)))
        case .reopen:
            actor = .supervisor(StaffID("supervisor-\(integer(in: 1...5))"))
            change = .reopened(reason: "The resident reports the problem is back.")
        case .returnAsNotOurs:
            change = .returned(
                reason: "Not ours: this belongs to another department.",
                reroutedTo: otherDepartment(than: request.department),
                explanation: ["returned by \(request.department)", "rerouted by the fixture"]
            )
        case .reassign:
            actor = .supervisor(StaffID("supervisor-\(integer(in: 1...5))"))
            change = .reassigned(to: otherDepartment(than: request.department), reason: "Workload balancing.")
        case .annotate:
            switch integer(in: 0...2) {
            case 0:
                visibility = chance(0.5) ? .public : .internal
                change = .noteAdded(pick(Self.notes))
            case 1:
                // A store keeps each (system, identifier) for one request only: the ticket makes the
                // identifier unique to this request.
                change = .externalReferenceAdded(
                    ExternalReference(
                        system: pick(["cityworks", "confirm", "sap"]),
                        identifier: "WO-\(integer(in: 10_000...99_999))-\(request.ticket)",
                        recordedAt: now
                    )
                )
            default:
                change = .linked(RequestLink(pick([.parent, .child, .related]), target: nextTicket()))
            }
        case .changePriority:
            change = .priorityChanged(to: pick(Priority.allCases.filter { $0 != request.priority }))
        case .escalate:
            actor = .system
            visibility = .internal
            let action: EscalationAction =
                switch integer(in: 0...2) {
                case 0: .notifySupervisor(queue: chance(0.5) ? "supervisors" : nil)
                case 1: .raisePriority(to: pick(Priority.allCases))
                default: .moveToQueue(department: otherDepartment(than: request.department), queue: "escalations")
                }
            change = .escalated(
                Escalation(
                    rule: "rule-\(request.escalations.count + 1)",
                    status: pick([.atRisk, .breached]),
                    action: action,
                    reason: "the resolution target is \(integer(in: 50...150))% used"
                )
            )
        }
        return RequestEvent(
            ticket: request.ticket,
            sequence: request.version + 1,
            recordedAt: now,
            actor: actor,
            change: change,
            fromState: request.state,
            toState: target,
            visibility: visibility
        )
    }

    /// A note on `request` with `text`, at a new instant; valid in every state.
    public mutating func note(
        on request: ServiceRequest,
        text: String,
        visibility: Visibility = .internal
    ) -> RequestEvent {
        if now < request.updatedAt { now = request.updatedAt }
        advance(upTo: 60)
        return RequestEvent(
            ticket: request.ticket,
            sequence: request.version + 1,
            recordedAt: now,
            actor: .departmentStaff(StaffID("staff-\(integer(in: 1...30))"), department: request.department),
            change: .noteAdded(text),
            fromState: request.state,
            toState: request.state,
            visibility: visibility
        )
    }

    /// Events that take `request` to `state` by the shortest path through the lifecycle table
    /// (ignoring notes), applied in order; empty when it is already there.
    public mutating func events(moving request: ServiceRequest, to state: RequestState) -> [RequestEvent] {
        let path = Self.path(from: request.state, to: state)
        var events: [RequestEvent] = []
        var current = request
        for action in path {
            guard let event = followUp(to: current, action: action) else { break }
            do {
                try current.apply(event)
            } catch {
                preconditionFailure("fixture event does not apply: \(error)")
            }
            events.append(event)
        }
        return events
    }

    /// The event that records `change` on `request`, leading to `state`, a minute after the
    /// request last changed: for tests of the lifecycle's own rules, which need one given change
    /// rather than a valid random one. Nothing checks it, so it may be an event the lifecycle
    /// refuses.
    public static func event(
        _ change: RequestChange,
        on request: ServiceRequest,
        to state: RequestState,
        by actor: Participant = .system,
        visibility: Visibility = .public
    ) -> RequestEvent {
        RequestEvent(
            ticket: request.ticket,
            sequence: request.version + 1,
            recordedAt: request.updatedAt.addingTimeInterval(60),
            actor: actor,
            change: change,
            fromState: request.state,
            toState: state,
            visibility: visibility
        )
    }

    /// `seed` offset by a stable hash of `name`, so that each area of a conformance kit draws its
    /// own data from the kit's one seed (`hashValue` is seeded per process).
    static func seed(_ seed: UInt64, salted name: String) -> UInt64 {
        seed &+ name.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }

    /// `request` with `events` applied; for building expectations.
    public static func applying(_ events: [RequestEvent], to request: ServiceRequest) -> ServiceRequest {
        do {
            return try request.applying(events)
        } catch {
            preconditionFailure("fixture events do not apply: \(error)")
        }
    }

    // MARK: Internals

    /// Breadth-first search over the table's state-changing moves.
    private static func path(from start: RequestState, to goal: RequestState) -> [LifecycleAction] {
        guard start != goal else { return [] }
        var previous: [RequestState: (from: RequestState, action: LifecycleAction)] = [:]
        var queue = [start]
        var index = 0
        while index < queue.count {
            let state = queue[index]
            index += 1
            for row in LifecycleTable.transitions where row.from == state && row.to != start && previous[row.to] == nil
            {
                previous[row.to] = (state, row.action)
                queue.append(row.to)
            }
        }
        var path: [LifecycleAction] = []
        var state = goal
        while state != start, let step = previous[state] {
            path.append(step.action)
            state = step.from
        }
        return path.reversed()
    }

    private mutating func otherDepartment(than department: DepartmentID) -> DepartmentID {
        let others = jurisdiction.departments.map(\.id).filter { $0 != department }
        return others.isEmpty ? department : pick(others)
    }

    private mutating func routing(to department: DepartmentID, code: ServiceTypeCode) -> RoutingDecision {
        let disposition = chance(0.8) ? RoutingDisposition.assigned : pick(RoutingDisposition.allCases)
        return RoutingDecision(
            department: department,
            queue: chance(0.3) ? "queue-\(integer(in: 1...4))" : nil,
            disposition: disposition,
            rule: chance(0.5) ? "rule-\(code)" : nil,
            advisory: disposition == .emergencyAdvisory ? "Call 911 now if anyone is in danger." : nil,
            isAmbiguous: chance(0.05),
            explanation: ["service type \(code) belongs to \(department)"]
        )
    }

    private mutating func address() -> String {
        "\(integer(in: 1...2400)) \(pick(Self.streets))"
    }

    private mutating func location() -> Location {
        let latitude = 39.0 + Double(integer(in: 0...200_000)) / 1_000_000
        let longitude = -77.3 + Double(integer(in: 0...200_000)) / 1_000_000
        let coordinate = try? Coordinate(latitude: latitude, longitude: longitude)
        return Location(address: chance(0.8) ? address() : nil, coordinate: coordinate)
    }

    private mutating func submitter() -> Submitter {
        let name = pick(Self.names)
        let handle = name.lowercased().replacingOccurrences(of: " ", with: ".")
        return Submitter(
            name: chance(0.9) ? name : nil,
            phone: chance(0.6) ? "555-01\(integer(in: 10...99))" : nil,
            email: chance(0.6) ? "\(handle)@example.org" : nil
        )
    }

    private mutating func answers() -> [Answer] {
        var answers: [Answer] = []
        if chance(0.5) { answers.append(Answer(question: "size", value: .choice(pick(["small", "medium", "large"])))) }
        if chance(0.3) { answers.append(Answer(question: "count", value: .number(Double(integer(in: 1...40)) / 4))) }
        if chance(0.2) {
            answers.append(
                Answer(question: "seen_at", value: .dateTime(now.addingTimeInterval(-3600).wholeMilliseconds))
            )
        }
        if chance(0.2) { answers.append(Answer(question: "hazard", value: .yesNo(chance(0.5)))) }
        if chance(0.1) { answers.append(Answer(question: "colours", value: .choices(["red", "blue"]))) }
        if chance(0.2) { answers.append(Answer(question: "details", value: .text("Seen on the way to work."))) }
        return answers
    }

    private static let problems = [
        "Pothole about a foot wide", "Streetlight out", "Missed recycling pickup", "Graffiti on a wall",
        "Tree limb down", "Water leaking from the pavement", "Abandoned car", "Overflowing litter bin",
        "Broken swing in the playground", "Dead animal on the road",
    ]
    private static let streets = ["Main Street", "Oak Avenue", "Cedar Lane", "Mill Road", "River Parkway", "Elm Court"]
    private static let names = ["Ann Smith", "Jorge Ruiz", "Mei Chen", "Kwame Mensah", "Olga Petrova", "Sam Lee"]
    private static let holdReasons = [
        "Please tell us which side of the street.", "We need access to the back yard.", "Please send a photo.",
    ]
    private static let resolutions = [
        "The pothole was filled.", "The lamp was replaced.", "The crew cleared the debris.",
        "Inspected: no defect found.",
    ]
    private static let notes = ["Crew scheduled.", "Called the resident back.", "Parts on order.", "Checked on site."]
}
