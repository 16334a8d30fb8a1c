extension ServiceRequestDraft: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        // Sorted by question, so the printed form is the same in every run.
        let answers = self.answers.sorted { $0.key < $1.key }.map {
            (question: $0.key, value: disclosure.value($0.value))
        }
        return Mirror(
            self,
            children: [
                "serviceType": serviceType, "kind": kind, "description": disclosure.text(description),
                "location": location as Any, "answers": answers, "submitter": disclosure.value(submitter),
                "channel": channel, "agent": agent as Any, "priority": priority,
                "clientRequestID": clientRequestID as Any,
            ],
            displayStyle: .struct
        )
    }
}

// `description` is the draft's own text, so the printed form is `debugDescription`.
extension ServiceRequestDraft: CustomDebugStringConvertible, CustomReflectable {
    /// The draft with the submitter, answers' text and the description redacted: a refused draft
    /// is the value most likely to be logged.
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The draft printed with its personal data.
    public var unredacted: Unredacted { Unredacted(self) }
}

extension RoutingInput: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(
            self,
            children: [
                "serviceType": serviceType.id, "description": disclosure.text(description),
                "location": location as Any, "answers": disclosure.values(answers), "channel": channel,
                "receivedAt": receivedAt, "excluded": excluded.sorted(),
            ],
            displayStyle: .struct
        )
    }
}

// `description` is the request's own text, so the printed form is `debugDescription`.
extension RoutingInput: CustomDebugStringConvertible, CustomReflectable {
    /// The input with the description and answers' text redacted, for routers that log.
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The input printed with its free text.
    public var unredacted: Unredacted { Unredacted(self) }
}

extension ContactDraft.Purpose: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        let children: KeyValuePairs<String, Any> =
            switch self {
            case .information(let article): ["information": article]
            case .referral(let referral): ["referral": referral]
            case .followUp(let ticket, let kind, let note): ["followUp": (ticket, kind, note: disclosure.text(note))]
            }
        return Mirror(self, children: children, displayStyle: .enum)
    }
}

extension ContactDraft.Purpose: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The purpose with a follow-up's note redacted.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The purpose printed with a follow-up's note.
    public var unredacted: Unredacted { Unredacted(self) }
}

extension ContactDraft: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(
            self,
            children: ["purpose": disclosure.value(purpose), "channel": channel, "agent": agent as Any],
            displayStyle: .struct
        )
    }
}

extension ContactDraft: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The draft printed with a follow-up's note.
    public var unredacted: Unredacted { Unredacted(self) }
}
