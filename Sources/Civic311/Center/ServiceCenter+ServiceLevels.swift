import Foundation

extension ServiceCenter {
    /// Evaluates every open request against the service-level policy at `instant` and records
    /// each escalation that is due as an event (actor ``Participant/system``).
    ///
    /// Nothing runs on its own: integrators call this when they choose (every minute, at each
    /// simulated interval), so tests and simulations are deterministic. A rule fires at most once
    /// per request, however often this is called, because the fired rule is part of the request's
    /// history. Requests are visited in ticket order.
    ///
    /// - Returns: the escalation events recorded, in the order they were recorded.
    /// - Throws: ``StorageError`` when the store fails or other writers kept changing a request
    ///   (``StorageError/Code/conflict``); escalations recorded before the failure stay recorded.
    @discardableResult
    public func evaluateServiceLevels(at instant: Date) async throws -> [RequestEvent] {
        let policy = serviceLevels
        let open = RequestQuery(states: Set(RequestState.allCases.filter(\.isOpen)))
        var page = try PageRequest(limit: PageRequest.maximumLimit)
        var recorded: [RequestEvent] = []
        while true {
            let batch = try await store.requests(matching: open, page: page)
            for request in batch.items {
                for escalation in policy.escalations(for: request, at: instant) {
                    if let event = try await record(escalation, on: request.ticket) { recorded.append(event) }
                }
            }
            guard let next = batch.next else { return recorded }
            page = try PageRequest(limit: PageRequest.maximumLimit, after: next)
        }
    }

    /// Appends one escalation unless another evaluator recorded it first.
    private func record(_ escalation: Escalation, on ticket: TicketNumber) async throws -> RequestEvent? {
        do {
            _ = try await change(ticket, .escalate, by: .system, needsHistory: false) { request, _ in
                guard !request.escalations.contains(escalation.rule), request.state.isOpen else {
                    throw EscalationAlreadySettled()
                }
                return (.escalated(escalation), .internal)
            }
        } catch is EscalationAlreadySettled {
            return nil
        }
        return try await store.events(for: ticket).last
    }
}

/// Another evaluation recorded the escalation (or the request closed) between reading and writing.
private struct EscalationAlreadySettled: Error {}
