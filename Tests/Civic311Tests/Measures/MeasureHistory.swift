import Civic311
import Foundation

/// A request's history written by hand for the measures' tests: every instant is an hour offset
/// from ``start``, so the expected figures can be worked out on paper.
struct MeasureHistory {
    /// 08:00 UTC on Monday 5 January 2026.
    static let start = Date(timeIntervalSince1970: 1_767_600_000)

    static func at(_ hours: Double) -> Date { start.addingTimeInterval(hours * 3_600) }

    /// Ticket `number` of the tests (one per second of one day, so they sort by number).
    static func ticket(_ number: Int) -> TicketNumber {
        do {
            return try TicketNumber(day: 2_200, secondOfDay: number, node: 1, sequence: 0)
        } catch {
            preconditionFailure("test ticket out of range: \(error)")
        }
    }

    static func commitment(dueAt hours: Double) -> ServiceLevelCommitment {
        ServiceLevelCommitment(resolutionDueAt: at(hours), policy: "test@1")
    }

    let ticket: TicketNumber
    private(set) var events: [RequestEvent]
    private(set) var state: RequestState = .new

    /// Opens request `number` at `hours`, due at `due` (hours), with the contact it implies.
    init(
        _ number: Int,
        openedAt hours: Double,
        dueAt due: Double,
        department: DepartmentID = "DOT",
        serviceType: ServiceTypeCode = "POTHOLE",
        channel: Channel = .phone
    ) {
        ticket = Self.ticket(number)
        let opening = RequestOpening(
            serviceType: serviceType,
            kind: .serviceRequest,
            description: "Pothole \(number)",
            location: nil,
            answers: [],
            submitter: nil,
            channel: channel,
            priority: .normal,
            routing: RoutingDecision(department: department, explanation: ["test"]),
            serviceLevel: Self.commitment(dueAt: due),
            clientRequestID: nil
        )
        events = [
            RequestEvent(
                ticket: ticket,
                sequence: 1,
                recordedAt: Self.at(hours),
                actor: .callTaker("agent-1"),
                change: .opened(opening),
                fromState: nil,
                toState: .new,
                visibility: .public
            )
        ]
    }

    /// The contact that opened the request.
    var openingContact: Contact {
        guard case .opened(let opening) = events[0].change else { preconditionFailure("no opening") }
        return Contact(
            ticket: ticket,
            channel: opening.channel,
            receivedAt: events[0].recordedAt,
            agent: nil,
            callType: .serviceRequest(opening.kind, request: ticket)
        )
    }

    /// Records `change` at `hours`, leading to `state` (the current one when `nil`).
    func then(_ change: RequestChange, to target: RequestState? = nil, at hours: Double) -> MeasureHistory {
        var next = self
        next.events.append(
            RequestEvent(
                ticket: ticket,
                sequence: events.count + 1,
                recordedAt: Self.at(hours),
                actor: .supervisor("sup-1"),
                change: change,
                fromState: state,
                toState: target ?? state,
                visibility: .public
            )
        )
        next.state = target ?? state
        return next
    }

    func accept(at hours: Double) -> MeasureHistory { then(.accepted, to: .assigned, at: hours) }
    func start(at hours: Double) -> MeasureHistory { then(.started, to: .inProgress, at: hours) }
    func resolve(at hours: Double) -> MeasureHistory { then(.resolved(note: "Fixed."), to: .resolved, at: hours) }
    func hold(at hours: Double) -> MeasureHistory { then(.putOnHold(reason: "Which house?"), to: .onHold, at: hours) }
    func resume(at hours: Double) -> MeasureHistory { then(.resumed, to: .inProgress, at: hours) }
    func reopen(at hours: Double) -> MeasureHistory { then(.reopened(reason: "Back again."), to: .assigned, at: hours) }

    func close(_ reason: Closure.Reason = .completed, at hours: Double) -> MeasureHistory {
        then(.closed(Closure(reason: reason, note: "Closed.")), to: .closed, at: hours)
    }

    func returned(to department: DepartmentID, at hours: Double) -> MeasureHistory {
        then(.returned(reason: "Not ours.", reroutedTo: department, explanation: ["test"]), to: .new, at: hours)
    }

    func reassigned(to department: DepartmentID, at hours: Double) -> MeasureHistory {
        then(.reassigned(to: department, reason: "Better fit."), to: .new, at: hours)
    }
}
