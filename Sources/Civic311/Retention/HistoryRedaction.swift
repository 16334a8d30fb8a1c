/// What to remove from one request's stored history, as a pure rewrite of its events.
///
/// Erasure (``erasing(_:)-(ContactIdentity)``) and retention (``retention(_:)``) rewrite history that is otherwise
/// append-only, so every store must rewrite it the same way: each calls
/// ``apply(to:recording:expectedVersion:)``, which redacts the events with ``redacting(_:)``,
/// checks the event recording the redaction and folds the result into the new snapshot.
///
/// A rewritten event keeps its ticket, sequence number, time, states and visibility, so the
/// request's public history (what happened, when, and the public notes) is unchanged; only
/// personal data and the classes named go:
///
/// - a removed resident (submitter or follower) becomes no one: an anonymous request, a follower
///   with no name, e-mail address or phone number; a resident who acted becomes an anonymous
///   resident, and the client request ID of a request they opened is dropped with them (it is
///   kept under their identity);
/// - the removed residents' names, e-mail addresses and phone numbers are replaced in the free
///   text residents and staff write (description, text answers, notes, hold, resolution,
///   closing, reopening and merge notes, survey comments) as the ``PersonalDataScrubber`` does;
/// - ``RetentionDataClass/internalNotes`` replaces internal note text with ``removedNoteText``;
/// - ``RetentionDataClass/surveyComments`` removes survey comments.
///
/// Redacting a redacted history changes nothing, which is what makes retention idempotent.
public struct HistoryRedaction: Hashable, Sendable {
    /// Why the history is redacted, which says which event may record it.
    public enum Purpose: Hashable, Sendable {
        /// One resident's erasure, recorded by ``RequestChange/personalDataErased(rewritten:)``.
        case erasure
        /// A retention schedule's class, recorded by ``RequestChange/retentionApplied(_:rewritten:)``.
        case retention(RetentionDataClass)
        /// A subject-access export leaving out everyone but its subject; never recorded.
        case export
    }

    /// Which residents are removed: one person known by any of their identities, everyone, or
    /// everyone but one person.
    enum Residents: Hashable, Sendable {
        case none
        case one(Set<ContactIdentity>)
        case all
        case allBut(Set<ContactIdentity>)
    }

    public let purpose: Purpose
    let residents: Residents

    /// The text an internal note removed by retention reads.
    public static var removedNoteText: String { "(internal note removed by the retention schedule)" }

    /// Removes the resident with `identity` (however spelled) wherever they appear.
    ///
    /// A submitter or follower who gave `identity` and another one is the same person, so a
    /// resident who acted with the other one, or appears with it alone, is removed too.
    public static func erasing(_ identity: ContactIdentity) -> HistoryRedaction {
        erasing([identity])
    }

    /// Removes the one resident known by all of `identities`, as the single-identity form does
    /// for one of them: what ``ServiceCenter/erasePersonalData(of:by:)`` uses once it has
    /// found every identity the resident gave across the store.
    public static func erasing(_ identities: Set<ContactIdentity>) -> HistoryRedaction {
        HistoryRedaction(purpose: .erasure, residents: .one(identities))
    }

    /// Removes `dataClass` as its retention period's end requires.
    public static func retention(_ dataClass: RetentionDataClass) -> HistoryRedaction {
        HistoryRedaction(purpose: .retention(dataClass), residents: dataClass == .residentIdentity ? .all : .none)
    }

    /// Removes every resident but the one known by `identities`: what that resident may be shown.
    static func keepingOnly(_ identities: Set<ContactIdentity>) -> HistoryRedaction {
        HistoryRedaction(purpose: .export, residents: .allBut(identities))
    }

    /// The history with the data removed, event for event: the same count, the same sequence
    /// numbers, an event unchanged where it held nothing to remove.
    public func redacting(_ history: [RequestEvent]) -> [RequestEvent] {
        let linked = linkedResidents(in: history)
        let scrubbed = linked.removedResidents(in: history)
        return history.map { linked.redacting($0, scrubbing: scrubbed) }
    }

    /// The sequence numbers of the events ``redacting(_:)`` changes, ascending; empty when there
    /// is nothing to remove.
    public func rewrittenSequences(in history: [RequestEvent]) -> [Int] {
        zip(history, redacting(history)).compactMap { $0 == $1 ? nil : $0.sequence }
    }

    // MARK: Residents

    /// Every identity of the person known by `identities` that `history` shows: a submitter or
    /// follower who gave one of them and another gave both.
    public static func identities(
        linkedTo identities: Set<ContactIdentity>,
        in history: [RequestEvent]
    ) -> Set<ContactIdentity> {
        var people: [Submitter] = []
        for event in history {
            switch event.change {
            case .opened(let opening): if let submitter = opening.submitter { people.append(submitter) }
            case .followerAdded(let follower), .followerRemoved(let follower): people.append(follower)
            case .duplicateLinked(let link), .duplicateUnlinked(let link): people += link.followers
            default: break
            }
        }
        var linked = identities
        var grew = true
        while grew {
            grew = false
            for person in people {
                let own = Set(person.identities)
                if !own.isDisjoint(with: linked), !own.isSubset(of: linked) {
                    linked.formUnion(own)
                    grew = true
                }
            }
        }
        return linked
    }

    /// This redaction with its one person's identities completed from `history`.
    private func linkedResidents(in history: [RequestEvent]) -> HistoryRedaction {
        switch residents {
        case .none, .all: self
        case .one(let identities):
            HistoryRedaction(purpose: purpose, residents: .one(Self.identities(linkedTo: identities, in: history)))
        case .allBut(let identities):
            HistoryRedaction(purpose: purpose, residents: .allBut(Self.identities(linkedTo: identities, in: history)))
        }
    }

    /// Whether `person` (a submitter or a follower) is removed.
    func removes(_ person: Submitter) -> Bool {
        switch residents {
        case .none: false
        case .one(let identities): person.identities.contains(where: identities.contains)
        case .all: person != Submitter()
        case .allBut(let identities): person != Submitter() && !person.identities.contains(where: identities.contains)
        }
    }

    /// Whether a resident who acted with `id` is removed; an identity that does not parse is
    /// removed with everyone when all are, or everyone but one.
    private func removes(actor id: ResidentID) -> Bool {
        let identity = ContactIdentity(id.rawValue)
        switch residents {
        case .none: return false
        case .one(let erased): return identity.map(erased.contains) ?? false
        case .all: return true
        case .allBut(let kept): return !(identity.map(kept.contains) ?? false)
        }
    }

    /// The removed residents of a history, whose details are scrubbed from its free text. For an
    /// erasure the identities themselves are among them, so a mention of a resident who is
    /// neither submitter nor follower is scrubbed too.
    private func removedResidents(in history: [RequestEvent]) -> [Submitter] {
        var people: [Submitter] = []
        func consider(_ person: Submitter?) {
            guard let person, removes(person), !people.contains(person) else { return }
            people.append(person)
        }
        for event in history {
            switch event.change {
            case .opened(let opening): consider(opening.submitter)
            case .followerAdded(let follower), .followerRemoved(let follower): consider(follower)
            case .duplicateLinked(let link), .duplicateUnlinked(let link): link.followers.forEach(consider)
            default: break
            }
        }
        if case .one(let identities) = residents {
            for identity in identities.sorted(by: { $0.normalized < $1.normalized }) {
                let named =
                    identity.kind == .email
                    ? Submitter(email: identity.normalized) : Submitter(phone: identity.normalized)
                if !people.contains(named) { people.append(named) }
            }
        }
        return people
    }

    // MARK: Events

    private func redacting(_ event: RequestEvent, scrubbing people: [Submitter]) -> RequestEvent {
        var actor = event.actor
        if case .resident(let id?) = actor, removes(actor: id) { actor = .resident(nil) }
        let change = redacting(event.change, visibility: event.visibility, actorRemoved: actor != event.actor, people)
        guard actor != event.actor || change != event.change else { return event }
        return RequestEvent(
            ticket: event.ticket,
            sequence: event.sequence,
            recordedAt: event.recordedAt,
            actor: actor,
            change: change,
            fromState: event.fromState,
            toState: event.toState,
            visibility: event.visibility
        )
    }

    private func redacting(
        _ change: RequestChange,
        visibility: Visibility,
        actorRemoved: Bool,
        _ people: [Submitter]
    ) -> RequestChange {
        func scrub(_ text: String) -> String {
            people.reduce(text) { text, person in Self.scrubber.scrub(text, submitter: person) }
        }
        let dropsInternal = purpose == .retention(.internalNotes) && visibility == .internal
        switch change {
        case .opened(let opening):
            return .opened(redacting(opening, actorRemoved: actorRemoved, scrub))
        case .putOnHold(let reason): return .putOnHold(reason: scrub(reason))
        case .resolved(let note): return .resolved(note: scrub(note))
        case .closed(let closure): return .closed(Closure(reason: closure.reason, note: scrub(closure.note)))
        case .reopened(let reason): return .reopened(reason: dropsInternal ? Self.removedNoteText : scrub(reason))
        case .noteAdded(let text): return .noteAdded(dropsInternal ? Self.removedNoteText : scrub(text))
        case .mergedInto(let master, let note): return .mergedInto(master: master, note: scrub(note))
        case .surveyAnswered(let response):
            let comment = purpose == .retention(.surveyComments) ? nil : response.comment.map(scrub)
            return .surveyAnswered(SurveyResponse(checked: response, comment: comment))
        case .followerAdded(let follower): return .followerAdded(removes(follower) ? Submitter() : follower)
        case .followerRemoved(let follower): return .followerRemoved(removes(follower) ? Submitter() : follower)
        case .duplicateLinked(let link): return .duplicateLinked(redacting(link))
        case .duplicateUnlinked(let link): return .duplicateUnlinked(redacting(link))
        case .accepted, .started, .resumed, .returned, .reassigned, .externalReferenceAdded, .linked,
            .priorityChanged, .escalated, .delivery, .backOfficeUpdate, .unmerged, .personalDataErased,
            .retentionApplied:
            // Department and system text and bookkeeping: no resident writes it.
            return change
        }
    }

    private func redacting(
        _ opening: RequestOpening,
        actorRemoved: Bool,
        _ scrub: (String) -> String
    ) -> RequestOpening {
        let submitter = opening.submitter.flatMap { removes($0) ? nil : $0 }
        let answers = opening.answers.map { answer in
            guard case .text(let text) = answer.value else { return answer }
            return Answer(question: answer.question, value: .text(scrub(text)))
        }
        let description = scrub(opening.description)
        let clientRequestID = actorRemoved ? nil : opening.clientRequestID
        guard
            submitter != opening.submitter || answers != opening.answers || description != opening.description
                || clientRequestID != opening.clientRequestID
        else { return opening }
        return RequestOpening(
            serviceType: opening.serviceType,
            kind: opening.kind,
            description: description,
            location: opening.location,
            answers: answers,
            submitter: submitter,
            channel: opening.channel,
            agent: opening.agent,
            priority: opening.priority,
            routing: opening.routing,
            serviceLevel: opening.serviceLevel,
            clientRequestID: clientRequestID
        )
    }

    private func redacting(_ link: DuplicateLink) -> DuplicateLink {
        DuplicateLink(
            duplicate: link.duplicate,
            reportedAt: link.reportedAt,
            followers: link.followers.map { removes($0) ? Submitter() : $0 },
            serviceLevel: link.serviceLevel
        )
    }

    /// Replaces the removed residents' own details only: other numbers and addresses in a note
    /// (a contractor's, a department's) are the department's business.
    private static let scrubber = PersonalDataScrubber(rules: .submitterDetails)
}

extension SurveyResponse {
    /// A response already checked, with another comment (removed, or scrubbed of a name).
    init(checked response: SurveyResponse, comment: String?) {
        satisfaction = response.satisfaction
        wasFixed = response.wasFixed
        self.comment = comment
    }
}
