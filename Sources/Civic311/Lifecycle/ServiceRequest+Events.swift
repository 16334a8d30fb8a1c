import Foundation

// The fold: a request's state is exactly its events applied in order. Stores call this too, so
// every backend derives the same snapshot from the same history.
extension ServiceRequest {
    /// Builds a request from its opening event.
    public init(opening event: RequestEvent) throws(LifecycleError) {
        self.init(ticket: event.ticket, opening: try Self.opening(of: event), createdAt: event.recordedAt)
    }

    /// The payload of `event`, checked to be a request's opening event.
    static func opening(of event: RequestEvent) throws(LifecycleError) -> RequestOpening {
        guard case .opened(let opening) = event.change, event.sequence == 1, event.fromState == nil,
            event.toState == .new
        else {
            throw LifecycleError(
                .invalidHistory,
                from: event.fromState,
                to: event.toState,
                reason: "a request's history must start with an opening event with sequence 1 in state new"
            )
        }
        return opening
    }

    /// The request as its opening event leaves it; the caller has checked the event's shape
    /// (``opening(of:)``). Inlined: called, its value was built in a temporary and copied out
    /// (a dozen references retained, then released) once more.
    @inline(__always)
    init(ticket: TicketNumber, opening: RequestOpening, createdAt: Date) {
        self.ticket = ticket
        self.opening = opening
        self.createdAt = createdAt
        priority = opening.priority
        department = opening.routedDepartment
        queue = opening.routedQueue
        state = .new
        closure = nil
        firstRespondedAt = nil
        resolvedAt = nil
        closedAt = nil
        updatedAt = createdAt
        holdStartedAt = nil
        holds = []
        escalations = []
        notes = []
        externalReferences = []
        links = []
        restatedServiceLevel = nil
        reopenCount = 0
        returnCount = 0
        version = 1
    }

    /// Folds a whole history, oldest first.
    public static func replaying(_ events: some Sequence<RequestEvent>) throws(LifecycleError) -> ServiceRequest {
        var iterator = events.makeIterator()
        guard let first = iterator.next() else {
            throw LifecycleError(.invalidHistory, from: nil, to: nil, reason: "a request's history cannot be empty")
        }
        var request = try ServiceRequest(opening: first)
        while let event = iterator.next() { try request.apply(event) }
        return request
    }

    /// The request after `events`, which must continue this request's history.
    public func applying(_ events: some Sequence<RequestEvent>) throws(LifecycleError) -> ServiceRequest {
        var request = self
        for event in events { try request.apply(event) }
        return request
    }

    /// Applies one event, checking that it continues the history and follows ``LifecycleTable``.
    ///
    /// Every check runs before anything changes: when it throws, the request is as it was.
    public mutating func apply(_ event: RequestEvent) throws(LifecycleError) {
        guard event.ticket == ticket else {
            throw invalid(event, "event for ticket \(event.ticket) applied to ticket \(ticket)")
        }
        // A history cannot grow past the last representable sequence number.
        let (next, overflow) = version.addingReportingOverflow(1)
        guard !overflow else {
            throw invalid(event, "the request is at version \(version); no event can follow")
        }
        guard event.sequence == next else {
            throw invalid(event, "expected event sequence \(next), got \(event.sequence)")
        }
        guard event.fromState == state else {
            throw invalid(
                event,
                "event starts from \(event.fromState?.rawValue ?? "nothing"), request is \(state.rawValue)"
            )
        }
        let target = try LifecycleTable.requireTarget(of: event.change, from: state)
        guard event.toState == target else {
            throw invalid(event, "\(event.change.action.rawValue) from \(state.rawValue) leads to \(target.rawValue)")
        }
        try Self.checkContent(of: event.change, from: state)

        let at = event.recordedAt
        switch event.change {
        case .opened:
            throw invalid(event, "a request can be opened only once")
        case .accepted, .started:
            if firstRespondedAt == nil { firstRespondedAt = at }
        case .putOnHold(let reason):
            holdStartedAt = at
            notes.append(RequestNote(text: reason, visibility: .public, writtenAt: at, author: event.actor))
        case .resumed:
            break
        case .resolved(let note):
            resolvedAt = at
            notes.append(RequestNote(text: note, visibility: .public, writtenAt: at, author: event.actor))
        case .closed(let newClosure):
            closure = newClosure
            closedAt = at
            if case .duplicate(let original) = newClosure.reason {
                links.append(RequestLink(.duplicateOf, target: original))
            }
            notes.append(RequestNote(text: newClosure.note, visibility: .public, writtenAt: at, author: event.actor))
        case .reopened(let reason):
            closure = nil
            resolvedAt = nil
            closedAt = nil
            reopenCount += 1
            notes.append(RequestNote(text: reason, visibility: event.visibility, writtenAt: at, author: event.actor))
        case .returned(_, let reroutedTo, _):
            department = reroutedTo
            queue = nil
            returnCount += 1
        case .reassigned(let to, _):
            department = to
            queue = nil
        case .noteAdded(let text):
            notes.append(RequestNote(text: text, visibility: event.visibility, writtenAt: at, author: event.actor))
        case .externalReferenceAdded(let reference):
            externalReferences.append(reference)
        case .linked(let link):
            links.append(link)
        case .mergedInto(let master, let note):
            closure = Closure(reason: .duplicate(of: master), note: note)
            closedAt = at
            links.append(RequestLink(.duplicateOf, target: master))
            notes.append(RequestNote(text: note, visibility: .public, writtenAt: at, author: event.actor))
        case .unmerged(let master, _, let restoring):
            try undoMerge(into: master, restoring: restoring, event)
        case .duplicateLinked(let link):
            links.append(RequestLink(.duplicate, target: link.duplicate))
            restatedServiceLevel = link.serviceLevel
        case .duplicateUnlinked(let link):
            guard let index = links.lastIndex(of: RequestLink(.duplicate, target: link.duplicate)) else {
                throw invalid(event, "\(link.duplicate) is not linked to \(ticket) as a duplicate")
            }
            links.remove(at: index)
            restatedServiceLevel = link.serviceLevel
        case .delivery, .backOfficeUpdate, .surveyAnswered, .followerAdded, .followerRemoved:
            // Bookkeeping and feedback: the history keeps it, the request's fields do not change.
            break
        case .personalDataErased(let rewritten), .retentionApplied(_, let rewritten):
            // The rewritten events are earlier ones, each named once, in order.
            guard let first = rewritten.first, first >= 1, let lastRewritten = rewritten.last,
                lastRewritten < event.sequence, zip(rewritten, rewritten.dropFirst()).allSatisfy({ $0 < $1 })
            else {
                throw invalid(event, "a redaction names the earlier events it rewrote, ascending, at least one")
            }
        case .priorityChanged(let newPriority):
            priority = newPriority
        case .escalated(let escalation):
            escalations.append(escalation.rule)
            switch escalation.action {
            case .notifySupervisor:
                break
            case .raisePriority(let level):
                priority = max(priority, level)
            case .moveToQueue(let newDepartment, let newQueue):
                department = newDepartment
                queue = newQueue
            }
        }
        // Leaving a hold by any move (resume, close, reassign) ends the wait on the resident.
        if state == .onHold, target != .onHold, let start = holdStartedAt {
            holds.append(DateInterval(start: start, end: max(start, at)))
            holdStartedAt = nil
        }
        state = target
        updatedAt = at
        version = event.sequence
    }

    /// Takes back what ``RequestChange/mergedInto(master:note:)`` did, checking first that it can:
    /// the closure, the closing time, the link, the merge's note and, for a request merged while
    /// on hold, the wait the merge ended, which goes on from its first moment.
    private mutating func undoMerge(
        into master: TicketNumber,
        restoring: RequestState,
        _ event: RequestEvent
    ) throws(LifecycleError) {
        guard let closure, closure.reason == .duplicate(of: master), let closedAt else {
            throw invalid(event, "\(ticket) is not merged into \(master)")
        }
        guard let link = links.lastIndex(of: RequestLink(.duplicateOf, target: master)),
            let note = notes.lastIndex(where: { $0.text == closure.note && $0.writtenAt == closedAt })
        else {
            throw invalid(event, "\(ticket) has no merge into \(master) to undo")
        }
        let hold = holds.last
        if restoring == .onHold {
            guard let hold, hold.end == max(hold.start, closedAt) else {
                throw invalid(event, "\(ticket) was not on hold when it was merged")
            }
        }
        links.remove(at: link)
        notes.remove(at: note)
        if restoring == .onHold, let hold {
            holds.removeLast()
            holdStartedAt = hold.start
        }
        self.closure = nil
        self.closedAt = nil
    }

    /// Rules on an event's content beyond the table: public notes where residents are owed one.
    static func checkContent(of change: RequestChange, from state: RequestState) throws(LifecycleError) {
        func requireText(_ text: String, _ what: String, to: RequestState) throws(LifecycleError) {
            if text.isBlank {
                throw LifecycleError(.noteRequired, from: state, to: to, reason: "\(what) must not be empty")
            }
        }
        switch change {
        case .resolved(let note):
            try requireText(note, "the resolution note", to: .resolved)
        case .closed(let closure):
            try requireText(closure.note, "the public closing note", to: .closed)
            if closure.reason == .completed, state != .inProgress, state != .resolved {
                throw LifecycleError(
                    .transitionNotAllowed,
                    from: state,
                    to: .closed,
                    reason: "a request can be closed as completed only after work started"
                )
            }
        case .putOnHold(let reason):
            try requireText(reason, "what is needed from the resident", to: .onHold)
        case .reopened(let reason):
            try requireText(reason, "the reopening reason", to: .assigned)
        case .returned(let reason, _, _):
            try requireText(reason, "the reason for returning the request", to: .new)
        case .reassigned(_, let reason):
            try requireText(reason, "the reason for reassigning the request", to: .new)
        case .noteAdded(let text):
            try requireText(text, "the note", to: state)
        case .escalated(let escalation):
            try requireText(escalation.rule, "the escalation rule", to: state)
        case .delivery(let record):
            try requireText(record.destination, "the delivery's destination", to: state)
            if case .deadLettered(let sequence, let attempts, let reason) = record.outcome {
                try requireText(reason, "the reason the delivery failed", to: state)
                guard sequence >= 1, attempts >= 1 else {
                    throw LifecycleError(
                        .invalidHistory,
                        from: state,
                        to: state,
                        reason: "a dead letter names an event from 1 and at least one attempt"
                    )
                }
            }
        case .backOfficeUpdate(let record):
            try requireText(record.system, "the back office's system", to: state)
            try requireText(record.key, "the update's key", to: state)
            try requireText(record.status, "the back office's status", to: state)
            if case .parked(let reason) = record.disposition {
                try requireText(reason, "the reason the update was parked", to: state)
            }
        case .surveyAnswered(let response):
            guard (1...5).contains(response.satisfaction) else {
                throw LifecycleError(
                    .invalidHistory,
                    from: state,
                    to: state,
                    reason: "a survey's satisfaction is from 1 to 5, not \(response.satisfaction)"
                )
            }
            if let comment = response.comment { try requireText(comment, "the survey's comment", to: state) }
        case .mergedInto(_, let note):
            try requireText(note, "the merge's public note", to: .closed)
        case .unmerged(_, let reason, let restoring):
            try requireText(reason, "the reason for unlinking", to: restoring)
        case .duplicateLinked(let link), .duplicateUnlinked(let link):
            guard link.followers.allSatisfy(\.isReachableOrErased) else {
                throw LifecycleError(
                    .invalidHistory,
                    from: state,
                    to: state,
                    reason: "a follower has an e-mail address or a phone number"
                )
            }
        case .followerAdded(let follower), .followerRemoved(let follower):
            guard follower.isReachableOrErased else {
                throw LifecycleError(
                    .invalidHistory,
                    from: state,
                    to: state,
                    reason: "a follower has an e-mail address or a phone number"
                )
            }
        default:
            break
        }
    }

    private func invalid(_ event: RequestEvent, _ reason: String) -> LifecycleError {
        LifecycleError(.invalidHistory, from: event.fromState, to: event.toState, reason: reason)
    }
}

extension Submitter {
    /// A follower has an e-mail address or a phone number, or had them erased: an erased follower
    /// (``HistoryRedaction``) is no one at all, with no name either.
    var isReachableOrErased: Bool { !identities.isEmpty || self == Submitter() }
}
