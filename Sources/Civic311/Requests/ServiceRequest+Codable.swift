import Foundation

// A decoded request is checked against what the fold can produce, because operations build on
// these values: `version + 1` is the next event's sequence, and the counters grow by one per event.
// A value from a file or a peer that no history could have produced is refused here, with the
// field named, rather than trapping later.
extension ServiceRequest {
    enum CodingKeys: String, CodingKey {
        case ticket, opening, createdAt, priority, department, queue, state, closure, firstRespondedAt
        case resolvedAt, closedAt, updatedAt, notes, externalReferences, links, holdStartedAt, holds
        case escalations, restatedServiceLevel, reopenCount, returnCount, version
    }

    /// Decodes a request and checks it as the fold would have built it.
    ///
    /// - Throws: `DecodingError.dataCorrupted`, its coding path ending at the offending field, when
    ///   `version` is not between 1 and `Int.max - 1` (the next event needs a sequence number), a
    ///   counter is negative or larger than the history allows, a list holds more entries than there
    ///   were events, a hold ends before it starts, the state disagrees with its fields (a closure only
    ///   when closed, a hold start only when on hold, a resolution time when resolved), or `updatedAt`
    ///   is before `createdAt`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ticket = try container.decode(TicketNumber.self, forKey: .ticket)
        opening = try container.decode(RequestOpening.self, forKey: .opening)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        priority = try container.decode(Priority.self, forKey: .priority)
        department = try container.decode(DepartmentID.self, forKey: .department)
        queue = try container.decodeIfPresent(String.self, forKey: .queue)
        state = try container.decode(RequestState.self, forKey: .state)
        closure = try container.decodeIfPresent(Closure.self, forKey: .closure)
        firstRespondedAt = try container.decodeIfPresent(Date.self, forKey: .firstRespondedAt)
        resolvedAt = try container.decodeIfPresent(Date.self, forKey: .resolvedAt)
        closedAt = try container.decodeIfPresent(Date.self, forKey: .closedAt)
        updatedAt = try container.decode(Date.self, forKey: .updatedAt)
        notes = try container.decode([RequestNote].self, forKey: .notes)
        externalReferences = try container.decode([ExternalReference].self, forKey: .externalReferences)
        links = try container.decode([RequestLink].self, forKey: .links)
        holdStartedAt = try container.decodeIfPresent(Date.self, forKey: .holdStartedAt)
        holds = try container.decode([DateInterval].self, forKey: .holds)
        escalations = try container.decode([String].self, forKey: .escalations)
        restatedServiceLevel = try container.decodeIfPresent(
            ServiceLevelCommitment.self,
            forKey: .restatedServiceLevel
        )
        reopenCount = try container.decode(Int.self, forKey: .reopenCount)
        returnCount = try container.decode(Int.self, forKey: .returnCount)
        version = try container.decode(Int.self, forKey: .version)
        if let (key, reason) = decodedProblem() {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath + [key],
                    debugDescription: "\(key.stringValue): \(reason)"
                )
            )
        }
    }

    /// The first way this value differs from anything the fold produces, or `nil`.
    func decodedProblem() -> (CodingKeys, String)? {
        // The opening event is 1; the last representable version has no successor.
        guard (1..<Int.max).contains(version) else {
            return (.version, "must be between 1 and \(Int.max - 1), got \(version)")
        }
        // Every later event adds at most one of each; the opening adds none.
        let laterEvents = version - 1
        let counts: [(CodingKeys, Int)] = [
            (.reopenCount, reopenCount), (.returnCount, returnCount), (.notes, notes.count),
            (.externalReferences, externalReferences.count), (.links, links.count), (.holds, holds.count),
            (.escalations, escalations.count),
        ]
        for (key, count) in counts where !(0...laterEvents).contains(count) {
            return (key, "must be between 0 and \(laterEvents) after \(version) events, got \(count)")
        }
        if (state == .closed) != (closure != nil) {
            return (.closure, state == .closed ? "a closed request needs its closure" : "only a closed request has one")
        }
        if (state == .closed) != (closedAt != nil) {
            return (
                .closedAt,
                state == .closed ? "a closed request needs its closing time" : "only a closed request has one"
            )
        }
        if (state == .onHold) != (holdStartedAt != nil) {
            return (
                .holdStartedAt,
                state == .onHold ? "a request on hold needs its start" : "only a request on hold has one"
            )
        }
        if state == .resolved, resolvedAt == nil {
            return (.resolvedAt, "a resolved request needs its resolution time")
        }
        if holds.contains(where: { !($0.duration >= 0 && $0.duration.isFinite) }) {
            return (.holds, "a hold cannot end before it starts")
        }
        if updatedAt < createdAt {
            return (.updatedAt, "must not be before createdAt")
        }
        return nil
    }
}
