extension RequestChange: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        let payload: Any? =
            switch self {
            case .opened(let opening): disclosure.value(opening)
            case .accepted, .started, .resumed: nil
            case .putOnHold(let reason): disclosure.text(reason)
            case .resolved(let note): disclosure.text(note)
            case .closed(let closure): disclosure.value(closure)
            case .reopened(let reason): disclosure.text(reason)
            case .returned(let reason, let reroutedTo, let explanation):
                (reason: disclosure.text(reason), reroutedTo: reroutedTo, explanation: explanation)
            case .reassigned(let to, let reason): (to: to, reason: disclosure.text(reason))
            case .noteAdded(let text): disclosure.text(text)
            case .externalReferenceAdded(let reference): reference
            case .linked(let link): link
            case .priorityChanged(let priority): priority
            case .escalated(let escalation): escalation
            case .delivery(let record):
                switch record.outcome {
                // The reason is the back office's message, free text that may echo personal data.
                case .deadLettered(let sequence, let attempts, let reason):
                    (
                        destination: record.destination, deadLettered: sequence, attempts: attempts,
                        reason: disclosure.text(reason)
                    )
                case .redelivered(let through): (destination: record.destination, redeliveredThrough: through)
                }
            case .backOfficeUpdate(let record):
                (
                    system: record.system, key: record.key, status: record.status, note: disclosure.text(record.note),
                    sentAt: record.sentAt, disposition: Self.words(record.disposition, disclosure)
                )
            case .followerAdded(let follower), .followerRemoved(let follower): disclosure.value(follower)
            case .mergedInto(let master, let note): (master: master, note: disclosure.text(note))
            case .unmerged(let master, let reason, let restoring):
                (from: master, reason: disclosure.text(reason), restoring: restoring)
            case .duplicateLinked(let link), .duplicateUnlinked(let link):
                (
                    duplicate: link.duplicate, reportedAt: link.reportedAt,
                    followers: link.followers.map { disclosure.value($0) }, serviceLevel: link.serviceLevel as Any
                )
            case .personalDataErased(let rewritten): rewritten
            case .retentionApplied(let dataClass, let rewritten): (dataClass: dataClass, rewritten: rewritten)
            case .surveyAnswered(let response):
                (
                    satisfaction: response.satisfaction, wasFixed: response.wasFixed,
                    comment: response.comment.map { disclosure.text($0) } as Any
                )
            }
        let children: KeyValuePairs<String, Any> = payload.map { [caseName: $0] } ?? [:]
        return Mirror(self, children: children, displayStyle: .enum)
    }

    func rendered(_ disclosure: Disclosure) -> String {
        fields(disclosure).children.isEmpty ? "RequestChange.\(caseName)" : renderedFields(disclosure)
    }

    private var caseName: String {
        switch self {
        case .opened: "opened"
        case .accepted: "accepted"
        case .started: "started"
        case .putOnHold: "putOnHold"
        case .resumed: "resumed"
        case .resolved: "resolved"
        case .closed: "closed"
        case .reopened: "reopened"
        case .returned: "returned"
        case .reassigned: "reassigned"
        case .noteAdded: "noteAdded"
        case .externalReferenceAdded: "externalReferenceAdded"
        case .linked: "linked"
        case .priorityChanged: "priorityChanged"
        case .escalated: "escalated"
        case .delivery: "delivery"
        case .backOfficeUpdate: "backOfficeUpdate"
        case .surveyAnswered: "surveyAnswered"
        case .followerAdded: "followerAdded"
        case .followerRemoved: "followerRemoved"
        case .mergedInto: "mergedInto"
        case .unmerged: "unmerged"
        case .duplicateLinked: "duplicateLinked"
        case .duplicateUnlinked: "duplicateUnlinked"
        case .personalDataErased: "personalDataErased"
        case .retentionApplied: "retentionApplied"
        }
    }

    private static func words(_ disposition: BackOfficeUpdateRecord.Disposition, _ disclosure: Disclosure) -> Any {
        switch disposition {
        case .applied: "applied"
        case .stale: "stale"
        // The reason may quote the back office's note.
        case .parked(let reason): ["parked": disclosure.text(reason)]
        }
    }
}

extension RequestChange: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The change with every free text (notes, reasons, the opening's personal data) redacted.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The change printed with its personal data and free text.
    public var unredacted: Unredacted { Unredacted(self) }
}
