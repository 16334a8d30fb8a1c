import Foundation

// Duplicates: one problem, many reports. Before a ticket is made, intake offers the open requests
// the new report probably repeats; a report merged into its master is closed as a duplicate, its
// residents follow the master (so each hears the master's real resolution), the master's service
// level counts from the earliest report, and its "me too" count grows. Unlinking takes back
// exactly what merging did.
//
// A merge writes two requests, one after the other, duplicate first. A failure between the two
// leaves the duplicate merged and the master without the link; calling the same method again
// finds that and finishes it, as it does for a retry after a lost answer.
extension ServiceCenter {
    /// Both requests of a merge, after it or after it was undone.
    public struct DuplicateMerge: Hashable, Sendable {
        public let duplicate: ServiceRequest
        public let master: ServiceRequest
    }

    /// The most candidates one search offers.
    public static var maximumDuplicateCandidates: Int { 50 }

    /// The open requests a new report is probably a duplicate of, best first: the same service
    /// type or one its ``DuplicateRule`` names as related, within the rule's radius of the draft's
    /// coordinate (inclusive) and reported within its window before now (inclusive).
    ///
    /// A draft without a coordinate, or of a type without a rule, has no candidates: addresses
    /// are not compared (geocode them first). Residents are never offered requests of private
    /// service types. Nothing is written.
    ///
    /// - Parameters:
    ///   - draft: the report being taken; only its service type and location are read.
    ///   - participant: whoever may submit it.
    ///   - limit: how many candidates to offer, 1–``maximumDuplicateCandidates``.
    /// - Throws: ``ValidationError`` (field `limit`, or `serviceType` for a type not in the
    ///   catalog); ``AuthorizationError`` when `participant` may not submit requests;
    ///   ``StorageError`` from the store.
    public func duplicateCandidates(
        for draft: ServiceRequestDraft,
        by participant: Participant,
        limit: Int = 5
    ) async throws -> [DuplicateCandidate] {
        try participant.checkIdentifiers()
        try AccessPolicy.authorize(participant, .submitRequest, on: nil, in: jurisdiction)
        guard (1...Self.maximumDuplicateCandidates).contains(limit) else {
            throw ValidationError(
                .outOfRange,
                field: "limit",
                reason: "must be between 1 and \(Self.maximumDuplicateCandidates), got \(limit)"
            )
        }
        guard let serviceType = jurisdiction.serviceType(draft.serviceType) else {
            throw ValidationError(
                .unknownReference,
                field: "serviceType",
                reason: "no service type '\(draft.serviceType)'"
            )
        }
        guard let rule = serviceType.duplicates, let point = draft.location?.coordinate else { return [] }
        let forResident = if case .resident = participant { true } else { false }
        var types = Set([serviceType.id] + rule.related)
        if forResident { types = types.filter { jurisdiction.serviceType($0)?.isPrivate == false } }
        let now = now()
        let nearby = try await store.nearbyOpenRequests(
            in: try CoordinateBox(around: point, radius: rule.radius),
            serviceTypes: types,
            createdFrom: now.addingTimeInterval(-rule.window)
        )
        var scored: [(found: NearbyRequest, distance: Double, age: TimeInterval, score: Int)] = []
        for found in nearby {
            let distance = point.distance(to: found.coordinate)
            guard distance <= rule.radius else { continue }
            let age = max(0, now.timeIntervalSince(found.createdAt))
            let nearness = 50 * (1 - distance / rule.radius)
            let recency = 30 * (1 - min(age, rule.window) / rule.window)
            let kinship: Double = found.serviceType == serviceType.id ? 20 : 10
            scored.append((found, distance, age, Int((nearness + recency + kinship).rounded())))
        }
        // Best score first; then the nearer, then the older ticket, so the order is total.
        scored.sort { one, other in
            if one.score != other.score { return one.score > other.score }
            if one.distance != other.distance { return one.distance < other.distance }
            return one.found.ticket < other.found.ticket
        }
        // Only the offered requests are read in full; one finished since the search is passed over.
        var candidates: [DuplicateCandidate] = []
        for best in scored {
            guard candidates.count < limit else { break }
            guard let request = try await store.request(best.found.ticket), request.state.isOpen else { continue }
            var reasons: [DuplicateCandidate.Reason] = [
                .distance(metres: best.distance, radius: rule.radius),
                .age(seconds: best.age, window: rule.window),
                request.serviceType == serviceType.id
                    ? .sameServiceType(request.serviceType) : .relatedServiceType(request.serviceType),
            ]
            if request.meTooCount > 0 { reasons.append(.alreadyReported(times: request.meTooCount)) }
            candidates.append(
                DuplicateCandidate(
                    PublicServiceRequest(
                        request,
                        in: jurisdiction,
                        scrubbing: configuration.privacy.publicTextScrubber
                    ),
                    distance: best.distance,
                    age: best.age,
                    score: best.score,
                    reasons: reasons
                )
            )
        }
        return candidates
    }

    /// Merges `duplicate` into `master`: the duplicate is closed as a duplicate with a public
    /// note, its submitter and followers follow the master (and so receive the master's status
    /// changes and its resolution), the master's service level is counted from the earlier of
    /// the two reports, and the master's ``ServiceRequest/meTooCount`` grows by one.
    ///
    /// Merging a duplicate already merged into `master` finishes a merge that stopped halfway and
    /// otherwise changes nothing.
    ///
    /// - Parameters:
    ///   - duplicate: the later report of the problem (or the earlier one: the master is whichever
    ///     the department works).
    ///   - master: the request that stays open and carries the work.
    ///   - note: what the duplicate's resident is told; by default that the problem was already
    ///     reported under the master's ticket and that they will hear when it is resolved.
    ///   - participant: a call-taker, the department holding both, or a supervisor.
    /// - Throws: ``ValidationError`` (field `master`) for a request merged into itself, a master
    ///   that is not open, or one of an unrelated service type; (field `duplicate`) for a
    ///   duplicate merged into another request, or one with duplicates of its own (merge those
    ///   into the master first); (field `note`) for a blank or oversized note;
    ///   ``LifecycleError`` when the duplicate is not open; ``AuthorizationError`` unless
    ///   `participant` may merge both (``RequestOperation/mergeDuplicate``); ``StorageError``
    ///   (``StorageError/Code/notFound`` for an unknown ticket). Nothing is written when the
    ///   checks fail.
    @discardableResult
    public func linkDuplicate(
        _ duplicate: TicketNumber,
        to master: TicketNumber,
        note: String? = nil,
        by participant: Participant
    ) async throws -> DuplicateMerge {
        guard duplicate != master else {
            throw ValidationError(.invalidValue, field: "master", reason: "a request cannot be its own duplicate")
        }
        let note =
            note
            ?? "This problem was already reported as \(master). Your report was added to it, "
            + "and you will hear from us when it is resolved."
        try ServiceRequestDraft.checkText(note, field: "note")
        let first = try await existing(duplicate, for: participant, .mergeDuplicate)
        let target = try await existing(master, for: participant, .mergeDuplicate)
        try AccessPolicy.authorize(participant, .mergeDuplicate, on: first, in: jurisdiction)
        try AccessPolicy.authorize(participant, .mergeDuplicate, on: target, in: jurisdiction)
        try checkRelated(first, target)
        // A merge into this master that stopped halfway; a request closed as its duplicate the
        // plain way (``close(_:reason:note:caller:by:)``) is no merge and is refused below.
        var resuming = false
        if first.master == master { resuming = try await stateBeforeMerge(of: duplicate) != nil }
        if !resuming {
            guard target.state.isOpen else {
                throw ValidationError(
                    .invalidValue,
                    field: "master",
                    reason: "\(master) is \(target.state.rawValue); merge into an open request"
                )
            }
            // Fail before writing anything if the service level cannot be restated.
            _ = try restatedServiceLevel(of: target, reports: [first.createdAt])
        }
        let merged: ServiceRequest
        if resuming {
            merged = first
        } else {
            merged = try await change(duplicate, .mergeDuplicate, by: participant) { request in
                try Self.checkMergeable(request, into: master)
                return (.mergedInto(master: master, note: note), .public)
            }
        }
        let history = try await store.events(for: duplicate)
        let mergedAt = history.lastIndex { if case .mergedInto = $0.change { true } else { false } } ?? history.endIndex
        let moving = [merged.submitter].compactMap { $0 } + Self.followers(in: history[..<mergedAt])
        let linked = try await changeOnce(master, by: participant) { request, masterHistory in
            guard !request.duplicates.contains(duplicate) else { return nil }
            let hearing =
                (request.submitter?.identities ?? []) + Self.followers(in: masterHistory).flatMap(\.identities)
            var followers: [Submitter] = []
            for resident in moving where !resident.identities.isEmpty {
                let known = hearing + followers.flatMap(\.identities)
                if !resident.identities.contains(where: known.contains) { followers.append(resident) }
            }
            let reports = Self.linkedReports(in: masterHistory).map(\.reportedAt) + [merged.createdAt]
            return .duplicateLinked(
                DuplicateLink(
                    duplicate: duplicate,
                    reportedAt: merged.createdAt,
                    followers: followers,
                    serviceLevel: try self.restatedServiceLevel(of: request, reports: reports)
                )
            )
        }
        return DuplicateMerge(duplicate: merged, master: linked)
    }

    /// Undoes ``linkDuplicate(_:to:note:by:)``: the master loses the link, the residents the
    /// duplicate brought and its "me too", and its service level is restated from the reports
    /// still merged (the intake's when none is earlier); the duplicate is back in the state it was
    /// merged from, as it was, with `reason` in its history. A merge that stopped halfway is
    /// undone too.
    ///
    /// - Throws: ``ValidationError`` (field `duplicate`) when the request is not merged into
    ///   another, (field `reason`) for a blank or oversized reason; ``AuthorizationError`` unless
    ///   `participant` may merge both; ``StorageError`` (``StorageError/Code/notFound`` for an
    ///   unknown ticket). Nothing is written when the checks fail.
    @discardableResult
    public func unlinkDuplicate(
        _ duplicate: TicketNumber,
        reason: String,
        by participant: Participant
    ) async throws -> DuplicateMerge {
        try ServiceRequestDraft.checkText(reason, field: "reason")
        let first = try await existing(duplicate, for: participant, .mergeDuplicate)
        guard let master = first.master, let restoring = try await stateBeforeMerge(of: duplicate) else {
            throw ValidationError(
                .invalidValue,
                field: "duplicate",
                reason: "\(duplicate) is not merged into another request"
            )
        }
        let target = try await existing(master, for: participant, .mergeDuplicate)
        try AccessPolicy.authorize(participant, .mergeDuplicate, on: first, in: jurisdiction)
        try AccessPolicy.authorize(participant, .mergeDuplicate, on: target, in: jurisdiction)
        let unlinked = try await changeOnce(master, by: participant) { request, history in
            let reports = Self.linkedReports(in: history)
            guard let link = reports.last(where: { $0.duplicate == duplicate }) else { return nil }
            let remaining = reports.filter { $0.duplicate != duplicate }.map(\.reportedAt)
            return .duplicateUnlinked(
                DuplicateLink(
                    duplicate: duplicate,
                    reportedAt: link.reportedAt,
                    followers: link.followers,
                    serviceLevel: try self.restatedServiceLevel(of: request, reports: remaining)
                )
            )
        }
        let restored = try await change(duplicate, .mergeDuplicate, by: participant) { request in
            guard request.master == master else {
                throw ValidationError(
                    .invalidValue,
                    field: "duplicate",
                    reason: "\(duplicate) is not merged into \(master)"
                )
            }
            return (.unmerged(from: master, reason: reason, restoring: restoring), .public)
        }
        return DuplicateMerge(duplicate: restored, master: unlinked)
    }

    // MARK: Internals

    /// The links a master's history holds now, oldest first.
    static func linkedReports(in history: some Sequence<RequestEvent>) -> [DuplicateLink] {
        var links: [DuplicateLink] = []
        for event in history {
            switch event.change {
            case .duplicateLinked(let link): links.append(link)
            case .duplicateUnlinked(let link): links.removeAll { $0.duplicate == link.duplicate }
            default: break
            }
        }
        return links
    }

    /// The master's service level counted from the earliest of its own report and `reports`, or
    /// `nil` when its own is the earliest: the policy that made its intake commitment, at the
    /// department and priority intake gave it.
    private func restatedServiceLevel(of master: ServiceRequest, reports: [Date]) throws -> ServiceLevelCommitment? {
        guard let earliest = reports.min(), earliest < master.createdAt else { return nil }
        guard let serviceType = jurisdiction.serviceType(master.serviceType) else {
            throw ValidationError(
                .unknownReference,
                field: "master",
                reason: "\(master.ticket)'s service type \(master.serviceType) is no longer in the catalog"
            )
        }
        return try serviceLevels.commitment(
            for: serviceType,
            priority: master.opening.priority,
            department: master.opening.routing.department,
            receivedAt: earliest
        )
    }

    /// The state the duplicate was merged from, read from its last merge; `nil` if it has none.
    private func stateBeforeMerge(of ticket: TicketNumber) async throws -> RequestState? {
        try await store.events(for: ticket).last { if case .mergedInto = $0.change { true } else { false } }?.fromState
    }

    /// Both requests report the same kind of problem: the same service type, or one's rule names
    /// the other's as related.
    private func checkRelated(_ duplicate: ServiceRequest, _ master: ServiceRequest) throws(ValidationError) {
        let (one, other) = (duplicate.serviceType, master.serviceType)
        guard one != other else { return }
        let related = { (code: ServiceTypeCode, to: ServiceTypeCode) in
            self.jurisdiction.serviceType(code)?.duplicates?.related.contains(to) == true
        }
        guard related(one, other) || related(other, one) else {
            throw ValidationError(
                .invalidValue,
                field: "master",
                reason: "\(other) is not \(one) or a service type related to it; they are not the same problem"
            )
        }
    }

    /// A duplicate must be open, merged nowhere, and no master itself.
    private static func checkMergeable(_ request: ServiceRequest, into master: TicketNumber) throws {
        if let other = request.master {
            throw ValidationError(
                .invalidValue,
                field: "duplicate",
                reason: "\(request.ticket) is already closed as a duplicate of \(other)"
            )
        }
        guard request.state.isOpen else {
            throw LifecycleError(
                .transitionNotAllowed,
                from: request.state,
                to: .closed,
                reason:
                    "only an open request can be merged as a duplicate, \(request.ticket) is \(request.state.rawValue)"
            )
        }
        guard request.meTooCount == 0 else {
            throw ValidationError(
                .invalidValue,
                field: "duplicate",
                reason: "\(request.ticket) has \(request.meTooCount) duplicates merged into it; "
                    + "merge those into \(master) first"
            )
        }
    }

    /// Appends the internal change `makeChange` builds from the request and its history, or
    /// nothing when it builds none (already recorded): the request as it is then.
    private func changeOnce(
        _ ticket: TicketNumber,
        by participant: Participant,
        _ makeChange: @escaping (ServiceRequest, [RequestEvent]) throws -> RequestChange?
    ) async throws -> ServiceRequest {
        do {
            return try await change(ticket, .mergeDuplicate, by: participant) { request, history in
                guard let change = try makeChange(request, history) else { throw NothingToRecord(request: request) }
                return (change, .internal)
            }
        } catch let nothing as NothingToRecord {
            return nothing.request
        }
    }
}
